//! `Swoole\Coroutine\Lock`: `rt::sync::lock` for PHP. `lock()` waits for the
//! holder (or, with `LOCK_NB`, fails at once with `errCode` EBUSY);
//! `unlock()` frees it and wakes the next waiter; outside a coroutine both
//! warn and fail (`errCode` SWOOLE_ERROR_CO_OUT_OF_COROUTINE), as Swoole's.
//! `new Lock(shared: true)` keeps the lock in memory shared with the
//! processes forked after it (a server's workers).

use std::cell::RefCell;
use std::sync::atomic::{AtomicPtr, AtomicU32};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool};
use super::error::throw_error;
use super::object::{prop_slot, this, this_obj, Native};
use super::runtime::{propagate, rt};
use crate::rt::sync::lock::{Lock, LockError};
use crate::rt::sys::SharedU32;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// PHP's (and C's) `LOCK_NB`.
const LOCK_NB: i64 = 4;

/// The lock of one object: local or shared across forks.
enum Kind {
    /// Waiters park in this process.
    Local(Lock<AtomicU32>),
    /// In shared memory; waiters poll.
    Shared(Lock<SharedU32>),
}

/// Rust side of a Lock.
#[derive(Default)]
pub struct LockObj {
    /// Set by the constructor.
    lock: RefCell<Option<std::rc::Rc<Kind>>>,
}

impl Native for LockObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

fn set_err(ex: &ExecuteData, code: i64) {
    // SAFETY: `this` was checked to be a Lock object, whose first declared
    // property is errCode.
    unsafe { (*(prop_slot(this_obj(ex), 0) as *mut Zval)).set_long(code) };
}

/// The object's lock; a thrown Error when the constructor did not run.
fn lock_of(ex: &ExecuteData) -> Option<std::rc::Rc<Kind>> {
    let l = this::<LockObj>(ex)?.lock.borrow().clone();
    if l.is_none() {
        throw_error("you must call Lock constructor first");
    }
    l
}

/// True/false as Swoole answers, errCode set on failure.
fn answer(ex: &ExecuteData, rv: &mut Zval, r: Result<(), LockError>, unlocking: bool) {
    match r {
        Ok(()) => ret_bool(rv, true),
        Err(e) => {
            let code = match e {
                LockError::Busy => i64::from(libc::EBUSY),
                LockError::Canceled => crate::swerr::CO_CANCELED,
                LockError::NotInCoroutine => {
                    // Swoole's log line (to log_file, filtered by log_level).
                    crate::server::log::put(
                        crate::server::log::Who::Other,
                        0,
                        "WARNING",
                        &format!(
                            "{}(): The coroutine lock can only be used in a coroutine environment",
                            if unlocking {
                                "CoroutineLock::unlock"
                            } else {
                                "CoroutineLock::lock_impl"
                            }
                        ),
                    );
                    crate::swerr::CO_OUT_OF_COROUTINE
                }
            };
            set_err(ex, code);
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `__construct(bool $shared = false)`.
    lock_construct(ex, _rv) {
        let Some(o) = this::<LockObj>(ex) else { return };
        if o.lock.borrow().is_some() {
            throw_error("Constructor of Swoole\\Coroutine\\Lock can only be called once");
            return;
        }
        let shared = args::get(ex, 0).is_some_and(|z| z.coerce_to_bool());
        let kind = if shared {
            match SharedU32::new() {
                Ok(w) => Kind::Shared(Lock::new(w, true)),
                Err(e) => {
                    throw_error(&format!("cannot create a shared lock: {}", super::error::os_error_text(&e)));
                    return;
                }
            }
        } else {
            Kind::Local(Lock::new(AtomicU32::new(0), false))
        };
        *o.lock.borrow_mut() = Some(std::rc::Rc::new(kind));
    }
);

handler!(
    /// `lock(int $operation = LOCK_EX): bool` — with `LOCK_NB` in
    /// `$operation`, fails at once if another coroutine holds it.
    lock_lock(ex, rv) {
        let Ok(op) = args::long(ex, 0, "Swoole\\Coroutine\\Lock::lock", "operation", Some(2)) else { return };
        let Some(l) = lock_of(ex) else { return };
        let wait = op & LOCK_NB == 0;
        let r = rt(|r| match &*l {
            Kind::Local(k) => k.lock(r, wait),
            Kind::Shared(k) => k.lock(r, wait),
        });
        propagate();
        answer(ex, rv, r, false);
    }
);

handler!(
    /// `unlock(): bool`.
    lock_unlock(ex, rv) {
        let Some(l) = lock_of(ex) else { return };
        let r = rt(|r| match &*l {
            Kind::Local(k) => k.unlock(r),
            Kind::Shared(k) => k.unlock(r),
        });
        answer(ex, rv, r, true);
    }
);

/// `Swoole\Coroutine\Lock`'s declarations (Swoole 6.2.2).
pub const SIGNATURES: &[&str] = &[
    "__construct(bool $shared = false)",
    "lock(int $operation = LOCK_EX): bool",
    "unlock(): bool",
];
