//! The records between the PROCESS-mode master and its workers, on each
//! worker's SOCK_SEQPACKET pair. A message on the pair holds one record or
//! several (each with its length): under load what one turn of the event
//! loop produced for a worker goes as one message, so the pair's small
//! queue (net.unix.max_dgram_qlen) and the syscalls stay few.
//!
//! Master → worker: `Connect`, `Data`, `Close`, each with the session's
//! description (`Meta`), so a worker that never saw a session (a reload or
//! crash replaced the one that did) takes it up from any packet. A request
//! bigger than one packet is several packets in a row, all but the last
//! flagged `MORE`: a stopping worker reads up to a packet without `MORE`, so
//! no request is ever split between two processes.
//!
//! Worker → master: `Data` (bytes for the client), `Close` (after what was
//! sent; `RESET` at once) and `Upgrade` (the session now speaks WebSocket).
#![forbid(unsafe_code)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Largest payload of one packet (the socket pairs' buffers hold several).
pub const CHUNK: usize = 256 * 1024;

/// Master → worker: a new connection (the worker runs `onConnect`).
pub const CONNECT: u8 = 1;
/// Master → worker (bytes from the client) and worker → master (to it).
pub const DATA: u8 = 2;
/// Master → worker: the client left. Worker → master: close the session.
pub const CLOSE: u8 = 3;
/// Worker → master: from now on the session's bytes are WebSocket frames.
pub const UPGRADE: u8 = 4;
/// Worker → master: `protect()` (flag `ON`: the heartbeat leaves it alone).
pub const PROTECT: u8 = 5;

/// The next packet on this pair continues the same message.
pub const MORE: u8 = 1;
/// The session is a WebSocket connection (past its handshake).
pub const WS: u8 = 2;
/// Worker → master `CLOSE`: drop what is queued and reset.
pub const RESET: u8 = 4;

/// Worker → master `CLOSE`: the sender does not hold the session (a
/// `close()` from another process); master → worker `CLOSE`: so it was,
/// the owner runs the close as its own (`onClose` with reactor id -1).
pub const BY_SERVER: u8 = 8;

/// Master → worker: dispatch_mode 1 or 3 (each message to any worker):
/// no `onConnect`/`onClose` for the session (Swoole's unsafe events).
pub const NO_EVENTS: u8 = 16;
/// Master → worker: the WebSocket session agreed on permessage-deflate
/// (worker → master `UPGRADE` with `ON` says so).
pub const DEFLATE: u8 = 32;
/// Worker → master `PROTECT`: on (else off).
pub const ON: u8 = 1;

/// Bytes before the payload of a master → worker record.
pub const TO_WORKER_HEAD: usize = 44;
/// Bytes before the payload of a worker → master record.
pub const TO_MASTER_HEAD: usize = 14;
/// Largest message on a pair: records are packed up to this.
pub const MAX_MESSAGE: usize = CHUNK + 4096;

/// What a worker needs to know of a session to serve it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meta {
    /// Session id (PHP's `$fd`).
    pub sid: u64,
    /// Index of the port it came in on (the server's ports, primary first).
    pub port: u8,
    /// The client (0.0.0.0:0 for a unix socket client).
    pub peer: SocketAddr,
    /// Unix time of the accept.
    pub connect_time: f64,
}

/// One master → worker packet, parsed.
#[derive(Debug, PartialEq)]
pub struct ToWorker<'a> {
    pub kind: u8,
    pub flags: u8,
    pub meta: Meta,
    pub payload: &'a [u8],
}

/// One worker → master packet, parsed.
#[derive(Debug, PartialEq)]
pub struct ToMaster<'a> {
    pub kind: u8,
    pub flags: u8,
    pub sid: u64,
    pub payload: &'a [u8],
}

/// The head of a master → worker record of `len` payload bytes (at most
/// `CHUNK`).
pub fn to_worker_head(kind: u8, flags: u8, m: &Meta, len: usize) -> [u8; TO_WORKER_HEAD] {
    let mut h = [0u8; TO_WORKER_HEAD];
    h[0] = kind;
    h[1] = flags;
    h[2] = m.port;
    let (fam, ip) = match m.peer.ip() {
        IpAddr::V4(a) => (4u8, a.to_ipv6_mapped().octets()),
        IpAddr::V6(a) => (6u8, a.octets()),
    };
    h[3] = fam;
    h[4..12].copy_from_slice(&m.sid.to_le_bytes());
    h[12..14].copy_from_slice(&m.peer.port().to_le_bytes());
    h[14..30].copy_from_slice(&ip);
    h[30..38].copy_from_slice(&m.connect_time.to_le_bytes());
    h[40..44].copy_from_slice(&(len as u32).to_le_bytes());
    h
}

/// A record's payload length from its head, checked against what follows.
fn record_len(h: &[u8], at: usize, rest: usize) -> Option<usize> {
    let len = u32::from_le_bytes(h.get(at..at + 4)?.try_into().ok()?) as usize;
    (len <= CHUNK && len <= rest).then_some(len)
}

/// Parses the master → worker record at the start of `p` and how many
/// bytes it takes (None: short, too long, or an unknown kind).
pub fn parse_to_worker(p: &[u8]) -> Option<(ToWorker<'_>, usize)> {
    let h = p.get(..TO_WORKER_HEAD)?;
    let len = record_len(h, 40, p.len() - TO_WORKER_HEAD)?;
    if !matches!(h[0], CONNECT | DATA | CLOSE) {
        return None;
    }
    let sid = u64::from_le_bytes(h[4..12].try_into().ok()?);
    let port = u16::from_le_bytes(h[12..14].try_into().ok()?);
    let octets: [u8; 16] = h[14..30].try_into().ok()?;
    let ip = match h[3] {
        4 => IpAddr::V4(
            Ipv6Addr::from(octets)
                .to_ipv4_mapped()
                .unwrap_or(Ipv4Addr::UNSPECIFIED),
        ),
        _ => IpAddr::V6(Ipv6Addr::from(octets)),
    };
    let connect_time = f64::from_le_bytes(h[30..38].try_into().ok()?);
    let rec = ToWorker {
        kind: h[0],
        flags: h[1],
        meta: Meta {
            sid,
            port: h[2],
            peer: SocketAddr::new(ip, port),
            connect_time,
        },
        payload: &p[TO_WORKER_HEAD..TO_WORKER_HEAD + len],
    };
    Some((rec, TO_WORKER_HEAD + len))
}

/// The head of a worker → master record of `len` payload bytes (at most
/// `CHUNK`).
pub fn to_master_head(kind: u8, flags: u8, sid: u64, len: usize) -> [u8; TO_MASTER_HEAD] {
    let mut h = [0u8; TO_MASTER_HEAD];
    h[0] = kind;
    h[1] = flags;
    h[2..10].copy_from_slice(&sid.to_le_bytes());
    h[10..14].copy_from_slice(&(len as u32).to_le_bytes());
    h
}

/// Parses the worker → master record at the start of `p` and how many
/// bytes it takes (None: short, too long, or an unknown kind).
pub fn parse_to_master(p: &[u8]) -> Option<(ToMaster<'_>, usize)> {
    let h = p.get(..TO_MASTER_HEAD)?;
    if !matches!(h[0], DATA | CLOSE | UPGRADE | PROTECT) {
        return None;
    }
    let len = record_len(h, 10, p.len() - TO_MASTER_HEAD)?;
    let rec = ToMaster {
        kind: h[0],
        flags: h[1],
        sid: u64::from_le_bytes(h[2..10].try_into().ok()?),
        payload: &p[TO_MASTER_HEAD..TO_MASTER_HEAD + len],
    };
    Some((rec, TO_MASTER_HEAD + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_round_trip() {
        for peer in ["10.1.2.3:4567", "[::1]:80", "0.0.0.0:0"] {
            let m = Meta {
                sid: 1 << 40 | 7,
                port: 3,
                peer: peer.parse().unwrap_or_else(|_| unreachable!()),
                connect_time: 1234.5,
            };
            let mut p = to_worker_head(DATA, MORE | WS, &m, 5).to_vec();
            p.extend_from_slice(b"GET /");
            // Two records in one message.
            p.extend_from_slice(&to_worker_head(CLOSE, 0, &m, 0));
            let got = parse_to_worker(&p);
            let first = ToWorker {
                kind: DATA,
                flags: MORE | WS,
                meta: m,
                payload: b"GET /",
            };
            assert_eq!(got, Some((first, TO_WORKER_HEAD + 5)));
            let (second, used) =
                parse_to_worker(&p[TO_WORKER_HEAD + 5..]).unwrap_or_else(|| unreachable!());
            assert_eq!(
                (second.kind, second.payload.len(), used),
                (CLOSE, 0, TO_WORKER_HEAD)
            );
        }
        let mut p = to_master_head(CLOSE, RESET, 99, 1).to_vec();
        p.extend_from_slice(&[1, 2]);
        let got = parse_to_master(&p).map(|(t, n)| (t.kind, t.flags, t.sid, t.payload.to_vec(), n));
        assert_eq!(got, Some((CLOSE, RESET, 99, vec![1], TO_MASTER_HEAD + 1)));
        // A length past what follows is refused.
        assert!(parse_to_master(&to_master_head(DATA, 0, 1, 5)).is_none());
    }

    #[test]
    fn short_or_unknown_packets_are_refused() {
        assert!(parse_to_worker(&[DATA; 43]).is_none());
        assert!(parse_to_worker(&[9; 44]).is_none());
        assert!(parse_to_master(&[DATA; 13]).is_none());
        assert!(parse_to_master(&[CONNECT; 14]).is_none());
    }
}
