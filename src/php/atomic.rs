//! `Swoole\Atomic` (32-bit unsigned, with futex `wait`/`wakeup`) and
//! `Swoole\Atomic\Long` (64-bit signed): a value in memory shared with the
//! processes forked after the object was made (a server's workers, a
//! `pcntl_fork` child), as Swoole's.
//!
//! Owns: one shared page per object (`rt::sys::Shared`), mapped when the
//! object is created, so a subclass that skips the constructor still has a
//! value (0). `wait()` blocks the whole process, as Swoole's does: it is
//! for processes, not coroutines.

use std::sync::atomic::{AtomicI64, AtomicPtr, AtomicU32, Ordering};
use std::time::Duration;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::error::throw_error;
use super::object::{this, Native};
use crate::rt::sys::{futex_wait, futex_wake, Shared};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
static LONG_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Rust side of a `Swoole\Atomic`.
pub struct AtomicObj {
    /// None only when the shared mapping could not be made.
    v: Option<Shared<AtomicU32>>,
}

impl Default for AtomicObj {
    fn default() -> Self {
        AtomicObj {
            v: Shared::new().ok(),
        }
    }
}

impl Native for AtomicObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

/// Rust side of a `Swoole\Atomic\Long`.
pub struct LongObj {
    /// As `AtomicObj::v`.
    v: Option<Shared<AtomicI64>>,
}

impl Default for LongObj {
    fn default() -> Self {
        LongObj {
            v: Shared::new().ok(),
        }
    }
}

impl Native for LongObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &LONG_HANDLERS
    }
}

fn word(ex: &ExecuteData) -> Option<&'static AtomicU32> {
    let w = this::<AtomicObj>(ex).and_then(|o| o.v.as_deref());
    if w.is_none() {
        throw_error("Swoole\\Atomic: no shared memory for the value");
    }
    w
}

fn long(ex: &ExecuteData) -> Option<&'static AtomicI64> {
    let w = this::<LongObj>(ex).and_then(|o| o.v.as_deref());
    if w.is_none() {
        throw_error("Swoole\\Atomic\\Long: no shared memory for the value");
    }
    w
}

handler!(
    /// `Atomic::__construct(int $value = 0)`.
    atomic_construct(ex, _rv) {
        let Ok(v) = args::long(ex, 0, "Swoole\\Atomic::__construct", "value", Some(0)) else { return };
        if let Some(w) = word(ex) {
            w.store(v as u32, Ordering::SeqCst);
        }
    }
);

handler!(
    /// `Atomic::add(int $add_value = 1): int` — the new value (wraps at 2^32).
    atomic_add(ex, rv) {
        let Ok(d) = args::long(ex, 0, "Swoole\\Atomic::add", "add_value", Some(1)) else { return };
        if let Some(w) = word(ex) {
            let d = d as u32;
            ret_long(rv, i64::from(w.fetch_add(d, Ordering::SeqCst).wrapping_add(d)));
        }
    }
);

handler!(
    /// `Atomic::sub(int $sub_value = 1): int` — the new value (wraps at 0).
    atomic_sub(ex, rv) {
        let Ok(d) = args::long(ex, 0, "Swoole\\Atomic::sub", "sub_value", Some(1)) else { return };
        if let Some(w) = word(ex) {
            let d = d as u32;
            ret_long(rv, i64::from(w.fetch_sub(d, Ordering::SeqCst).wrapping_sub(d)));
        }
    }
);

handler!(
    /// `Atomic::get(): int`.
    atomic_get(ex, rv) {
        if let Some(w) = word(ex) {
            ret_long(rv, i64::from(w.load(Ordering::SeqCst)));
        }
    }
);

handler!(
    /// `Atomic::set(int $value): void`.
    atomic_set(ex, _rv) {
        let f = "Swoole\\Atomic::set";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(v) = args::long(ex, 0, f, "value", None) else { return };
        if let Some(w) = word(ex) {
            w.store(v as u32, Ordering::SeqCst);
        }
    }
);

handler!(
    /// `Atomic::cmpset(int $cmp_value, int $new_value): bool`.
    atomic_cmpset(ex, rv) {
        let f = "Swoole\\Atomic::cmpset";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(cmp) = args::long(ex, 0, f, "cmp_value", None) else { return };
        let Ok(new) = args::long(ex, 1, f, "new_value", None) else { return };
        if let Some(w) = word(ex) {
            let ok = w.compare_exchange(cmp as u32, new as u32, Ordering::SeqCst, Ordering::SeqCst).is_ok();
            ret_bool(rv, ok);
        }
    }
);

handler!(
    /// `Atomic::wait(float $timeout = 1.0): bool` — Swoole's futex protocol:
    /// true at once when the value is 1 (it becomes 0); else sleeps while it
    /// is 0 until `wakeup()` (true, the value back to 0) or the timeout
    /// (`<= 0`: none) passes (false). Any other value: false at once.
    atomic_wait(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Swoole\\Atomic::wait", "timeout", Some(1.0)) else { return };
        let Some(w) = word(ex) else { return };
        if w.compare_exchange(1, 0, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            ret_bool(rv, true);
            return;
        }
        let timeout = (t > 0.0 && t.is_finite()).then(|| Duration::from_secs_f64(t.min(1e9)));
        let woke = futex_wait(w, 0, timeout).is_ok()
            && w.compare_exchange(1, 0, Ordering::SeqCst, Ordering::SeqCst).is_ok();
        ret_bool(rv, woke);
    }
);

handler!(
    /// `Atomic::wakeup(int $count = 1): bool` — when the value is 0, sets it
    /// to 1 and wakes up to `$count` waiters; true unless the futex call fails.
    atomic_wakeup(ex, rv) {
        let Ok(n) = args::long(ex, 0, "Swoole\\Atomic::wakeup", "count", Some(1)) else { return };
        let Some(w) = word(ex) else { return };
        if w.compare_exchange(0, 1, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            ret_bool(rv, futex_wake(w, n.clamp(0, i64::from(i32::MAX)) as i32).is_ok());
        } else {
            ret_bool(rv, true);
        }
    }
);

handler!(
    /// `Atomic\Long::__construct(int $value = 0)`.
    long_construct(ex, _rv) {
        let Ok(v) = args::long(ex, 0, "Swoole\\Atomic\\Long::__construct", "value", Some(0)) else { return };
        if let Some(w) = long(ex) {
            w.store(v, Ordering::SeqCst);
        }
    }
);

handler!(
    /// `Atomic\Long::add(int $add_value = 1): int` — the new value (wrapping).
    long_add(ex, rv) {
        let Ok(d) = args::long(ex, 0, "Swoole\\Atomic\\Long::add", "add_value", Some(1)) else { return };
        if let Some(w) = long(ex) {
            ret_long(rv, w.fetch_add(d, Ordering::SeqCst).wrapping_add(d));
        }
    }
);

handler!(
    /// `Atomic\Long::sub(int $sub_value = 1): int` — the new value (wrapping).
    long_sub(ex, rv) {
        let Ok(d) = args::long(ex, 0, "Swoole\\Atomic\\Long::sub", "sub_value", Some(1)) else { return };
        if let Some(w) = long(ex) {
            ret_long(rv, w.fetch_sub(d, Ordering::SeqCst).wrapping_sub(d));
        }
    }
);

handler!(
    /// `Atomic\Long::get(): int`.
    long_get(ex, rv) {
        if let Some(w) = long(ex) {
            ret_long(rv, w.load(Ordering::SeqCst));
        }
    }
);

handler!(
    /// `Atomic\Long::set(int $value): void`.
    long_set(ex, _rv) {
        let f = "Swoole\\Atomic\\Long::set";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(v) = args::long(ex, 0, f, "value", None) else { return };
        if let Some(w) = long(ex) {
            w.store(v, Ordering::SeqCst);
        }
    }
);

handler!(
    /// `Atomic\Long::cmpset(int $cmp_value, int $new_value): bool`.
    long_cmpset(ex, rv) {
        let f = "Swoole\\Atomic\\Long::cmpset";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(cmp) = args::long(ex, 0, f, "cmp_value", None) else { return };
        let Ok(new) = args::long(ex, 1, f, "new_value", None) else { return };
        if let Some(w) = long(ex) {
            ret_bool(rv, w.compare_exchange(cmp, new, Ordering::SeqCst, Ordering::SeqCst).is_ok());
        }
    }
);

type Handler = extern "C" fn(&mut ExecuteData, &mut ext_php_rs::types::Zval);

/// `Swoole\Atomic`'s methods.
pub const ATOMIC_METHODS: &[(&str, Handler)] = &[
    ("__construct", atomic_construct),
    ("add", atomic_add),
    ("sub", atomic_sub),
    ("get", atomic_get),
    ("set", atomic_set),
    ("cmpset", atomic_cmpset),
    ("wait", atomic_wait),
    ("wakeup", atomic_wakeup),
];

/// `Swoole\Atomic\Long`'s methods.
pub const LONG_METHODS: &[(&str, Handler)] = &[
    ("__construct", long_construct),
    ("add", long_add),
    ("sub", long_sub),
    ("get", long_get),
    ("set", long_set),
    ("cmpset", long_cmpset),
];

/// Swoole 6.2.2's declarations of `Swoole\Atomic`.
pub const ATOMIC_SIGNATURES: &[&str] = &[
    "__construct(int $value = 0)",
    "add(int $add_value = 1): int",
    "sub(int $sub_value = 1): int",
    "get(): int",
    "set(int $value): void",
    "cmpset(int $cmp_value, int $new_value): bool",
    "wait(float $timeout = 1.0): bool",
    "wakeup(int $count = 1): bool",
];

/// Swoole 6.2.2's declarations of `Swoole\Atomic\Long`.
pub const LONG_SIGNATURES: &[&str] = &[
    "__construct(int $value = 0)",
    "add(int $add_value = 1): int",
    "sub(int $sub_value = 1): int",
    "get(): int",
    "set(int $value): void",
    "cmpset(int $cmp_value, int $new_value): bool",
];

/// The classes (`Corust\Atomic`, `Corust\Atomic\Long`; Swoole names at MINIT).
pub fn classes() -> Vec<ext_php_rs::builders::ClassBuilder> {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let build = |name: &str, methods: &[(&str, Handler)]| {
        let mut cb = ClassBuilder::new(name);
        for (n, h) in methods {
            cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
        }
        cb
    };
    vec![
        build("Corust\\Atomic", ATOMIC_METHODS).registration(super::classes::native::<AtomicObj>),
        build("Corust\\Atomic\\Long", LONG_METHODS).registration(super::classes::native::<LongObj>),
    ]
}
