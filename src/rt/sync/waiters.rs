//! `Waiters`: coroutines waiting for one event (a coroutine's end, for
//! `Coroutine::join`), all made ready when it happens.
//!
//! Invariants: a coroutine is listed at most once; `notify_all` empties it.
//! May not: suspend except through `Runtime::park`.
#![forbid(unsafe_code)]

use std::time::Duration;

use crate::rt::{Cid, Error, Runtime, SwitchHook, WaitKind, Wakeup};

/// The waiting coroutines.
#[derive(Debug, Default)]
pub struct Waiters {
    list: Vec<Cid>,
}

impl Waiters {
    /// Lists `cid` (once).
    pub fn add(&mut self, cid: Cid) {
        if !self.list.contains(&cid) {
            self.list.push(cid);
        }
    }

    /// Unlists `cid` (it stopped waiting early).
    pub fn remove(&mut self, cid: Cid) {
        self.list.retain(|&c| c != cid);
    }

    /// Takes the list, for `wake_all` once the caller's borrow is over.
    pub fn take(&mut self) -> Waiters {
        std::mem::take(self)
    }

    /// True when nobody is listed.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Makes ready those listed that are still parked in a wait named `what`
    /// (a waiter that left early and waits for something else is left alone).
    pub fn wake_all_if<H: SwitchHook>(self, rt: &Runtime<H>, what: &'static str) {
        for c in self.list {
            if rt.state(c) == Some(crate::rt::State::Parked(WaitKind::Other(what))) {
                rt.unpark(c, Wakeup::Ready);
            }
        }
    }

    /// Makes every listed coroutine ready.
    pub fn wake_all<H: SwitchHook>(self, rt: &Runtime<H>) {
        for c in self.list {
            rt.unpark(c, Wakeup::Ready);
        }
    }
}

/// Parks the running coroutine (listed by the caller in one or more
/// `Waiters`) until woken, for at most `timeout`: true when woken by an event,
/// false on timeout or cancel.
///
/// # Suspends
pub fn wait<H: SwitchHook>(
    rt: &Runtime<H>,
    what: &'static str,
    timeout: Option<Duration>,
) -> Result<bool, Error> {
    Ok(matches!(
        rt.park(WaitKind::Other(what), timeout)?,
        Wakeup::Ready
    ))
}
