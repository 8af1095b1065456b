//! Writing an HTTP/1.1 request as Swoole's coroutine HTTP client does:
//! `Host` first, the caller's headers in order (a `Content-Length` of theirs
//! is replaced by the real one), `Authorization` for basic auth, a
//! `Connection` header unless they set one, `Accept-Encoding` when
//! compression is on, `Cookie`, then the body: raw, url-encoded form, or
//! multipart with files read from disk by the caller (`Segment::File`).

/// Swoole's multipart boundary prefix; 21 random characters follow.
const BOUNDARY_PREFIX: &str = "----SwooleBoundary";
/// Random characters after the prefix (SW_HTTP_CLIENT_BOUNDARY_TOTAL_SIZE 39).
const BOUNDARY_RANDOM: usize = 21;

/// One part of a multipart upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The form field name.
    pub name: Vec<u8>,
    /// The file name sent.
    pub filename: Vec<u8>,
    /// Its Content-Type.
    pub mime: Vec<u8>,
    /// Where its bytes come from.
    pub source: Source,
}

/// The bytes of a file part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// In memory (`addData`).
    Memory(Vec<u8>),
    /// `size` bytes of a file from `offset` (`addFile`).
    Disk {
        /// The file.
        path: Vec<u8>,
        /// Where to start.
        offset: u64,
        /// How many bytes.
        size: u64,
    },
}

impl Source {
    fn len(&self) -> u64 {
        match self {
            Source::Memory(b) => b.len() as u64,
            Source::Disk { size, .. } => *size,
        }
    }
}

/// The request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// None.
    None,
    /// Sent as it is.
    Raw(Vec<u8>),
    /// Already url-encoded form fields (`application/x-www-form-urlencoded`).
    Form(Vec<u8>),
    /// `multipart/form-data`: plain fields, then files.
    Multipart {
        /// The boundary (see `boundary()`).
        boundary: String,
        /// Plain fields.
        fields: Vec<(Vec<u8>, Vec<u8>)>,
        /// Files.
        files: Vec<FilePart>,
    },
}

/// What to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Vec<u8>,
    /// The request target.
    pub path: Vec<u8>,
    /// The `Host` value when the caller set none.
    pub host: Vec<u8>,
    /// The caller's headers, in order.
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// `Basic …` for Authorization.
    pub basic_auth: Option<String>,
    /// Ask for keep-alive.
    pub keep_alive: bool,
    /// Offer gzip, deflate and br (`http_compression`).
    pub accept_encoding: bool,
    /// Cookies, when set (values are url-encoded here).
    pub cookies: Option<Vec<(Vec<u8>, Vec<u8>)>>,
    /// The body.
    pub body: Body,
}

/// A piece of the bytes to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// These bytes.
    Bytes(Vec<u8>),
    /// `size` bytes of a file from `offset`.
    File {
        /// The file.
        path: Vec<u8>,
        /// Where to start.
        offset: u64,
        /// How many bytes.
        size: u64,
    },
}

/// The written request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// What to send, in order (the first segment holds the whole head).
    pub segments: Vec<Segment>,
    /// False when the caller's `Connection: close` turned keep-alive off.
    pub keep_alive: bool,
}

/// A fresh multipart boundary from `random` bytes (any source).
pub fn boundary(random: &[u8]) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut s = String::with_capacity(BOUNDARY_PREFIX.len() + BOUNDARY_RANDOM);
    s.push_str(BOUNDARY_PREFIX);
    for i in 0..BOUNDARY_RANDOM {
        let b = random.get(i).copied().unwrap_or(i as u8);
        s.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
    }
    s
}

/// PHP's `urlencode()`: what Swoole applies to cookie values.
pub fn urlencode(s: &[u8], out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b),
            b' ' => out.push(b'+'),
            _ => out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]),
        }
    }
}

fn header(out: &mut Vec<u8>, name: &[u8], value: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

fn content_length(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(format!("Content-Length: {n}\r\n\r\n").as_bytes());
}

fn field_head(boundary: &str, name: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(64 + name.len());
    v.extend_from_slice(b"--");
    v.extend_from_slice(boundary.as_bytes());
    v.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
    v.extend_from_slice(name);
    v.extend_from_slice(b"\"\r\n\r\n");
    v
}

fn file_head(boundary: &str, f: &FilePart) -> Vec<u8> {
    let mut v = Vec::with_capacity(96 + f.name.len() + f.filename.len() + f.mime.len());
    v.extend_from_slice(b"--");
    v.extend_from_slice(boundary.as_bytes());
    v.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
    v.extend_from_slice(&f.name);
    v.extend_from_slice(b"\"; filename=\"");
    v.extend_from_slice(&f.filename);
    v.extend_from_slice(b"\"\r\nContent-Type: ");
    v.extend_from_slice(&f.mime);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

/// Writes `req`.
pub fn write(req: &Request) -> Written {
    let mut keep_alive = req.keep_alive;
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(&req.method);
    out.push(b' ');
    out.extend_from_slice(&req.path);
    out.extend_from_slice(b" HTTP/1.1\r\n");
    // Host first (RFC 7230 5.4): the caller's when exactly "Host"/"host".
    let own_host = req
        .headers
        .iter()
        .find(|(n, _)| n == b"Host")
        .or_else(|| req.headers.iter().find(|(n, _)| n == b"host"));
    header(
        &mut out,
        b"Host",
        own_host.map_or(&req.host[..], |(_, v)| &v[..]),
    );
    let (mut has_length, mut has_connection, mut has_encoding) = (false, false, false);
    for (name, value) in &req.headers {
        if name.eq_ignore_ascii_case(b"host") {
            continue;
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            has_length = true;
            continue;
        }
        if name.eq_ignore_ascii_case(b"accept-encoding") {
            has_encoding = true;
        }
        header(&mut out, name, value);
        if name.eq_ignore_ascii_case(b"connection") {
            has_connection = true;
            if value.eq_ignore_ascii_case(b"close") {
                keep_alive = false;
            }
        }
    }
    if let Some(auth) = &req.basic_auth {
        header(&mut out, b"Authorization", auth.as_bytes());
    }
    if !has_connection {
        // "closed" is what Swoole sends.
        let v: &[u8] = if keep_alive { b"keep-alive" } else { b"closed" };
        header(&mut out, b"Connection", v);
    }
    if req.accept_encoding && !has_encoding {
        header(&mut out, b"Accept-Encoding", b"gzip, deflate, br");
    }
    if let Some(cookies) = &req.cookies {
        out.extend_from_slice(b"Cookie: ");
        let mut first = true;
        for (k, v) in cookies {
            if v.is_empty() {
                continue;
            }
            if !first {
                out.extend_from_slice(b"; ");
            }
            first = false;
            out.extend_from_slice(k);
            out.push(b'=');
            urlencode(v, &mut out);
        }
        out.extend_from_slice(b"\r\n");
    }
    let mut segments = Vec::new();
    match &req.body {
        Body::None => {
            if has_length {
                content_length(&mut out, 0);
            } else {
                out.extend_from_slice(b"\r\n");
            }
            segments.push(Segment::Bytes(out));
        }
        Body::Raw(b) | Body::Form(b) => {
            if matches!(req.body, Body::Form(_)) {
                header(
                    &mut out,
                    b"Content-Type",
                    b"application/x-www-form-urlencoded",
                );
            }
            content_length(&mut out, b.len() as u64);
            out.extend_from_slice(b);
            segments.push(Segment::Bytes(out));
        }
        Body::Multipart {
            boundary,
            fields,
            files,
        } => {
            header(
                &mut out,
                b"Content-Type",
                format!("multipart/form-data; boundary={boundary}").as_bytes(),
            );
            let mut parts: Vec<Vec<u8>> = Vec::new();
            let mut total: u64 = 0;
            for (k, v) in fields {
                let mut p = field_head(boundary, k);
                p.extend_from_slice(v);
                p.extend_from_slice(b"\r\n");
                total = total.saturating_add(p.len() as u64);
                parts.push(p);
            }
            let heads: Vec<Vec<u8>> = files.iter().map(|f| file_head(boundary, f)).collect();
            for (h, f) in heads.iter().zip(files) {
                total = total
                    .saturating_add(h.len() as u64)
                    .saturating_add(f.source.len())
                    .saturating_add(2);
            }
            let tail = format!("--{boundary}--\r\n").into_bytes();
            total = total.saturating_add(tail.len() as u64);
            content_length(&mut out, total);
            for p in parts {
                out.extend_from_slice(&p);
            }
            for (h, f) in heads.into_iter().zip(files) {
                out.extend_from_slice(&h);
                match &f.source {
                    Source::Memory(b) => {
                        out.extend_from_slice(b);
                        out.extend_from_slice(b"\r\n");
                    }
                    Source::Disk { path, offset, size } => {
                        segments.push(Segment::Bytes(std::mem::take(&mut out)));
                        segments.push(Segment::File {
                            path: path.clone(),
                            offset: *offset,
                            size: *size,
                        });
                        out.extend_from_slice(b"\r\n");
                    }
                }
            }
            out.extend_from_slice(&tail);
            segments.push(Segment::Bytes(out));
        }
    }
    Written {
        segments,
        keep_alive,
    }
}
