//! Writing a response head (status line and headers).
#![forbid(unsafe_code)]

/// The standard reason phrase of a status code.
pub fn reason(code: u16) -> &'static str {
    match code {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        422 => "Unprocessable Entity",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// What goes before the body.
#[derive(Debug, Clone, Default)]
pub struct ResponseHead {
    /// Status code.
    pub status: u16,
    /// Reason phrase (empty: the standard one).
    pub reason: String,
    /// Header lines as sent (`Name: value`, no CRLF) and each name's length:
    /// one allocation per header, and one copy when the head is written.
    lines: Vec<(Vec<u8>, usize)>,
}

/// True when `name` and `value` can go into a header line as they are: a
/// non-empty name without CR, LF, `:` or spaces, a value without CR or LF.
pub fn valid_header(name: &[u8], value: &[u8]) -> bool {
    !name.is_empty()
        && !name
            .iter()
            .any(|&b| matches!(b, b'\r' | b'\n' | b':' | b' ' | b'\t'))
        && !value.iter().any(|&b| matches!(b, b'\r' | b'\n'))
}

/// Swoole's header-name format, in place: `content-type` becomes `Content-Type`.
pub fn format_name(name: &mut [u8]) {
    let mut start = true;
    for b in name {
        let c = *b;
        *b = if start {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        };
        start = c == b'-';
    }
}

impl ResponseHead {
    /// A head with this status and no headers.
    pub fn new(status: u16) -> Self {
        ResponseHead {
            status,
            ..Default::default()
        }
    }

    /// Sets a header, replacing those of the same name (any case).
    pub fn set(&mut self, name: &[u8], value: &[u8]) {
        self.remove(name);
        self.add(name, value);
    }

    /// `set`, with the name written in Swoole's format (`Content-Type`).
    pub fn set_formatted(&mut self, name: &[u8], value: &[u8]) {
        self.remove(name);
        self.add(name, value);
        if let Some((line, n)) = self.lines.last_mut() {
            format_name(&mut line[..*n]);
        }
    }

    /// `add`, with the name written in Swoole's format.
    pub fn add_formatted(&mut self, name: &[u8], value: &[u8]) {
        self.add(name, value);
        if let Some((line, n)) = self.lines.last_mut() {
            format_name(&mut line[..*n]);
        }
    }

    /// Adds a header line, keeping earlier ones of that name (`Set-Cookie`).
    pub fn add(&mut self, name: &[u8], value: &[u8]) {
        let mut line = Vec::with_capacity(name.len() + 2 + value.len());
        line.extend_from_slice(name);
        line.extend_from_slice(b": ");
        line.extend_from_slice(value);
        self.lines.push((line, name.len()));
    }

    /// Removes every header of this name (any case).
    pub fn remove(&mut self, name: &[u8]) {
        self.lines
            .retain(|(l, n)| !(*n == name.len() && l[..*n].eq_ignore_ascii_case(name)));
    }

    /// The value of the first header of this name (any case).
    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.lines
            .iter()
            .find(|(l, n)| *n == name.len() && l[..*n].eq_ignore_ascii_case(name))
            .map(|(l, n)| &l[n + 2..])
    }

    /// Serialises the head. `body_len`: Some(n) adds Content-Length (unless
    /// set), None adds `Transfer-Encoding: chunked`. Server, Connection,
    /// Content-Type and Date get defaults unless set.
    pub fn write(&self, body_len: Option<usize>, keep_alive: bool, out: &mut Vec<u8>) {
        let len = match body_len {
            Some(n) => Length::Known(n),
            None => Length::Chunked,
        };
        self.write_with(len, keep_alive, out);
    }

    /// `write`, saying of the body what `len` says.
    pub fn write_with(&self, len: Length, keep_alive: bool, out: &mut Vec<u8>) {
        let reason = if self.reason.is_empty() {
            reason(self.status)
        } else {
            &self.reason
        };
        out.extend_from_slice(b"HTTP/1.1 ");
        decimal(self.status as usize, out);
        out.push(b' ');
        out.extend_from_slice(reason.as_bytes());
        out.extend_from_slice(b"\r\n");
        // One pass over the user's headers notes which defaults they replace.
        let (mut server, mut conn, mut ctype, mut clen, mut date) =
            (false, false, false, false, false);
        for (line, n) in &self.lines {
            let k = &line[..*n];
            match n {
                4 => date |= k.eq_ignore_ascii_case(b"date"),
                6 => server |= k.eq_ignore_ascii_case(b"server"),
                10 => conn |= k.eq_ignore_ascii_case(b"connection"),
                12 => ctype |= k.eq_ignore_ascii_case(b"content-type"),
                14 => clen |= k.eq_ignore_ascii_case(b"content-length"),
                _ => {}
            }
            out.extend_from_slice(line);
            out.extend_from_slice(b"\r\n");
        }
        if !server {
            out.extend_from_slice(b"Server: swoole-http-server\r\n");
        }
        if !date {
            out.extend_from_slice(b"Date: ");
            out.extend_from_slice(&super::date::now());
            out.extend_from_slice(b"\r\n");
        }
        if !conn {
            out.extend_from_slice(if keep_alive {
                b"Connection: keep-alive\r\n" as &[u8]
            } else {
                b"Connection: close\r\n"
            });
        }
        // 101 Switching Protocols has no body to describe (RFC 9110 8.6).
        if self.status == 101 {
            out.extend_from_slice(b"\r\n");
            return;
        }
        if !ctype {
            out.extend_from_slice(b"Content-Type: text/html\r\n");
        }
        match len {
            Length::Known(n) => {
                if !clen {
                    out.extend_from_slice(b"Content-Length: ");
                    decimal(n, out);
                    out.extend_from_slice(b"\r\n");
                }
            }
            Length::Chunked => out.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
            Length::Omitted => {}
        }
        out.extend_from_slice(b"\r\n");
    }
}

/// What a response head says of its body's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// `Content-Length: n`.
    Known(usize),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// Nothing (a HEAD response, as Swoole's).
    Omitted,
}

/// Appends `n` in decimal (no `fmt` machinery on the per-response path).
fn decimal(mut n: usize, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Frames one chunk of a chunked body (an empty `data` ends the body).
pub fn chunk(data: &[u8], out: &mut Vec<u8>) {
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    let mut n = data.len();
    loop {
        i -= 1;
        buf[i] = b"0123456789abcdef"[n & 15];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_head_with_defaults() {
        let mut h = ResponseHead::new(404);
        h.set(b"x-a", b"0");
        h.set(b"X-A", b"1");
        assert_eq!(h.get(b"X-a"), Some(&b"1"[..]));
        let mut out = Vec::new();
        h.write(Some(3), true, &mut out);
        let s = String::from_utf8(out).unwrap_or_default();
        assert!(s.starts_with("HTTP/1.1 404 Not Found\r\nX-A: 1\r\n"));
        assert!(s.contains("Content-Length: 3\r\n") && s.contains("Connection: keep-alive\r\n"));
        assert!(s.ends_with("\r\n\r\n") && s.contains("\r\nDate: ") && s.contains(" GMT\r\n"));
        let mut big = Vec::new();
        chunk(&[b'x'; 300], &mut big);
        assert!(big.starts_with(b"12c\r\nxxx"));
        let mut h = ResponseHead::new(200);
        h.reason = "Fine".into();
        h.set(b"content-length", b"0");
        h.add(b"DATE", b"x");
        let mut out = Vec::new();
        h.write(Some(12345), false, &mut out);
        let s = String::from_utf8(out).unwrap_or_default();
        assert!(s.starts_with("HTTP/1.1 200 Fine\r\n") && s.contains("Connection: close\r\n"));
        assert!(
            !s.contains("Content-Length: 12345")
                && !s.contains("Date: ")
                && s.contains("DATE: x\r\n")
        );
        let mut name = *b"x-my-HEADER";
        format_name(&mut name);
        assert_eq!(&name, b"X-My-Header");
        h.set_formatted(b"x-a", b"2");
        assert_eq!(h.get(b"X-A"), Some(&b"2"[..]));
        assert!(
            valid_header(b"X-A", b"v v")
                && !valid_header(b"X A", b"v")
                && !valid_header(b"X", b"a\r\nb")
        );
        let mut c = Vec::new();
        chunk(b"hello", &mut c);
        chunk(b"", &mut c);
        assert_eq!(c, b"5\r\nhello\r\n0\r\n\r\n");
    }
}
