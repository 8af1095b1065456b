//! Panic fences: every place the engine (or a coroutine's start) calls into
//! Rust goes through one of these, so a Rust panic never unwinds across C
//! frames and never kills the process.
//!
//! - `throwing`: where PHP code is waiting for a result (function handlers,
//!   stream and pipe ops): the panic becomes a `Corust\Error` in the calling
//!   coroutine and the entry returns its failure value.
//! - `quiet`: where no exception may be raised (object free/destroy
//!   handlers, module callbacks): the panic is logged and swallowed.
//!
//! Either way one line goes to stderr (the panic hook's report).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The text of a panic payload.
pub fn message(p: &(dyn Any + Send)) -> &str {
    if let Some(s) = p.downcast_ref::<&str>() {
        s
    } else if let Some(s) = p.downcast_ref::<String>() {
        s
    } else {
        "unknown panic"
    }
}

/// Runs `f`; a panic becomes a `Corust\Error` ("corust internal error in
/// `what`: …") and `on_panic` is returned.
pub fn throwing<R>(what: &str, on_panic: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            if !super::vm::has_exception() {
                super::error::throw_error(&format!(
                    "corust internal error in {what} (Rust panic: {}); please report it",
                    message(&*p)
                ));
            }
            on_panic
        }
    }
}

/// Runs `f`; a panic is logged to stderr and `on_panic` is returned.
pub fn quiet<R>(what: &str, on_panic: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            eprintln!(
                "corust: internal error in {what} (Rust panic: {}), ignored",
                message(&*p)
            );
            on_panic
        }
    }
}

/// Defines `unsafe extern "C" fn $name(args) -> R` as a fenced call of the
/// unsafe Rust function `$imp` with the same arguments: a panic becomes a
/// `Corust\Error` and the call returns `$fail`.
macro_rules! fenced_op {
    ($(#[$m:meta])* $name:ident => $imp:ident($($a:ident: $t:ty),* $(,)?) -> $r:ty, $what:literal, $fail:expr) => {
        $(#[$m])*
        unsafe extern "C" fn $name($($a: $t),*) -> $r {
            $crate::php::fence::throwing($what, $fail, || {
                // SAFETY: the engine's own call, forwarded unchanged to the
                // function that implements it (whose contract is the op's).
                unsafe { $imp($($a),*) }
            })
        }
    };
}
pub(crate) use fenced_op;
