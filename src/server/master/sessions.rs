//! PROCESS mode: the master's sessions, readable by every process of the
//! server (`exists`, `getClientInfo`, `isEstablished`, `getClientList`,
//! `$server->connections` answer for any `$fd` from any worker, as Swoole's
//! connection table does). One shared anonymous mapping created before the
//! fork; only the master writes it.
//!
//! A session lives in slot `sid % capacity`. The master writes its fields,
//! then publishes the sid (Release); a reader loads the sid (Acquire),
//! reads, and checks the sid again: a slot reused meanwhile reads as gone.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::*};

use super::wire::Meta;

/// One slot (all atomics: zero is a free slot).
#[repr(C)]
struct Entry {
    sid: AtomicU64,
    worker: AtomicU32,
    /// Bit 0: an upgraded WebSocket; bit 1: closing.
    state: AtomicU32,
    server_port: AtomicU32,
    peer_port: AtomicU32,
    /// 4, 6, or 0 (a unix socket client).
    family: AtomicU32,
    peer: [AtomicU32; 4],
    connect_time: AtomicU64,
    last_recv: AtomicU64,
}

const WS: u32 = 1;
const CLOSING: u32 = 2;

/// What a process can read of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub sid: u64,
    pub worker: u32,
    pub websocket: bool,
    pub server_port: u16,
    pub peer: SocketAddr,
    pub unix_peer: bool,
    pub connect_time: f64,
    pub last_recv: f64,
}

/// The table (the master's writes, everyone's reads).
pub struct Sessions {
    map: crate::rt::sys::SharedBytes,
    cap: usize,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions").field("cap", &self.cap).finish()
    }
}

impl Sessions {
    /// A table of `cap` slots (zeroed by the kernel: all free).
    pub fn new(cap: usize) -> std::io::Result<Sessions> {
        let cap = cap.max(16);
        let len = cap
            .checked_mul(std::mem::size_of::<Entry>())
            .ok_or_else(|| std::io::Error::other("session table too large"))?;
        // Zero-filled: all-zero atomics are free entries.
        let map = crate::rt::sys::SharedBytes::new(len)?;
        Ok(Sessions { map, cap })
    }

    /// The first slot (the mapping is page-aligned: aligned for Entry).
    fn entries(&self) -> *mut Entry {
        self.map.as_ptr().cast()
    }

    /// Slots in the table.
    pub fn capacity(&self) -> usize {
        self.cap
    }

    fn slot(&self, sid: u64) -> &Entry {
        let i = (sid % self.cap as u64) as usize;
        // SAFETY: i < cap, inside the mapping, which lives as long as self.
        unsafe { &*self.entries().add(i) }
    }

    /// Whether `sid`'s slot is free (the master picks another id if not).
    pub fn free_for(&self, sid: u64) -> bool {
        self.slot(sid).sid.load(Acquire) == 0
    }

    /// Master: a new session.
    pub fn open(&self, m: &Meta, worker: usize, server_port: u16, unix_peer: bool) {
        let e = self.slot(m.sid);
        e.sid.store(0, Release);
        e.worker.store(worker as u32, Relaxed);
        e.state.store(0, Relaxed);
        e.server_port.store(u32::from(server_port), Relaxed);
        e.peer_port.store(u32::from(m.peer.port()), Relaxed);
        let (fam, octets) = match m.peer.ip() {
            IpAddr::V4(a) => (4, a.to_ipv6_mapped().octets()),
            IpAddr::V6(a) => (6, a.octets()),
        };
        e.family.store(if unix_peer { 0 } else { fam }, Relaxed);
        for (k, w) in e.peer.iter().enumerate() {
            let b = [
                octets[4 * k],
                octets[4 * k + 1],
                octets[4 * k + 2],
                octets[4 * k + 3],
            ];
            w.store(u32::from_ne_bytes(b), Relaxed);
        }
        e.connect_time.store(m.connect_time.to_bits(), Relaxed);
        e.last_recv.store(m.connect_time.to_bits(), Relaxed);
        e.sid.store(m.sid, Release);
    }

    /// Master: bytes came from the client at `now`.
    pub fn touch(&self, sid: u64, now: f64) {
        let e = self.slot(sid);
        if e.sid.load(Relaxed) == sid {
            e.last_recv.store(now.to_bits(), Relaxed);
        }
    }

    /// Master: the session speaks WebSocket.
    pub fn set_websocket(&self, sid: u64) {
        self.set_state(sid, WS);
    }

    /// Master: a close is on its way.
    pub fn set_closing(&self, sid: u64) {
        self.set_state(sid, CLOSING);
    }

    fn set_state(&self, sid: u64, bit: u32) {
        let e = self.slot(sid);
        if e.sid.load(Relaxed) == sid {
            e.state.fetch_or(bit, Relaxed);
        }
    }

    /// Master: the session is over.
    pub fn close(&self, sid: u64) {
        let e = self.slot(sid);
        let _ = e.sid.compare_exchange(sid, 0, Release, Relaxed);
    }

    /// Any process: session `sid` while it is open (not closing).
    pub fn get(&self, sid: u64) -> Option<Info> {
        if sid == 0 {
            return None;
        }
        let e = self.slot(sid);
        if e.sid.load(Acquire) != sid {
            return None;
        }
        let state = e.state.load(Relaxed);
        let mut octets = [0u8; 16];
        for (k, w) in e.peer.iter().enumerate() {
            octets[4 * k..4 * k + 4].copy_from_slice(&w.load(Relaxed).to_ne_bytes());
        }
        let fam = e.family.load(Relaxed);
        let ip = match fam {
            6 => IpAddr::V6(Ipv6Addr::from(octets)),
            _ => IpAddr::V4(
                Ipv6Addr::from(octets)
                    .to_ipv4_mapped()
                    .unwrap_or(Ipv4Addr::UNSPECIFIED),
            ),
        };
        let info = Info {
            sid,
            worker: e.worker.load(Relaxed),
            websocket: state & WS != 0,
            server_port: u16::try_from(e.server_port.load(Relaxed)).unwrap_or(0),
            peer: SocketAddr::new(ip, u16::try_from(e.peer_port.load(Relaxed)).unwrap_or(0)),
            unix_peer: fam == 0,
            connect_time: f64::from_bits(e.connect_time.load(Relaxed)),
            last_recv: f64::from_bits(e.last_recv.load(Relaxed)),
        };
        (e.sid.load(Acquire) == sid && state & CLOSING == 0).then_some(info)
    }

    /// Any process: open sessions above `start`, ascending, at most `count`.
    pub fn list(&self, start: u64, count: usize) -> Vec<u64> {
        let mut v: Vec<u64> = (0..self.cap)
            .filter_map(|i| {
                // SAFETY: i < cap, inside the mapping.
                let e = unsafe { &*self.entries().add(i) };
                let sid = e.sid.load(Acquire);
                (sid > start && e.state.load(Relaxed) & CLOSING == 0).then_some(sid)
            })
            .collect();
        v.sort_unstable();
        v.truncate(count);
        v
    }

    /// Any process: how many sessions are open.
    pub fn count(&self) -> usize {
        (0..self.cap)
            .filter(|&i| {
                // SAFETY: i < cap, inside the mapping.
                let e = unsafe { &*self.entries().add(i) };
                e.sid.load(Relaxed) != 0 && e.state.load(Relaxed) & CLOSING == 0
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(sid: u64, peer: &str) -> Meta {
        Meta {
            sid,
            port: 0,
            peer: peer.parse().unwrap_or_else(|_| unreachable!()),
            connect_time: 100.5,
        }
    }

    #[test]
    fn sessions_are_seen_across_a_fork() {
        let t = Sessions::new(64).unwrap_or_else(|_| unreachable!());
        t.open(&meta(3, "10.0.0.1:5000"), 2, 9501, false);
        t.open(&meta(4, "[::1]:6000"), 0, 9501, false);
        t.set_websocket(4);
        // SAFETY: fork in a test; the child writes to the table and _exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            t.close(3);
            t.touch(4, 200.0);
            t.open(&meta(5, "0.0.0.0:0"), 1, 9502, true);
            // SAFETY: leave the forked test process at once.
            unsafe { libc::_exit(0) };
        }
        let mut st = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut st, 0) };
        assert_eq!(t.get(3), None);
        let four = t.get(4).unwrap_or_else(|| unreachable!());
        assert!(four.websocket);
        assert_eq!((four.worker, four.last_recv), (0, 200.0));
        assert_eq!(
            four.peer,
            "[::1]:6000".parse().unwrap_or_else(|_| unreachable!())
        );
        let five = t.get(5).unwrap_or_else(|| unreachable!());
        assert!(five.unix_peer && five.server_port == 9502);
        assert_eq!(t.list(0, 10), vec![4, 5]);
        assert_eq!(t.list(4, 10), vec![5]);
        assert_eq!(t.count(), 2);
        // A slot holds one session: 5 + 64 collides with 5.
        assert!(!t.free_for(69));
        assert_eq!(t.get(69), None);
        t.set_closing(5);
        assert_eq!(t.get(5), None);
        assert_eq!(t.count(), 1);
    }
}
