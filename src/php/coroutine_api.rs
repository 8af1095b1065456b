//! The static methods of `Corust\\Coroutine` [`Swoole\\Coroutine`]: ids,
//! parents, listing, stats, sleep/yield/resume/cancel, options, backtraces.
//! The coroutine life cycle they act on lives in `coroutine.rs`.

use crate::php::error::warn_docref;
use std::cell::RefCell;
use std::time::Duration;

use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use std::sync::atomic::{AtomicPtr, Ordering};

use super::args::{self, handler, ret_bool, ret_long};
use super::coroutine::*;
use super::error::{throw_rt, throw_type_error, E_WARNING};
use super::runtime::{propagate, rt};
use super::vm::{self, ZendVm};
use crate::rt::{Cid, Error, Runtime, WaitKind, Wakeup};

/// `Swoole\Coroutine\CanceledException` and `TimeoutException`, set at MINIT.
pub static CANCELED_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
/// See `CANCELED_CE`.
pub static TIMEOUT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

handler!(
    /// `Coroutine::cancel(int $cid, bool $throw_exception = false): bool` —
    /// wakes a coroutine blocked in sleep, a channel, a WaitGroup…; its wait
    /// returns false / errCode CANCELED. With `$throw_exception`, the wait
    /// then throws `CanceledException` in it (even from a wait that cannot be
    /// canceled: it meets the exception when it resumes), as Swoole.
    co_cancel(ex, rv) {
        let f = "Swoole\\Coroutine::cancel";
        let Ok(throw) = args::boolean(ex, 1, f, "throw_exception", false) else { return };
        if !throw {
            // As Swoole: a failed cancel only says why in swoole_last_error().
            switch_by_id(ex, rv, f, None, |r, c| r.cancel(c));
            return;
        }
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(c) = args::long(ex, 0, f, "cid", None) else { return };
        ret_bool(rv, throw_into(c, &CANCELED_CE));
    }
);

/// Leaves an exception of class `ce` pending in coroutine `cid` and cancels
/// its wait; false (with swoole_last_error) when there is no such suspended
/// coroutine or one of that class is already pending.
fn throw_into(c: i64, ce: &AtomicPtr<ClassEntry>) -> bool {
    let cid = Cid(c.max(0) as u64);
    let ce = ce.load(Ordering::Relaxed);
    if c <= 0 || cid == rt(|r| r.current()) || ce.is_null() {
        super::swoole_error::set_last_error(crate::swerr::CO_NOT_EXISTS);
        return false;
    }
    match rt(|r| r.with_saved_mut(cid, |saved| vm::throw_into(saved, ce.cast()))) {
        None => {
            super::swoole_error::set_last_error(crate::swerr::CO_NOT_EXISTS);
            false
        }
        Some(false) => {
            super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
            false
        }
        Some(true) => {
            // Whether or not its wait can be canceled: it meets the exception
            // once it runs again.
            let _ = rt(|r| r.cancel(cid));
            propagate();
            true
        }
    }
}

handler!(
    /// `Coroutine::setTimeLimit(float $timeout): bool` — after `$timeout`
    /// seconds, a `TimeoutException` is thrown in the current coroutine where
    /// it waits then (as `cancel($cid, true)`). False outside coroutines or
    /// for 0.
    co_set_time_limit(ex, rv) {
        let f = "Swoole\\Coroutine::setTimeLimit";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(t) = args::double(ex, 0, f, "timeout", None) else { return };
        let cur = rt(|r| r.current());
        if t == 0.0 || !t.is_finite() || cur.is_main() {
            ret_bool(rv, false);
            return;
        }
        let d = Duration::from_secs_f64(t.max(0.0));
        super::timer::after_native(d, move || {
            if rt(|r| r.exists(cur)) {
                throw_into(cur.0 as i64, &TIMEOUT_CE);
            }
        });
        ret_bool(rv, true);
    }
);

handler!(
    /// `Coroutine::getStackUsage(int $cid = 0): false|int` — bytes of PHP VM
    /// stack pages held by the coroutine, measured as Swoole measures them;
    /// false (CO_NOT_EXISTS) for an unknown id.
    co_stack_usage(ex, rv) {
        let Ok(c) = args::long(ex, 0, "Swoole\\Coroutine::getStackUsage", "cid", Some(0)) else { return };
        let cur = rt(|r| r.current());
        let cid = if c <= 0 { cur } else { Cid(c as u64) };
        let usage = if cid == cur {
            (!cur.is_main()).then(vm::stack_usage_here)
        } else {
            rt(|r| r.with_saved(cid, vm::stack_usage_of))
        };
        match usage {
            Some(n) => ret_long(rv, n as i64),
            None => {
                super::swoole_error::set_last_error(crate::swerr::CO_NOT_EXISTS);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `Coroutine::enableScheduler(): bool` — Swoole's preemptive scheduler
    /// switch for the current coroutine; corust has no preemption, so this
    /// only records the flag (true when it changed, as Swoole returns).
    co_enable_scheduler(_ex, rv) {
        ret_bool(rv, set_scheduler_flag(false));
    }
);

handler!(
    /// `Coroutine::disableScheduler(): bool` — see `enableScheduler`.
    co_disable_scheduler(_ex, rv) {
        ret_bool(rv, set_scheduler_flag(true));
    }
);

/// Sets the current coroutine's "scheduler disabled" flag; true when it changed.
fn set_scheduler_flag(disabled: bool) -> bool {
    let cur = rt(|r| r.current());
    if cur.is_main() {
        return false;
    }
    rt(|r| {
        r.with_local(cur, |l| {
            let changed = l.scheduler_disabled != disabled;
            l.scheduler_disabled = disabled;
            changed
        })
    })
    .unwrap_or(false)
}

handler!(
    /// `Coroutine::isCanceled(): bool`.
    co_is_canceled(_ex, rv) {
        ret_bool(rv, rt(|r| r.is_canceled()));
    }
);

handler!(
    /// `Coroutine::getBackTrace(int $cid = 0, int $options = DEBUG_BACKTRACE_PROVIDE_OBJECT,
    /// int $limit = 0): array|false`.
    co_backtrace(ex, rv) {
        let f = "Corust\\Coroutine::getBackTrace";
        let Ok(c) = args::long(ex, 0, f, "cid", Some(0)) else { return };
        let Ok(options) = args::long(ex, 1, f, "options", Some(1)) else { return };
        let Ok(limit) = args::long(ex, 2, f, "limit", Some(0)) else { return };
        let cur = rt(|r| r.current());
        if c <= 0 || Cid(c as u64) == cur {
            *rv = vm::backtrace_here(options as i32, limit as i32);
            return;
        }
        match rt(|r| r.with_saved(Cid(c as u64), |saved| vm::backtrace_of(saved, options as i32, limit as i32))) {
            Some(t) => *rv = t,
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `Coroutine::id(): int` (also `getCid`): -1 outside coroutines.
    co_id(_ex, rv) {
        let c = rt(|r| r.current());
        ret_long(rv, if c.is_main() { -1 } else { c.0 as i64 });
    }
);

handler!(
    /// `Coroutine::getPcid(int $cid = 0): int|false`: -1 for a coroutine with no
    /// parent, false outside coroutines or for an unknown one.
    co_pcid(ex, rv) {
        let Ok(arg) = args::opt_long(ex, 0, "Corust\\Coroutine::getPcid", "cid") else { return };
        let cid = match arg {
            None | Some(0) => rt(|r| r.current()),
            Some(c) if c < 0 => { ret_bool(rv, false); return; }
            Some(c) => Cid(c as u64),
        };
        if cid.is_main() {
            // As Swoole: no parent to tell outside any coroutine (Hyperf
            // tests `getPcid() === false` for "not in a coroutine").
            ret_bool(rv, false);
            return;
        }
        match rt(|r| r.parent(cid)) {
            Some(p) if p.is_main() => ret_long(rv, -1),
            Some(p) => ret_long(rv, p.0 as i64),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `Coroutine::inCoroutine(): bool`.
    co_in(_ex, rv) {
        ret_bool(rv, !rt(|r| r.current()).is_main());
    }
);

handler!(
    /// `Coroutine::exists(int $cid): bool`.
    co_exists(ex, rv) {
        if args::need(ex, 1, "Corust\\Coroutine::exists").is_err() { return; }
        let Ok(c) = args::long(ex, 0, "Corust\\Coroutine::exists", "cid", None) else { return };
        ret_bool(rv, c > 0 && rt(|r| r.exists(Cid(c as u64))));
    }
);

handler!(
    /// `Coroutine::list(): ArrayIterator` (also `listCoroutines`).
    co_list(_ex, rv) {
        // Newest first, the order Swoole's coroutine map yields.
        let mut ids = rt(|r| r.list());
        ids.sort_unstable_by(|a, b| b.cmp(a));
        *rv = array_iterator("Corust\\Coroutine\\Iterator", &ids);
    }
);

handler!(
    /// `Coroutine::stats(): array`.
    co_stats(_ex, rv) {
        let mut ht = ZendHashTable::new();
        let (num, peak, last) = rt(|r| (r.count(), r.peak(), r.last_cid()));
        let pairs: [(&str, i64); 9] = [
            ("event_num", 0),
            ("signal_listener_num", super::process::signal_listener_num() as i64),
            ("aio_task_num", 0),
            ("aio_worker_num", 0),
            ("aio_queue_size", 0),
            ("c_stack_size", crate::rt::coroutine::stack::stack_size() as i64),
            ("coroutine_num", num as i64),
            ("coroutine_peak_num", peak as i64),
            ("coroutine_last_cid", last as i64),
        ];
        for (k, v) in pairs {
            let _ = ht.insert(k, v);
        }
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `Coroutine::sleep(float $seconds): bool`.
    co_sleep(ex, rv) {
        if args::need(ex, 1, "Corust\\Coroutine::sleep").is_err() { return; }
        let Ok(secs) = args::double(ex, 0, "Corust\\Coroutine::sleep", "seconds", None) else { return };
        if !secs.is_finite() || secs < 0.0 {
            warn_docref(E_WARNING, "Argument #1 ($seconds) must be greater than or equal to 0");
            ret_bool(rv, false);
            return;
        }
        let d = Duration::from_secs_f64(secs.min(1e9));
        match rt(|r| r.sleep(d)) {
            Ok(w) => {
                if w == Wakeup::Canceled {
                    super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
                }
                ret_bool(rv, w != Wakeup::Canceled)
            }
            Err(e) => throw_rt(&e),
        }
    }
);

handler!(
    /// `Coroutine::yield(): bool` (also `suspend`).
    co_yield(_ex, rv) {
        match rt(|r| r.park(WaitKind::Yield, None)) {
            Ok(w) => {
                if w == Wakeup::Canceled {
                    super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
                }
                ret_bool(rv, w != Wakeup::Canceled)
            }
            Err(e) => throw_rt(&e),
        }
    }
);

handler!(
    /// `Coroutine::resume(int $cid): bool`.
    co_resume(ex, rv) {
        switch_by_id(
            ex,
            rv,
            "Corust\\Coroutine::resume",
            Some("can not resume the coroutine which is in IO operation or non-existent"),
            |r, c| r.resume(c),
        );
    }
);

handler!(
    /// `Coroutine::set(array $options): void`.
    co_set(ex, _rv) {
        if args::need(ex, 1, "Corust\\Coroutine::set").is_err() { return; }
        let Some(z) = args::get(ex, 0) else { return };
        let Some(ht) = z.array() else {
            throw_type_error(&format!("{}(): Argument #1 ($options) must be of type array", args::name_of(ex, "Corust\\Coroutine::set")));
            return;
        };
        remember_options(ht);
        super::net::apply_options(ht);
        super::name_resolver::apply_option(ht);
        if let Some(v) = ht.get("max_coroutine").and_then(|v| v.long()) {
            if v <= 0 {
                warn_docref(E_WARNING, "max_coroutine must be greater than 0");
            } else {
                rt(|r| r.set_max(v as usize));
            }
        }
        if let Some(v) = ht.get("hook_flags").and_then(|v| v.long()) {
            super::hook::apply(v);
        }
        if let Some(v) = ht.get("enable_preemptive_scheduler") {
            super::preempt::set_wanted(v.coerce_to_bool());
        }
        if let Some(v) = ht.get("log_level").and_then(|v| v.long()) {
            crate::server::log::set_level(v);
        }
        apply_log_file(ht);
        if let Some(v) = ht.get("c_stack_size").or_else(|| ht.get("stack_size")).and_then(|v| v.long()) {
            // As Swoole (a size_t): a negative size is the largest one.
            crate::rt::coroutine::stack::set_stack_size(usize::try_from(v).unwrap_or(usize::MAX));
        }
    }
);

handler!(
    /// `Coroutine::getOptions(): ?array` — every option given to `set()` so
    /// far (later values win), as Swoole keeps them; null before any.
    co_get_options(_ex, rv) {
        match OPTIONS.get(|| RefCell::new(None)).borrow().as_ref() {
            Some(z) => *rv = z.shallow_clone(),
            None => rv.set_null(),
        }
    }
);

/// What `Coroutine::set()` was given (merged).
static OPTIONS: super::globals::PhpThread<RefCell<Option<Zval>>> = super::globals::PhpThread::new();

/// Merges `given` into the remembered options.
fn remember_options(given: &ZendHashTable) {
    let cell = OPTIONS.get(|| RefCell::new(None));
    let z = super::zarray::merge_settings(cell.borrow().as_ref().and_then(|z| z.array()), given);
    let enable = z
        .array()
        .and_then(|a| a.get("enable_coroutine"))
        .map(|v| v.coerce_to_bool());
    let old = cell.borrow_mut().replace(z);
    drop(old);
    if let Some(on) = enable {
        CALLBACKS_IN_COROUTINES.store(on, std::sync::atomic::Ordering::Relaxed);
    }
}

/// `enable_coroutine` of `Coroutine::set()`/`swoole_async_set()` (default on):
/// timer and event callbacks run each in a coroutine of its own; off, they
/// run on the event loop itself, outside any coroutine.
static CALLBACKS_IN_COROUTINES: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(true);

/// See `CALLBACKS_IN_COROUTINES`.
pub fn callbacks_in_coroutines() -> bool {
    CALLBACKS_IN_COROUTINES.load(std::sync::atomic::Ordering::Relaxed)
}

/// A boolean option given to `Coroutine::set()` (`default` when never given).
pub fn option_bool(name: &str, default: bool) -> bool {
    OPTIONS
        .get(|| RefCell::new(None))
        .borrow()
        .as_ref()
        .and_then(|z| z.array())
        .and_then(|a| a.get(name).map(|v| v.coerce_to_bool()))
        .unwrap_or(default)
}

/// `log_file` (Co::set, swoole_async_set, a server's set): Swoole's log
/// lines go to that file.
pub fn apply_log_file(ht: &ZendHashTable) {
    let Some(path) = ht.get("log_file").and_then(|v| v.coerce_to_string()) else {
        return;
    };
    if let Err(e) = crate::server::log::set_file(&path) {
        warn_docref(E_WARNING, &format!("cannot open log_file {path}: {e}"));
    }
}

/// Swoole's `exit_condition` option: the event loop, with nothing left to
/// do, ends only once this callable (if set) returns anything but false;
/// until then it waits. An exception it throws is fatal, as in Swoole.
pub fn exit_condition_met() -> bool {
    let f = OPTIONS
        .get(|| RefCell::new(None))
        .borrow()
        .as_ref()
        .and_then(|z| z.array())
        .and_then(|a| a.get("exit_condition").map(|v| v.shallow_clone()));
    let Some(f) = f.filter(|f| !f.is_null()) else {
        return true;
    };
    let Ok(mut cb) = super::value::Callback::new(&f, Vec::new()) else {
        return true;
    };
    let mut rv = Zval::new();
    cb.call(&mut rv);
    let ex = super::vm::take_exception();
    if !ex.is_null() {
        // SAFETY: an owned exception object; the engine's report consumes it.
        unsafe {
            ext_php_rs::ffi::zend_exception_error(ex, 1 /* E_ERROR */)
        };
        return true;
    }
    rv.bool() != Some(false)
}

/// Request shutdown: the options go (leaked: the engine frees request memory).
pub fn shutdown() {
    std::mem::forget(OPTIONS.get(|| RefCell::new(None)).borrow_mut().take());
}

/// An iterator of class `class` (an `ArrayIterator` subclass: Swoole's
/// `Coroutine\Iterator` for `Coroutine::list()`, `Timer\Iterator` for
/// `Timer::list()`) over `ids`, or a plain array if the class is missing.
pub fn array_iterator(class: &str, ids: &[u64]) -> Zval {
    let mut ht = ZendHashTable::new();
    for id in ids {
        let _ = ht.push(*id as i64);
    }
    let mut arr = Zval::new();
    arr.set_hashtable(ht);
    let Some(ce) = ClassEntry::try_find(class) else {
        return arr;
    };
    let mut obj = ext_php_rs::types::ZendObject::new(ce);
    let mut z = Zval::new();
    z.set_object(&mut obj);
    drop(obj);
    let _ = z.try_call_method("__construct", vec![&arr]);
    z
}

/// `resume($cid)` / `cancel($cid)`: reads the id, switches to that coroutine
/// through `op`, re-raises an abort; a bad id or state returns false, sets
/// the last Swoole error and, with `warning`, warns (Swoole's text).
fn switch_by_id(
    ex: &mut ExecuteData,
    rv: &mut Zval,
    fname: &str,
    warning: Option<&str>,
    op: impl FnOnce(&Runtime<ZendVm>, Cid) -> Result<(), Error>,
) {
    if args::need(ex, 1, fname).is_err() {
        return;
    }
    let Ok(c) = args::long(ex, 0, fname, "cid", None) else {
        return;
    };
    let result = if c <= 0 {
        Err(Error::NoSuchCoroutine(0))
    } else {
        rt(|r| op(r, Cid(c as u64)))
    };
    match result {
        Ok(()) => {
            propagate();
            ret_bool(rv, true);
        }
        Err(e) => {
            match e {
                Error::NoSuchCoroutine(_) => {
                    super::swoole_error::set_last_error(crate::swerr::CO_NOT_EXISTS)
                }
                Error::NotCancelable(_) => {
                    super::swoole_error::set_last_error(crate::swerr::CO_CANNOT_CANCEL)
                }
                _ => {}
            }
            if let Some(text) = warning {
                super::error::warn_docref(E_WARNING, text);
            }
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `Coroutine::join(array $cid_array, float $timeout = -1): bool` — waits
    /// until every listed coroutine has ended; false on timeout or cancel.
    co_join(ex, rv) {
        let f = "Corust\\Coroutine::join";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(ids) = args::get(ex, 0).and_then(|z| z.array()).map(|a| a.values().filter_map(|v| v.long()).collect::<Vec<_>>()) else {
            throw_type_error(&format!("{}(): Argument #1 ($cid_array) must be of type array", args::name_of(ex, f)));
            return;
        };
        let Ok(t) = args::double(ex, 1, f, "timeout", Some(-1.0)) else { return };
        let me = rt(|r| r.current());
        if me.is_main() {
            throw_rt(&Error::NotInCoroutine);
            return;
        }
        // Swoole's rules: an empty list, or none of them alive, is
        // INVALID_PARAMS; oneself is WRONG_OPERATION (with a warning); a
        // timeout is CO_TIMEDOUT, a cancel CO_CANCELED.
        let set_err = super::swoole_error::set_last_error;
        if ids.is_empty() {
            set_err(crate::swerr::INVALID_PARAMS);
            ret_bool(rv, false);
            return;
        }
        if ids.contains(&(me.0 as i64)) {
            set_err(crate::swerr::WRONG_OPERATION);
            if super::identity::display_errors() {
                warn_docref(E_WARNING, "can not join self");
            }
            ret_bool(rv, false);
            return;
        }
        let targets: Vec<Cid> = ids.into_iter().filter(|&c| c > 0).map(|c| Cid(c as u64)).collect();
        let deadline = (t.is_finite() && t >= 0.0).then(|| std::time::Instant::now() + Duration::from_secs_f64(t.min(1e9)));
        let alive = || targets.iter().copied().filter(|&c| rt(|r| r.exists(c))).collect::<Vec<_>>();
        let mut waiting = alive();
        if waiting.is_empty() {
            set_err(crate::swerr::INVALID_PARAMS);
            ret_bool(rv, false);
            return;
        }
        // One joiner per coroutine, as Swoole.
        if waiting.iter().any(|&c| rt(|r| r.with_local(c, |l| !l.joiners.is_empty())).unwrap_or(false)) {
            set_err(crate::swerr::WRONG_OPERATION);
            ret_bool(rv, false);
            return;
        }
        for &c in &waiting {
            rt(|r| r.with_local(c, |l| l.joiners.add(me)));
        }
        let mut ok = true;
        while !waiting.is_empty() {
            let left = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
            if left.is_some_and(|l| l.is_zero()) {
                set_err(crate::swerr::CO_TIMEDOUT);
                ok = false;
                break;
            }
            match rt(|r| r.park(WaitKind::Other(JOIN_WAIT), left)) {
                Ok(Wakeup::Ready) => {}
                Ok(Wakeup::Canceled) => { set_err(crate::swerr::CO_CANCELED); ok = false; break; }
                Ok(Wakeup::TimedOut) => { set_err(crate::swerr::CO_TIMEDOUT); ok = false; break; }
                _ => { ok = false; break; }
            }
            waiting = alive();
        }
        // A joiner that leaves early must not be woken later by these.
        for &c in &waiting {
            rt(|r| r.with_local(c, |l| l.joiners.remove(me)));
        }
        propagate();
        ret_bool(rv, ok);
    }
);

handler!(
    /// `Coroutine::printBackTrace(int $cid = 0, int $options = 0, int $limit = 0): void`
    /// — as `debug_print_backtrace()`, for any live coroutine.
    co_print_backtrace(ex, rv) {
        co_backtrace(ex, rv);
        let trace = std::mem::take(rv);
        if let Some(out) = trace_text(&trace) {
            // SAFETY: writing our bytes through the engine's output layer
            // (output buffers apply, as for debug_print_backtrace()).
            unsafe { ext_php_rs::ffi::php_output_write(out.as_ptr().cast(), out.len()) };
        }
    }
);

handler!(
    /// `Coroutine::getElapsed(int $cid = 0): int` — milliseconds since the
    /// coroutine started (a request's: since its bytes arrived); -1 for an
    /// unknown one (as Swoole).
    co_elapsed(ex, rv) {
        let Ok(c) = args::long(ex, 0, "Corust\\Coroutine::getElapsed", "cid", Some(0)) else { return };
        // Only 0 means "the current one" (a negative id is unknown: -1).
        let cid = match c {
            0 => Cid::MAIN,
            c if c < 0 => Cid(u64::MAX),
            c => Cid(c as u64),
        };
        match rt(|r| r.elapsed(cid)) {
            Some(d) => ret_long(rv, i64::try_from(d.as_millis()).unwrap_or(i64::MAX)),
            None => ret_long(rv, -1),
        }
    }
);

/// `Swoole\Coroutine`'s declarations (Swoole 6.2.2); `id()` and `inCoroutine()` are corust's own. The `System` methods it also has take `system::SIGNATURES`.
pub const SIGNATURES: &[&str] = &[
    "create(callable $func, mixed ...$param): int|false",
    "defer(callable $callback): void",
    "set(array $options): void",
    "getOptions(): ?array",
    "exists(int $cid): bool",
    "yield(): bool",
    "suspend(): bool",
    "cancel(int $cid, bool $throw_exception = false): bool",
    "join(array $cid_array, float $timeout = -1): bool",
    "isCanceled(): bool",
    "resume(int $cid): bool",
    "stats(): array",
    "getCid(): int",
    "id(): int",
    "inCoroutine(): bool",
    "getPcid(int $cid = 0): false|int",
    "getContext(int $cid = 0): ?Swoole\\Coroutine\\Context",
    "getBackTrace(int $cid = 0, int $options = DEBUG_BACKTRACE_PROVIDE_OBJECT, int $limit = 0): array|false",
    "printBackTrace(int $cid = 0, int $options = 0, int $limit = 0): void",
    "list(): Swoole\\Coroutine\\Iterator",
    "listCoroutines(): Swoole\\Coroutine\\Iterator",
    "getElapsed(int $cid = 0): int",
    "getuid(): int",
    "getStackUsage(int $cid = 0): false|int",
    "enableScheduler(): bool",
    "disableScheduler(): bool",
    "setTimeLimit(float $timeout): bool",
];
