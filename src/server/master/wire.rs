//! The packets between the PROCESS-mode master and its workers, one per
//! SOCK_SEQPACKET message on each worker's socket pair.
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

/// Bytes before the payload of a master → worker packet.
pub const TO_WORKER_HEAD: usize = 40;
/// Bytes before the payload of a worker → master packet.
pub const TO_MASTER_HEAD: usize = 10;

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

/// The head of a master → worker packet.
pub fn to_worker_head(kind: u8, flags: u8, m: &Meta) -> [u8; TO_WORKER_HEAD] {
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
    h
}

/// Parses a master → worker packet (None: too short or unknown kind).
pub fn parse_to_worker(p: &[u8]) -> Option<ToWorker<'_>> {
    let h = p.get(..TO_WORKER_HEAD)?;
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
    Some(ToWorker {
        kind: h[0],
        flags: h[1],
        meta: Meta {
            sid,
            port: h[2],
            peer: SocketAddr::new(ip, port),
            connect_time,
        },
        payload: &p[TO_WORKER_HEAD..],
    })
}

/// The head of a worker → master packet.
pub fn to_master_head(kind: u8, flags: u8, sid: u64) -> [u8; TO_MASTER_HEAD] {
    let mut h = [0u8; TO_MASTER_HEAD];
    h[0] = kind;
    h[1] = flags;
    h[2..10].copy_from_slice(&sid.to_le_bytes());
    h
}

/// Parses a worker → master packet (None: too short or unknown kind).
pub fn parse_to_master(p: &[u8]) -> Option<ToMaster<'_>> {
    let h = p.get(..TO_MASTER_HEAD)?;
    if !matches!(h[0], DATA | CLOSE | UPGRADE | PROTECT) {
        return None;
    }
    Some(ToMaster {
        kind: h[0],
        flags: h[1],
        sid: u64::from_le_bytes(h[2..10].try_into().ok()?),
        payload: &p[TO_MASTER_HEAD..],
    })
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
            let mut p = to_worker_head(DATA, MORE | WS, &m).to_vec();
            p.extend_from_slice(b"GET /");
            let got = parse_to_worker(&p);
            assert_eq!(
                got,
                Some(ToWorker {
                    kind: DATA,
                    flags: MORE | WS,
                    meta: m,
                    payload: b"GET /"
                })
            );
        }
        let mut p = to_master_head(CLOSE, RESET, 99).to_vec();
        p.push(1);
        let got = parse_to_master(&p).map(|t| (t.kind, t.flags, t.sid, t.payload.to_vec()));
        assert_eq!(got, Some((CLOSE, RESET, 99, vec![1])));
    }

    #[test]
    fn short_or_unknown_packets_are_refused() {
        assert!(parse_to_worker(&[DATA; 39]).is_none());
        assert!(parse_to_worker(&[9; 40]).is_none());
        assert!(parse_to_master(&[DATA; 9]).is_none());
        assert!(parse_to_master(&[CONNECT; 10]).is_none());
    }
}
