//! `Corust\Timer` [`Swoole\Timer`]: after, tick, clear, clearAll, exists, list.
//!
//! Owns: the map from timer id to the PHP callable; the timing itself lives in
//! `rt::driver::time`. Each firing runs the callable in a new coroutine (a tick
//! gets its timer id as first argument).

use crate::rt::idmap::IdMap;
use std::cell::RefCell;
use std::time::Duration;

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::coroutine::rt;
use super::coroutine_api::array_iterator;
use super::error::{warn_docref, E_WARNING};
use super::globals::PhpThread;
use super::value::{zval_long, Callback};

/// Callables of armed user timers.
static CALLBACKS: PhpThread<RefCell<IdMap<u64, Callback>>> = PhpThread::new();

fn callbacks<R>(f: impl FnOnce(&RefCell<IdMap<u64, Callback>>) -> R) -> R {
    f(CALLBACKS.get(|| RefCell::new(IdMap::default())))
}

/// Called by the event loop for each due user timer.
pub fn fire(id: u64, is_tick: bool) {
    let cb = callbacks(|m| {
        let mut m = m.borrow_mut();
        if is_tick {
            m.get(&id).map(|cb| {
                let mut c = cb.share();
                c.prepend_arg(zval_long(id as i64));
                c
            })
        } else {
            m.remove(&id)
        }
    });
    if let Some(cb) = cb {
        super::coroutine::spawn_detached(cb);
    }
}

fn add(ex: &mut ExecuteData, rv: &mut Zval, fname: &str, tick: bool) {
    if args::need(ex, 2, fname).is_err() {
        return;
    }
    let Ok(ms) = args::long(ex, 0, fname, "ms", None) else {
        return;
    };
    let min = if tick { 1 } else { 0 };
    if ms < min {
        warn_docref(
            E_WARNING,
            &format!("Argument #1 ($ms) must be greater than or equal to {min}"),
        );
        ret_bool(rv, false);
        return;
    }
    let Some(cb) = super::coroutine::callback_arg(ex, 1, Some(2), fname, "callback") else {
        return;
    };
    super::coroutine::ensure_drain();
    let d = Duration::from_millis(ms as u64);
    let id = rt(|r| r.add_timer(d, if tick { Some(d) } else { None }));
    callbacks(|m| m.borrow_mut().insert(id, cb));
    ret_long(rv, id as i64);
}

handler!(
    /// `Timer::after(int $ms, callable $fn, mixed ...$args): int|false`.
    after(ex, rv) { add(ex, rv, "Corust\\Timer::after", false) }
);

handler!(
    /// `Timer::tick(int $ms, callable $fn, mixed ...$args): int|false`.
    tick(ex, rv) { add(ex, rv, "Corust\\Timer::tick", true) }
);

pub fn clear_id(id: u64) -> bool {
    let ok = rt(|r| r.clear_timer(id));
    // Drop the callable outside the map borrow: its destructor may run PHP code.
    let cb = callbacks(|m| m.borrow_mut().remove(&id));
    drop(cb);
    ok
}

handler!(
    /// `Timer::clear(int $id): bool`.
    clear(ex, rv) {
        if args::need(ex, 1, "Corust\\Timer::clear").is_err() { return; }
        let Ok(id) = args::long(ex, 0, "Corust\\Timer::clear", "timer_id", None) else { return };
        ret_bool(rv, id > 0 && clear_id(id as u64));
    }
);

handler!(
    /// `Timer::clearAll(): bool`.
    clear_all(_ex, rv) {
        for id in rt(|r| r.timer_ids()) {
            clear_id(id);
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `Timer::exists(int $id): bool`.
    exists(ex, rv) {
        if args::need(ex, 1, "Corust\\Timer::exists").is_err() { return; }
        let Ok(id) = args::long(ex, 0, "Corust\\Timer::exists", "timer_id", None) else { return };
        ret_bool(rv, id > 0 && rt(|r| r.timer_exists(id as u64)));
    }
);

handler!(
    /// `Timer::list(): ArrayIterator` of armed timer ids.
    list(_ex, rv) {
        *rv = array_iterator("Corust\\Timer\\Iterator", &rt(|r| r.timer_ids()));
    }
);

/// Request shutdown: forget the callables (the engine frees request memory).
pub fn shutdown() {
    callbacks(|m| {
        let old = std::mem::take(&mut *m.borrow_mut());
        std::mem::forget(old);
    });
}

/// `Swoole\Timer`'s declarations (Swoole 6.2.2: its methods share the `swoole_timer_*` arginfo).
pub const SIGNATURES: &[&str] = &[
    "after(int $ms, callable $callback, mixed ...$params): false|int",
    "tick(int $ms, callable $callback, mixed ...$params): false|int",
    "clear(int $timer_id): bool",
    "clearAll(): bool",
    "exists(int $timer_id): bool",
    "list(): Swoole\\Timer\\Iterator",
];
