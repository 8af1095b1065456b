//! The ground floor of the PHP binding: the process's scheduler
//! (`Runtime<ZendVm>`), the host data each coroutine carries (`CoLocal`),
//! and the record of an `exit()` or fatal error that is ending the process
//! (`propagate` re-raises it in each context it climbs through).
//!
//! Everything else reaches the scheduler through `rt()`; nothing here
//! imports the coroutine life (`coroutine.rs`), so `vm/` and the features
//! can depend on this without a cycle.
//! May not: touch EG directly (that is `vm/`).

use std::cell::{Cell, RefCell};

use ext_php_rs::ffi::zend_throw_unwind_exit;
use ext_php_rs::types::Zval;

use super::globals::PhpThread;
use super::value::Callback;
use super::vm::ZendVm;
use crate::rt::Runtime;

/// The binding's per-process state.
pub struct State {
    /// The scheduler of this process.
    pub(crate) rt: Runtime<ZendVm>,
    /// Set when a coroutine ended the process (exit or fatal), until re-raised on main.
    pub(crate) abort: Cell<Option<Abort>>,
    /// True once `Corust\Event::wait` is registered as a shutdown function.
    pub(crate) drain_registered: Cell<bool>,
    /// The context object used outside coroutines.
    pub main_context: RefCell<Option<Zval>>,
}

static STATE: PhpThread<State> = PhpThread::new();

/// The binding's state (created on first use).
#[inline]
pub fn state() -> &'static State {
    STATE.get(|| State {
        rt: Runtime::new(),
        abort: Cell::new(None),
        drain_registered: Cell::new(false),
        main_context: RefCell::new(None),
    })
}

/// Runs `f` with the process's scheduler. `f` may suspend: `Runtime` keeps no
/// borrow of its own across a switch.
#[inline]
pub fn rt<R>(f: impl FnOnce(&Runtime<ZendVm>) -> R) -> R {
    f(&state().rt)
}

/// How a coroutine ended the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abort {
    /// `exit()` / `die()`.
    Exit,
    /// A fatal error (bailout).
    Bailout,
}

/// Host data of each coroutine.
#[derive(Default)]
pub struct CoLocal {
    /// `defer()` callbacks, run last-in first-out when the coroutine ends.
    pub(crate) defers: Vec<Callback>,
    /// `Coroutine::getContext()`, created on first use.
    pub context: Option<Zval>,
    /// Coroutines in `Coroutine::join()` on this one, woken when it ends.
    pub joiners: crate::rt::sync::waiters::Waiters,
    /// `Coroutine::disableScheduler()` was called (recorded only).
    pub scheduler_disabled: bool,
}

/// Re-raises, in the current context, an exit or fatal error that ended a
/// coroutine this context resumed.
pub fn propagate() {
    let Some(a) = state().abort.get() else {
        return;
    };
    if rt(|r| r.current()).is_main() {
        state().abort.set(None);
    }
    match a {
        // SAFETY: throwing the engine's unwind-exit marker, as exit() does.
        Abort::Exit => unsafe { zend_throw_unwind_exit() },
        // SAFETY: longjmp to this context's own zend_try (the coroutine's
        // try, or the main script's); no Rust frame with a destructor is live
        // in the callers of propagate().
        Abort::Bailout => unsafe { ext_php_rs::zend::bailout() },
    }
}

/// True once an exit or fatal error in a coroutine is ending the process
/// (loops that start more work stop).
pub fn aborting() -> bool {
    state().abort.get().is_some()
}

pub(crate) fn set_abort(a: Abort) {
    let c = &state().abort;
    if c.get() != Some(Abort::Exit) {
        c.set(Some(a));
    }
    rt(|r| r.halt());
}
