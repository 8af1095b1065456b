//! Framing of the messages between a server's processes (task IPC): one
//! SOCK_SEQPACKET datagram per message, a 16-byte header (kind, source
//! worker, task id; little-endian) and the payload (PHP `serialize()`
//! output). Bytes in, bytes out: no I/O.
//!
//! Invariants: `decode` takes any bytes (a datagram may be short or come
//! from a stray writer) and never panics; `encode` refuses a message larger
//! than the caller's limit.
#![forbid(unsafe_code)]

/// Bytes of the header.
pub const HEADER: usize = 16;

/// What a message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Task or result.
    pub kind: u32,
    /// The worker that sent the task (and gets the result).
    pub src: u32,
    /// Task id, unique per source worker.
    pub id: u64,
}

/// The message would exceed the limit: its total size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge(pub usize);

/// The datagram for `h` and `payload`, at most `max` bytes.
pub fn encode(h: Header, payload: &[u8], max: usize) -> Result<Vec<u8>, TooLarge> {
    let total = HEADER
        .checked_add(payload.len())
        .ok_or(TooLarge(usize::MAX))?;
    if total > max {
        return Err(TooLarge(total));
    }
    let mut msg = Vec::with_capacity(total);
    msg.extend_from_slice(&h.kind.to_le_bytes());
    msg.extend_from_slice(&h.src.to_le_bytes());
    msg.extend_from_slice(&h.id.to_le_bytes());
    msg.extend_from_slice(payload);
    Ok(msg)
}

/// The header and payload of a received datagram; None when it is too short
/// to be a message.
pub fn decode(msg: &[u8]) -> Option<(Header, &[u8])> {
    let (head, payload) = msg.split_first_chunk::<HEADER>()?;
    let (kind, rest) = head.split_first_chunk::<4>()?;
    let (src, id) = rest.split_first_chunk::<4>()?;
    let id: [u8; 8] = id.try_into().ok()?;
    Some((
        Header {
            kind: u32::from_le_bytes(*kind),
            src: u32::from_le_bytes(*src),
            id: u64::from_le_bytes(id),
        },
        payload,
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trip_short_and_too_large() {
        let h = Header {
            kind: 2,
            src: 7,
            id: u64::MAX - 1,
        };
        let m = encode(h, b"payload", 64).unwrap();
        assert_eq!(decode(&m), Some((h, &b"payload"[..])));
        assert_eq!(decode(&m[..15]), None);
        assert_eq!(decode(&m[..16]), Some((h, &b""[..])));
        assert_eq!(encode(h, &[0; 49], 64), Err(TooLarge(65)));
    }
}
