//! Parsing a request head and framing its body.
//!
//! Invariants: header names come out lower-cased (Swoole's `$request->header`);
//! a head larger than `MAX_HEAD` or with more than `MAX_HEADERS` headers is a
//! bad request; a body is either `Content-Length` bytes or chunked
//! (`Transfer-Encoding: chunked`), never both.

use std::ops::Range;

/// Largest request head accepted.
pub const MAX_HEAD: usize = 64 * 1024;
/// Most headers accepted.
pub const MAX_HEADERS: usize = 100;

/// Why a request could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Malformed: answer 400 and close.
    Bad(&'static str),
    /// Larger than allowed: answer 413 and close.
    TooLarge,
}

/// How the body is framed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Exactly this many bytes follow the head.
    Length(usize),
    /// Chunked transfer coding.
    Chunked,
}

/// A parsed request head. Method, target and headers live in one string
/// (`text`) addressed by ranges: two allocations per request, not one per
/// header name and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// Method, target, lower-cased header names and values, back to back.
    text: String,
    /// Method (as sent).
    method: Range<usize>,
    /// Request target (path and query).
    uri: Range<usize>,
    /// Path part of the target.
    path: Range<usize>,
    /// Query string (without `?`).
    query: Range<usize>,
    /// Headers (name lower-cased, value), in order.
    header_ranges: Vec<(Range<usize>, Range<usize>)>,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor_version: u8,
    /// Body framing.
    pub body: Body,
    /// Whether the connection stays open after this request.
    pub keep_alive: bool,
    /// Bytes the head took.
    pub head_len: usize,
}

impl Head {
    /// The method, as sent.
    pub fn method(&self) -> &str {
        &self.text[self.method.clone()]
    }

    /// The request target.
    pub fn uri(&self) -> &str {
        &self.text[self.uri.clone()]
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        &self.text[self.path.clone()]
    }

    /// The query string (empty when none).
    pub fn query(&self) -> &str {
        &self.text[self.query.clone()]
    }

    /// Headers as (lower-case name, value), in order.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.header_ranges
            .iter()
            .map(|(k, v)| (&self.text[k.clone()], &self.text[v.clone()]))
    }

    /// How many headers the request has.
    pub fn header_count(&self) -> usize {
        self.header_ranges.len()
    }

    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

/// Parses a request head from the start of `buf`. Ok(None): need more bytes.
/// `max_body` bounds Content-Length (`package_max_length`).
pub fn parse(buf: &[u8], max_body: usize) -> Result<Option<Head>, ParseError> {
    // Uninitialised header slots: no 3 KiB of zeroing per request.
    let mut headers =
        [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut []);
    let status = match req.parse_with_uninit_headers(buf, &mut headers) {
        Ok(s) => s,
        Err(httparse::Error::TooManyHeaders) => return Err(ParseError::Bad("too many headers")),
        Err(_) => return Err(ParseError::Bad("malformed request")),
    };
    let head_len = match status {
        httparse::Status::Partial => {
            if buf.len() > MAX_HEAD {
                return Err(ParseError::Bad("request head too large"));
            }
            return Ok(None);
        }
        httparse::Status::Complete(n) => n,
    };
    let mut text = String::with_capacity(head_len);
    let push = |text: &mut String, s: &str, lower: bool| {
        let start = text.len();
        text.push_str(s);
        if lower {
            text[start..].make_ascii_lowercase();
        }
        start..text.len()
    };
    let method = push(&mut text, req.method.unwrap_or("GET"), false);
    let uri = push(&mut text, req.path.unwrap_or("/"), false);
    let minor_version = req.version.unwrap_or(1);
    let mut header_ranges = Vec::with_capacity(req.headers.len());
    for h in req.headers.iter() {
        let k = push(&mut text, h.name, true);
        let v = push(&mut text, &String::from_utf8_lossy(h.value), false);
        header_ranges.push((k, v));
    }
    let find = |n: &str| {
        header_ranges
            .iter()
            .find(|(k, _)| &text[k.clone()] == n)
            .map(|(_, v)| &text[v.clone()])
    };
    let chunked =
        find("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        if find("content-length").is_some() {
            return Err(ParseError::Bad("both Content-Length and chunked"));
        }
        Body::Chunked
    } else {
        match find("content-length") {
            None => Body::Length(0),
            Some(v) => {
                let n: usize = v
                    .trim()
                    .parse()
                    .map_err(|_| ParseError::Bad("bad Content-Length"))?;
                if n > max_body {
                    return Err(ParseError::TooLarge);
                }
                Body::Length(n)
            }
        }
    };
    let conn = find("connection").map(|v| v.to_ascii_lowercase());
    let keep_alive = match minor_version {
        0 => conn.as_deref().is_some_and(|c| c.contains("keep-alive")),
        _ => !conn.as_deref().is_some_and(|c| c.contains("close")),
    };
    let (path, query) = match text[uri.clone()].find('?') {
        Some(q) => (uri.start..uri.start + q, uri.start + q + 1..uri.end),
        None => (uri.clone(), uri.end..uri.end),
    };
    Ok(Some(Head {
        text,
        method,
        uri,
        path,
        query,
        header_ranges,
        minor_version,
        body,
        keep_alive,
        head_len,
    }))
}

/// Incremental decoder of a chunked body.
#[derive(Debug, Default)]
pub struct Chunked {
    /// Decoded bytes so far.
    pub body: Vec<u8>,
}

impl Chunked {
    /// Decodes from `buf`. Ok(Some(consumed)) when the last chunk and trailer
    /// are complete; Ok(None) when more bytes are needed (nothing consumed).
    pub fn decode(&mut self, buf: &[u8], max_body: usize) -> Result<Option<usize>, ParseError> {
        let mut pos = 0;
        let mut out = Vec::new();
        loop {
            match httparse::parse_chunk_size(&buf[pos..]) {
                Err(_) => return Err(ParseError::Bad("bad chunk size")),
                Ok(httparse::Status::Partial) => return Ok(None),
                Ok(httparse::Status::Complete((n, size))) => {
                    let size = usize::try_from(size).map_err(|_| ParseError::TooLarge)?;
                    pos += n;
                    if size == 0 {
                        // Trailer: skip header lines up to the empty line.
                        loop {
                            let rest = &buf[pos..];
                            let Some(end) = rest.windows(2).position(|w| w == b"\r\n") else {
                                return Ok(None);
                            };
                            pos += end + 2;
                            if end == 0 {
                                self.body.extend_from_slice(&out);
                                return Ok(Some(pos));
                            }
                        }
                    }
                    if self.body.len() + out.len() + size > max_body {
                        return Err(ParseError::TooLarge);
                    }
                    if buf.len() < pos + size + 2 {
                        return Ok(None);
                    }
                    out.extend_from_slice(&buf[pos..pos + size]);
                    if &buf[pos + size..pos + size + 2] != b"\r\n" {
                        return Err(ParseError::Bad("bad chunk terminator"));
                    }
                    pos += size + 2;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_head_query_and_lowercases_headers() {
        let raw = b"GET /a/b?x=1&y=2 HTTP/1.1\r\nHost: h\r\nX-Custom: V\r\n\r\nrest";
        let h = parse(raw, 1024).unwrap().unwrap();
        assert_eq!(
            (h.method(), h.path(), h.query()),
            ("GET", "/a/b", "x=1&y=2")
        );
        assert_eq!(h.header("x-custom"), Some("V"));
        assert!(h.keep_alive);
        assert_eq!(&raw[h.head_len..], b"rest");
    }

    #[test]
    fn partial_bad_and_too_large() {
        assert_eq!(parse(b"GET / HTTP/1.1\r\nHost:", 10).unwrap(), None);
        assert!(matches!(
            parse(b"\x01\x02 nonsense\r\n\r\n", 10),
            Err(ParseError::Bad(_))
        ));
        let big = b"POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n";
        assert_eq!(parse(big, 10), Err(ParseError::TooLarge));
        let h10 = parse(b"GET / HTTP/1.0\r\n\r\n", 10).unwrap().unwrap();
        assert!(!h10.keep_alive);
        let close = parse(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 10)
            .unwrap()
            .unwrap();
        assert!(!close.keep_alive);
    }

    #[test]
    fn chunked_body_decodes_incrementally() {
        let body = b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\nNEXT";
        let mut c = Chunked::default();
        assert_eq!(c.decode(&body[..10], 100).unwrap(), None);
        let n = c.decode(body, 100).unwrap().unwrap();
        assert_eq!(c.body, b"Wikipedia");
        assert_eq!(&body[n..], b"NEXT");
        let mut c = Chunked::default();
        assert_eq!(c.decode(body, 5), Err(ParseError::TooLarge));
    }
}
