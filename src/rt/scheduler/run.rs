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

    /// Number of armed timers of any kind (wake-ups included).
    pub fn timer_count(&self) -> usize {
        self.inner.borrow().timers.len()
    }

    /// When the next armed timer of any kind is due (None: none is armed).
    /// A process that waits outside the loop (a pool's master, which waits
    /// for signals) bounds its wait by this and then runs one turn.
    pub fn next_timer_at(&self) -> Option<std::time::Instant> {
        self.inner.borrow_mut().timers.next_deadline()
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
        inner.deferred.clear();
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
    /// interest, nothing `hooks` holds pending) or the runtime is halted.
    /// Must be called on the main context.
    pub fn run(&self, hooks: &mut dyn LoopHooks) -> Result<(), Error> {
        self.looped(hooks, false)
    }

    /// One turn of the loop (`Swoole\Event::dispatch`): what is ready runs, then
    /// one wait in the reactor (bounded by the next timer; none when nothing
    /// could wake anyone), then what that woke runs.
    pub fn run_once(&self, hooks: &mut dyn LoopHooks) -> Result<(), Error> {
        self.looped(hooks, true)
    }

    fn looped(&self, hooks: &mut dyn LoopHooks, once: bool) -> Result<(), Error> {
        {
            let mut inner = self.inner.borrow_mut();
            if !inner.current.is_main() || inner.looping {
                return Err(Error::AlreadyRunning);
            }
            inner.looping = true;
        }
        let r = self.run_inner(hooks, once);
        self.inner.borrow_mut().looping = false;
        r
    }

    /// Resumes every ready coroutine; false once halted.
    fn drain_ready(&self) -> bool {
        loop {
            let next = {
                let mut inner = self.inner.borrow_mut();
                if inner.halted {
                    return false;
                }
                inner.ready.pop_front()
            };
            match next {
                Some((cid, w)) => self.switch_to(cid, w),
                None => return true,
            }
        }
    }

    /// Fires the timers that are due; false once halted.
    fn fire_due(&self, hooks: &mut dyn LoopHooks) -> bool {
        let now = clock::now();
        loop {
            let due = {
                let mut inner = self.inner.borrow_mut();
                if inner.halted {
                    return false;
                }
                inner.timers.pop_due(now)
            };
            match due {
                None => {
                    // What fired (or was armed) in this pass may fire from the next.
                    self.inner.borrow_mut().timers.end_round();
                    return true;
                }
                Some((_, TimerKind::Wake(cid))) => {
                    // At once, as Swoole's timer callbacks resume: what it
                    // does (a push, say) reaches a waiter whose own deadline
                    // is due in this same pass before that one times out.
                    self.wake_now(cid, Wakeup::TimedOut);
                }
                Some((id, TimerKind::User { interval })) => hooks.timer(id, interval.is_some()),
            }
        }
    }

    fn run_inner(&self, hooks: &mut dyn LoopHooks, once: bool) -> Result<(), Error> {
        let mut waited = false;
        loop {
            {
                // The coroutines preempted last turn go after what woke since.
                let mut guard = self.inner.borrow_mut();
                let inner = &mut *guard;
                while let Some(cid) = inner.deferred.pop_front() {
                    inner.ready.push_back((cid, Wakeup::Ready));
                }
            }
            if !self.drain_ready() {
                return Ok(());
            }
            // One turn (`once`) is Swoole's: wait, then timers; so its first
            // pass fires none before the wait.
            if !once || waited {
                if !self.fire_due(hooks) {
                    return Ok(());
                }
                if !self.inner.borrow().ready.is_empty() {
                    continue;
                }
            }
            if once && waited {
                return Ok(());
            }
            let mut pending = hooks.after_turn();
            let wait = {
                let mut guard = self.inner.borrow_mut();
                let inner = &mut *guard;
                if inner.halted {
                    return Ok(());
                }
                if !inner.ready.is_empty() {
                    continue;
                }
                // Preempted coroutines: poll I/O without blocking, then run them.
                pending |= !inner.deferred.is_empty();
                let idle = Self::io_waiting(inner) == 0 && inner.blocking_pending == 0;
                match inner.timers.next_deadline() {
                    // Nothing can happen any more: the end, unless the host
                    // wants to wait on (then only a signal or a descriptor
                    // nobody waits for can wake it).
                    None if idle && !pending => {
                        drop(guard);
                        if hooks.may_exit() {
                            return Ok(());
                        }
                        None
                    }
                    _ if pending => Some(Duration::ZERO),
                    None => None,
                    Some(at) => Some(at.saturating_duration_since(clock::now())),
                }
            };
            hooks.before_wait();
            if wait != Some(Duration::ZERO) || pending {
                self.wait_io(wait)?;
                // What the woken coroutines start from (`mark_started`).
                self.inner.borrow_mut().loop_now = clock::coarse_ms();
            }
            waited = true;
        }
    }
}

/// What the host runs at fixed points of each turn of the event loop.
pub trait LoopHooks {
    /// A due user timer (`tick`: it repeats).
    fn timer(&mut self, id: TimerId, tick: bool);
    /// Each turn, just before the loop waits in the reactor.
    fn before_wait(&mut self) {}
    /// Each turn, once what was ready has run: true when the host holds work
    /// for the next turn (the loop then neither blocks nor ends).
    fn after_turn(&mut self) -> bool {
        false
    }
    /// When nothing is left to run or wait for: false keeps the loop
    /// waiting (Swoole's `exit_condition`).
    fn may_exit(&mut self) -> bool {
        true
    }
}

/// A closure is the hooks of a loop that only has timers.
impl<F: FnMut(TimerId, bool)> LoopHooks for F {
    fn timer(&mut self, id: TimerId, tick: bool) {
        self(id, tick)
    }
}
