//! Hooked `flock()` (HOOK_FILE): inside a coroutine a lock that would block
//! waits on the blocking pool while other coroutines run, instead of
//! stopping the process.
//!
//! How: the original is asked first with `LOCK_NB` added (it does PHP's
//! bookkeeping and answers at once); if the lock is taken elsewhere, one pool
//! thread blocks in flock(2) on the same open file (a flock lock belongs to
//! the open file, so the process then holds it), and the original, asked
//! again without waiting, records it and returns as plain PHP would.
//! Non-blocking requests, unlocks and calls outside coroutines go to the
//! original unchanged. A coroutine canceled while it waits returns false; the
//! pool thread may still get the lock later (it is released when the file is
//! closed or unlocked).

use std::os::raw::c_int;

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::runtime::rt;

/// PHP's `LOCK_NB` and `LOCK_UN`.
const PHP_LOCK_NB: i64 = 4;
const PHP_LOCK_UN: i64 = 3;

fn original(ex: &mut ExecuteData, rv: &mut Zval) {
    super::functions::original(super::functions::FLOCK, ex, rv);
}

/// The fd of the stream resource argument 0.
fn stream_fd(ex: &mut ExecuteData) -> Option<c_int> {
    super::super::fd::stream_fd(args::get(ex, 0)?.resource()?)
}

handler!(
    /// `flock(resource $stream, int $operation, &$would_block = null): bool`.
    hooked_flock(ex, rv) {
        let op = args::get(ex, 1).and_then(|z| z.long());
        let Some(op) = op.filter(|op| {
            op & PHP_LOCK_NB == 0 && op & 3 != PHP_LOCK_UN && op & 3 != 0
                && !rt(|r| r.current()).is_main()
        }) else {
            original(ex, rv);
            return;
        };
        // Ask without waiting.
        if let Some(z) = args::get(ex, 1) { z.set_long(op | PHP_LOCK_NB); }
        original(ex, rv);
        let would_block = args::count(ex) > 2
            && args::get(ex, 2).and_then(|z| z.long()) == Some(1);
        let taken_elsewhere = rv.bool() == Some(false)
            && (would_block || args::count(ex) <= 2)
            && !super::super::vm::has_exception();
        let fd = if taken_elsewhere { stream_fd(ex) } else { None };
        let Some(fd) = fd else {
            if let Some(z) = args::get(ex, 1) { z.set_long(op); }
            return;
        };
        let how = if op & 3 == 1 { libc::LOCK_SH } else { libc::LOCK_EX };
        // SAFETY: flock(2) on an fd the stream keeps open while we wait (the
        // argument holds the resource).
        let got = rt(|r| r.run_blocking(move || unsafe { libc::flock(fd, how) } == 0));
        if !matches!(got, Ok(true)) {
            if let Some(z) = args::get(ex, 1) { z.set_long(op); }
            rv.set_bool(false);
            return;
        }
        // Held now: the original records it and answers as plain PHP.
        let mut r = Zval::new();
        original(ex, &mut r);
        if let Some(z) = args::get(ex, 1) { z.set_long(op); }
        if args::count(ex) > 2 {
            if let Some(z) = args::get(ex, 2) { z.set_long(0); }
        }
        *rv = r;
    }
);
