//! The I/O driver: a mio `Poll`, created lazily, that the scheduler blocks in
//! when nothing is ready, so an idle process sleeps in epoll at 0% CPU.
//!
//! Owns: the `Poll` and its event buffer; readiness → coroutine wake-ups
//! (socket hooks register interest here in a later step).
//! May not: perform reads or writes.
#![forbid(unsafe_code)]

use std::io;
use std::time::Duration;

use mio::{Events, Poll};

/// The process's epoll instance (rebuilt in each forked child).
#[derive(Debug)]
pub struct IoDriver {
    /// The mio poll.
    poll: Poll,
    /// Reused event buffer.
    events: Events,
}

impl IoDriver {
    /// Creates a new epoll instance.
    pub fn new() -> io::Result<Self> {
        Ok(IoDriver {
            poll: Poll::new()?,
            events: Events::with_capacity(256),
        })
    }

    /// Blocks until an event arrives or `timeout` passes (None = forever).
    pub fn wait(&mut self, timeout: Option<Duration>) -> io::Result<usize> {
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => Ok(self.events.iter().count()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(0),
            Err(e) => Err(e),
        }
    }
}
