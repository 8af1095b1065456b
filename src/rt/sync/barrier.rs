//! `Barrier`: one coroutine waits until the barrier is released (Swoole's
//! `Coroutine\Barrier`: released when the last other holder drops it).
//!
//! Invariants: at most one waiter; once released it stays released, and a
//! later `wait` returns at once.
//! May not: suspend except through `Runtime::park`.
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::time::Duration;

use super::WaitError;
use crate::rt::{Cid, Runtime, SwitchHook, WaitKind, Wakeup};

/// What a waiter is doing (for reports).
pub const WAIT_BARRIER: WaitKind = WaitKind::Other("Barrier wait");

/// A second `wait` while one coroutine already waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlreadyWaiting;

/// A barrier.
#[derive(Debug, Default)]
pub struct Barrier {
    waiter: Cell<Option<Cid>>,
    released: Cell<bool>,
}

impl Barrier {
    /// True once released.
    pub fn is_released(&self) -> bool {
        self.released.get()
    }

    /// True while a coroutine waits.
    pub fn is_waited(&self) -> bool {
        self.waiter.get().is_some()
    }

    /// Releases it: the waiter (unless it is the caller) is made ready.
    pub fn release<H: SwitchHook>(&self, rt: &Runtime<H>) {
        self.released.set(true);
        if let Some(cid) = self.waiter.take() {
            if cid != rt.current() {
                rt.unpark(cid, Wakeup::Ready);
            }
        }
    }

    /// Claims the one waiter's place for the running coroutine (before the
    /// caller drops what may release it).
    pub fn enter<H: SwitchHook>(&self, rt: &Runtime<H>) -> Result<(), AlreadyWaiting> {
        if self.waiter.get().is_some() {
            return Err(AlreadyWaiting);
        }
        self.waiter.set(Some(rt.current()));
        Ok(())
    }

    /// Waits (after `enter`) until released, the timeout passes or the wait
    /// is canceled.
    ///
    /// # Suspends
    pub fn wait<H: SwitchHook>(
        &self,
        rt: &Runtime<H>,
        timeout: Option<Duration>,
    ) -> Result<(), WaitError> {
        if self.released.get() {
            self.waiter.set(None);
            return Ok(());
        }
        if rt.current().is_main() {
            self.waiter.set(None);
            return Err(WaitError::NotInCoroutine);
        }
        let w = rt.park(WAIT_BARRIER, timeout);
        self.waiter.set(None);
        match w {
            Ok(Wakeup::TimedOut) => Err(WaitError::Timeout),
            Ok(Wakeup::Canceled) => Err(WaitError::Canceled),
            Ok(_) => Ok(()),
            Err(_) => Err(WaitError::NotInCoroutine),
        }
    }
}
