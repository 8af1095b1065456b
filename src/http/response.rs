//! Writing a response head (status line and headers).
#![forbid(unsafe_code)]

use std::io::Write;

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
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
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
    /// Headers as given (`Set-Cookie` lines included).
    pub headers: Vec<(String, String)>,
}

impl ResponseHead {
    /// True when a header with this name (any case) was set.
    pub fn has(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// Serialises the head. `body_len`: Some(n) adds Content-Length (unless
    /// set), None adds `Transfer-Encoding: chunked`.
    pub fn write(&self, body_len: Option<usize>, keep_alive: bool, out: &mut Vec<u8>) {
        let reason = if self.reason.is_empty() {
            reason(self.status)
        } else {
            &self.reason
        };
        // write! into the Vec directly: no intermediate String per response.
        let _ = write!(out, "HTTP/1.1 {} {}\r\n", self.status, reason);
        for (k, v) in &self.headers {
            out.extend_from_slice(k.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(v.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        if !self.has("server") {
            out.extend_from_slice(b"Server: corust\r\n");
        }
        if !self.has("connection") {
            out.extend_from_slice(if keep_alive {
                b"Connection: keep-alive\r\n" as &[u8]
            } else {
                b"Connection: close\r\n"
            });
        }
        if !self.has("content-type") {
            out.extend_from_slice(b"Content-Type: text/html\r\n");
        }
        match body_len {
            Some(n) => {
                if !self.has("content-length") {
                    let _ = write!(out, "Content-Length: {n}\r\n");
                }
            }
            None => out.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
        }
        out.extend_from_slice(b"\r\n");
    }
}

/// Frames one chunk of a chunked body (an empty `data` ends the body).
pub fn chunk(data: &[u8], out: &mut Vec<u8>) {
    let _ = write!(out, "{:x}\r\n", data.len());
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_head_with_defaults() {
        let h = ResponseHead {
            status: 404,
            reason: String::new(),
            headers: vec![("X-A".into(), "1".into())],
        };
        let mut out = Vec::new();
        h.write(Some(3), true, &mut out);
        let s = String::from_utf8(out).unwrap_or_default();
        assert!(s.starts_with("HTTP/1.1 404 Not Found\r\nX-A: 1\r\n"));
        assert!(s.contains("Content-Length: 3\r\n") && s.contains("Connection: keep-alive\r\n"));
        assert!(s.ends_with("\r\n\r\n"));
        let mut c = Vec::new();
        chunk(b"hello", &mut c);
        chunk(b"", &mut c);
        assert_eq!(c, b"5\r\nhello\r\n0\r\n\r\n");
    }
}
