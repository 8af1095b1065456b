//! `WaitGroup`: wait until a counter drops to zero (Go / Swoole semantics).
//!
//! Invariants: `count >= 0`; at most one waiter at a time (Swoole's rule); the
//! waiter is woken at once (nested) by the `done()` that reaches zero.
//! May not: suspend except through `Runtime::park`.
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::time::Duration;

use super::WaitError;
use crate::rt::{Cid, Runtime, SwitchHook, WaitKind, Wakeup};

/// What a waiter is doing (for reports).
pub const WAIT_GROUP: WaitKind = WaitKind::Other("WaitGroup wait");

/// Misuse of a wait group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misuse {
    /// The counter would go below zero.
    Negative,
    /// `wait()` while another coroutine already waits.
    ConcurrentWait,
    /// `add()` with a positive delta while a coroutine waits.
    AddWhileWaiting,
}

impl std::fmt::Display for Misuse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Misuse::Negative => "WaitGroup misuse: negative counter",
            Misuse::ConcurrentWait => "WaitGroup misuse: reused before previous wait has returned",
            Misuse::AddWhileWaiting => "WaitGroup misuse: add called concurrently with wait",
        })
    }
}

/// A wait group.
#[derive(Debug, Default)]
pub struct WaitGroup {
    /// Outstanding work.
    count: Cell<i64>,
    /// The coroutine waiting in `wait`, if any.
    waiter: Cell<Option<Cid>>,
}

impl WaitGroup {
    /// A wait group with `count` outstanding.
    pub fn new(count: i64) -> Result<Self, Misuse> {
        if count < 0 {
            return Err(Misuse::Negative);
        }
        Ok(WaitGroup {
            count: Cell::new(count),
            waiter: Cell::new(None),
        })
    }

    /// The counter.
    pub fn count(&self) -> i64 {
        self.count.get()
    }

    /// Adds `delta` (may be negative); reaching zero wakes the waiter.
    ///
    /// # Suspends
    pub fn add<H: SwitchHook>(&self, rt: &Runtime<H>, delta: i64) -> Result<(), Misuse> {
        let n = self
            .count
            .get()
            .checked_add(delta)
            .ok_or(Misuse::Negative)?;
        if n < 0 {
            return Err(Misuse::Negative);
        }
        if delta > 0 && self.waiter.get().is_some() {
            return Err(Misuse::AddWhileWaiting);
        }
        self.count.set(n);
        if n == 0 {
            if let Some(w) = self.waiter.take() {
                rt.wake_now(w, Wakeup::Ready);
            }
        }
        Ok(())
    }

    /// Waits until the counter is zero; Err(Timeout) when `timeout` passes.
    ///
    /// # Suspends
    pub fn wait<H: SwitchHook>(
        &self,
        rt: &Runtime<H>,
        timeout: Option<Duration>,
    ) -> Result<Result<(), WaitError>, Misuse> {
        if self.count.get() == 0 {
            return Ok(Ok(()));
        }
        if self.waiter.get().is_some() {
            return Err(Misuse::ConcurrentWait);
        }
        let me = rt.current();
        if me.is_main() {
            return Ok(Err(WaitError::NotInCoroutine));
        }
        self.waiter.set(Some(me));
        let w = rt.park(WAIT_GROUP, timeout);
        if self.waiter.get() == Some(me) {
            self.waiter.set(None);
        }
        Ok(match w {
            Ok(Wakeup::TimedOut) => Err(WaitError::Timeout),
            Ok(Wakeup::Canceled) => Err(WaitError::Canceled),
            Ok(_) => Ok(()),
            Err(_) => Err(WaitError::NotInCoroutine),
        })
    }
}
