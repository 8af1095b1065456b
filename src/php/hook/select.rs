//! Hooked `stream_select()` (HOOK_STREAM_FUNCTION): inside a coroutine it
//! waits in the reactor for any of the streams, with its timeout, while
//! other coroutines run.
//!
//! How: the original `stream_select` is asked first with a zero timeout
//! (it knows about buffered data and every stream type). If nothing is ready
//! and the caller wanted to wait, the arrays are put back as given, the
//! coroutine waits for any of the streams' fds, and the original is asked
//! again. Results and array rewriting are therefore exactly the original's.
//! Installed and removed through the function-hook table in `functions.rs`.

use std::os::raw::c_void;
use std::time::{Duration, Instant};

use ext_php_rs::ffi::{php_file_le_stream, php_stream};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::error::throw_rt;
use super::super::runtime::{propagate, rt};
use super::super::sys::stream::{_php_stream_cast, php_file_le_pstream};
use crate::rt::driver::io::Dir;
use crate::rt::Wakeup;

const AS_FD_FOR_SELECT: i32 = 3;
const CAST_INTERNAL: i32 = 0x2000_0000;

fn original(ex: &mut ExecuteData, rv: &mut Zval) {
    super::functions::original(super::functions::STREAM_SELECT, ex, rv);
}

/// Raw argument `i` (a reference for the three arrays).
pub(super) fn raw_arg(ex: &mut ExecuteData, i: usize) -> Option<&mut Zval> {
    if i >= args::count(ex) {
        return None;
    }
    // SAFETY: arguments follow the frame header; i < num_args.
    Some(unsafe { &mut *((ex as *mut ExecuteData as *mut Zval).add(5 + i)) })
}

/// The fds of the streams in array argument `i`.
fn fds_of(ex: &mut ExecuteData, i: usize, dir: Dir, out: &mut Vec<(i32, Dir)>) {
    let Some(arr) = args::get(ex, i).and_then(|z| z.array()) else {
        return;
    };
    for v in arr.values() {
        let Some(res) = v.resource() else { continue };
        // SAFETY: res is a live resource; we only use it if it is a stream.
        unsafe {
            let t = (*res).type_;
            if t != php_file_le_stream() && t != php_file_le_pstream() {
                continue;
            }
            let s = (*res).ptr as *mut php_stream;
            // The engine writes the fd itself (a php_socket_t) through `ret`.
            let mut fd: i32 = -1;
            let ret = &mut fd as *mut i32 as *mut *mut c_void;
            if _php_stream_cast(s, AS_FD_FOR_SELECT | CAST_INTERNAL, ret, 0) == 0 && fd >= 0 {
                out.push((fd, dir));
            }
        }
    }
}

/// How many different resources the three (rewritten) arrays hold.
fn distinct_streams(ex: &mut ExecuteData) -> i64 {
    let mut seen: Vec<i64> = Vec::new();
    for i in 0..3 {
        let Some(arr) = args::get(ex, i).and_then(|z| z.array()) else {
            continue;
        };
        for v in arr.values() {
            if let Some(res) = v.resource() {
                // SAFETY: a live resource in the caller's array.
                let handle = unsafe { (*res).handle };
                if !seen.contains(&handle) {
                    seen.push(handle);
                }
            }
        }
    }
    seen.len() as i64
}

/// How a hooked select's wait ended.
pub(super) enum Selected {
    /// The original found something ready, or the timeout passed: its result.
    Done(Zval),
    /// Canceled: the original's answer right then.
    Canceled(Zval),
    /// The scheduler refused the wait (an fd another coroutine waits on).
    Failed(crate::rt::Error),
}

/// Collects the (fd, direction) pairs a select waits on.
pub(super) type FdsOf = dyn Fn(&mut ExecuteData, &mut Vec<(i32, Dir)>);

/// The wait shared by the hooked `stream_select` and `socket_select`: the
/// original is asked with a zero timeout (it knows buffered data and every
/// fd type); while nothing is ready and time is left, the arrays are put back
/// as given and the coroutine waits in the reactor for any of their fds.
pub(super) fn select_loop(
    ex: &mut ExecuteData,
    deadline: Option<Instant>,
    ask: &dyn Fn(&mut ExecuteData, &mut Zval),
    fds_of: &FdsOf,
) -> Selected {
    if let Some(z) = raw_arg(ex, 3) {
        z.set_long(0);
    }
    if let Some(z) = raw_arg(ex, 4) {
        z.set_long(0);
    }
    loop {
        // Keep the arrays as given: the original rewrites them.
        let saved: Vec<Option<Zval>> = (0..3)
            .map(|i| args::get(ex, i).map(|z| z.shallow_clone()))
            .collect();
        let mut r = Zval::new();
        ask(ex, &mut r);
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if r.long().is_none_or(|v| v != 0) || left.is_some_and(|l| l.is_zero()) {
            return Selected::Done(r);
        }
        for (i, v) in saved.into_iter().enumerate() {
            if let (Some(z), Some(v)) = (args::get(ex, i), v) {
                *z = v;
            }
        }
        let mut fds = Vec::new();
        fds_of(ex, &mut fds);
        match rt(|rt| rt.wait_fds(&fds, left)) {
            Ok(Wakeup::Canceled) => {
                let mut r = Zval::new();
                ask(ex, &mut r);
                return Selected::Canceled(r);
            }
            Ok(_) => {}
            Err(e) => return Selected::Failed(e),
        }
    }
}

handler!(
    /// `stream_select(?array &$read, ?array &$write, ?array &$except, ?int $seconds, ?int $microseconds = null): int|false`.
    hooked_stream_select(ex, rv) {
        let n = args::count(ex);
        if n < 4 || rt(|r| r.current()).is_main() {
            original(ex, rv);
            return;
        }
        // The caller's timeout (None: forever).
        let secs = args::get(ex, 3).and_then(|z| if z.is_null() { None } else { z.long() });
        let usecs = args::get(ex, 4).and_then(|z| z.long()).unwrap_or(0);
        let forever = args::get(ex, 3).is_some_and(|z| z.is_null());
        if (!forever && secs.is_none()) || secs.is_some_and(|s| s < 0) || usecs < 0 {
            original(ex, rv);
            return;
        }
        let timeout = secs.map(|s| Duration::from_secs(s as u64) + Duration::from_micros(usecs as u64));
        let deadline = timeout.map(|t| Instant::now() + t);
        let fds = |ex: &mut ExecuteData, out: &mut Vec<(i32, Dir)>| {
            fds_of(ex, 0, Dir::Read, out);
            fds_of(ex, 1, Dir::Write, out);
            fds_of(ex, 2, Dir::Read, out);
        };
        match select_loop(ex, deadline, &original, &fds) {
            Selected::Done(mut r) => {
                // As Swoole's: the number of streams with an event, a stream
                // ready both ways counted once (select(2) counts it twice).
                if r.long().is_some_and(|v| v > 0) {
                    r.set_long(distinct_streams(ex));
                }
                *rv = r;
            }
            // Canceled: "nothing ready", as a timeout would say.
            Selected::Canceled(r) => {
                *rv = r;
                propagate();
            }
            Selected::Failed(e) => throw_rt(&e),
        }
    }
);
