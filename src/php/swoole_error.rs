//! Swoole's error API: the last error code (`swoole_last_error()`, set where
//! Swoole sets it: a coroutine that does not exist, a wait cut short by
//! `cancel()`), `swoole_errno()`, `swoole_strerror()`, `swoole_clear_error()`
//! and the `SWOOLE_ERROR_*` / `SWOOLE_STRERROR_*` constants (`crate::swerr`
//! holds the codes and texts).

use std::cell::Cell;

use super::args::{self, handler, ret_long};
use super::globals::PhpThread;
use crate::swerr;

/// `SWOOLE_STRERROR_SYSTEM`, `_GAI`, `_DNS`, `_SWOOLE`.
pub const STRERROR_TYPES: [(&str, i64); 4] = [
    ("SWOOLE_STRERROR_SYSTEM", 0),
    ("SWOOLE_STRERROR_GAI", 1),
    ("SWOOLE_STRERROR_DNS", 2),
    ("SWOOLE_STRERROR_SWOOLE", 9),
];

/// The process's last Swoole error (as Swoole's, one per thread, not per
/// coroutine).
static LAST: PhpThread<Cell<i64>> = PhpThread::new();

fn last() -> &'static Cell<i64> {
    LAST.get(|| Cell::new(0))
}

/// Records `code` as the last error.
pub fn set_last_error(code: i64) {
    last().set(code);
}

/// `swoole_strerror`'s text for `code` of kind `ty`.
pub fn strerror(code: i64, ty: i64) -> String {
    let unknown = || format!("Unknown error {code}");
    match ty {
        // getaddrinfo's codes.
        1 => {
            let Ok(c) = i32::try_from(code) else {
                return unknown();
            };
            // SAFETY: gai_strerror returns a static string for any code.
            let p = unsafe { libc::gai_strerror(c) };
            if p.is_null() {
                return unknown();
            }
            // SAFETY: non-null, NUL-terminated, static.
            unsafe { std::ffi::CStr::from_ptr(p) }
                .to_string_lossy()
                .into_owned()
        }
        // The resolver's h_errno codes, as glibc's hstrerror words them.
        2 => match code {
            0 => "Resolver Error 0 (no error)".into(),
            1 => "Unknown host".into(),
            2 => "Host name lookup failure".into(),
            3 => "Unknown server error".into(),
            4 => "No address associated with name".into(),
            _ => "Unknown resolver error".into(),
        },
        9 => swerr::message(code).map_or_else(unknown, str::to_string),
        // SWOOLE_STRERROR_SYSTEM (and anything else): an errno, or a Swoole
        // code past SW_ERROR_BEGIN.
        _ if code >= swerr::BEGIN => swerr::message(code).map_or_else(unknown, str::to_string),
        _ => match i32::try_from(code) {
            Ok(c) => super::error::os_error_text(&std::io::Error::from_raw_os_error(c)),
            Err(_) => unknown(),
        },
    }
}

handler!(
    /// `swoole_last_error(): int`.
    last_error(_ex, rv) {
        ret_long(rv, last().get());
    }
);

handler!(
    /// `swoole_errno(): int` — the C library's errno now.
    errno(_ex, rv) {
        ret_long(rv, i64::from(crate::rt::sys::errno()));
    }
);

handler!(
    /// `swoole_clear_error(): void`.
    clear_error(_ex, _rv) {
        last().set(0);
    }
);

handler!(
    /// `swoole_strerror(int $errno, int $error_type = SWOOLE_STRERROR_SYSTEM): string`.
    strerror_fn(ex, rv) {
        let f = "swoole_strerror";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(code) = args::long(ex, 0, f, "errno", None) else { return };
        let Ok(ty) = args::long(ex, 1, f, "error_type", Some(0)) else { return };
        let _ = rv.set_string(&strerror(code, ty), false);
    }
);
