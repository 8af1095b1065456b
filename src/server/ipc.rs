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

/// Kind bit of a fragment: a message longer than `PIECE` travels as
/// several datagrams (the kernel caps one at its socket buffer size, often
/// 208 KiB), each [fragment id: u64][last: u8] + a slice of the payload.
pub const FRAGMENT: u32 = 1 << 31;

/// The largest datagram sent.
pub const PIECE: usize = 60 * 1024;

/// Bytes of a fragment's prefix.
const FRAG_PREFIX: usize = 9;

/// The datagrams of one message (one when it fits in `PIECE`). `frag_id`
/// tells this message's fragments from those of other messages the same
/// sender has in flight.
pub fn datagrams(
    h: Header,
    payload: &[u8],
    max: usize,
    frag_id: u64,
) -> Result<Vec<Vec<u8>>, TooLarge> {
    let total = HEADER
        .checked_add(payload.len())
        .ok_or(TooLarge(usize::MAX))?;
    if total > max {
        return Err(TooLarge(total));
    }
    if total <= PIECE {
        return Ok(vec![encode(h, payload, max)?]);
    }
    let step = PIECE - HEADER - FRAG_PREFIX;
    let n = payload.len().div_ceil(step);
    let fh = Header {
        kind: h.kind | FRAGMENT,
        ..h
    };
    Ok(payload
        .chunks(step)
        .enumerate()
        .map(|(i, piece)| {
            let mut m = Vec::with_capacity(HEADER + FRAG_PREFIX + piece.len());
            m.extend_from_slice(&fh.kind.to_le_bytes());
            m.extend_from_slice(&fh.src.to_le_bytes());
            m.extend_from_slice(&fh.id.to_le_bytes());
            m.extend_from_slice(&frag_id.to_le_bytes());
            m.push(u8::from(i + 1 == n));
            m.extend_from_slice(piece);
            m
        })
        .collect())
}

/// Joins fragments back into messages, per (sender, fragment id). A message
/// that grows past `limit` is dropped (its later fragments too).
#[derive(Debug, Default)]
pub struct Reassembly {
    parts: std::collections::HashMap<(u32, u64), Vec<u8>>,
    dropped: std::collections::HashSet<(u32, u64)>,
}

impl Reassembly {
    /// Takes one decoded datagram; a whole message when it completes one.
    pub fn push(&mut self, h: Header, payload: &[u8], limit: usize) -> Option<(Header, Vec<u8>)> {
        if h.kind & FRAGMENT == 0 {
            return Some((h, payload.to_vec()));
        }
        let (prefix, piece) = payload.split_first_chunk::<FRAG_PREFIX>()?;
        let (id, last) = prefix.split_first_chunk::<8>()?;
        let key = (h.src, u64::from_le_bytes(*id));
        let last = last.first().copied().unwrap_or(0) != 0;
        if self.dropped.contains(&key) {
            if last {
                self.dropped.remove(&key);
            }
            return None;
        }
        let buf = self.parts.entry(key).or_default();
        if buf.len().saturating_add(piece.len()) > limit {
            self.parts.remove(&key);
            if !last {
                self.dropped.insert(key);
            }
            return None;
        }
        buf.extend_from_slice(piece);
        if !last {
            return None;
        }
        let whole = self.parts.remove(&key)?;
        Some((
            Header {
                kind: h.kind & !FRAGMENT,
                ..h
            },
            whole,
        ))
    }
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

    #[test]
    fn long_messages_travel_in_fragments_and_interleave_safely() {
        let h = |src, id| Header { kind: 3, src, id };
        let a: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let b: Vec<u8> = (0..150_000u32).map(|i| (i % 13) as u8).collect();
        let da = datagrams(h(1, 5), &a, 1 << 24, 7).unwrap();
        let db = datagrams(h(1, 5), &b, 1 << 24, 8).unwrap();
        assert!(da.len() > 1 && db.len() > 1);
        assert!(da.iter().chain(&db).all(|d| d.len() <= PIECE));
        // Two messages of one sender, their fragments interleaved.
        let mut r = Reassembly::default();
        let mut got = Vec::new();
        let (mut ia, mut ib) = (da.iter(), db.iter());
        loop {
            let (x, y) = (ia.next(), ib.next());
            if x.is_none() && y.is_none() {
                break;
            }
            for d in [x, y].into_iter().flatten() {
                let (hh, p) = decode(d).unwrap();
                got.extend(r.push(hh, p, 1 << 24));
            }
        }
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|(hh, _)| *hh == h(1, 5)));
        assert!(got.iter().any(|(_, p)| *p == a) && got.iter().any(|(_, p)| *p == b));
        // A short message is one datagram and passes through.
        let one = datagrams(h(2, 1), b"tiny", 1 << 24, 9).unwrap();
        assert_eq!(one.len(), 1);
        let (hh, p) = decode(&one[0]).unwrap();
        assert_eq!(r.push(hh, p, 1 << 24), Some((h(2, 1), b"tiny".to_vec())));
        // Over the limit: dropped, and so are its later fragments.
        let mut r = Reassembly::default();
        let out: Vec<_> = da
            .iter()
            .filter_map(|d| {
                let (hh, p) = decode(d).unwrap();
                r.push(hh, p, 100_000)
            })
            .collect();
        assert!(out.is_empty() && r.parts.is_empty() && r.dropped.is_empty());
        // Garbage never panics.
        let bad = Header {
            kind: 3 | FRAGMENT,
            src: 1,
            id: 1,
        };
        assert_eq!(r.push(bad, b"short", 10), None);
    }
}
