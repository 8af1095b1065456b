//! Swoole's preemptive scheduler (`enable_preemptive_scheduler` of
//! `Coroutine::set()`, or the `swoole.enable_preemptive_scheduler` ini
//! entry): a coroutine that runs PHP code for more than 10 ms without
//! switching is put back at the end of the event loop's next turn, so a busy
//! loop no longer starves timers, I/O and the other coroutines.
//! `Coroutine::disableScheduler()` exempts the coroutine that calls it.
//!
//! The ticker thread (`rt::scheduler::preempt`) sets `EG(vm_interrupt)`;
//! the engine then calls our handler at its next safe point (a loop
//! back-edge or a call), where the switch happens. Started with the first
//! coroutine of a process once wanted, stopped at request end.

use std::sync::atomic::{AtomicBool, Ordering};

use super::runtime::rt;
use super::vm;
use crate::rt::scheduler::preempt as ticker;

/// Asked for (by `Coroutine::set()` or the ini entry).
static WANTED: AtomicBool = AtomicBool::new(false);

/// `enable_preemptive_scheduler` given to `Coroutine::set()`: applies from
/// the next coroutine created on (Swoole starts its thread when the
/// scheduler activates).
pub fn set_wanted(on: bool) {
    WANTED.store(on, Ordering::Relaxed);
    if !on {
        stop();
    }
}

/// From the ini entry at request start.
pub fn startup(on: bool) {
    if on {
        WANTED.store(true, Ordering::Relaxed);
    }
}

/// Before a coroutine is created: starts the ticker when wanted and not
/// running in this process yet.
#[inline]
pub fn ensure() {
    if WANTED.load(Ordering::Relaxed) && !ticker::running() {
        start();
    }
}

#[cold]
fn start() {
    vm::interrupt::install(on_interrupt);
    if let Err(e) = ticker::start(vm::interrupt::flag()) {
        super::error::warn(
            super::error::E_WARNING,
            &format!("enable_preemptive_scheduler: cannot start its thread: {e}"),
        );
        WANTED.store(false, Ordering::Relaxed);
    }
}

/// Stops the ticker and gives the interrupt point back (request end, or
/// the option turned off).
pub fn stop() {
    ticker::stop();
    vm::interrupt::uninstall();
}

/// Request end: as `stop`, and forget the wish (the next request reads its
/// ini entry again).
pub fn shutdown() {
    WANTED.store(false, Ordering::Relaxed);
    stop();
}

/// At the engine's safe point: preempt the running coroutine if its slice
/// is over and it did not opt out.
fn on_interrupt() {
    if !rt(|r| r.slice_expired()) || vm::has_exception() {
        return;
    }
    let cur = rt(|r| r.current());
    if rt(|r| r.with_local(cur, |l| l.scheduler_disabled)).unwrap_or(true) {
        return;
    }
    let _ = rt(|r| r.preempt());
}
