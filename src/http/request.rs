//! Parsing a request head and framing its body.
//!
//! Invariants: header names come out lower-cased (Swoole's `$request->header`);
//! a head larger than `MAX_HEAD` (Swoole's 64 KiB head buffer) or with more
//! than `MAX_HEADERS` headers is refused (`HeadTooLarge`: 431); a body is
//! either `Content-Length` bytes or chunked (`Transfer-Encoding: chunked`),
//! never both. Numbers from the wire are parsed with checked arithmetic.

use std::ops::Range;

/// Largest request head accepted (Swoole: `SW_HTTP_HEADER_MAX_SIZE`).
pub const MAX_HEAD: usize = 64 * 1024;
/// Most headers accepted (Swoole has no count limit; 2,048 headers of the
/// shortest useful kind already fill most of `MAX_HEAD`).
pub const MAX_HEADERS: usize = 2048;
/// Header slots tried first, on the stack; a request with more is parsed
/// again with `MAX_HEADERS` slots on the heap.
const STACK_HEADERS: usize = 64;

/// Why a request could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Malformed: answer 400 and close.
    Bad(&'static str),
    /// Larger than allowed: answer 413 and close.
    TooLarge,
    /// The head is larger than `MAX_HEAD` or has more than `MAX_HEADERS`
    /// headers: answer 431 and close.
    HeadTooLarge,
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
    // Uninitialised header slots: no zeroing per request.
    let mut headers =
        [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; STACK_HEADERS];
    match parse_with(buf, max_body, head, &mut headers) {
        Err(Slots::TooFew) => {
            let mut many = Vec::new();
            many.resize_with(MAX_HEADERS, std::mem::MaybeUninit::uninit);
            parse_with(buf, max_body, head, &mut many).map_err(|e| match e {
                Slots::TooFew => ParseError::HeadTooLarge,
                Slots::Err(e) => e,
            })
        }
        Err(Slots::Err(e)) => Err(e),
        Ok(done) => Ok(done),
    }
}

/// `parse_with`'s failure: out of header slots, or a real error.
enum Slots {
    /// More headers than the slots given.
    TooFew,
    /// The request is refused.
    Err(ParseError),
}

impl From<ParseError> for Slots {
    fn from(e: ParseError) -> Slots {
        Slots::Err(e)
    }
}

fn parse_with<'b>(
    buf: &'b [u8],
    max_body: usize,
    head: &mut Head,
    headers: &mut [std::mem::MaybeUninit<httparse::Header<'b>>],
) -> Result<bool, Slots> {
    let mut req = httparse::Request::new(&mut []);
    // Only the first MAX_HEAD bytes can hold a head we accept.
    let window = &buf[..buf.len().min(MAX_HEAD)];
    let status = match req.parse_with_uninit_headers(window, headers) {
        Ok(s) => s,
        Err(httparse::Error::TooManyHeaders) => return Err(Slots::TooFew),
        Err(_) => return Err(ParseError::Bad("malformed request").into()),
    };
    let head_len = match status {
        httparse::Status::Partial => {
            if buf.len() >= MAX_HEAD {
                return Err(ParseError::HeadTooLarge.into());
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
        return Err(ParseError::Bad("malformed request").into());
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
                    return Err(ParseError::Bad("conflicting Content-Length").into());
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
            return Err(ParseError::Bad("both Content-Length and chunked").into());
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
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "a: b\r\n".repeat(MAX_HEADERS));
        assert_eq!(
            parse(many.as_bytes(), 10).unwrap().unwrap().header_count(),
            MAX_HEADERS
        );
        let too_many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "a: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(
            parse(too_many.as_bytes(), 10),
            Err(ParseError::HeadTooLarge)
        );
        let long = format!("GET / HTTP/1.1\r\nx: {}\r\n", "v".repeat(MAX_HEAD));
        assert_eq!(parse(long.as_bytes(), 10), Err(ParseError::HeadTooLarge));
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
