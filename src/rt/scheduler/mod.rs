//! The scheduler: coroutine table, ready queue, park/unpark, and the event loop.
//!
//! Owns: every live task (its fiber, saved host state, parent, wait state),
//! the ready queue, the timer set and the I/O driver.
//!
//! Switching model (Swoole's): resuming a coroutine nests it on the resumer's
//! context, and when it suspends control returns to whoever resumed it. `go()`
//! runs a new coroutine at once; the event loop (`run`) runs on the main context
//! and resumes coroutines that timers, I/O or other coroutines made ready.
//! Every resume goes through `switch_to`, which saves the resumer's host state,
//! installs the target's, and swaps back afterwards.
//!
//! Invariants: no `RefCell` borrow of the inner state is held across a resume or
//! suspend (borrows are scoped, fibers are reached through a raw pointer into
//! their boxed task, which is not freed while it is on the resume chain); a
//! finished task is removed and dropped only after the borrow is released,
//! because dropping host data may run host code that re-enters the scheduler.
//! May not: call corosensei directly (that is `coroutine/switch.rs`). Its only
//! unsafe code is the three calls into `Fiber` that need the invariants above.

mod io;
pub mod preempt;
mod run;
pub use run::LoopHooks;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use super::coroutine::stack;
use super::coroutine::switch::Fiber;
use super::coroutine::{Cid, State, SwitchHook, WaitKind, Wakeup};
use super::driver::clock;
use super::driver::io::{Dir, IoDriver};
use super::driver::time::{TimerId, TimerKind, Timers};
use super::error::Error;
use super::idmap::IdMap;

/// Default `max_coroutine` (Swoole's).
pub const DEFAULT_MAX_COROUTINE: usize = 100_000;

/// Callback of `reset_all`: frees host state of a discarded coroutine.
pub type Release<'a, H> =
    dyn FnMut(Cid, &mut <H as SwitchHook>::Saved, &mut <H as SwitchHook>::Local) + 'a;

type TaskMap<H> = IdMap<u64, Box<Task<H>>>;

/// A live coroutine.
struct Task<H: SwitchHook> {
    /// Its id (changed by `renew`).
    id: Cid,
    /// Its stack and body.
    fiber: Fiber,
    /// Host state while it is not running.
    saved: H::Saved,
    /// The coroutine that created it (MAIN when created outside any).
    pcid: Cid,
    /// Scheduling state.
    state: State,
    /// Armed timeout of the current wait.
    timer: Option<TimerId>,
    /// Set by cancel(); cleared when it parks again.
    canceled: bool,
    /// When it started, coarse ms (`Coroutine::getElapsed`); `mark_started`
    /// moves it.
    started: u64,
    /// Host data.
    local: H::Local,
}

/// Scheduler state behind the `RefCell`.
struct Inner<H: SwitchHook> {
    /// Live tasks by id.
    tasks: TaskMap<H>,
    /// Free C stacks.
    stacks: stack::Pool,
    /// The running context.
    current: Cid,
    /// The running task (null on the main context): saves a lookup per switch.
    cur_task: *mut Task<H>,
    /// Host state of the main context while a coroutine runs.
    main_saved: H::Saved,
    /// Coroutines to resume, in order.
    ready: VecDeque<(Cid, Wakeup)>,
    /// Preempted coroutines: resumed from the next turn of the loop on.
    deferred: VecDeque<Cid>,
    /// `preempt::ticks()` when the running coroutine was resumed.
    slice_tick: u64,
    /// Timers.
    timers: Timers,
    /// The epoll instance, created on first need.
    io: Option<IoDriver>,
    /// Worker threads for blocking calls, started on first need.
    pool: Option<super::blocking::Pool>,
    /// Blocking jobs submitted and not yet collected.
    blocking_pending: usize,
    /// Last id handed out.
    last_cid: u64,
    /// Highest number of live coroutines seen.
    peak: usize,
    /// Limit of live coroutines.
    max: usize,
    /// Set when the process is ending (exit or fatal in a coroutine): the event
    /// loop stops resuming anything.
    halted: bool,
    /// True while `run` is looping.
    looping: bool,
    /// The coarse clock (ms) as the event loop last read it, after its last
    /// wait.
    loop_now: u64,
}

/// One scheduler per process (per forked child), used from the PHP thread only.
pub struct Runtime<H: SwitchHook> {
    /// All mutable state.
    inner: RefCell<Inner<H>>,
}

impl<H: SwitchHook> std::fmt::Debug for Runtime<H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
    }
}

impl<H: SwitchHook> Default for Runtime<H> {
    fn default() -> Self {
        Self::new()
    }
}

impl<H: SwitchHook> Runtime<H> {
    /// An empty scheduler.
    pub fn new() -> Self {
        Runtime {
            inner: RefCell::new(Inner {
                tasks: TaskMap::default(),
                stacks: stack::Pool::default(),
                current: Cid::MAIN,
                cur_task: std::ptr::null_mut(),
                main_saved: H::Saved::default(),
                ready: VecDeque::new(),
                deferred: VecDeque::new(),
                slice_tick: 0,
                timers: Timers::default(),
                io: None,
                pool: None,
                blocking_pending: 0,
                last_cid: 0,
                peak: 0,
                max: DEFAULT_MAX_COROUTINE,
                halted: false,
                looping: false,
                loop_now: clock::coarse_ms(),
            }),
        }
    }

    /// The running coroutine, or MAIN.
    #[inline]
    pub fn current(&self) -> Cid {
        self.inner.borrow().current
    }

    /// Number of live coroutines.
    pub fn count(&self) -> usize {
        self.inner.borrow().tasks.len()
    }

    /// Highest number of live coroutines seen.
    pub fn peak(&self) -> usize {
        self.inner.borrow().peak
    }

    /// Last id handed out.
    pub fn last_cid(&self) -> u64 {
        self.inner.borrow().last_cid
    }

    /// Sets the limit of live coroutines.
    pub fn set_max(&self, n: usize) {
        self.inner.borrow_mut().max = n.max(1);
    }

    /// The limit of live coroutines.
    pub fn max(&self) -> usize {
        self.inner.borrow().max
    }

    /// True when `cid` is alive.
    pub fn exists(&self, cid: Cid) -> bool {
        self.inner.borrow().tasks.contains_key(&cid.0)
    }

    /// The creator of `cid` (MAIN when it was created outside coroutines).
    pub fn parent(&self, cid: Cid) -> Option<Cid> {
        self.inner.borrow().tasks.get(&cid.0).map(|t| t.pcid)
    }

    /// The state of `cid`.
    pub fn state(&self, cid: Cid) -> Option<State> {
        self.inner.borrow().tasks.get(&cid.0).map(|t| t.state)
    }

    /// Ids of live coroutines, ascending.
    pub fn list(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.inner.borrow().tasks.keys().copied().collect();
        v.sort_unstable();
        v
    }

    /// Number of coroutines queued to run.
    pub fn ready_len(&self) -> usize {
        self.inner.borrow().ready.len()
    }

    /// Runs `f` on the host data of `cid`. `f` must not suspend or call back
    /// into the scheduler.
    pub fn with_local<R>(&self, cid: Cid, f: impl FnOnce(&mut H::Local) -> R) -> Option<R> {
        let mut inner = self.inner.borrow_mut();
        inner.tasks.get_mut(&cid.0).map(|t| f(&mut t.local))
    }

    /// Creates a coroutine running `body` and runs it at once, until it first
    /// suspends or finishes. Returns its id.
    ///
    /// # Suspends
    /// The caller is suspended (nested) while the new coroutine runs.
    pub fn spawn<F: FnOnce() + 'static>(&self, body: F) -> Result<Cid, Error> {
        let cid = {
            let mut inner = self.inner.borrow_mut();
            if inner.tasks.len() >= inner.max {
                return Err(Error::TooManyCoroutines(inner.max));
            }
            let stack = inner.stacks.take()?;
            inner.last_cid += 1;
            let cid = Cid(inner.last_cid);
            let task = Box::new(Task {
                id: cid,
                fiber: Fiber::new(stack, body),
                saved: H::Saved::default(),
                pcid: inner.current,
                state: State::Ready,
                timer: None,
                canceled: false,
                started: clock::coarse_ms(),
                local: H::Local::default(),
            });
            inner.tasks.insert(cid.0, task);
            let n = inner.tasks.len();
            if n > inner.peak {
                inner.peak = n;
            }
            cid
        };
        self.switch_to(cid, Wakeup::Start);
        Ok(cid)
    }

    /// Resumes `cid` on the current context until it suspends or finishes.
    fn switch_to(&self, cid: Cid, w: Wakeup) {
        let (fiber, target, prev, prev_task) = {
            let mut guard = self.inner.borrow_mut();
            let inner = &mut *guard;
            let Some(task) = inner.tasks.get_mut(&cid.0) else {
                return;
            };
            let target: *mut Task<H> = &mut **task;
            let prev = inner.current;
            let prev_task = inner.cur_task;
            // SAFETY: prev_task is null (main) or the running task, alive on
            // the resume chain; target is a live task (just looked up).
            unsafe {
                match prev_task.is_null() {
                    true => H::save(&mut inner.main_saved),
                    false => H::save(&mut (*prev_task).saved),
                }
                H::restore(&(*target).saved);
                (*target).state = State::Running;
            }
            inner.current = cid;
            inner.cur_task = target;
            inner.slice_tick = preempt::ticks();
            // SAFETY: target is live (see above).
            (unsafe { &raw mut (*target).fiber }, target, prev, prev_task)
        };
        // SAFETY: the task was not Running (callers only resume Ready/Parked or
        // new tasks), its box is not freed while it runs, and no borrow is held.
        let finished = unsafe { Fiber::resume(fiber, w) };
        let dead = {
            let mut guard = self.inner.borrow_mut();
            let inner = &mut *guard;
            let dead = if finished {
                // SAFETY: the finished task is still in the map (only
                // switch_to removes tasks), so `target` is alive; its id may
                // differ from `cid` after a `renew`.
                inner.tasks.remove(&unsafe { (*target).id }.0)
            } else {
                // SAFETY: a suspended task is only removed by reset_all, which
                // cannot run between its suspension and this line.
                unsafe { H::save(&mut (*target).saved) };
                None
            };
            inner.current = prev;
            inner.cur_task = prev_task;
            // SAFETY: prev_task is still on the resume chain, hence alive.
            unsafe {
                match prev_task.is_null() {
                    true => H::restore(&inner.main_saved),
                    false => H::restore(&(*prev_task).saved),
                }
            }
            dead
        };
        if let Some(task) = dead {
            let Task { fiber, local, .. } = *task;
            // Host data may run host code when dropped: no borrow held here.
            drop(local);
            let stack = fiber.into_stack();
            self.inner.borrow_mut().stacks.give(stack);
        }
    }

    /// Gives the running coroutine a fresh id, no parent and fresh host data,
    /// as if it were a new coroutine started from the event loop: a server runs each request of a keep-alive
    /// connection this way instead of creating a coroutine per request.
    /// Returns the new id and the old host data (for the caller to drop).
    pub fn renew(&self) -> Result<(Cid, H::Local), Error> {
        let mut guard = self.inner.borrow_mut();
        let inner = &mut *guard;
        let old = inner.current;
        let Some(mut task) = inner.tasks.remove(&old.0) else {
            return Err(Error::NotInCoroutine);
        };
        inner.last_cid += 1;
        let cid = Cid(inner.last_cid);
        task.id = cid;
        task.canceled = false;
        // Like a coroutine the server starts from its event loop: no parent.
        task.pcid = Cid::MAIN;
        let local = std::mem::take(&mut task.local);
        // The box moves back under its new key: `cur_task` stays valid.
        inner.tasks.insert(cid.0, task);
        inner.current = cid;
        Ok((cid, local))
    }

    /// Marks the running coroutine as starting now, by the event loop's last
    /// clock reading (no clock read: a server calls this per request, whose
    /// bytes the loop has just seen arrive).
    pub fn mark_started(&self) {
        let inner = self.inner.borrow();
        let now = inner.loop_now;
        let t = inner.cur_task;
        if !t.is_null() {
            // SAFETY: cur_task is the running task, alive, and no other
            // reference to it is held while we hold the borrow.
            unsafe { (*t).started = now };
        }
    }

    /// How long coroutine `cid` (the running one for MAIN's 0) has existed;
    /// None when there is no such coroutine.
    pub fn elapsed(&self, cid: Cid) -> Option<std::time::Duration> {
        let inner = self.inner.borrow();
        let id = if cid.is_main() { inner.current } else { cid };
        let started = inner.tasks.get(&id.0)?.started;
        Some(std::time::Duration::from_millis(
            clock::coarse_ms().saturating_sub(started),
        ))
    }

    /// Makes the running coroutine parentless (its parent id becomes MAIN),
    /// as a coroutine the event loop started.
    pub fn detach(&self) {
        let inner = self.inner.borrow();
        let t = inner.cur_task;
        if !t.is_null() {
            // SAFETY: cur_task is the running task, alive; no other reference
            // to it is live while we hold the borrow.
            unsafe { (*t).pcid = Cid::MAIN };
        }
    }

    /// Suspends the current coroutine until it is woken (`unpark`, `resume`,
    /// its timeout, or cancel). Returns why it woke.
    ///
    /// # Suspends
    pub fn park(&self, kind: WaitKind, timeout: Option<Duration>) -> Result<Wakeup, Error> {
        let (fiber, task) = {
            let mut guard = self.inner.borrow_mut();
            let inner = &mut *guard;
            let task = inner.cur_task;
            if task.is_null() {
                return Err(Error::NotInCoroutine);
            }
            let cur = inner.current;
            let timer = timeout.map(|d| inner.timers.add(clock::now() + d, TimerKind::Wake(cur)));
            // SAFETY: cur_task is the running task, alive.
            unsafe {
                (*task).state = State::Parked(kind);
                (*task).timer = timer;
                (*task).canceled = false;
                (&raw const (*task).fiber, task)
            }
        };
        // SAFETY: `fiber` is the running coroutine's own fiber, started.
        let w = unsafe { Fiber::suspend(fiber) };
        // SAFETY: we run again, so switch_to made this task current: alive.
        if let Some(t) = unsafe { (*task).timer.take() } {
            if w != Wakeup::TimedOut {
                self.inner.borrow_mut().timers.cancel(t);
            }
        }
        Ok(w)
    }

    /// Sleeps the current coroutine for `d`.
    ///
    /// # Suspends
    pub fn sleep(&self, d: Duration) -> Result<Wakeup, Error> {
        self.park(WaitKind::Sleep, Some(d))
    }

    /// Queues a parked coroutine to be resumed with `w` by the event loop.
    /// False when it is not parked.
    pub fn unpark(&self, cid: Cid, w: Wakeup) -> bool {
        let mut guard = self.inner.borrow_mut();
        let inner = &mut *guard;
        match inner.tasks.get_mut(&cid.0) {
            Some(t) if matches!(t.state, State::Parked(_)) => {
                t.state = State::Ready;
                if w == Wakeup::Canceled {
                    t.canceled = true;
                }
                inner.ready.push_back((cid, w));
                true
            }
            _ => false,
        }
    }

    /// Resumes a parked coroutine at once, nested on the caller (Swoole's
    /// `co->resume()` from channels and wait groups). False when it is not parked.
    ///
    /// # Suspends
    pub fn wake_now(&self, cid: Cid, w: Wakeup) -> bool {
        match self.state(cid) {
            Some(State::Parked(_)) => {
                self.switch_to(cid, w);
                true
            }
            _ => false,
        }
    }

    /// `Coroutine::cancel`: wakes a coroutine blocked in a cancelable wait
    /// (sleep, channel, wait group, `yield()`, as in Swoole 6.2) with `Wakeup::Canceled`,
    /// at once. Its wait returns "canceled" and `is_canceled` becomes true.
    ///
    /// # Suspends
    pub fn cancel(&self, cid: Cid) -> Result<(), Error> {
        if cid == self.current() {
            return Err(Error::NotCancelable(cid.0));
        }
        match self.state(cid) {
            None => Err(Error::NoSuchCoroutine(cid.0)),
            Some(State::Running) | Some(State::Ready) => Err(Error::NotCancelable(cid.0)),
            Some(State::Parked(_)) => {
                if let Some(t) = self.inner.borrow_mut().tasks.get_mut(&cid.0) {
                    t.canceled = true;
                }
                self.switch_to(cid, Wakeup::Canceled);
                Ok(())
            }
        }
    }

    /// True when the running coroutine's last wait was canceled.
    pub fn is_canceled(&self) -> bool {
        let inner = self.inner.borrow();
        let t = inner.cur_task;
        // SAFETY: cur_task is null or the running task, alive.
        !t.is_null() && unsafe { (*t).canceled }
    }

    /// What each parked coroutine waits for, by id (for deadlock reports).
    pub fn parked(&self) -> Vec<(Cid, WaitKind)> {
        let inner = self.inner.borrow();
        let mut v: Vec<(Cid, WaitKind)> = inner
            .tasks
            .iter()
            .filter_map(|(id, t)| match t.state {
                State::Parked(WaitKind::Background(_)) => None,
                State::Parked(k) => Some((Cid(*id), k)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|(c, _)| *c);
        v
    }

    /// Runs `f` with the saved host state of a suspended coroutine (e.g. to
    /// walk its PHP frames). `f` must not switch.
    pub fn with_saved<R>(&self, cid: Cid, f: impl FnOnce(&H::Saved) -> R) -> Option<R> {
        let inner = self.inner.borrow();
        match inner.tasks.get(&cid.0) {
            // A coroutine on the resume chain below the running one had its
            // state saved when it resumed the next: readable too.
            Some(t) if t.state != State::Running || cid != inner.current => Some(f(&t.saved)),
            _ => None,
        }
    }

    /// As `with_saved`, with the state writable (e.g. to leave an exception
    /// that the coroutine meets when it resumes). `f` must not switch.
    pub fn with_saved_mut<R>(&self, cid: Cid, f: impl FnOnce(&mut H::Saved) -> R) -> Option<R> {
        let mut inner = self.inner.borrow_mut();
        match inner.tasks.get_mut(&cid.0) {
            Some(t) if t.state != State::Running => Some(f(&mut t.saved)),
            _ => None,
        }
    }

    /// `Coroutine::resume`: switches at once to a coroutine parked in `yield()`.
    ///
    /// # Suspends
    pub fn resume(&self, cid: Cid) -> Result<(), Error> {
        match self.state(cid) {
            None => Err(Error::NoSuchCoroutine(cid.0)),
            Some(State::Parked(WaitKind::Yield)) => {
                self.switch_to(cid, Wakeup::Ready);
                Ok(())
            }
            Some(_) => Err(Error::NotResumable(cid.0)),
        }
    }

    /// Shutdown: finishes every coroutine still suspended without running the
    /// rest of its body. `release` gets each one's saved host state and data
    /// first, so the host can free what lives on that coroutine's side.
    /// Must be called on the main context; returns how many were reset.
    pub fn reset_all(&self, release: &mut Release<'_, H>) -> usize {
        let tasks: Vec<(u64, Box<Task<H>>)> = {
            let mut inner = self.inner.borrow_mut();
            if !inner.current.is_main() {
                return 0;
            }
            inner.ready.clear();
            inner.deferred.clear();
            inner.timers = Timers::default();
            inner.tasks.drain().collect()
        };
        let n = tasks.len();
        for (id, mut t) in tasks {
            release(Cid(id), &mut t.saved, &mut t.local);
            if !t.fiber.done() {
                // SAFETY: the host released what it keeps on this coroutine, and
                // a Rust body's locals are only leaked, never used again.
                unsafe { t.fiber.force_reset() };
            }
            let Task { fiber, local, .. } = *t;
            drop(local);
            let stack = fiber.into_stack();
            self.inner.borrow_mut().stacks.give(stack);
        }
        n
    }

    /// Stacks ever mapped and stacks now free.
    pub fn stack_stats(&self) -> (usize, usize) {
        self.inner.borrow().stacks.stats()
    }

    /// After `fork()` in a child: forget the parent's epoll instance (shared
    /// with the parent) so that a fresh one is created.
    pub fn after_fork(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.io = None;
        // Threads do not survive fork(): start a new pool on next use.
        inner.pool = None;
        inner.blocking_pending = 0;
        preempt::after_fork();
    }
}
