//! The I/O driver: a mio `Poll` plus, per file descriptor, the coroutine
//! waiting to read and the one waiting to write.
//!
//! Owns: the epoll instance (created lazily, rebuilt after fork), the map
//! fd → waiters and the interest registered for it. Registration follows the
//! waiters: added when a coroutine starts waiting on an fd, re-registered
//! (epoll re-checks readiness then, so no edge is missed) when the set of
//! directions changes, removed when nobody waits. When nothing waits, the
//! scheduler still blocks here for its next timer: 0% CPU while idle.
//! May not: perform reads or writes.
#![forbid(unsafe_code)]

use std::io;
use std::os::fd::RawFd;
use std::time::Duration;

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token, Waker};

use crate::rt::idmap::IdMap;
use crate::rt::Cid;

/// Which way a coroutine waits on an fd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Until readable (or closed / in error).
    Read,
    /// Until writable (or closed / in error).
    Write,
}

/// Waiters of one fd.
#[derive(Debug, Default, Clone, Copy)]
struct FdWaiters {
    /// Coroutine waiting to read.
    reader: Option<Cid>,
    /// Coroutine waiting to write.
    writer: Option<Cid>,
    /// What is registered with epoll now.
    registered: Option<Interest>,
    /// Kept registered (readable and writable) between waits, until
    /// `take_waiters` (the fd is closed): saves two epoll_ctl per wait.
    persistent: bool,
    /// Persistent fds: became readable while nobody waited.
    ready_r: bool,
    /// Persistent fds: became writable while nobody waited.
    ready_w: bool,
    /// The peer's end of stream (or an error) was reported: reads never
    /// block again, and no further edge will say so.
    hup: bool,
    /// The waiters are background listeners (signal handlers): they do not
    /// keep the event loop running.
    background: bool,
}

/// The process's epoll instance (rebuilt in each forked child).
#[derive(Debug)]
pub struct IoDriver {
    /// The mio poll.
    poll: Poll,
    /// Reused event buffer.
    events: Events,
    /// Waiters by fd.
    fds: IdMap<RawFd, FdWaiters>,
    /// Lets other threads interrupt the wait (blocking-pool completions).
    waker: std::sync::Arc<Waker>,
}

/// Token of the waker (never an fd).
const WAKER: Token = Token(usize::MAX);

impl IoDriver {
    /// Creates a new epoll instance.
    pub fn new() -> io::Result<Self> {
        let poll = Poll::new()?;
        let waker = std::sync::Arc::new(Waker::new(poll.registry(), WAKER)?);
        Ok(IoDriver {
            poll,
            events: Events::with_capacity(256),
            fds: IdMap::default(),
            waker,
        })
    }

    /// A handle other threads use to interrupt `wait`.
    pub fn waker(&self) -> std::sync::Arc<Waker> {
        self.waker.clone()
    }

    /// Number of fds with a waiter that keeps the loop running.
    pub fn waiting(&self) -> usize {
        self.fds
            .values()
            .filter(|w| !w.background && (w.reader.is_some() || w.writer.is_some()))
            .count()
    }

    /// As `add_waiter` (not persistent), for a background listener: the fd
    /// does not count in `waiting`.
    pub fn add_background_waiter(&mut self, fd: RawFd, dir: Dir, cid: Cid) -> io::Result<()> {
        self.fds.entry(fd).or_default().background = true;
        self.add_waiter(fd, dir, cid, false)
    }

    /// The coroutine already waiting on `fd` in direction `dir`, if any.
    pub fn holder(&self, fd: RawFd, dir: Dir) -> Option<Cid> {
        self.fds.get(&fd).and_then(|w| match dir {
            Dir::Read => w.reader,
            Dir::Write => w.writer,
        })
    }

    fn sync(&mut self, fd: RawFd) -> io::Result<()> {
        let Some(w) = self.fds.get(&fd).copied() else {
            return Ok(());
        };
        let want = match (w.reader.is_some(), w.writer.is_some()) {
            _ if w.persistent => Some(Interest::READABLE | Interest::WRITABLE),
            (true, true) => Some(Interest::READABLE | Interest::WRITABLE),
            (true, false) => Some(Interest::READABLE),
            (false, true) => Some(Interest::WRITABLE),
            (false, false) => None,
        };
        if want.is_some() && w.registered == want {
            return Ok(());
        }
        let reg = self.poll.registry();
        let tok = Token(fd as usize);
        let r = match (w.registered, want) {
            (None, Some(i)) => reg.register(&mut SourceFd(&fd), tok, i),
            (Some(_), Some(i)) => reg.reregister(&mut SourceFd(&fd), tok, i),
            (Some(_), None) => {
                // The fd may be closed already (then epoll dropped it itself).
                let _ = reg.deregister(&mut SourceFd(&fd));
                Ok(())
            }
            (None, None) => Ok(()),
        };
        match want {
            None => {
                self.fds.remove(&fd);
            }
            Some(i) => {
                if let Some(e) = self.fds.get_mut(&fd) {
                    e.registered = if r.is_ok() { Some(i) } else { e.registered };
                }
            }
        }
        r
    }

    /// Records `cid` as waiting on `fd` in direction `dir`. A `persistent` fd
    /// stays registered after the wait (the caller owns its whole life and
    /// calls `take_waiters` when it closes it). Edge-triggered readiness is
    /// safe here because callers only wait after the syscall said EAGAIN.
    pub fn add_waiter(
        &mut self,
        fd: RawFd,
        dir: Dir,
        cid: Cid,
        persistent: bool,
    ) -> io::Result<()> {
        let e = self.fds.entry(fd).or_default();
        e.persistent |= persistent;
        match dir {
            Dir::Read => e.reader = Some(cid),
            Dir::Write => e.writer = Some(cid),
        }
        let r = self.sync(fd);
        if r.is_err() {
            self.remove_waiter(fd, dir);
        }
        r
    }

    /// Forgets the waiter of `fd` in direction `dir`.
    pub fn remove_waiter(&mut self, fd: RawFd, dir: Dir) {
        if let Some(e) = self.fds.get_mut(&fd) {
            match dir {
                Dir::Read => e.reader = None,
                Dir::Write => e.writer = None,
            }
            let _ = self.sync(fd);
        }
    }

    /// For a persistent fd, whether an edge in direction `dir` came since it
    /// was last drained (for reads, also: the peer is gone); clears the
    /// flag. None for an fd that is not kept registered.
    fn take_flag(&mut self, fd: RawFd, dir: Dir) -> Option<bool> {
        match self.fds.get_mut(&fd) {
            Some(w) if w.persistent => Some(match dir {
                Dir::Read => std::mem::take(&mut w.ready_r) || w.hup,
                Dir::Write => std::mem::take(&mut w.ready_w),
            }),
            _ => None,
        }
    }

    /// Whether a syscall on `fd` in direction `dir` may succeed now: false only
    /// for a persistent fd that had no readiness edge since it was last
    /// drained. Clears the hint (the caller is about to try).
    pub fn take_ready(&mut self, fd: RawFd, dir: Dir) -> bool {
        self.take_flag(fd, dir).unwrap_or(true)
    }

    /// For a persistent fd: an edge in direction `dir` came while nobody
    /// waited (or the peer is gone, for reads), so a waiter must not sleep
    /// for the next one. Clears the flag. False for other fds.
    pub fn take_edge(&mut self, fd: RawFd, dir: Dir) -> bool {
        self.take_flag(fd, dir).unwrap_or(false)
    }

    /// Marks a persistent fd as possibly still ready (a read filled the buffer).
    pub fn set_ready(&mut self, fd: RawFd, dir: Dir) {
        if let Some(w) = self.fds.get_mut(&fd) {
            match dir {
                Dir::Read => w.ready_r = true,
                Dir::Write => w.ready_w = true,
            }
        }
    }

    /// Removes every waiter of `fd` (it is being closed) and returns them.
    pub fn take_waiters(&mut self, fd: RawFd) -> Vec<Cid> {
        let Some(w) = self.fds.remove(&fd) else {
            return Vec::new();
        };
        if w.registered.is_some() {
            let _ = self.poll.registry().deregister(&mut SourceFd(&fd));
        }
        w.reader.into_iter().chain(w.writer).collect()
    }

    /// Blocks until an event arrives or `timeout` passes (None = forever);
    /// returns the coroutines whose fd became ready.
    pub fn wait(&mut self, timeout: Option<Duration>) -> io::Result<Vec<Cid>> {
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(Vec::new()),
            Err(e) => return Err(e),
        }
        let mut ready = Vec::new();
        for ev in self.events.iter() {
            if ev.token() == WAKER {
                continue;
            }
            let fd = ev.token().0 as RawFd;
            let Some(w) = self.fds.get_mut(&fd) else {
                continue;
            };
            let err = ev.is_error();
            // Data and the end of stream can come in one edge: a read that
            // drains the data must not then wait for an edge that is gone.
            w.hup |= ev.is_read_closed() || err;
            if ev.is_readable() || ev.is_read_closed() || err {
                match w.reader {
                    Some(c) => ready.push(c),
                    None => w.ready_r = w.persistent,
                }
            }
            if ev.is_writable() || ev.is_write_closed() || err {
                match w.writer {
                    Some(c) => ready.push(c),
                    None => w.ready_w = w.persistent,
                }
            }
        }
        Ok(ready)
    }
}
