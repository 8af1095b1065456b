//! The event loop: timers (one-shot and periodic), halting, and `run`, which
//! resumes ready coroutines, fires timers and blocks in the reactor until
//! nothing is left that could wake anyone.

use std::time::Duration;

use super::*;

impl<H: SwitchHook> Runtime<H> {
    /// Arms a user timer firing after `delay`, then every `interval` if given.
    pub fn add_timer(&self, delay: Duration, interval: Option<Duration>) -> TimerId {
        let at = clock::now() + delay;
        self.inner
            .borrow_mut()
            .timers
            .add(at, TimerKind::User { interval })
    }

    /// Disarms a user timer; false when no such user timer is armed.
    pub fn clear_timer(&self, id: TimerId) -> bool {
        let mut inner = self.inner.borrow_mut();
        match inner.timers.kind(id) {
            Some(TimerKind::User { .. }) => inner.timers.cancel(id),
            _ => false,
        }
    }

    /// True when a user timer with this id is armed.
    pub fn timer_exists(&self, id: TimerId) -> bool {
        matches!(
            self.inner.borrow().timers.kind(id),
            Some(TimerKind::User { .. })
        )
    }

    /// Ids of armed user timers.
    pub fn timer_ids(&self) -> Vec<TimerId> {
        self.inner.borrow().timers.user_ids()
    }

    /// Stops the event loop for good: nothing is resumed any more.
    pub fn halt(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.halted = true;
        inner.ready.clear();
    }

    /// True after `halt`.
    pub fn is_halted(&self) -> bool {
        self.inner.borrow().halted
    }

    /// True while the event loop runs.
    pub fn is_looping(&self) -> bool {
        self.inner.borrow().looping
    }

    /// The event loop: resumes ready coroutines, fires timers and waits for I/O
    /// until nothing can happen any more (no ready coroutine, no timer, no I/O
    /// interest) or the runtime is halted. `on_timer` runs each due user timer.
    /// Must be called on the main context.
    pub fn run(&self, on_timer: &mut dyn FnMut(TimerId, bool)) -> Result<(), Error> {
        {
            let mut inner = self.inner.borrow_mut();
            if !inner.current.is_main() || inner.looping {
                return Err(Error::AlreadyRunning);
            }
            inner.looping = true;
        }
        let r = self.run_inner(on_timer);
        self.inner.borrow_mut().looping = false;
        r
    }

    fn run_inner(&self, on_timer: &mut dyn FnMut(TimerId, bool)) -> Result<(), Error> {
        loop {
            loop {
                let next = {
                    let mut inner = self.inner.borrow_mut();
                    if inner.halted {
                        return Ok(());
                    }
                    inner.ready.pop_front()
                };
                match next {
                    Some((cid, w)) => self.switch_to(cid, w),
                    None => break,
                }
            }
            let now = clock::now();
            loop {
                let due = {
                    let mut inner = self.inner.borrow_mut();
                    if inner.halted {
                        return Ok(());
                    }
                    inner.timers.pop_due(now)
                };
                match due {
                    None => break,
                    Some((_, TimerKind::Wake(cid))) => {
                        self.unpark(cid, Wakeup::TimedOut);
                    }
                    Some((id, TimerKind::User { interval })) => on_timer(id, interval.is_some()),
                }
            }
            let wait = {
                let mut guard = self.inner.borrow_mut();
                let inner = &mut *guard;
                if !inner.ready.is_empty() {
                    continue;
                }
                match inner.timers.next_deadline() {
                    None if Self::io_waiting(inner) == 0 && inner.blocking_pending == 0 => {
                        return Ok(())
                    }
                    None => None,
                    Some(at) => Some(at.saturating_duration_since(clock::now())),
                }
            };
            if wait != Some(Duration::ZERO) {
                self.wait_io(wait)?;
                // What the woken coroutines start from (`mark_started`).
                self.inner.borrow_mut().loop_now = clock::coarse_ms();
            }
        }
    }
}
