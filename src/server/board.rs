//! The server's board: what every process of one server needs to know of
//! the others (pids, status, counters for `stats()`), in memory shared
//! across fork. Created by the manager before it forks anything.
//!
//! Each process writes only its own slot (the manager writes a pid after a
//! fork and after the child has gone, the child while it lives), so relaxed
//! loads and stores suffice, without locked read-modify-writes: readers see
//! a recent value, never a torn one.
//! Totals are sums over slots, so the hot path touches one cache line of
//! its own instead of contending on shared counters.
#![deny(unsafe_code)]

use std::sync::atomic::{AtomicI32, AtomicI64, AtomicU32, AtomicU64, Ordering::Relaxed};

use crate::rt::sys::{Shared, ZeroValid};

/// Most process slots: workers, task workers and user processes together.
pub const MAX_SLOTS: usize = 2304;

/// Swoole's worker states (`SWOOLE_WORKER_BUSY` …).
pub const BUSY: u32 = 1;
/// Waiting for work.
pub const IDLE: u32 = 2;
/// Gone (and not yet replaced).
pub const EXIT: u32 = 3;

/// One process's line.
#[derive(Default)]
#[repr(C, align(64))]
pub struct Slot {
    /// Its pid (0: none yet).
    pub pid: AtomicI32,
    /// BUSY/IDLE/EXIT (0: never started).
    pub status: AtomicU32,
    /// Connections it holds open now.
    pub connections: AtomicI64,
    /// Connections it accepted.
    pub accepted: AtomicU64,
    /// Connections it closed.
    pub closed: AtomicU64,
    /// Requests (HTTP requests, TCP receives, tasks) it began.
    pub requests: AtomicU64,
    /// Requests it answered.
    pub responses: AtomicU64,
    /// Requests in flight now.
    pub concurrency: AtomicI64,
}
impl ZeroValid for Slot {}

/// The board itself.
#[repr(C)]
pub struct Board {
    /// Unix time the server started.
    pub start_time: AtomicI64,
    /// Pid of the manager (also Swoole's master in BASE mode).
    pub manager_pid: AtomicI32,
    /// Tasks dispatched.
    pub task_count: AtomicU64,
    /// Pipe messages sent.
    pub pipe_messages: AtomicU64,
    /// Set by the first worker 0 to start (Swoole's `onstart_called`: the
    /// library's `Helper::onStart` runs once per server, not per re-fork).
    pub onstart_called: AtomicU32,
    /// Set by the manager when the server stops (not for a reload): a
    /// PROCESS-mode worker then closes its sessions instead of leaving them
    /// to a successor.
    pub shutting_down: AtomicU32,
    /// Process slots, by Swoole worker id.
    pub slots: [Slot; MAX_SLOTS],
}
impl ZeroValid for Board {}

/// Sums of the slots in `range`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Open connections.
    pub connections: i64,
    /// Accepted connections.
    pub accepted: u64,
    /// Closed connections.
    pub closed: u64,
    /// Requests begun.
    pub requests: u64,
    /// Requests answered.
    pub responses: u64,
    /// Requests in flight.
    pub concurrency: i64,
    /// Processes that are IDLE.
    pub idle: usize,
}

impl Board {
    /// A zeroed board in fresh shared memory.
    pub fn new() -> std::io::Result<Shared<Board>> {
        Shared::new()
    }

    /// Slot `id`, if it is one.
    pub fn slot(&self, id: usize) -> Option<&Slot> {
        self.slots.get(id)
    }

    /// Sums over the slots `from..to`.
    pub fn totals(&self, from: usize, to: usize) -> Totals {
        let mut t = Totals::default();
        for s in self.slots.get(from..to.min(MAX_SLOTS)).unwrap_or_default() {
            t.connections += s.connections.load(Relaxed);
            t.accepted += s.accepted.load(Relaxed);
            t.closed += s.closed.load(Relaxed);
            t.requests += s.requests.load(Relaxed);
            t.responses += s.responses.load(Relaxed);
            t.concurrency += s.concurrency.load(Relaxed);
            t.idle += usize::from(s.status.load(Relaxed) == IDLE);
        }
        t
    }
}

/// Adds `d` to a counter only its own process writes: a plain load and
/// store (no locked read-modify-write on the request path).
fn bump(c: &AtomicU64, d: u64) {
    c.store(c.load(Relaxed).wrapping_add(d), Relaxed);
}

fn add(c: &AtomicI64, d: i64) -> i64 {
    let v = c.load(Relaxed);
    c.store(v.wrapping_add(d), Relaxed);
    v
}

impl Slot {
    /// A request begins: counted, and the process is busy.
    pub fn begin(&self) {
        bump(&self.requests, 1);
        if add(&self.concurrency, 1) == 0 {
            self.status.store(BUSY, Relaxed);
        }
    }

    /// A request is answered; the process is idle once none is in flight.
    pub fn end(&self) {
        bump(&self.responses, 1);
        if add(&self.concurrency, -1) <= 1 {
            self.status.store(IDLE, Relaxed);
        }
    }

    /// A connection was accepted; returns how many this slot had accepted
    /// before (over its whole life, across re-forks: session ids build on it).
    pub fn opened(&self) -> u64 {
        let before = self.accepted.load(Relaxed);
        bump(&self.accepted, 1);
        add(&self.connections, 1);
        before
    }

    /// A connection was closed.
    pub fn closed(&self) {
        bump(&self.closed, 1);
        add(&self.connections, -1);
    }

    /// A fresh process takes the slot: its pid, idle, per-process counts
    /// from zero (totals since start stay: accepted/closed/requests).
    pub fn born(&self, pid: i32) {
        self.pid.store(pid, Relaxed);
        self.connections.store(0, Relaxed);
        self.concurrency.store(0, Relaxed);
        self.status.store(IDLE, Relaxed);
    }

    /// Its process is gone.
    pub fn gone(&self) {
        self.status.store(EXIT, Relaxed);
        self.connections.store(0, Relaxed);
        self.concurrency.store(0, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    #[allow(unsafe_code)]
    fn counts_are_seen_across_fork() {
        let b = Board::new().unwrap();
        b.slots[1].born(42);
        // SAFETY: fork in a test; the child only touches atomics and _exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            let s = &b.slots[1];
            s.opened();
            s.begin();
            s.begin();
            s.end();
            // SAFETY: leave the forked test process at once.
            unsafe { libc::_exit(0) };
        }
        let mut st = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut st, 0) };
        let t = b.totals(0, 4);
        assert_eq!(
            (t.accepted, t.connections, t.requests, t.responses),
            (1, 1, 2, 1)
        );
        assert_eq!(t.concurrency, 1);
        assert_eq!(b.slots[1].status.load(Relaxed), BUSY);
        b.slots[1].end();
        assert_eq!(b.slots[1].status.load(Relaxed), IDLE);
        assert_eq!(b.totals(0, 4).idle, 1);
        b.slots[1].gone();
        assert_eq!(b.slots[1].status.load(Relaxed), EXIT);
        assert!(b.slot(MAX_SLOTS).is_none());
    }
}
