//! `Swoole\Lock`: `rt::plock` for PHP — `SWOOLE_MUTEX`, `SWOOLE_RWLOCK`,
//! `SWOOLE_SPINLOCK` (a mutex here), `lock($operation = LOCK_EX, $timeout =
//! -1)` with `LOCK_SH` (a read lock of the rwlock) and `LOCK_NB`, `unlock()`,
//! failures in `errCode` (EBUSY, ETIMEDOUT, EPERM), as Swoole 6.2's. The
//! lock is shared with the processes forked after it was made and blocks
//! the whole process; a holder that died is taken over (see `rt::plock`).

use std::sync::atomic::AtomicPtr;
use std::time::Duration;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool};
use super::error::throw_error;
use super::object::{this, this_obj, Native};
use super::value::zval_long;
use crate::rt::plock::PLock;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Swoole's lock types.
pub const RWLOCK: i64 = 1;
/// A mutex.
pub const MUTEX: i64 = 3;
/// A spinlock (a mutex in corust).
pub const SPINLOCK: i64 = 5;

/// Rust side of a Lock.
#[derive(Default)]
pub struct ProcLockObj {
    l: std::cell::RefCell<Option<PLock>>,
}

impl Native for ProcLockObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

fn set_err(ex: &ExecuteData, code: i32) {
    // SAFETY: a Lock object: slot 0 is its declared `errCode`.
    unsafe {
        *(super::object::prop_slot(this_obj(ex), 0) as *mut Zval) = zval_long(i64::from(code))
    };
}

handler!(
    /// `__construct(int $type = SWOOLE_MUTEX)`.
    construct(ex, _rv) {
        let Ok(ty) = args::long(ex, 0, "Swoole\\Lock::__construct", "type", Some(MUTEX)) else { return };
        let Some(o) = this::<ProcLockObj>(ex) else { return };
        if o.l.borrow().is_some() {
            throw_error("Constructor of Swoole\\Lock can only be called once");
            return;
        }
        let rw = match ty {
            RWLOCK => true,
            MUTEX | SPINLOCK => false,
            _ => {
                super::error::throw_exception(&format!("lock type[{ty}] is not support"));
                return;
            }
        };
        match PLock::new(rw) {
            Ok(l) => *o.l.borrow_mut() = Some(l),
            Err(e) => throw_error(&format!("cannot create the lock: {e}")),
        }
    }
);

fn lock_of(ex: &ExecuteData) -> Option<&'static ProcLockObj> {
    let o = this::<ProcLockObj>(ex)?;
    if o.l.borrow().is_none() {
        throw_error("must call constructor first");
        return None;
    }
    Some(o)
}

handler!(
    /// `lock(int $operation = LOCK_EX, float $timeout = -1): bool`.
    lock(ex, rv) {
        let f = "Swoole\\Lock::lock";
        let Ok(op) = args::long(ex, 0, f, "operation", Some(i64::from(libc::LOCK_EX))) else { return };
        let Ok(t) = args::double(ex, 1, f, "timeout", Some(-1.0)) else { return };
        let Some(o) = lock_of(ex) else { return };
        let timeout = (t > 0.0 && t.is_finite()).then(|| Duration::from_secs_f64(t.min(1e9)));
        let shared = op & i64::from(libc::LOCK_SH) != 0;
        let try_only = op & i64::from(libc::LOCK_NB) != 0;
        let r = o.l.borrow().as_ref().map_or(Err(libc::EINVAL), |l| l.lock(shared, try_only, timeout));
        match r {
            Ok(()) => ret_bool(rv, true),
            Err(c) => { set_err(ex, c); ret_bool(rv, false); }
        }
    }
);

handler!(
    /// `unlock(): bool`.
    unlock(ex, rv) {
        let Some(o) = lock_of(ex) else { return };
        let r = o.l.borrow().as_ref().map_or(Err(libc::EINVAL), PLock::unlock);
        match r {
            Ok(()) => ret_bool(rv, true),
            Err(c) => { set_err(ex, c); ret_bool(rv, false); }
        }
    }
);

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $type = SWOOLE_MUTEX)",
    "lock(int $operation = LOCK_EX, float $timeout = -1): bool",
    "unlock(): bool",
];

/// The class (`Corust\Lock`; `Swoole\Lock` at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::{ConstantFlags, MethodFlags};
    let mut cb = ClassBuilder::new("Corust\\Lock");
    for (n, h) in [
        (
            "__construct",
            construct as extern "C" fn(&mut ExecuteData, &mut Zval),
        ),
        ("lock", lock),
        ("unlock", unlock),
    ] {
        cb = cb.method(FunctionBuilder::new(n, h), MethodFlags::Public);
    }
    for (name, v) in [("MUTEX", MUTEX), ("RWLOCK", RWLOCK), ("SPINLOCK", SPINLOCK)] {
        cb = match cb.constant(name, v, &[], ConstantFlags::Public) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new("Corust\\Lock"),
        };
    }
    cb.property(super::classes::long_prop("errCode"))
        .registration(super::classes::native::<ProcLockObj>)
}
