//! Maps runtime errors to PHP: `Corust\Error` exceptions, warnings, TypeErrors.
//!
//! Owns: the class entries of `Corust\Error` / `Corust\Exception` and the one
//! mapping from `rt::Error` to what PHP code sees.

use std::ffi::CString;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::{zend_ce_type_error, zend_class_entry, zend_error, zend_throw_exception};
use ext_php_rs::zend::ClassEntry;

use super::sys::zend::php_error_docref;

/// `E_WARNING`.
pub const E_WARNING: i32 = 2;

/// `Corust\Error`, set at MINIT.
pub static ERROR_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
/// `Corust\Exception`, set at MINIT.
pub static EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Coroutine\Socket\Exception`, set at MINIT.
pub static SOCKET_EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

fn cstring(msg: &str) -> CString {
    CString::new(msg.replace('\0', "\\0")).unwrap_or_default()
}

fn throw(ce: *mut zend_class_entry, msg: &str) {
    throw_code(ce, msg, 0);
}

fn throw_code(ce: *mut zend_class_entry, msg: &str, code: i64) {
    let m = cstring(msg);
    // SAFETY: ce is a registered class entry (or null = Exception); m is NUL-terminated.
    unsafe { zend_throw_exception(ce, m.as_ptr(), code) };
}

/// `SWOOLE_ERROR_CO_HAS_BEEN_BOUND`: the code of a resource refused to a
/// coroutine because another one is using it.
pub const CO_HAS_BEEN_BOUND: i64 = 10002;

static BOUND_HOLDER: super::globals::PhpThread<std::cell::Cell<u64>> =
    super::globals::PhpThread::new();

/// Throws `Swoole\Error` for a socket or handle that coroutine `holder` is
/// using; if nothing catches it, the report shows `holder`'s stack as
/// Swoole's does (`take_bound_holder`).
pub fn throw_bound(msg: &str, holder: u64) {
    BOUND_HOLDER.get(|| std::cell::Cell::new(0)).set(holder);
    throw_code(
        ERROR_CE.load(Ordering::Relaxed).cast(),
        msg,
        CO_HAS_BEEN_BOUND,
    );
}

/// Swoole's error for a socket coroutine `holder` is using.
pub fn throw_socket_bound(fd: i64, holder: u64) {
    let me = super::runtime::rt(|r| r.current()).0;
    throw_bound(
        &format!("Socket#{fd} has already been bound to another coroutine#{holder}, using the same socket in coroutine#{me} at the same time is not allowed"),
        holder,
    );
}

/// The holder named by the last `throw_bound` (once).
pub fn take_bound_holder() -> Option<u64> {
    let h = BOUND_HOLDER.get(|| std::cell::Cell::new(0)).replace(0);
    (h != 0).then_some(h)
}

/// Throws `Swoole\Coroutine\Socket\Exception` with an errno as its code.
pub fn throw_socket_exception(msg: &str, code: i32) {
    throw_code(
        SOCKET_EXCEPTION_CE.load(Ordering::Relaxed).cast(),
        msg,
        i64::from(code),
    );
}

/// Throws an exception of a class registered at MINIT, with a code.
pub fn throw_class(ce: &AtomicPtr<ClassEntry>, msg: &str, code: i64) {
    throw_code(ce.load(Ordering::Relaxed).cast(), msg, code);
}

/// Throws `Corust\Error` (Swoole's `Swoole\Error`).
pub fn throw_error(msg: &str) {
    throw(ERROR_CE.load(Ordering::Relaxed).cast(), msg);
}

/// Throws PHP's own `Error` (`zend_throw_error(NULL, …)`).
pub fn throw_plain_error(msg: &str) {
    // SAFETY: the engine's Error class entry is set at startup.
    throw(unsafe { ext_php_rs::ffi::zend_ce_error }, msg);
}

/// Throws `BadMethodCallException`.
pub fn throw_bad_method_call(msg: &str) {
    // SAFETY: reading SPL's class entry pointer, set at its MINIT (SPL is
    // always built in and starts before extensions).
    throw(
        unsafe { super::sys::zend::spl_ce_BadMethodCallException },
        msg,
    );
}

/// Throws `InvalidArgumentException`.
pub fn throw_invalid_argument(msg: &str) {
    // SAFETY: as in `throw_bad_method_call`.
    throw(
        unsafe { super::sys::zend::spl_ce_InvalidArgumentException },
        msg,
    );
}

/// Throws `Swoole\Exception`.
pub fn throw_exception(msg: &str) {
    throw(EXCEPTION_CE.load(Ordering::Relaxed).cast(), msg);
}

/// Throws `ValueError`.
pub fn throw_value_error(msg: &str) {
    // SAFETY: the engine's ValueError class entry is set at startup.
    throw(unsafe { ext_php_rs::ffi::zend_ce_value_error }, msg);
}

/// Throws `ArgumentCountError` (a `TypeError`), as parameter parsing does.
pub fn throw_argument_count_error(msg: &str) {
    // SAFETY: the engine's ArgumentCountError class entry is set at startup.
    throw(
        unsafe { ext_php_rs::ffi::zend_ce_argument_count_error },
        msg,
    );
}

/// Throws `TypeError`.
pub fn throw_type_error(msg: &str) {
    // SAFETY: the engine's TypeError class entry is set at startup.
    throw(unsafe { zend_ce_type_error }, msg);
}

/// Raises a PHP warning (or notice) with `msg`.
pub fn warn(level: i32, msg: &str) {
    let m = cstring(msg);
    // SAFETY: "%s" with one NUL-terminated string argument.
    unsafe { zend_error(level, c"%s".as_ptr(), m.as_ptr()) };
}

/// Raises a warning as the running internal function's own, prefixed with
/// its name (`stream_socket_client(): …`), as the engine's stream code does.
pub fn warn_docref(level: i32, msg: &str) {
    let m = cstring(msg);
    // SAFETY: "%s" with one NUL-terminated string argument; a null docref
    // means "the current function".
    unsafe { php_error_docref(std::ptr::null(), level, c"%s".as_ptr(), m.as_ptr()) };
}

/// An OS error as PHP words it: the strerror text, without Rust's
/// " (os error N)" suffix.
pub fn os_error_text(e: &std::io::Error) -> String {
    let t = e.to_string();
    match t.find(" (os error") {
        Some(i) => t[..i].to_string(),
        None => t,
    }
}

/// Maps a runtime error: misuse throws `Corust\Error`.
pub fn throw_rt(e: &crate::rt::Error) {
    throw_error(&e.to_string());
}
