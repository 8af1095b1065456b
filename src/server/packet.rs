//! A TCP connection's bytes cut into `receive` events, as Swoole's server
//! does it for a port's protocol settings (Swoole `src/protocol/base.cc`):
//!
//! - no framing: each read is one event;
//! - `open_eof_check` without `open_eof_split`: the buffered bytes are one
//!   event as soon as they end with `package_eof` (several packets that
//!   arrived together stay together, as with Swoole);
//! - `open_eof_split`: one event per packet, each ending with the marker;
//! - `open_length_check` (or `package_length_func`): one event per packet.
//!
//! Owns: the connection's receive buffer and where its events end. Pure:
//! the reading is the caller's. Every length from the peer is hostile: a
//! packet never goes past `package_max_length`, and a broken one is an
//! error after which the connection cannot be resynchronised.
#![forbid(unsafe_code)]

use crate::rt::net::framing::{FrameError, Framing, Protocol};

/// Swoole's floor for a server port's `package_max_length`
/// (`SW_BUFFER_MIN_SIZE`): smaller settings are raised to it.
pub const MIN_MAX_LENGTH: usize = 64 * 1024;

/// Why a connection's bytes cannot be cut into packets (it is closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// A length field (or the length function) says the packet is bigger
    /// than `package_max_length`.
    TooLarge(u64),
    /// `package_max_length` bytes arrived without the end marker.
    NoEof(usize),
    /// The length field or function gave no usable length.
    Malformed(usize),
}

impl SplitError {
    /// Swoole's error code: SW_ERROR_PACKAGE_LENGTH_TOO_LARGE or
    /// SW_ERROR_PACKAGE_MALFORMED_DATA.
    pub fn code(&self) -> i64 {
        match self {
            SplitError::TooLarge(_) | SplitError::NoEof(_) => {
                crate::swerr::PACKAGE_LENGTH_TOO_LARGE
            }
            SplitError::Malformed(_) => crate::swerr::PACKAGE_MALFORMED_DATA,
        }
    }

    /// Swoole's log line for it (the peer's address follows).
    pub fn message(&self) -> String {
        match self {
            SplitError::TooLarge(n) => {
                format!("the received packet length {n} is too large, remote_addr=")
            }
            SplitError::NoEof(n) => format!("The received data packet is too large, length={n}"),
            SplitError::Malformed(n) => {
                format!("received {n} bytes of malformed data, remote_addr=")
            }
        }
    }
}

/// A user's length function (Swoole's `package_length_func`).
pub type LengthFn<'a> = &'a mut dyn FnMut(&[u8]) -> i64;

/// The receive buffer of one connection and its port's protocol.
#[derive(Debug)]
pub struct Splitter {
    proto: Protocol,
    /// `open_eof_split`: one event per marker instead of per buffer.
    eof_split: bool,
    buf: Vec<u8>,
    start: usize,
}

impl Splitter {
    /// A splitter for `proto`; `eof_split` as Swoole's `open_eof_split`.
    pub fn new(proto: Protocol, eof_split: bool) -> Splitter {
        Splitter {
            proto,
            eof_split,
            buf: Vec::new(),
            start: 0,
        }
    }

    /// True when every read is an event of its own.
    pub fn is_raw(&self) -> bool {
        self.proto.framing == Framing::None
    }

    /// True for MQTT framing (`open_mqtt_protocol`).
    pub fn is_mqtt(&self) -> bool {
        self.proto.framing == Framing::Mqtt
    }

    /// The port's `package_max_length`.
    pub fn max_length(&self) -> usize {
        self.proto.max_length
    }

    /// The buffer to read into (append only).
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        if self.start > 0 && self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        } else if self.start >= 64 * 1024 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        &mut self.buf
    }

    /// Bytes buffered and not yet handed out.
    pub fn pending(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// The next event's bytes, if the buffer holds one.
    pub fn next_packet(&mut self) -> Result<Option<Vec<u8>>, SplitError> {
        self.next_packet_by(None)
    }

    /// As `next_packet`, with a packet's total length decided by `length_func`
    /// (Swoole's `package_length_func`: >0 the length, 0 more bytes are
    /// needed, <0 malformed) when the port has one.
    pub fn next_packet_by(
        &mut self,
        length_func: Option<LengthFn<'_>>,
    ) -> Result<Option<Vec<u8>>, SplitError> {
        let pending = self.pending();
        if pending.is_empty() {
            return Ok(None);
        }
        let max = self.proto.max_length;
        let end = if let Some(f) = length_func {
            match f(pending) {
                n if n < 0 => return Err(SplitError::Malformed(pending.len())),
                0 if pending.len() >= max => return Err(SplitError::Malformed(pending.len())),
                0 => None,
                n if n as u64 > max as u64 => return Err(SplitError::TooLarge(n as u64)),
                n => Some(n as usize),
            }
        } else {
            match &self.proto.framing {
                Framing::None => Some(pending.len()),
                Framing::Eof(eof) if !self.eof_split => {
                    // Swoole never buffers more than the limit, so a longer
                    // run of packets is refused even when it ends well.
                    if pending.len() <= max && pending.ends_with(eof) {
                        Some(pending.len())
                    } else if pending.len() >= max {
                        return Err(SplitError::NoEof(pending.len()));
                    } else {
                        None
                    }
                }
                _ => match self.proto.packet_len(pending) {
                    Ok(n) => n,
                    Err(FrameError::TooLarge(Some(n))) => return Err(SplitError::TooLarge(n)),
                    Err(FrameError::TooLarge(None)) => {
                        return Err(SplitError::NoEof(pending.len()))
                    }
                    Err(FrameError::BadLength) => return Err(SplitError::Malformed(pending.len())),
                },
            }
        };
        match end {
            // A header longer than the limit (length field past it).
            Some(n) if n > max && !self.is_raw() => Err(SplitError::TooLarge(n as u64)),
            Some(n) if n <= pending.len() => {
                let out = pending[..n].to_vec();
                self.start += n;
                Ok(Some(out))
            }
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rt::net::framing::LengthField;

    fn eof(split: bool, max: usize) -> Splitter {
        Splitter::new(
            Protocol {
                framing: Framing::Eof(b"\r\n".to_vec()),
                max_length: max,
            },
            split,
        )
    }

    fn all(s: &mut Splitter) -> Vec<Vec<u8>> {
        let mut v = Vec::new();
        while let Ok(Some(p)) = s.next_packet() {
            v.push(p);
        }
        v
    }

    #[test]
    fn raw_reads_are_events() {
        let mut s = Splitter::new(Protocol::default(), false);
        s.buffer().extend_from_slice(b"abc");
        assert_eq!(all(&mut s), vec![b"abc".to_vec()]);
        assert_eq!(s.next_packet(), Ok(None));
    }

    #[test]
    fn eof_check_keeps_packets_together_until_the_tail_matches() {
        let mut s = eof(false, 1024);
        s.buffer().extend_from_slice(b"a\r\nb");
        assert_eq!(s.next_packet(), Ok(None));
        s.buffer().extend_from_slice(b"\r\n");
        assert_eq!(all(&mut s), vec![b"a\r\nb\r\n".to_vec()]);
    }

    #[test]
    fn eof_split_cuts_each_packet() {
        let mut s = eof(true, 1024);
        s.buffer().extend_from_slice(b"a\r\nbb\r\nc");
        assert_eq!(all(&mut s), vec![b"a\r\n".to_vec(), b"bb\r\n".to_vec()]);
        s.buffer().extend_from_slice(b"\r");
        assert_eq!(s.next_packet(), Ok(None));
        s.buffer().extend_from_slice(b"\n");
        assert_eq!(all(&mut s), vec![b"c\r\n".to_vec()]);
    }

    #[test]
    fn eof_never_found_within_the_limit_is_an_error() {
        for split in [false, true] {
            let mut s = eof(split, 8);
            s.buffer().extend_from_slice(b"0123456789");
            assert!(matches!(s.next_packet(), Err(SplitError::NoEof(_))));
        }
    }

    #[test]
    fn length_packets_and_hostile_lengths() {
        let p = Protocol {
            framing: Framing::Length(LengthField {
                ty: b'N',
                offset: 0,
                body_offset: 4,
            }),
            max_length: 100,
        };
        let mut s = Splitter::new(p, false);
        s.buffer()
            .extend_from_slice(&[0, 0, 0, 2, b'h', b'i', 0, 0]);
        assert_eq!(all(&mut s), vec![vec![0, 0, 0, 2, b'h', b'i']]);
        s.buffer().extend_from_slice(&[0, 1]);
        assert_eq!(s.next_packet(), Ok(None));
        s.buffer().extend_from_slice(b"x");
        assert_eq!(all(&mut s), vec![vec![0, 0, 0, 1, b'x']]);
        s.buffer().extend_from_slice(&[0xff, 0xff, 0xff, 0xff]);
        assert_eq!(s.next_packet(), Err(SplitError::TooLarge(0xffff_ffff + 4)));
    }

    #[test]
    fn length_function_decides() {
        let mut s = Splitter::new(Protocol::default(), false);
        s.buffer().extend_from_slice(b"3abc3de");
        let mut f = |b: &[u8]| i64::from(b[0] - b'0') + 1;
        assert_eq!(s.next_packet_by(Some(&mut f)), Ok(Some(b"3abc".to_vec())));
        assert_eq!(s.next_packet_by(Some(&mut f)), Ok(None));
        let mut bad = |_: &[u8]| -1;
        assert_eq!(
            s.next_packet_by(Some(&mut bad)),
            Err(SplitError::Malformed(3))
        );
        let mut huge = |_: &[u8]| i64::MAX;
        assert!(matches!(
            s.next_packet_by(Some(&mut huge)),
            Err(SplitError::TooLarge(_))
        ));
    }

    #[test]
    fn the_buffer_is_reused_once_drained() {
        let mut s = eof(true, 1 << 20);
        for _ in 0..10_000 {
            s.buffer().extend_from_slice(b"ping\r\n");
            assert_eq!(s.next_packet(), Ok(Some(b"ping\r\n".to_vec())));
        }
        assert!(s.buf.capacity() < 1024);
    }
}
