//! WebSocket (RFC 6455) as Swoole's server speaks it: the handshake key,
//! an incremental frame reader that assembles fragmented messages, frame
//! encoding (`push`, `pack`), close payloads and permessage-deflate
//! (RFC 7692). Bytes in, bytes out: no I/O, no PHP.
//!
//! Invariants: `Reader::feed` takes any bytes and never panics; lengths are
//! checked against the caller's limit before anything is buffered (a
//! 64-bit length cannot make it allocate); a message never exceeds `max`.
//! Like Swoole's, it accepts unmasked client frames.

use base64::Engine as _;
use sha1::Digest as _;

/// Opcodes.
pub const OP_CONTINUATION: u8 = 0x0;
/// A UTF-8 text message.
pub const OP_TEXT: u8 = 0x1;
/// A binary message.
pub const OP_BINARY: u8 = 0x2;
/// Close.
pub const OP_CLOSE: u8 = 0x8;
/// Ping.
pub const OP_PING: u8 = 0x9;
/// Pong.
pub const OP_PONG: u8 = 0xa;

/// Swoole's frame flags (`SWOOLE_WEBSOCKET_FLAG_*`).
pub const FLAG_FIN: u8 = 1;
/// Compress (permessage-deflate) when sending; set on a received
/// compressed message.
pub const FLAG_COMPRESS: u8 = 1 << 1;
/// RSV1 as received.
pub const FLAG_RSV1: u8 = 1 << 2;
/// RSV2 as received.
pub const FLAG_RSV2: u8 = 1 << 3;
/// RSV3 as received.
pub const FLAG_RSV3: u8 = 1 << 4;
/// Masked.
pub const FLAG_MASK: u8 = 1 << 5;
/// All of them (Swoole masks user flags with this).
pub const FLAGS_ALL: u8 = FLAG_FIN | FLAG_COMPRESS | FLAG_RSV1 | FLAG_RSV2 | FLAG_RSV3 | FLAG_MASK;

/// Swoole's mask key for frames it masks itself (`FLAG_MASK`).
const MASK_KEY: [u8; 4] = *b"258E";
/// Longest close reason.
pub const CLOSE_REASON_MAX: usize = 125;
/// Longest control-frame payload (RFC 6455 5.5).
const CONTROL_MAX: usize = 125;

const GUID: &[u8] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`; None when the key is
/// not the base64 of 16 bytes (24 characters), which Swoole answers with 400.
pub fn accept_key(key: &[u8]) -> Option<String> {
    let key = key.trim_ascii();
    if key.len() != 24 {
        return None;
    }
    let mut h = sha1::Sha1::new();
    h.update(key);
    h.update(GUID);
    Some(base64::engine::general_purpose::STANDARD.encode(h.finalize()))
}

/// Why a connection must be closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WsError {
    /// Broken framing (close code 1002).
    Protocol(&'static str),
    /// A frame or message larger than the limit (close code 1009).
    TooBig,
}

/// One received unit: a whole data message, or a control frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// TEXT/BINARY for data (the first frame's), or CLOSE/PING/PONG.
    pub opcode: u8,
    /// Swoole flags: FIN, and RSV1 (+COMPRESS) of a compressed message.
    pub flags: u8,
    /// The unmasked payload (fragments joined).
    pub payload: Vec<u8>,
}

/// Swoole's warning text for a fragmentation error a receiver reports
/// (its coroutine client's and `Response::recv`'s), if `e` is one.
pub fn fragment_warning(e: &WsError) -> Option<&'static str> {
    match e {
        WsError::Protocol(CONTINUATION_ALONE) => Some(
            "A continuation frame cannot stand alone and MUST be preceded by an initial frame whose opcode indicates either text or binary data.",
        ),
        WsError::Protocol(MESSAGE_INSIDE) => Some(
            "All fragments of a message, except for the initial frame, must use the continuation frame opcode(0).",
        ),
        _ => None,
    }
}

const CONTINUATION_ALONE: &str = "continuation without a first frame";
const MESSAGE_INSIDE: &str = "new message inside a fragmented one";

/// Assembles messages from the bytes of a connection.
#[derive(Debug)]
pub struct Reader {
    /// Largest message (and frame) accepted (`package_max_length`).
    max: usize,
    /// A fragmented message so far: (opcode, flags of the first frame, data).
    partial: Option<(u8, u8, Vec<u8>)>,
}

/// A frame's parsed header.
struct Head {
    fin: bool,
    rsv: u8,
    opcode: u8,
    mask: Option<[u8; 4]>,
    header_len: usize,
    payload_len: usize,
}

fn parse_head(buf: &[u8], max: usize) -> Result<Option<Head>, WsError> {
    let [b0, b1, rest @ ..] = buf else {
        return Ok(None);
    };
    let (len, mut at) = match b1 & 0x7f {
        126 => match rest {
            [a, b, ..] => (u64::from(u16::from_be_bytes([*a, *b])), 4usize),
            _ => return Ok(None),
        },
        127 => match rest.get(..8) {
            Some(b) => {
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                (u64::from_be_bytes(a), 10)
            }
            None => return Ok(None),
        },
        n => (u64::from(n), 2),
    };
    let mask = if b1 & 0x80 != 0 {
        let Some(k) = buf.get(at..at + 4) else {
            return Ok(None);
        };
        at += 4;
        Some([k[0], k[1], k[2], k[3]])
    } else {
        None
    };
    let payload_len = usize::try_from(len).map_err(|_| WsError::TooBig)?;
    if payload_len > max {
        return Err(WsError::TooBig);
    }
    Ok(Some(Head {
        fin: b0 & 0x80 != 0,
        rsv: (b0 >> 4) & 0x7,
        opcode: b0 & 0x0f,
        mask,
        header_len: at,
        payload_len,
    }))
}

/// Swoole's flags of a received frame.
fn flags_of(h: &Head) -> u8 {
    let mut f = 0;
    if h.fin {
        f |= FLAG_FIN;
    }
    if h.rsv & 0b100 != 0 {
        f |= FLAG_RSV1 | FLAG_COMPRESS;
    }
    if h.rsv & 0b010 != 0 {
        f |= FLAG_RSV2;
    }
    if h.rsv & 0b001 != 0 {
        f |= FLAG_RSV3;
    }
    if h.mask.is_some() {
        f |= FLAG_MASK;
    }
    f
}

/// XORs `data` with `key` (masking and unmasking are the same).
pub fn apply_mask(data: &mut [u8], key: [u8; 4]) {
    for (i, b) in data.iter_mut().enumerate() {
        *b ^= key[i % 4];
    }
}

impl Reader {
    /// A reader for messages of at most `max` bytes.
    pub fn new(max: usize) -> Reader {
        Reader { max, partial: None }
    }

    /// The next whole message at the start of `buf`, and the bytes it
    /// used; Ok((None, n)) when `n` bytes were used (a fragment) or more are
    /// needed (n = 0).
    pub fn feed(&mut self, buf: &[u8]) -> Result<(Option<Message>, usize), WsError> {
        let Some(h) = parse_head(buf, self.max)? else {
            return Ok((None, 0));
        };
        let total = h
            .header_len
            .checked_add(h.payload_len)
            .ok_or(WsError::TooBig)?;
        let Some(raw) = buf.get(h.header_len..total) else {
            return Ok((None, 0));
        };
        let mut payload = raw.to_vec();
        if let Some(k) = h.mask {
            apply_mask(&mut payload, k);
        }
        let flags = flags_of(&h);
        let msg = match h.opcode {
            OP_CONTINUATION => {
                let Some((_, _, data)) = self.partial.as_mut() else {
                    return Err(WsError::Protocol(CONTINUATION_ALONE));
                };
                if data.len().saturating_add(payload.len()) > self.max {
                    return Err(WsError::TooBig);
                }
                data.extend_from_slice(&payload);
                if h.fin {
                    self.partial.take().map(|(opcode, first, payload)| Message {
                        opcode,
                        flags: first | FLAG_FIN,
                        payload,
                    })
                } else {
                    None
                }
            }
            OP_TEXT | OP_BINARY => {
                if self.partial.is_some() {
                    return Err(WsError::Protocol(MESSAGE_INSIDE));
                }
                if h.fin {
                    Some(Message {
                        opcode: h.opcode,
                        flags,
                        payload,
                    })
                } else {
                    self.partial = Some((h.opcode, flags, payload));
                    None
                }
            }
            OP_CLOSE | OP_PING | OP_PONG => {
                if !h.fin || payload.len() > CONTROL_MAX {
                    return Err(WsError::Protocol("bad control frame"));
                }
                Some(Message {
                    opcode: h.opcode,
                    flags,
                    payload,
                })
            }
            _ => return Err(WsError::Protocol("unknown opcode")),
        };
        Ok((msg, total))
    }
}

/// One whole frame at the start of `buf` as it is (no message assembly,
/// any opcode): (opcode, Swoole flags, unmasked payload, bytes used);
/// None when `buf` holds no whole frame of at most `max` payload bytes.
pub fn decode_one(buf: &[u8], max: usize) -> Option<(u8, u8, Vec<u8>, usize)> {
    let h = parse_head(buf, max).ok()??;
    let total = h.header_len.checked_add(h.payload_len)?;
    let mut payload = buf.get(h.header_len..total)?.to_vec();
    if let Some(k) = h.mask {
        apply_mask(&mut payload, k);
    }
    Some((h.opcode, flags_of(&h), payload, total))
}

/// Appends one frame of `payload` to `out`: FIN and RSV1 from Swoole
/// `flags`; masked with Swoole's key when `flags` has FLAG_MASK.
pub fn encode(out: &mut Vec<u8>, opcode: u8, flags: u8, payload: &[u8]) {
    let mut b0 = opcode & 0x0f;
    if flags & FLAG_FIN != 0 {
        b0 |= 0x80;
    }
    if flags & FLAG_RSV1 != 0 {
        b0 |= 0x40;
    }
    let masked = flags & FLAG_MASK != 0;
    let m = if masked { 0x80 } else { 0 };
    out.reserve(14 + payload.len());
    out.push(b0);
    match payload.len() {
        n if n < 126 => out.push(m | n as u8),
        n if n <= 0xffff => {
            out.push(m | 126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(m | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    if masked {
        out.extend_from_slice(&MASK_KEY);
        let at = out.len();
        out.extend_from_slice(payload);
        apply_mask(&mut out[at..], MASK_KEY);
    } else {
        out.extend_from_slice(payload);
    }
}

/// A close frame's payload: the code (big-endian), then the reason; None
/// when the reason is longer than 125 bytes (Swoole's limit, with a warning).
pub fn close_payload(code: u16, reason: &[u8]) -> Option<Vec<u8>> {
    if reason.len() > CLOSE_REASON_MAX {
        return None;
    }
    let mut p = code.to_be_bytes().to_vec();
    p.extend_from_slice(reason);
    Some(p)
}

/// The code and reason of a received close payload (code None when shorter
/// than 2 bytes).
pub fn parse_close(payload: &[u8]) -> (Option<u16>, &[u8]) {
    match payload {
        [a, b, reason @ ..] => (Some(u16::from_be_bytes([*a, *b])), reason),
        _ => (None, &[]),
    }
}

/// Whether a `Sec-WebSocket-Extensions` request header offers
/// permessage-deflate.
pub fn offers_deflate(extensions: &[u8]) -> bool {
    extensions.split(|&b| b == b',').any(|e| {
        e.split(|&b| b == b';').next().map(<[u8]>::trim_ascii) == Some(b"permessage-deflate")
    })
}

/// What the server answers when it takes permessage-deflate: no context
/// kept between messages on either side (each message stands alone).
pub const DEFLATE_RESPONSE: &str =
    "permessage-deflate; client_no_context_takeover; server_no_context_takeover";

/// Compresses one message (RFC 7692: raw deflate, sync flush, the final
/// 00 00 ff ff removed).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut c = Compress::new(Compression::default(), false);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(1024));
        }
        let used = usize::try_from(c.total_in())
            .unwrap_or(usize::MAX)
            .min(data.len());
        if c.compress_vec(&data[used..], &mut out, FlushCompress::Sync)
            .is_err()
        {
            break;
        }
        // zlib's rule: a flush is complete when it left output room unused.
        let all_in = usize::try_from(c.total_in()).is_ok_and(|n| n >= data.len());
        if all_in && out.len() < out.capacity() {
            break;
        }
    }
    if out.ends_with(&[0, 0, 0xff, 0xff]) {
        out.truncate(out.len() - 4);
    }
    out
}

/// Decompresses one message of at most `max` bytes; None when it is not
/// valid deflate data or would exceed `max`.
pub fn inflate(data: &[u8], max: usize) -> Option<Vec<u8>> {
    use flate2::{Decompress, FlushDecompress};
    let mut d = Decompress::new(false);
    let mut input = Vec::with_capacity(data.len() + 4);
    input.extend_from_slice(data);
    input.extend_from_slice(&[0, 0, 0xff, 0xff]);
    let cap = max.saturating_add(1);
    let mut out: Vec<u8> = Vec::with_capacity(data.len().saturating_mul(3).max(64).min(cap));
    loop {
        if out.len() == out.capacity() {
            if out.len() >= cap {
                return None;
            }
            out.reserve(out.len().max(1024).min(cap - out.len()));
        }
        let used = usize::try_from(d.total_in()).ok()?.min(input.len());
        let before = (d.total_in(), d.total_out());
        let status = d
            .decompress_vec(&input[used..], &mut out, FlushDecompress::Sync)
            .ok()?;
        if out.len() > max {
            return None;
        }
        // A sender that ended the stream (a final block, as PHP's
        // deflate_add(ZLIB_FINISH) makes) leaves our sync tail unread.
        if status == flate2::Status::StreamEnd {
            return Some(out);
        }
        let all_in = usize::try_from(d.total_in()).is_ok_and(|n| n >= input.len());
        if all_in && out.len() < out.capacity() {
            return Some(out);
        }
        if (d.total_in(), d.total_out()) == before && out.len() < out.capacity() {
            // No progress with room to spare: truncated or corrupt input.
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn inflates_a_finished_stream() {
        use flate2::{Compress, Compression, FlushCompress};
        // Two sync-flushed pieces, then one that ends the stream: what a
        // sender that fragments a compressed message by hand produces.
        let mut c = Compress::new(Compression::default(), false);
        let mut z = Vec::with_capacity(1 << 16);
        for (part, flush) in [
            (&b"hello "[..], FlushCompress::Sync),
            (&b"fragmented "[..], FlushCompress::Sync),
            (&b"world"[..], FlushCompress::Finish),
        ] {
            c.compress_vec(part, &mut z, flush).unwrap();
        }
        assert_eq!(inflate(&z, 1024).unwrap(), b"hello fragmented world");
        // The usual permessage-deflate form still works, and limits hold.
        assert_eq!(inflate(&deflate(b"abc"), 1024).unwrap(), b"abc");
        assert_eq!(inflate(&z, 5), None);
    }

    fn frame(opcode: u8, fin: bool, payload: &[u8], mask: bool) -> Vec<u8> {
        let mut v = Vec::new();
        let flags = if fin { FLAG_FIN } else { 0 } | if mask { FLAG_MASK } else { 0 };
        encode(&mut v, opcode, flags, payload);
        v
    }

    #[test]
    fn accept_key_of_rfc_example() {
        assert_eq!(
            accept_key(b"dGhlIHNhbXBsZSBub25jZQ==").as_deref(),
            Some("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        );
        assert_eq!(accept_key(b"short"), None);
    }

    #[test]
    fn reads_masked_unmasked_and_split_frames() {
        let mut r = Reader::new(1 << 20);
        let f = frame(OP_TEXT, true, b"hello", true);
        assert_eq!(r.feed(&f[..3]).unwrap(), (None, 0));
        let (m, n) = r.feed(&f).unwrap();
        assert_eq!(n, f.len());
        let m = m.unwrap();
        assert_eq!((m.opcode, m.payload.as_slice()), (OP_TEXT, &b"hello"[..]));
        assert_eq!(m.flags, FLAG_FIN | FLAG_MASK);
        let big = vec![7u8; 70_000];
        let f = frame(OP_BINARY, true, &big, false);
        let (m, _) = r.feed(&f).unwrap();
        assert_eq!(m.unwrap().payload, big);
    }

    #[test]
    fn joins_fragments_around_a_ping() {
        let mut r = Reader::new(100);
        let mut bytes = frame(OP_TEXT, false, b"ab", true);
        bytes.extend(frame(OP_PING, true, b"p", true));
        bytes.extend(frame(OP_CONTINUATION, true, b"cd", true));
        let (m, n) = r.feed(&bytes).unwrap();
        assert!(m.is_none());
        let (m, k) = r.feed(&bytes[n..]).unwrap();
        assert_eq!(m.unwrap().opcode, OP_PING);
        let (m, _) = r.feed(&bytes[n + k..]).unwrap();
        let m = m.unwrap();
        assert_eq!(
            (m.opcode, m.payload.as_slice(), m.flags & FLAG_FIN),
            (OP_TEXT, &b"abcd"[..], FLAG_FIN)
        );
    }

    #[test]
    fn refuses_oversize_and_bad_frames() {
        let mut r = Reader::new(10);
        assert_eq!(
            r.feed(&frame(OP_TEXT, true, &[0; 11], false)),
            Err(WsError::TooBig)
        );
        // A 64-bit length is refused before anything is buffered.
        let huge = [0x81, 127, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(r.feed(&huge), Err(WsError::TooBig));
        let mut r = Reader::new(10);
        let mut two = frame(OP_TEXT, false, &[1; 6], false);
        two.extend(frame(OP_CONTINUATION, true, &[1; 6], false));
        let (_, n) = r.feed(&two).unwrap();
        assert_eq!(r.feed(&two[n..]), Err(WsError::TooBig));
        let mut r = Reader::new(1000);
        assert!(matches!(
            r.feed(&frame(OP_CONTINUATION, true, b"x", false)),
            Err(WsError::Protocol(_))
        ));
        assert!(matches!(
            r.feed(&frame(OP_PING, false, b"x", false)),
            Err(WsError::Protocol(_))
        ));
        assert!(matches!(
            r.feed(&frame(OP_PING, true, &[0; 126], false)),
            Err(WsError::Protocol(_))
        ));
        assert!(matches!(
            r.feed(&frame(0x3, true, b"x", false)),
            Err(WsError::Protocol(_))
        ));
    }

    #[test]
    fn close_payload_round_trip() {
        let p = close_payload(1000, b"bye").unwrap();
        assert_eq!(parse_close(&p), (Some(1000), &b"bye"[..]));
        assert_eq!(parse_close(b"x"), (None, &b""[..]));
        assert!(close_payload(1000, &[b'x'; 126]).is_none());
    }

    #[test]
    fn deflate_round_trip_and_limits() {
        let text = b"hello hello hello hello hello".repeat(100);
        let z = deflate(&text);
        assert!(z.len() < text.len() / 4);
        assert_eq!(inflate(&z, 1 << 20).unwrap(), text);
        assert_eq!(inflate(&z, 100), None);
        assert_eq!(inflate(&deflate(b""), 10).unwrap(), b"");
        assert!(offers_deflate(
            b"x-foo, permessage-deflate; client_max_window_bits"
        ));
        assert!(!offers_deflate(b"x-foo"));
    }
}
