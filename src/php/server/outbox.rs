//! A server connection's send side (Swoole's per-connection output
//! buffer): a send writes at once while the socket has room, and what it
//! could not write waits, in order, behind one flushing coroutine. Several
//! coroutines sending to one connection therefore never interleave their
//! bytes, and a send never waits for a slow peer unless the buffer is over
//! `buffer_output_size` (then it fails or, with Swoole's `send_yield`,
//! waits for room).
//!
//! Used by plain TCP and WebSocket connections; HTTP responses write their
//! own bytes (one response at a time per connection).

use std::cell::{Cell, RefCell};
use std::os::fd::RawFd;
use std::rc::Rc;
use std::time::Duration;

use super::super::coroutine::spawn_native;
use super::super::runtime::rt;
use super::io::write_all;
use super::response::send_file_body;
use crate::rt::sync::waiters::{self, Waiters};
use std::collections::VecDeque;

/// Something queued for the socket.
enum Chunk {
    /// Bytes.
    Bytes(Vec<u8>),
    /// A part of a file: offset, length.
    File(std::fs::File, u64, u64),
}

/// What became of a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Written, or queued behind earlier bytes.
    Done,
    /// The output buffer is over its limit (Swoole's overflow).
    Full,
    /// The connection is broken or closing.
    Gone,
}

/// A connection's `bufferFull`/`bufferEmpty` levels (Swoole's
/// `buffer_high_watermark`, `buffer_low_watermark`).
pub struct Watermarks {
    /// Queued bytes at or over which `bufferFull` fires (once).
    pub high: usize,
    /// Queued bytes at or under which `bufferEmpty` fires after it.
    pub low: usize,
    /// A `bufferFull` callback exists (without one, an overflow arms
    /// `bufferEmpty`, as Swoole does).
    pub has_full: bool,
    /// Runs the event: true for full, false for empty.
    pub notify: Box<dyn Fn(bool)>,
}

/// One connection's output buffer.
pub struct Outbox {
    fd: RawFd,
    /// What waits for room in the socket, in order.
    pending: RefCell<VecDeque<Chunk>>,
    /// Bytes queued and not yet written (in flight included).
    queued_len: Cell<usize>,
    /// A coroutine is writing `pending`.
    flushing: Cell<bool>,
    /// A write failed: the connection is going.
    broken: Cell<bool>,
    /// Close the connection once `pending` is out.
    close_after: Cell<bool>,
    /// The fd was closed (its number may belong to another connection now).
    detached: Cell<bool>,
    /// Senders waiting for room (`send_yield`).
    room: RefCell<Waiters>,
    /// bufferFull/bufferEmpty, when the port has either callback.
    marks: RefCell<Option<Watermarks>>,
    /// bufferFull fired (or an overflow happened) and bufferEmpty has not.
    high: Cell<bool>,
}

impl Outbox {
    /// The output buffer of connection `fd`.
    pub fn new(fd: RawFd) -> Rc<Outbox> {
        Rc::new(Outbox {
            fd,
            pending: RefCell::new(VecDeque::new()),
            queued_len: Cell::new(0),
            flushing: Cell::new(false),
            broken: Cell::new(false),
            close_after: Cell::new(false),
            detached: Cell::new(false),
            room: RefCell::new(Waiters::default()),
            marks: RefCell::new(None),
            high: Cell::new(false),
        })
    }

    /// Arms bufferFull/bufferEmpty.
    pub fn set_watermarks(&self, m: Watermarks) {
        *self.marks.borrow_mut() = Some(m);
    }

    /// After bytes were queued: bufferFull when over the high mark.
    fn check_high(&self) {
        if self.high.get() {
            return;
        }
        let fire = self
            .marks
            .borrow()
            .as_ref()
            .is_some_and(|m| m.has_full && self.queued() >= m.high);
        if fire {
            self.high.set(true);
            if let Some(m) = self.marks.borrow().as_ref() {
                (m.notify)(true);
            }
        }
    }

    /// After an overflow: with bufferEmpty and no bufferFull, the drain is
    /// still announced.
    fn overflowed(&self) {
        if self.marks.borrow().as_ref().is_some_and(|m| !m.has_full) {
            self.high.set(true);
        }
    }

    /// After bytes went out: bufferEmpty when under the low mark.
    fn check_low(&self) {
        if !self.high.get() {
            return;
        }
        let fire = self
            .marks
            .borrow()
            .as_ref()
            .is_some_and(|m| self.queued() <= m.low);
        if fire {
            self.high.set(false);
            if let Some(m) = self.marks.borrow().as_ref() {
                (m.notify)(false);
            }
        }
    }

    /// A write failed.
    pub fn broken(&self) -> bool {
        self.broken.get()
    }

    /// A close is queued behind the pending bytes.
    pub fn closing(&self) -> bool {
        self.close_after.get()
    }

    /// Bytes not yet written (`send_queued_bytes`).
    pub fn queued(&self) -> usize {
        self.queued_len.get()
    }

    /// Sends (or queues) bytes; `Full` when `limit` bytes already wait.
    pub fn send(self: &Rc<Self>, bytes: &[u8], limit: usize) -> Sent {
        if self.broken.get() || self.close_after.get() {
            return Sent::Gone;
        }
        if self.flushing.get() || !self.pending.borrow().is_empty() {
            if self.queued() >= limit {
                self.overflowed();
                return Sent::Full;
            }
            self.push_bytes(bytes);
            self.check_high();
            return Sent::Done;
        }
        let Some(n) = send_some(self.fd, bytes) else {
            self.fail();
            return Sent::Gone;
        };
        if n < bytes.len() {
            self.push_bytes(&bytes[n..]);
            self.start_flush();
            self.check_high();
        }
        Sent::Done
    }

    /// As `send`, but a full buffer makes the calling coroutine wait for
    /// room (at most `timeout`) and try again (Swoole's `send_yield`).
    pub fn send_yield(
        self: &Rc<Self>,
        bytes: &[u8],
        limit: usize,
        timeout: Option<Duration>,
    ) -> Sent {
        loop {
            match self.send(bytes, limit) {
                Sent::Full => {}
                done => return done,
            }
            let me = rt(|r| r.current());
            if me.is_main() {
                return Sent::Full;
            }
            self.room.borrow_mut().add(me);
            let woken = rt(|r| waiters::wait(r, "server send", timeout)).unwrap_or(false);
            self.room.borrow_mut().remove(me);
            if !woken {
                return Sent::Full;
            }
        }
    }

    /// Closes the connection once what is queued is out (at once when
    /// nothing is).
    pub fn close_when_sent(&self) {
        self.close_after.set(true);
        if !self.flushing.get() {
            self.shutdown();
        }
    }

    /// Waits (at most `timeout`) until nothing is queued or the connection
    /// broke.
    pub fn drain(&self, timeout: Option<Duration>) {
        let me = rt(|r| r.current());
        while self.flushing.get() && !self.broken.get() && !me.is_main() {
            self.room.borrow_mut().add(me);
            let woken = rt(|r| waiters::wait(r, "server send", timeout)).unwrap_or(false);
            self.room.borrow_mut().remove(me);
            if !woken {
                break;
            }
        }
    }

    /// The fd is about to be closed: nothing more is written or shut down
    /// through this outbox.
    pub fn detach(&self) {
        self.detached.set(true);
        self.fail();
    }

    /// Queues `len` bytes of `file` from `offset` behind what is queued
    /// (sent with sendfile(2)).
    pub fn send_file(self: &Rc<Self>, file: std::fs::File, offset: u64, len: u64) -> Sent {
        if self.broken.get() || self.close_after.get() {
            return Sent::Gone;
        }
        let n = usize::try_from(len).unwrap_or(usize::MAX);
        self.queued_len.set(self.queued_len.get().saturating_add(n));
        self.pending
            .borrow_mut()
            .push_back(Chunk::File(file, offset, len));
        if !self.flushing.get() {
            self.start_flush();
        }
        self.check_high();
        Sent::Done
    }

    fn push_bytes(&self, bytes: &[u8]) {
        self.queued_len
            .set(self.queued_len.get().saturating_add(bytes.len()));
        let mut q = self.pending.borrow_mut();
        if let Some(Chunk::Bytes(last)) = q.back_mut() {
            last.extend_from_slice(bytes);
        } else {
            q.push_back(Chunk::Bytes(bytes.to_vec()));
        }
    }

    fn start_flush(self: &Rc<Self>) {
        self.flushing.set(true);
        let me = self.clone();
        let spawned = spawn_native(move || {
            loop {
                let Some(chunk) = me.pending.borrow_mut().pop_front() else {
                    break;
                };
                let (ok, n) = match &chunk {
                    _ if me.detached.get() => (false, 0),
                    Chunk::Bytes(b) => (write_all(me.fd, b).is_ok(), b.len()),
                    Chunk::File(f, off, len) => (
                        send_file_body(me.fd, f, *off, *len),
                        usize::try_from(*len).unwrap_or(usize::MAX),
                    ),
                };
                me.queued_len.set(me.queued_len.get().saturating_sub(n));
                if !ok {
                    me.fail();
                    break;
                }
                me.check_low();
                // Room again: the waiting senders may queue more behind.
                me.wake_senders();
            }
            me.flushing.set(false);
            me.wake_senders();
            if me.close_after.get() {
                me.shutdown();
            }
        });
        if spawned.is_err() {
            self.fail();
        }
    }

    fn wake_senders(&self) {
        let w = self.room.borrow_mut().take();
        if !w.is_empty() {
            rt(|r| w.wake_all_if(r, "server send"));
        }
    }

    fn fail(&self) {
        self.broken.set(true);
        self.pending.borrow_mut().clear();
        self.queued_len.set(0);
        self.wake_senders();
        self.shutdown();
    }

    fn shutdown(&self) {
        // A detached fd's number may belong to another connection now.
        if !self.detached.get() {
            super::io::shutdown(self.fd);
        }
    }
}

use super::io::send_some;
