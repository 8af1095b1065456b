//! Where the PROCESS-mode master cuts a client's bytes into the messages it
//! hands to a worker: whole HTTP requests (head and body), whole WebSocket
//! frames, or, on a plain TCP port, whatever arrived. A worker then never
//! holds half a request when it is replaced, and a message is never split
//! between two workers.
//!
//! Every byte is the client's: lengths are checked, nothing is buffered
//! past `package_max_length` (bigger bodies are refused by the HTTP parser,
//! bigger frames switch the session to pass-through so the worker answers
//! them as it would in BASE mode: 413, 400, close code 1009).
#![forbid(unsafe_code)]

use crate::http::{self, Chunked};

/// What `Framer::cut` found at the start of the buffer.
#[derive(Debug, PartialEq, Eq)]
pub enum Cut {
    /// No whole message yet.
    Need,
    /// The first this many bytes are one message.
    Msg(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Http,
    Ws,
    Raw,
}

/// A request being received whose head is parsed.
#[derive(Debug, Default)]
enum Pending {
    #[default]
    None,
    /// Head and body take this many bytes.
    Length(usize),
    /// A chunked body: the decoder and the bytes it has seen (head included).
    Chunked(Box<Chunked>, usize),
}

/// One session's cutter.
#[derive(Debug)]
pub struct Framer {
    mode: Mode,
    max: usize,
    pending: Pending,
}

impl Framer {
    /// HTTP/1.1 requests, bodies up to `max` bytes.
    pub fn http(max: usize) -> Framer {
        Framer {
            mode: Mode::Http,
            max,
            pending: Pending::None,
        }
    }

    /// Each read as it came (plain TCP; the worker applies the port's
    /// length or EOF protocol).
    pub fn raw() -> Framer {
        Framer {
            mode: Mode::Raw,
            max: 0,
            pending: Pending::None,
        }
    }

    /// WebSocket frames from now on (the handshake was answered).
    pub fn upgrade(&mut self) {
        if self.mode == Mode::Http {
            self.mode = Mode::Ws;
        }
        self.pending = Pending::None;
    }

    /// True for a session whose frames are cut as WebSocket frames.
    pub fn is_ws(&self) -> bool {
        self.mode == Mode::Ws
    }

    /// The first message of `buf`. The caller drops `Msg(n)` bytes before
    /// calling again.
    pub fn cut(&mut self, buf: &[u8]) -> Cut {
        if buf.is_empty() {
            return Cut::Need;
        }
        match self.mode {
            Mode::Raw => Cut::Msg(buf.len()),
            Mode::Ws => match ws_frame_len(buf, self.max) {
                Ok(Some(n)) => Cut::Msg(n),
                Ok(None) => Cut::Need,
                Err(TooBig) => self.pass_through(buf),
            },
            Mode::Http => self.cut_http(buf),
        }
    }

    /// A message the worker's parser will refuse: from now on bytes pass as
    /// they come, and the worker answers (and closes) as in BASE mode.
    fn pass_through(&mut self, buf: &[u8]) -> Cut {
        self.mode = Mode::Raw;
        self.pending = Pending::None;
        Cut::Msg(buf.len())
    }

    fn cut_http(&mut self, buf: &[u8]) -> Cut {
        if let Pending::None = self.pending {
            let head = match http::parse(buf, self.max) {
                Ok(Some(h)) => h,
                Ok(None) => return Cut::Need,
                Err(_) => return self.pass_through(buf),
            };
            self.pending = match head.body {
                http::request::Body::Length(n) => match head.head_len.checked_add(n) {
                    Some(total) => Pending::Length(total),
                    None => return self.pass_through(buf),
                },
                http::request::Body::Chunked => Pending::Chunked(Box::default(), head.head_len),
            };
        }
        match &mut self.pending {
            Pending::None => Cut::Need,
            Pending::Length(total) => {
                let total = *total;
                if buf.len() >= total {
                    self.pending = Pending::None;
                    Cut::Msg(total)
                } else {
                    Cut::Need
                }
            }
            Pending::Chunked(dec, seen) => {
                let from = (*seen).min(buf.len());
                match dec.feed(&buf[from..], self.max) {
                    Ok(used) => {
                        *seen = from + used;
                        if dec.done() {
                            let n = *seen;
                            self.pending = Pending::None;
                            Cut::Msg(n)
                        } else {
                            Cut::Need
                        }
                    }
                    Err(_) => self.pass_through(buf),
                }
            }
        }
    }
}

/// A frame whose payload is over the limit.
#[derive(Debug, PartialEq, Eq)]
pub struct TooBig;

/// The size of the WebSocket frame at the start of `buf`: Ok(None) when its
/// header is not all there yet; Err when its payload is over `max`.
pub fn ws_frame_len(buf: &[u8], max: usize) -> Result<Option<usize>, TooBig> {
    let (Some(&_b0), Some(&b1)) = (buf.first(), buf.get(1)) else {
        return Ok(None);
    };
    let mask = if b1 & 0x80 != 0 { 4 } else { 0 };
    let (ext, len) = match b1 & 0x7f {
        126 => match buf.get(2..4) {
            Some(b) => (2, u64::from(u16::from_be_bytes([b[0], b[1]]))),
            None => return Ok(None),
        },
        127 => match buf.get(2..10) {
            Some(b) => {
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                (8, u64::from_be_bytes(a))
            }
            None => return Ok(None),
        },
        n => (0, u64::from(n)),
    };
    let len = usize::try_from(len).map_err(|_| TooBig)?;
    if len > max {
        return Err(TooBig);
    }
    let total = (2 + ext + mask as usize).checked_add(len).ok_or(TooBig)?;
    Ok((buf.len() >= total).then_some(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cuts `wire` fed in pieces of `step` bytes, as the master reads it.
    fn cut_all(f: &mut Framer, wire: &[u8], step: usize) -> Vec<Vec<u8>> {
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for piece in wire.chunks(step.max(1)) {
            buf.extend_from_slice(piece);
            while let Cut::Msg(n) = f.cut(&buf) {
                out.push(buf.drain(..n).collect());
            }
        }
        assert!(
            buf.is_empty(),
            "left over: {:?}",
            String::from_utf8_lossy(&buf)
        );
        out
    }

    #[test]
    fn http_requests_come_out_whole_whatever_the_reads() {
        let a = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n".to_vec();
        let b = b"POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello".to_vec();
        let c =
            b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX: y\r\n\r\n"
                .to_vec();
        let wire = [a.clone(), b.clone(), c.clone(), a.clone()].concat();
        for step in [1, 2, 7, 64, wire.len()] {
            let got = cut_all(&mut Framer::http(1 << 20), &wire, step);
            assert_eq!(
                got,
                vec![a.clone(), b.clone(), c.clone(), a.clone()],
                "step {step}"
            );
        }
    }

    #[test]
    fn refused_requests_pass_through() {
        // Too big a body: the worker's parser answers 413 from the head.
        let mut f = Framer::http(10);
        let big = b"POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
        assert_eq!(f.cut(big), Cut::Msg(big.len()));
        assert_eq!(f.cut(b"whatever"), Cut::Msg(8));
        let mut f = Framer::http(100);
        assert_eq!(f.cut(b"\x16\x03\x01garbage\r\n\r\n"), Cut::Msg(14));
        let mut f = Framer::http(100);
        let huge = b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n";
        assert_eq!(f.cut(huge), Cut::Msg(huge.len()));
    }

    #[test]
    fn websocket_frames_after_the_upgrade() {
        let mut f = Framer::http(1000);
        let hs = b"GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n";
        assert_eq!(f.cut(hs), Cut::Msg(hs.len()));
        f.upgrade();
        assert!(f.is_ws());
        let small = [0x81u8, 0x83, 1, 2, 3, 4, b'a', b'b', b'c'];
        let mut mid = vec![0x82u8, 0xfe, 0x01, 0x00, 9, 9, 9, 9];
        mid.extend(std::iter::repeat_n(7u8, 256));
        let wire = [small.to_vec(), mid.clone(), small.to_vec()].concat();
        for step in [1, 3, 100, wire.len()] {
            let got = cut_all(&mut f, &wire, step);
            assert_eq!(got, vec![small.to_vec(), mid.clone(), small.to_vec()]);
        }
        // A frame over the limit: pass-through (the worker closes with 1009).
        let mut over = vec![0x82u8, 0xff];
        over.extend_from_slice(&u64::MAX.to_be_bytes());
        assert_eq!(f.cut(&over), Cut::Msg(over.len()));
        assert!(!f.is_ws());
    }

    #[test]
    fn raw_takes_what_came() {
        let mut f = Framer::raw();
        assert_eq!(f.cut(b"abc"), Cut::Msg(3));
        assert_eq!(f.cut(b""), Cut::Need);
    }
}
