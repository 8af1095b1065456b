//! Hooked internal functions: `sleep`, `usleep`, `time_nanosleep`,
//! `time_sleep_until` suspend the calling coroutine instead of the process.
//!
//! Owns: the swap of each function's `handler` in CG(function_table) and the
//! original it replaced. Inside a coroutine the hooked handler sleeps through
//! the scheduler; outside one, or for arguments the original rejects (its
//! ValueError / warning is the one PHP users know), it calls the original.
//! May not: block when called outside a coroutine (it delegates instead).

use std::cell::Cell;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ext_php_rs::ffi::{
    compiler_globals, zend_execute_data, zend_function, zend_hash_str_find, zval,
};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::coroutine::{propagate, rt};
use super::super::globals::PhpThread;
use crate::rt::Wakeup;

type RawHandler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);
type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// One replaced function.
struct Hook {
    /// PHP name.
    name: &'static str,
    /// Our handler.
    ours: Handler,
    /// The engine's function, found at MINIT.
    func: Cell<*mut zend_function>,
    /// The handler we replaced.
    orig: Cell<Option<RawHandler>>,
}

const SLEEP: usize = 0;
const USLEEP: usize = 1;
const NANOSLEEP: usize = 2;
const SLEEP_UNTIL: usize = 3;

static HOOKS: PhpThread<[Hook; 4]> = PhpThread::new();

fn hooks() -> &'static [Hook; 4] {
    HOOKS.get(|| {
        let h = |name, ours: Handler| Hook {
            name,
            ours,
            func: Cell::new(std::ptr::null_mut()),
            orig: Cell::new(None),
        };
        [
            h("sleep", hooked_sleep),
            h("usleep", hooked_usleep),
            h("time_nanosleep", hooked_time_nanosleep),
            h("time_sleep_until", hooked_time_sleep_until),
        ]
    })
}

/// MINIT: finds each function and remembers its original handler.
pub fn startup() {
    for h in hooks() {
        // SAFETY: MINIT; CG(function_table) holds internal functions as IS_PTR
        // zvals pointing at their zend_function.
        unsafe {
            let z = zend_hash_str_find(
                compiler_globals.function_table,
                h.name.as_ptr().cast(),
                h.name.len(),
            );
            if z.is_null() {
                continue;
            }
            let f = (*z).value.ptr as *mut zend_function;
            h.func.set(f);
            h.orig.set((*f).internal_function.handler);
        }
    }
}

/// Installs our handlers (`on`) or puts the originals back.
pub fn apply(on: bool) {
    for h in hooks() {
        let f = h.func.get();
        if f.is_null() {
            continue;
        }
        let handler: Option<RawHandler> = if on {
            // SAFETY: same ABI: two pointer arguments, no return value.
            Some(unsafe { std::mem::transmute::<Handler, RawHandler>(h.ours) })
        } else {
            h.orig.get()
        };
        // SAFETY: swapping the handler of a persistent internal function on
        // the PHP thread; calls already running keep their own frame.
        unsafe { (*f).internal_function.handler = handler };
    }
}

/// Runs the original handler of hook `i`.
fn original(i: usize, ex: &mut ExecuteData, rv: &mut Zval) {
    if let Some(orig) = hooks()[i].orig.get() {
        // SAFETY: the engine's own handler, called with the frame it was given.
        unsafe {
            orig(
                ex as *mut ExecuteData as *mut zend_execute_data,
                rv as *mut Zval as *mut zval,
            )
        };
    }
}

/// Sleeps the running coroutine; the time left when it was canceled.
fn co_sleep(d: Duration) -> Duration {
    let start = std::time::Instant::now();
    let w = rt(|r| r.sleep(d));
    propagate();
    match w {
        Ok(Wakeup::Canceled) => d.saturating_sub(start.elapsed()),
        _ => Duration::ZERO,
    }
}

fn in_coroutine() -> bool {
    !rt(|r| r.current()).is_main()
}

handler!(
    /// `sleep(int $seconds): int`.
    hooked_sleep(ex, rv) {
        let secs = args::get(ex, 0).and_then(|z| z.long());
        match secs {
            Some(s) if s >= 0 && args::count(ex) == 1 && in_coroutine() => {
                let left = co_sleep(Duration::from_secs(s as u64));
                ret_long(rv, left.as_secs_f64().ceil() as i64);
            }
            _ => original(SLEEP, ex, rv),
        }
    }
);

handler!(
    /// `usleep(int $microseconds): void`.
    hooked_usleep(ex, rv) {
        let us = args::get(ex, 0).and_then(|z| z.long());
        match us {
            Some(u) if u >= 0 && args::count(ex) == 1 && in_coroutine() => {
                co_sleep(Duration::from_micros(u as u64));
            }
            _ => original(USLEEP, ex, rv),
        }
    }
);

handler!(
    /// `time_nanosleep(int $seconds, int $nanoseconds): array|bool`.
    hooked_time_nanosleep(ex, rv) {
        let s = args::get(ex, 0).and_then(|z| z.long());
        let ns = args::get(ex, 1).and_then(|z| z.long());
        match (s, ns) {
            (Some(s), Some(ns)) if s >= 0 && (0..1_000_000_000).contains(&ns) && args::count(ex) == 2 && in_coroutine() => {
                let left = co_sleep(Duration::new(s as u64, ns as u32));
                if left.is_zero() {
                    ret_bool(rv, true);
                } else {
                    let mut ht = ext_php_rs::types::ZendHashTable::new();
                    let _ = ht.insert("seconds", left.as_secs() as i64);
                    let _ = ht.insert("nanoseconds", left.subsec_nanos() as i64);
                    rv.set_hashtable(ht);
                }
            }
            _ => original(NANOSLEEP, ex, rv),
        }
    }
);

handler!(
    /// `time_sleep_until(float $timestamp): bool`.
    hooked_time_sleep_until(ex, rv) {
        let target = args::get(ex, 0).and_then(|z| z.double().or_else(|| z.long().map(|l| l as f64)));
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        match target {
            Some(t) if t.is_finite() && t > now && args::count(ex) == 1 && in_coroutine() => {
                co_sleep(Duration::from_secs_f64(t - now));
                ret_bool(rv, true);
            }
            _ => original(SLEEP_UNTIL, ex, rv),
        }
    }
);
