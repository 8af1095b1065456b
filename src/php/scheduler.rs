//! `Swoole\Coroutine\Scheduler`: tasks queued with `add()`/`parallel()`,
//! each started as a coroutine by `start()`, which then runs the event loop
//! until everything is done (as `Co\run`). A scheduler can be started again
//! once it has finished (not after a start() with nothing queued, as in
//! Swoole); `set()`/`getOptions()` are `Coroutine::set()`'s.

use std::cell::{Cell, RefCell};
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;

use super::args::{self, handler, ret_bool};
use super::coroutine::{callback_arg, run_jobs};
use super::error::{warn_docref, E_WARNING};
use super::object::{this, Native};
use super::runtime::rt;
use super::value::Callback;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Rust side of a Scheduler.
#[derive(Default)]
pub struct SchedulerObj {
    /// Coroutines to start: each callable with its arguments.
    jobs: RefCell<Vec<Callback>>,
    /// True while `start()` runs.
    started: Cell<bool>,
}

impl Native for SchedulerObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

/// The scheduler, if it may take tasks (a warning naming `what` when not).
fn open_scheduler(ex: &ext_php_rs::zend::ExecuteData, what: &str) -> Option<&'static SchedulerObj> {
    let s = this::<SchedulerObj>(ex)?;
    if s.started.get() {
        warn_docref(
            E_WARNING,
            &format!(
                "scheduler is running, unable to execute Swoole\\Coroutine\\Scheduler->{what}"
            ),
        );
        return None;
    }
    Some(s)
}

handler!(
    /// `add(callable $func, mixed ...$param): void`.
    sched_add(ex, rv) {
        let Some(s) = open_scheduler(ex, "add") else { ret_bool(rv, false); return };
        let Some(cb) = callback_arg(ex, 0, Some(1), "Swoole\\Coroutine\\Scheduler::add", "func") else { return };
        s.jobs.borrow_mut().push(cb);
    }
);

handler!(
    /// `parallel(int $n, callable $func, mixed ...$param): void` — `$n`
    /// coroutines of the same callable.
    sched_parallel(ex, rv) {
        let f = "Swoole\\Coroutine\\Scheduler::parallel";
        let Some(s) = open_scheduler(ex, "parallel") else { ret_bool(rv, false); return };
        let Ok(n) = args::long(ex, 0, f, "n", None) else { return };
        let Some(cb) = callback_arg(ex, 1, Some(2), f, "func") else { return };
        let mut jobs = s.jobs.borrow_mut();
        for _ in 0..n.max(0) {
            jobs.push(cb.duplicate());
        }
    }
);

handler!(
    /// `start(): bool` — starts every queued task as a coroutine and runs
    /// the event loop until all have finished.
    sched_start(ex, rv) {
        let Some(s) = this::<SchedulerObj>(ex) else { return };
        if s.started.get() {
            warn_docref(E_WARNING, "scheduler is started, unable to execute Swoole\\Coroutine\\Scheduler->start");
            ret_bool(rv, false);
            return;
        }
        if !rt(|r| r.current()).is_main() || rt(|r| r.is_looping()) {
            warn_docref(E_WARNING, "eventLoop has already been created, unable to start Swoole\\Coroutine\\Scheduler");
            ret_bool(rv, false);
            return;
        }
        // As Swoole: marked started first, so a start() with nothing queued
        // leaves the scheduler refusing further use.
        s.started.set(true);
        let jobs = std::mem::take(&mut *s.jobs.borrow_mut());
        if jobs.is_empty() {
            warn_docref(E_WARNING, "no coroutine task");
            ret_bool(rv, false);
            return;
        }
        let r = run_jobs(jobs);
        s.started.set(false);
        if let Some(ok) = r {
            ret_bool(rv, ok);
        }
    }
);

/// `Swoole\Coroutine\Scheduler`'s declarations (Swoole 6.2.2).
pub const SIGNATURES: &[&str] = &[
    "add(callable $func, mixed ...$param): void",
    "parallel(int $n, callable $func, mixed ...$param): void",
    "set(array $settings): void",
    "getOptions(): ?array",
    "start(): bool",
];
