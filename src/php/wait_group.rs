//! `Corust\WaitGroup` [`Swoole\Coroutine\WaitGroup`] and `Corust\Barrier`
//! [`Swoole\Coroutine\Barrier`].

use std::rc::Rc;
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;

use super::args::{self, handler, ret_bool, ret_long};
use super::channel::timeout_arg;
use super::error::{throw_error, throw_rt};
use super::object::{this, Native};
use super::runtime::{propagate, rt};
use crate::rt::sync::barrier::Barrier;
use crate::rt::sync::wait_group::WaitGroup;
use crate::rt::sync::WaitError;

static WG_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
static BARRIER_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Rust side of a `Corust\WaitGroup`.
#[derive(Default)]
pub struct WaitGroupObj {
    /// The counter and waiter; shared with calls in flight.
    wg: Rc<WaitGroup>,
}

impl Native for WaitGroupObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &WG_HANDLERS
    }
}

fn wg_of(ex: &ext_php_rs::zend::ExecuteData) -> Option<Rc<WaitGroup>> {
    this::<WaitGroupObj>(ex).map(|o| o.wg.clone())
}

/// Swoole's exception for each misuse (its WaitGroup: a negative counter
/// from `add` is an InvalidArgumentException, the rest BadMethodCallException).
fn misuse(m: crate::rt::sync::wait_group::Misuse, in_add: bool) {
    use crate::rt::sync::wait_group::Misuse;
    if in_add && m == Misuse::Negative {
        super::error::throw_invalid_argument(&m.to_string());
    } else {
        super::error::throw_bad_method_call(&m.to_string());
    }
}

handler!(
    /// `__construct(int $delta = 0)`.
    wg_construct(ex, _rv) {
        let Ok(d) = args::long(ex, 0, "Corust\\WaitGroup::__construct", "delta", Some(0)) else { return };
        let Some(wg) = wg_of(ex) else { return };
        // As Swoole: only a positive delta counts.
        if d > 0 {
            if let Err(m) = rt(|r| wg.add(r, d)) {
                misuse(m, true);
            }
        }
    }
);

handler!(
    /// `add(int $delta = 1): void`.
    wg_add(ex, _rv) {
        let Ok(d) = args::long(ex, 0, "Corust\\WaitGroup::add", "delta", Some(1)) else { return };
        let Some(wg) = wg_of(ex) else { return };
        if let Err(m) = rt(|r| wg.add(r, d)) {
            misuse(m, true);
        }
        propagate();
    }
);

handler!(
    /// `done(): void`.
    wg_done(ex, _rv) {
        let Some(wg) = wg_of(ex) else { return };
        if let Err(m) = rt(|r| wg.add(r, -1)) {
            misuse(m, false);
        }
        propagate();
    }
);

handler!(
    /// `wait(float $timeout = -1): bool` (false on timeout or cancel).
    wg_wait(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Corust\\WaitGroup::wait", "timeout", Some(-1.0)) else { return };
        let Some(wg) = wg_of(ex) else { return };
        match rt(|r| wg.wait(r, timeout_arg(t))) {
            Err(m) => misuse(m, false),
            Ok(Ok(())) => ret_bool(rv, true),
            Ok(Err(WaitError::NotInCoroutine)) => throw_rt(&crate::rt::Error::NotInCoroutine),
            Ok(Err(_)) => ret_bool(rv, false),
        }
        propagate();
    }
);

handler!(
    /// `count(): int`.
    wg_count(ex, rv) {
        if let Some(wg) = wg_of(ex) {
            ret_long(rv, wg.count());
        }
    }
);

/// Rust side of a `Corust\Barrier`.
#[derive(Default)]
pub struct BarrierObj {
    /// Survives the object while its waiter still runs.
    st: Rc<Barrier>,
}

impl Native for BarrierObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &BARRIER_HANDLERS
    }

    fn on_destroy(&self) {
        rt(|r| self.st.release(r));
    }
}

/// Class entry of `Corust\Barrier`, set at MINIT.
pub static BARRIER_CE: AtomicPtr<ext_php_rs::zend::ClassEntry> =
    AtomicPtr::new(std::ptr::null_mut());

handler!(
    /// `Barrier::make(): Barrier`.
    barrier_make(_ex, rv) {
        let ce = BARRIER_CE.load(std::sync::atomic::Ordering::Relaxed);
        let mut z = Zval::new();
        // SAFETY: ce is our registered class; object_init_ex fills z.
        unsafe { super::sys::zend::object_init_ex(&mut z, ce.cast()) };
        *rv = z;
    }
);

handler!(
    /// `Barrier::wait(Barrier &$barrier, float $timeout = -1): void` — waits
    /// until every other holder of the barrier has dropped it.
    barrier_wait(ex, _rv) {
        if args::need(ex, 1, "Corust\\Barrier::wait").is_err() { return; }
        let Ok(t) = args::double(ex, 1, "Corust\\Barrier::wait", "timeout", Some(-1.0)) else { return };
        let me = rt(|r| r.current());
        if me.is_main() {
            throw_rt(&crate::rt::Error::NotInCoroutine);
            return;
        }
        let st = {
            let Some(z) = args::get(ex, 0) else { return };
            let Some(obj) = z.object() else {
                throw_error(&format!("{}(): Argument #1 ($barrier) must be a Barrier", args::name_of(ex, "Corust\\Barrier::wait")));
                return;
            };
            let objp = obj as *const _ as *mut ext_php_rs::ffi::zend_object;
            // SAFETY: checking the handler table before treating it as ours.
            let ours = unsafe { std::ptr::eq((*objp).handlers, BARRIER_HANDLERS.load(std::sync::atomic::Ordering::Relaxed)) };
            if !ours {
                throw_error(&format!("{}(): Argument #1 ($barrier) must be a Barrier", args::name_of(ex, "Corust\\Barrier::wait")));
                return;
            }
            // SAFETY: it is a BarrierObj (handler table checked).
            let st = unsafe {
                let native = &*super::object::from_obj::<BarrierObj>(objp);
                native.data.st.clone()
            };
            if rt(|r| st.enter(r)).is_err() {
                super::error::throw_exception("The barrier is waiting, cannot wait again.");
                return;
            }
            st
        };
        // Drop the caller's reference: if it was the last one, we are done.
        if let Some(z) = args::get(ex, 0) {
            z.set_null();
        }
        if let Err(crate::rt::sync::WaitError::NotInCoroutine) = rt(|r| st.wait(r, timeout_arg(t))) {
            throw_rt(&crate::rt::Error::NotInCoroutine);
        }
        propagate();
    }
);

/// `Swoole\Coroutine\WaitGroup`'s declarations (Swoole 6.2.2's library).
pub const WAIT_GROUP_SIGNATURES: &[&str] = &[
    "__construct(int $delta = 0)",
    "add(int $delta = 1): void",
    "done(): void",
    "wait(float $timeout = -1): bool",
    "count(): int",
];

/// `Swoole\Coroutine\Barrier`'s declarations (Swoole 6.2.2's library).
pub const BARRIER_SIGNATURES: &[&str] = &[
    "make(): self",
    "wait(Swoole\\Coroutine\\Barrier &$barrier, float $timeout = -1): void",
];
