//! Packet framing of a byte stream, with Swoole's settings: a length field
//! (`open_length_check`, `package_length_type`, `package_length_offset`,
//! `package_body_offset`) or an end marker (`open_eof_check`,
//! `package_eof`), both capped by `package_max_length`; and the read buffer
//! that `recvPacket`, `recvLine` and `recvWithBuffer` share.
//!
//! Owns: deciding where a packet ends in buffered bytes (pure, fuzzed);
//! reading packets off a `Socket`. Every length from the peer is hostile:
//! sums are checked and nothing is allocated past `package_max_length`.

use super::{Deadline, NetError, Reactor, Socket};

/// Swoole's default `package_max_length` (2 MiB).
pub const DEFAULT_MAX_LENGTH: usize = 2 * 1024 * 1024;

/// A FastCGI record header's size.
const FCGI_HEADER_LEN: usize = 8;

/// How far one read into the buffer goes at most (Swoole's big buffer).
const READ_CHUNK: usize = 65536;

/// A length field's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthField {
    /// `package_length_type`: one of `cCsSnNvVlL` (PHP's pack() letters).
    pub ty: u8,
    /// `package_length_offset`: where the field starts.
    pub offset: usize,
    /// `package_body_offset`: where the counted bytes start (the header
    /// length when the field counts only the body; 0 when it counts all).
    pub body_offset: usize,
}

/// The size of a length field of pack() type `ty` (None: not a type
/// Swoole accepts).
pub fn length_size(ty: u8) -> Option<usize> {
    match ty {
        b'c' | b'C' => Some(1),
        b's' | b'S' | b'n' | b'v' => Some(2),
        b'l' | b'L' | b'N' | b'V' => Some(4),
        _ => None,
    }
}

/// Decodes a length field of type `ty` from the start of `b` (which holds
/// at least `length_size(ty)` bytes).
pub fn decode_length(ty: u8, b: &[u8]) -> Option<i64> {
    let two = || b.get(..2).and_then(|s| <[u8; 2]>::try_from(s).ok());
    let four = || b.get(..4).and_then(|s| <[u8; 4]>::try_from(s).ok());
    Some(match ty {
        b'c' => i64::from(*b.first()? as i8),
        b'C' => i64::from(*b.first()?),
        b's' => i64::from(i16::from_ne_bytes(two()?)),
        b'S' => i64::from(u16::from_ne_bytes(two()?)),
        b'n' => i64::from(u16::from_be_bytes(two()?)),
        b'v' => i64::from(u16::from_le_bytes(two()?)),
        b'l' => i64::from(i32::from_ne_bytes(four()?)),
        b'L' => i64::from(u32::from_ne_bytes(four()?)),
        b'N' => i64::from(u32::from_be_bytes(four()?)),
        b'V' => i64::from(u32::from_le_bytes(four()?)),
        _ => return None,
    })
}

/// How packets are delimited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Framing {
    /// No framing: a packet is whatever one read gives.
    None,
    /// Each packet ends with this marker (included in the packet).
    Eof(Vec<u8>),
    /// Each packet carries its length.
    Length(LengthField),
    /// MQTT packets (`open_mqtt_protocol`): a type byte, then the remaining
    /// length in 1 to 4 bytes of 7 bits.
    Mqtt,
    /// FastCGI records (`open_fastcgi_protocol`): an 8-byte header whose
    /// content length (bytes 4-5, big-endian) and padding length (byte 6)
    /// say how much follows.
    FastCgi,
}

/// A stream's protocol settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    /// The framing.
    pub framing: Framing,
    /// `package_max_length`: longer packets are an error.
    pub max_length: usize,
}

impl Default for Protocol {
    fn default() -> Self {
        Protocol {
            framing: Framing::None,
            max_length: DEFAULT_MAX_LENGTH,
        }
    }
}

/// Why framing failed (the stream cannot be resynchronised after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// A packet is longer than `package_max_length` (its length, when known).
    TooLarge(Option<u64>),
    /// The length field is negative or overflows.
    BadLength,
}

impl FrameError {
    /// Swoole's error code: SW_ERROR_PACKAGE_LENGTH_TOO_LARGE (1201) or
    /// SW_ERROR_PACKAGE_LENGTH_NOT_FOUND (1202).
    pub fn code(&self) -> i32 {
        match self {
            FrameError::TooLarge(_) => 1201,
            FrameError::BadLength => 1202,
        }
    }

    /// Swoole's message.
    pub fn message(&self) -> String {
        match self {
            FrameError::TooLarge(Some(n)) => format!("packet length is too big, length={n}"),
            FrameError::TooLarge(None) => "no package eof, package_max_length exceeded".into(),
            FrameError::BadLength => "get package length failed".into(),
        }
    }
}

impl Protocol {
    /// Where the first packet in `buf` ends: Ok(Some(n)) when `buf[..n]` is
    /// a whole packet, Ok(None) when more bytes are needed.
    pub fn packet_len(&self, buf: &[u8]) -> Result<Option<usize>, FrameError> {
        match &self.framing {
            Framing::None => Ok((!buf.is_empty()).then_some(buf.len())),
            Framing::Eof(eof) => {
                if eof.is_empty() {
                    return Ok((!buf.is_empty()).then_some(buf.len()));
                }
                let window = &buf[..buf.len().min(self.max_length)];
                match memchr::memmem::find(window, eof) {
                    Some(i) => Ok(Some(i + eof.len())),
                    None if buf.len() >= self.max_length => Err(FrameError::TooLarge(None)),
                    None => Ok(None),
                }
            }
            Framing::Mqtt => {
                let mut remaining: u64 = 0;
                for i in 1..=4 {
                    let Some(&b) = buf.get(i) else {
                        return Ok(None);
                    };
                    remaining |= u64::from(b & 0x7f) << (7 * (i - 1));
                    if b & 0x80 == 0 {
                        let total = remaining + 1 + i as u64;
                        if total > self.max_length as u64 {
                            return Err(FrameError::TooLarge(Some(total)));
                        }
                        return Ok((buf.len() as u64 >= total).then_some(total as usize));
                    }
                }
                // A fifth length byte: not MQTT.
                Err(FrameError::BadLength)
            }
            Framing::FastCgi => {
                let Some(h) = buf.get(..FCGI_HEADER_LEN) else {
                    return Ok(None);
                };
                // At most 8 + 65535 + 255: no overflow is possible. Swoole
                // refuses records whose content plus padding passes 65535;
                // a full 65535-byte record with padding is legal FastCGI.
                let total = FCGI_HEADER_LEN
                    + usize::from(u16::from_be_bytes([h[4], h[5]]))
                    + usize::from(h[6]);
                if total > self.max_length {
                    return Err(FrameError::TooLarge(Some(total as u64)));
                }
                Ok((buf.len() >= total).then_some(total))
            }
            Framing::Length(f) => {
                let size = length_size(f.ty).ok_or(FrameError::BadLength)?;
                let end = f.offset.checked_add(size).ok_or(FrameError::BadLength)?;
                let Some(field) = buf.get(f.offset..end) else {
                    return Ok(None);
                };
                let body = decode_length(f.ty, field).ok_or(FrameError::BadLength)?;
                let body = u64::try_from(body).map_err(|_| FrameError::BadLength)?;
                let total = body
                    .checked_add(f.body_offset as u64)
                    .ok_or(FrameError::BadLength)?;
                if total > self.max_length as u64 {
                    return Err(FrameError::TooLarge(Some(total)));
                }
                // A zero-length total (no header, empty body) cannot advance.
                let total = (total as usize).max(end);
                Ok((buf.len() >= total).then_some(total))
            }
        }
    }
}

/// Why a buffered read stopped without a packet.
#[derive(Debug)]
pub enum ReadError {
    /// The socket failed or the wait ended.
    Net(NetError),
    /// The peer's bytes broke the protocol.
    Frame(FrameError),
}

/// Bytes read off a socket and not yet handed out.
#[derive(Debug, Default)]
pub struct ReadBuffer {
    buf: Vec<u8>,
    start: usize,
}

impl ReadBuffer {
    /// Takes up to `n` buffered bytes (none when nothing is buffered).
    pub fn take(&mut self, n: usize) -> Vec<u8> {
        self.consume(n)
    }

    /// The buffered bytes.
    pub fn pending(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Drops everything buffered.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.start = 0;
    }

    fn consume(&mut self, n: usize) -> Vec<u8> {
        let end = self.start + n.min(self.buf.len() - self.start);
        let out = self.buf[self.start..end].to_vec();
        self.start = end;
        if self.start == self.buf.len() {
            self.clear();
        } else if self.start > READ_CHUNK {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        out
    }

    /// One read of up to `want` more bytes into the buffer: the count (0 at
    /// the end of the stream).
    fn fill(
        &mut self,
        s: &Socket,
        r: &impl Reactor,
        want: usize,
        deadline: Deadline,
    ) -> Result<usize, NetError> {
        let old = self.buf.len();
        let want = want.clamp(1, READ_CHUNK);
        self.buf.resize(old + want, 0);
        let n = s.read_some(r, &mut self.buf[old..], deadline);
        self.buf.truncate(old + *n.as_ref().unwrap_or(&0));
        n
    }

    /// The next packet. Ok(None): the stream ended (what was buffered of
    /// an unfinished packet is dropped, as Swoole does).
    pub fn read_packet(
        &mut self,
        s: &Socket,
        r: &impl Reactor,
        p: &Protocol,
        deadline: Deadline,
    ) -> Result<Option<Vec<u8>>, ReadError> {
        self.read_packet_by(s, r, p.max_length, |b| p.packet_len(b), deadline)
    }

    /// As `read_packet`, with the packet's end decided by `decide` (a
    /// user's length function): Ok(Some(n)) the first n buffered bytes,
    /// Ok(None) more are needed. A length past `max_length` is refused.
    pub fn read_packet_by(
        &mut self,
        s: &Socket,
        r: &impl Reactor,
        max_length: usize,
        mut decide: impl FnMut(&[u8]) -> Result<Option<usize>, FrameError>,
        deadline: Deadline,
    ) -> Result<Option<Vec<u8>>, ReadError> {
        loop {
            let pending = self.pending();
            let verdict = if pending.is_empty() {
                Ok(None)
            } else {
                decide(pending)
            };
            match verdict {
                Ok(Some(n)) if n > max_length => {
                    self.clear();
                    return Err(ReadError::Frame(FrameError::TooLarge(Some(n as u64))));
                }
                Ok(Some(n)) if n > 0 && n <= self.pending().len() => {
                    return Ok(Some(self.consume(n)))
                }
                Ok(_) => {}
                Err(e) => {
                    self.clear();
                    return Err(ReadError::Frame(e));
                }
            }
            // Greedy reads: what comes after this packet stays buffered for
            // the next call (and for recv, which takes buffered bytes first).
            match self.fill(s, r, READ_CHUNK, deadline) {
                Ok(0) => {
                    self.clear();
                    return Ok(None);
                }
                Ok(_) => {}
                Err(e) => {
                    self.clear();
                    return Err(ReadError::Net(e));
                }
            }
        }
    }

    /// Up to `n` bytes: buffered ones first, else one read (Swoole's
    /// `recvWithBuffer`). Empty at the end of the stream.
    pub fn read_with_buffer(
        &mut self,
        s: &Socket,
        r: &impl Reactor,
        n: usize,
        deadline: Deadline,
    ) -> Result<Vec<u8>, NetError> {
        if self.pending().is_empty() {
            self.fill(s, r, READ_CHUNK, deadline)?;
        }
        Ok(self.consume(n))
    }

    /// Bytes up to and including the first `\n` (or a lone `\r`'s end of
    /// line), at most `max` of them (Swoole's `recvLine`); fewer at the end
    /// of the stream.
    pub fn read_line(
        &mut self,
        s: &Socket,
        r: &impl Reactor,
        max: usize,
        deadline: Deadline,
    ) -> Result<Vec<u8>, NetError> {
        let max = max.max(1);
        loop {
            let p = self.pending();
            let window = &p[..p.len().min(max)];
            if let Some(i) = memchr::memchr2(b'\n', b'\r', window) {
                return Ok(self.consume(i + 1));
            }
            if window.len() >= max {
                return Ok(self.consume(max));
            }
            match self.fill(s, r, READ_CHUNK, deadline) {
                Ok(0) => return Ok(self.consume(max)),
                Ok(_) => {}
                // What came before the error is the line's end.
                Err(_) if !self.pending().is_empty() => return Ok(self.consume(max)),
                Err(e) => return Err(e),
            }
        }
    }
}
