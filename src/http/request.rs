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

/// A parsed request head. Method, target and headers live in one copy of
/// the head's bytes (header names lower-cased in place), addressed by
/// ranges: two allocations per request, not one per header name and value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    /// The head as received, names lower-cased.
    text: Vec<u8>,
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
    /// Text the parser validated as ASCII tokens or a UTF-8 target.
    fn str(&self, r: &Range<usize>) -> &str {
        std::str::from_utf8(&self.text[r.clone()]).unwrap_or_default()
    }

    /// The method, as sent.
    pub fn method(&self) -> &str {
        self.str(&self.method)
    }

    /// The request target.
    pub fn uri(&self) -> &str {
        self.str(&self.uri)
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.str(&self.path)
    }

    /// The query string (empty when none).
    pub fn query(&self) -> &str {
        self.str(&self.query)
    }

    /// Headers as (lower-case name, value), in order; names are ASCII.
    pub fn headers(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.header_ranges
            .iter()
            .map(|(k, v)| (&self.text[k.clone()], &self.text[v.clone()]))
    }

    /// How many headers the request has.
    pub fn header_count(&self) -> usize {
        self.header_ranges.len()
    }

    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers()
            .find(|(k, _)| *k == name.as_bytes())
            .map(|(_, v)| v)
    }
}

/// A Content-Length value: ASCII digits only (no sign, no list, optional
/// surrounding whitespace), at most `max`; checked arithmetic throughout.
fn content_length(v: &[u8], max: usize) -> Result<usize, ParseError> {
    let v = v.trim_ascii();
    if v.is_empty() {
        return Err(ParseError::Bad("bad Content-Length"));
    }
    let mut n: usize = 0;
    for &b in v {
        if !b.is_ascii_digit() {
            return Err(ParseError::Bad("bad Content-Length"));
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(usize::from(b - b'0')))
            .filter(|&n| n <= max)
            .ok_or(ParseError::TooLarge)?;
    }
    Ok(n)
}

/// True when `hay` contains `needle` (lower-case ASCII) in any case.
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

impl Default for Body {
    fn default() -> Self {
        Body::Length(0)
    }
}

/// Parses a request head from the start of `buf`. Ok(None): need more bytes.
/// `max_body` bounds Content-Length (`package_max_length`).
pub fn parse(buf: &[u8], max_body: usize) -> Result<Option<Head>, ParseError> {
    let mut head = Head::default();
    Ok(parse_into(buf, max_body, &mut head)?.then_some(head))
}

/// `parse` into an existing `Head`, reusing its memory (a connection parses
/// every request into the same one). Ok(false): need more bytes; `head` is
/// only valid after Ok(true).
pub fn parse_into(buf: &[u8], max_body: usize, head: &mut Head) -> Result<bool, ParseError> {
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
            return Ok(false);
        }
        httparse::Status::Complete(n) => n,
    };
    // Every slice httparse hands back points into `buf`: its offset there is
    // its offset in our copy.
    let base = buf.as_ptr() as usize;
    let at = |s: &[u8]| {
        let start = s.as_ptr() as usize - base;
        start..start + s.len()
    };
    let (Some(method), Some(uri), Some(minor_version)) = (req.method, req.path, req.version) else {
        return Err(ParseError::Bad("malformed request"));
    };
    let (method, uri) = (at(method.as_bytes()), at(uri.as_bytes()));
    let mut text = std::mem::take(&mut head.text);
    text.clear();
    text.extend_from_slice(&buf[..head_len]);
    let mut header_ranges = std::mem::take(&mut head.header_ranges);
    header_ranges.clear();
    let (mut chunked, mut length, mut conn) = (false, None, None);
    for h in req.headers.iter() {
        let (k, v) = (at(h.name.as_bytes()), at(h.value));
        text[k.clone()].make_ascii_lowercase();
        match &text[k.clone()] {
            b"transfer-encoding" => chunked |= contains_ci(h.value, b"chunked"),
            b"content-length" => {
                // Two different lengths: which one frames the body is
                // ambiguous (request smuggling), so neither is trusted.
                if length.is_some_and(|l: &[u8]| l != h.value) {
                    return Err(ParseError::Bad("conflicting Content-Length"));
                }
                length = Some(h.value);
            }
            b"connection" if conn.is_none() => conn = Some(h.value),
            _ => {}
        }
        header_ranges.push((k, v));
    }
    let body = if chunked {
        if length.is_some() {
            return Err(ParseError::Bad("both Content-Length and chunked"));
        }
        Body::Chunked
    } else {
        match length {
            None => Body::Length(0),
            Some(v) => Body::Length(content_length(v, max_body)?),
        }
    };
    let keep_alive = match minor_version {
        0 => conn.is_some_and(|c| contains_ci(c, b"keep-alive")),
        _ => !conn.is_some_and(|c| contains_ci(c, b"close")),
    };
    let (path, query) = match text[uri.clone()].iter().position(|&b| b == b'?') {
        Some(q) => (uri.start..uri.start + q, uri.start + q + 1..uri.end),
        None => (uri.clone(), uri.end..uri.end),
    };
    *head = Head {
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
    };
    Ok(true)
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
        assert_eq!(h.header("x-custom"), Some(&b"V"[..]));
        assert_eq!(h.uri(), "/a/b?x=1&y=2");
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
        assert!(matches!(
            parse(
                b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                10
            ),
            Err(ParseError::Bad(_))
        ));
        let same = b"POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nab";
        assert_eq!(parse(same, 10).unwrap().unwrap().body, Body::Length(2));
        for bad in ["+5", "-1", "5, 5", "0x5", ""] {
            let raw = format!("POST / HTTP/1.1\r\nContent-Length: {bad}\r\n\r\n");
            assert!(
                matches!(parse(raw.as_bytes(), 10), Err(ParseError::Bad(_))),
                "{bad}"
            );
        }
        let huge = b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n";
        assert_eq!(parse(huge, usize::MAX), Err(ParseError::TooLarge));
        let h10 = parse(b"GET / HTTP/1.0\r\n\r\n", 10).unwrap().unwrap();
        assert!(!h10.keep_alive);
        let close = parse(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 10)
            .unwrap()
            .unwrap();
        assert!(!close.keep_alive);
    }
}
