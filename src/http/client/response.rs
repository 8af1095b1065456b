//! Reading an HTTP/1.x response off a connection, incrementally: the head
//! (httparse underneath), then the body framed by `Content-Length`,
//! `Transfer-Encoding: chunked` or the end of the connection, decoded
//! (`gzip`, `deflate`, `br`) as it arrives when asked to.
//!
//! Invariants: any bytes in, never a panic; the head may not exceed
//! `max_head` (Swoole's SW_HTTP_HEADER_MAX_SIZE, 64 KiB) and a chunked body's
//! wire size may not exceed `max_body`; lengths from the wire are checked
//! arithmetic. Bytes after the response (a pipelined reply, WebSocket
//! frames after a 101) are left unconsumed for the caller.

use std::io::Write as _;

use super::super::chunked::Chunked;
use super::super::ParseError;

/// Swoole's SW_HTTP_HEADER_MAX_SIZE.
pub const MAX_HEAD: usize = 65536;

/// Why a response cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseError {
    /// The head is larger than the limit.
    HeadTooLarge,
    /// Not an HTTP response, or a broken body framing.
    Bad(&'static str),
    /// The connection ended before the response did.
    Truncated,
}

/// A response's status line and headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHead {
    /// The status code.
    pub status: u16,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
    /// Headers as received (names as sent).
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
}

impl ResponseHead {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
    }

    /// True when a header's value starts with `prefix` (case-insensitive),
    /// as Swoole tests `Connection`, `Transfer-Encoding`, `Content-Encoding`.
    pub fn header_starts(&self, name: &str, prefix: &str) -> bool {
        self.header(name).is_some_and(|v| {
            v.len() >= prefix.len() && v[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        })
    }
}

/// How the body ends.
#[derive(Debug)]
enum Framing {
    /// No body (HEAD, 1xx, 204, 304).
    Empty,
    /// `Content-Length`: this many bytes left.
    Length(u64),
    /// Chunked.
    Chunked(Box<Chunked>),
    /// Up to the end of the connection.
    UntilClose,
}

/// A streaming body decoder.
enum Decoder {
    /// `gzip` before its magic bytes arrived.
    GzipHead(Vec<u8>),
    Gzip(flate2::write::GzDecoder<Vec<u8>>),
    /// `deflate` before its first two bytes tell zlib data (RFC 1950)
    /// from raw deflate (servers send either).
    Deflate(Vec<u8>),
    Zlib(flate2::write::ZlibDecoder<Vec<u8>>),
    Raw(flate2::write::DeflateDecoder<Vec<u8>>),
    Brotli(Box<brotli::DecompressorWriter<Vec<u8>>>),
}

impl Decoder {
    fn for_encoding(enc: &[u8]) -> Option<Decoder> {
        let starts = |p: &[u8]| enc.len() >= p.len() && enc[..p.len()].eq_ignore_ascii_case(p);
        if starts(b"br") {
            Some(Decoder::Brotli(Box::new(brotli::DecompressorWriter::new(
                Vec::new(),
                4096,
            ))))
        } else if starts(b"gzip") {
            Some(Decoder::GzipHead(Vec::new()))
        } else if starts(b"deflate") {
            Some(Decoder::Deflate(Vec::new()))
        } else {
            None
        }
    }

    /// The body is over and this decoder gave nothing yet: whether `raw`
    /// (everything it was given) is one complete, valid stream, decoded in
    /// one go onto `out` (an empty body compresses to a few bytes). Streaming
    /// decoders cannot say that a stream was cut short.
    fn complete(&self, raw: &[u8], out: &mut Vec<u8>) -> bool {
        use std::io::Read;
        let mut got = Vec::new();
        let ok = match self {
            Decoder::GzipHead(_) | Decoder::Gzip(_) => flate2::read::GzDecoder::new(raw)
                .read_to_end(&mut got)
                .is_ok(),
            Decoder::Deflate(_) | Decoder::Zlib(_) | Decoder::Raw(_) => {
                flate2::read::ZlibDecoder::new(raw)
                    .read_to_end(&mut got)
                    .is_ok()
                    || {
                        got.clear();
                        flate2::read::DeflateDecoder::new(raw)
                            .read_to_end(&mut got)
                            .is_ok()
                    }
            }
            Decoder::Brotli(_) => brotli::Decompressor::new(raw, 4096)
                .read_to_end(&mut got)
                .is_ok(),
        };
        if ok {
            out.extend_from_slice(&got);
        }
        ok
    }

    /// Decodes `data` onto `out`; false when it is not valid.
    fn feed(&mut self, data: &[u8], out: &mut Vec<u8>) -> bool {
        if data.is_empty() {
            return true;
        }
        let ok = match self {
            Decoder::Gzip(d) => d.write_all(data).and_then(|_| d.flush()).is_ok(),
            Decoder::GzipHead(pending) => {
                pending.extend_from_slice(data);
                let [b0, b1, ..] = pending[..] else {
                    return true;
                };
                if [b0, b1] != [0x1f, 0x8b] {
                    // Not gzip: what was held back goes out as it came.
                    out.append(pending);
                    return false;
                }
                let data = std::mem::take(pending);
                *self = Decoder::Gzip(flate2::write::GzDecoder::new(Vec::new()));
                return self.feed(&data, out);
            }
            Decoder::Deflate(pending) => {
                pending.extend_from_slice(data);
                let [b0, b1, ..] = pending[..] else {
                    return true;
                };
                let zlib = b0 & 0x0f == 8 && (u16::from(b0) << 8 | u16::from(b1)) % 31 == 0;
                let data = std::mem::take(pending);
                *self = if zlib {
                    Decoder::Zlib(flate2::write::ZlibDecoder::new(Vec::new()))
                } else {
                    Decoder::Raw(flate2::write::DeflateDecoder::new(Vec::new()))
                };
                return self.feed(&data, out);
            }
            Decoder::Zlib(d) => d.write_all(data).and_then(|_| d.flush()).is_ok(),
            Decoder::Raw(d) => d.write_all(data).and_then(|_| d.flush()).is_ok(),
            Decoder::Brotli(d) => d.write_all(data).and_then(|_| d.flush()).is_ok(),
        };
        let got = match self {
            Decoder::Gzip(d) => d.get_mut(),
            Decoder::Deflate(_) | Decoder::GzipHead(_) => return ok,
            Decoder::Zlib(d) => d.get_mut(),
            Decoder::Raw(d) => d.get_mut(),
            Decoder::Brotli(d) => d.get_mut(),
        };
        out.append(got);
        ok
    }
}

/// The most raw bytes kept while a decoder has produced nothing yet.
const MAX_HELD: usize = 1 << 20;

/// Reads one response.
pub struct ResponseReader {
    /// The request was HEAD: no body whatever the headers say.
    head_request: bool,
    /// Decode `Content-Encoding` (Swoole's `body_decompression`).
    decompress: bool,
    /// Bound of a chunked body's wire size.
    max_body: usize,
    head: Option<ResponseHead>,
    framing: Framing,
    decoder: Option<Decoder>,
    /// Decoding failed once: the rest is passed through (Swoole's way).
    decode_failed: bool,
    /// The raw bytes the decoder took in before it gave any output (a
    /// decoder may hold a whole prefix): if it fails then, the body is these
    /// bytes as received, whatever the segments were. None once it has given
    /// output (or beyond `max_body`).
    held: Option<Vec<u8>>,
    /// Where to resume looking for the head's end.
    scanned: usize,
    done: bool,
}

impl ResponseReader {
    /// A reader for the response to a request (`head_request` for HEAD).
    pub fn new(head_request: bool, decompress: bool, max_body: usize) -> ResponseReader {
        ResponseReader {
            head_request,
            decompress,
            max_body,
            head: None,
            framing: Framing::Empty,
            decoder: None,
            decode_failed: false,
            held: Some(Vec::new()),
            scanned: 0,
            done: false,
        }
    }

    /// A chunked body's trailer fields (lower-cased names), once done.
    pub fn trailers(&self) -> Vec<(String, Vec<u8>)> {
        match &self.framing {
            Framing::Chunked(c) if self.done => c
                .trailers()
                .into_iter()
                .map(|(k, v)| (String::from_utf8_lossy(k).to_ascii_lowercase(), v.to_vec()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The head, once read.
    pub fn head(&self) -> Option<&ResponseHead> {
        self.head.as_ref()
    }

    /// True once the whole response was read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// True when decoding the body failed and it was kept as received.
    pub fn decode_failed(&self) -> bool {
        self.decode_failed
    }

    /// True when the body runs to the end of the connection.
    pub fn until_close(&self) -> bool {
        matches!(self.framing, Framing::UntilClose) && self.head.is_some()
    }

    /// Feeds the bytes received so far (all of them, from the first not yet
    /// consumed): appends decoded body bytes to `out` and returns how many
    /// were consumed. 0 with `is_done()` false means more bytes are needed.
    pub fn feed(&mut self, buf: &[u8], out: &mut Vec<u8>) -> Result<usize, ResponseError> {
        let mut used = 0;
        while !self.done {
            if self.head.is_none() {
                match self.read_head(&buf[used..])? {
                    0 => return Ok(used),
                    n => used += n,
                }
                continue;
            }
            let rest = &buf[used..];
            if rest.is_empty() && !matches!(self.framing, Framing::Empty) {
                break;
            }
            used += self.read_body(rest, out)?;
        }
        Ok(used)
    }

    /// The connection ended: completes a body that runs to the end.
    pub fn eof(&mut self, out: &mut Vec<u8>) -> Result<(), ResponseError> {
        if self.done {
            return Ok(());
        }
        if self.until_close() {
            self.done = true;
            self.end_body(out);
            return Ok(());
        }
        Err(ResponseError::Truncated)
    }

    /// Parses the head when it is complete; returns the bytes it took (0
    /// when more are needed).
    fn read_head(&mut self, buf: &[u8]) -> Result<usize, ResponseError> {
        let from = self.scanned.min(buf.len());
        let Some(end) = memchr::memmem::find(&buf[from..], b"\r\n\r\n").map(|i| from + i + 4)
        else {
            if buf.len() > MAX_HEAD {
                return Err(ResponseError::HeadTooLarge);
            }
            self.scanned = buf.len().saturating_sub(3);
            return Ok(0);
        };
        if end > MAX_HEAD {
            return Err(ResponseError::HeadTooLarge);
        }
        self.scanned = 0;
        let lines = memchr::memmem::find_iter(&buf[..end], b"\r\n").count();
        let mut slots = vec![httparse::EMPTY_HEADER; lines.max(1)];
        let mut r = httparse::Response::new(&mut slots);
        match r.parse(&buf[..end]) {
            Ok(httparse::Status::Complete(_)) => {}
            Ok(httparse::Status::Partial) => return Err(ResponseError::Bad("incomplete head")),
            Err(_) => return Err(ResponseError::Bad("malformed response head")),
        }
        let head = ResponseHead {
            status: r.code.unwrap_or(0),
            minor: r.version.unwrap_or(1),
            headers: r
                .headers
                .iter()
                .map(|h| (h.name.as_bytes().to_vec(), h.value.to_vec()))
                .collect(),
        };
        // An interim response (100 Continue, 103): the real one follows.
        if (100..200).contains(&head.status) && head.status != 101 {
            return Ok(end);
        }
        self.framing = self.framing_of(&head)?;
        if self.decompress {
            if let Some(enc) = head.header("content-encoding") {
                self.decoder = Decoder::for_encoding(enc);
            }
        }
        self.head = Some(head);
        Ok(end)
    }

    fn framing_of(&self, head: &ResponseHead) -> Result<Framing, ResponseError> {
        if self.head_request || head.status == 101 || head.status == 204 || head.status == 304 {
            return Ok(Framing::Empty);
        }
        if head.header_starts("transfer-encoding", "chunked") {
            return Ok(Framing::Chunked(Box::default()));
        }
        if let Some(v) = head.header("content-length") {
            let n = std::str::from_utf8(v.trim_ascii())
                .ok()
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or(ResponseError::Bad("bad Content-Length"))?;
            return Ok(if n == 0 {
                Framing::Empty
            } else {
                Framing::Length(n)
            });
        }
        Ok(Framing::UntilClose)
    }

    fn emit(&mut self, data: &[u8], out: &mut Vec<u8>) {
        match self.decoder.as_mut() {
            Some(d) if !self.decode_failed => {
                let before = out.len();
                let ok = d.feed(data, out);
                // Still before the magic bytes: a failure there already put
                // the held bytes out as they came.
                let sniffing = matches!(d, Decoder::GzipHead(_));
                if !ok {
                    // Swoole keeps the raw bytes from here on.
                    self.decode_failed = true;
                    if !sniffing {
                        out.truncate(before);
                        // Nothing decoded yet: what the decoder held back
                        // goes out too, so the body does not depend on how
                        // the bytes were split.
                        if let Some(held) = self.held.take() {
                            out.extend_from_slice(&held);
                        }
                        out.extend_from_slice(data);
                    }
                    self.held = None;
                } else if out.len() > before {
                    self.held = None;
                } else if let Some(held) = self.held.as_mut() {
                    if held.len() + data.len() <= self.max_body.min(MAX_HELD) {
                        held.extend_from_slice(data);
                    } else {
                        self.held = None;
                    }
                }
            }
            _ => out.extend_from_slice(data),
        }
    }

    /// The body is complete: a decoder that never produced anything and
    /// cannot finish its stream failed, so the body is the raw bytes (as
    /// when decoding fails midway: the result must not depend on how the
    /// bytes were split).
    fn end_body(&mut self, out: &mut Vec<u8>) {
        let Some(d) = self.decoder.take() else { return };
        if self.decode_failed {
            return;
        }
        // Only a decoder that gave nothing yet is in doubt: its input is
        // held, and is the body as received unless it is a whole stream.
        if let Some(held) = self.held.take() {
            if !held.is_empty() && !d.complete(&held, out) {
                self.decode_failed = true;
                out.extend_from_slice(&held);
            }
        }
    }

    fn read_body(&mut self, buf: &[u8], out: &mut Vec<u8>) -> Result<usize, ResponseError> {
        let r = self.read_body_framed(buf, out);
        if self.done {
            self.end_body(out);
        }
        r
    }

    fn read_body_framed(&mut self, buf: &[u8], out: &mut Vec<u8>) -> Result<usize, ResponseError> {
        match &mut self.framing {
            Framing::Empty => {
                self.done = true;
                Ok(0)
            }
            Framing::Length(left) => {
                let take = usize::try_from(*left).unwrap_or(usize::MAX).min(buf.len());
                *left -= take as u64;
                if *left == 0 {
                    self.done = true;
                }
                self.emit(&buf[..take], out);
                Ok(take)
            }
            Framing::Chunked(c) => {
                let n = c.feed(buf, self.max_body).map_err(|e| match e {
                    ParseError::TooLarge => ResponseError::Bad("chunked body too large"),
                    _ => ResponseError::Bad("bad chunked body"),
                })?;
                let data = std::mem::take(&mut c.body);
                if c.done() {
                    self.done = true;
                }
                self.emit(&data, out);
                Ok(n)
            }
            Framing::UntilClose => {
                self.emit(buf, out);
                Ok(buf.len())
            }
        }
    }
}
