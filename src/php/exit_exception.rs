//! `Swoole\ExitException`: what `exit()` throws inside a coroutine or a
//! running server (see `vm::exit`), with the exit status and where it
//! happened (`SWOOLE_EXIT_IN_COROUTINE`, `SWOOLE_EXIT_IN_SERVER`).

use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ClassEntry;

use super::args::{handler, ret_long};
use super::runtime::rt;

/// `Swoole\ExitException`, set at MINIT.
pub static EXIT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// `SWOOLE_EXIT_IN_COROUTINE`.
pub const IN_COROUTINE: i64 = 1 << 1;
/// `SWOOLE_EXIT_IN_SERVER`.
pub const IN_SERVER: i64 = 1 << 2;

/// `vm::exit`'s decision: throw (true) inside a coroutine or a server worker.
pub fn on_exit(status: Zval) -> bool {
    let mut flags = 0;
    if !rt(|r| r.current()).is_main() {
        flags |= IN_COROUTINE;
    }
    if super::server::in_worker() {
        flags |= IN_SERVER;
    }
    let ce = EXIT_CE.load(Ordering::Relaxed);
    if flags == 0 || ce.is_null() {
        return false;
    }
    // SAFETY: PHP thread, inside the VM's handling of `exit`; the engine
    // makes and owns the exception; the properties are our class's own.
    unsafe {
        let obj = ext_php_rs::ffi::zend_throw_exception(ce.cast(), c"swoole exit".as_ptr(), 0);
        if obj.is_null() {
            return false;
        }
        let mut f = Zval::new();
        f.set_long(flags);
        super::sys::zend::zend_update_property(ce.cast(), obj, c"flags".as_ptr(), 5, &mut f);
        let mut s = status;
        super::sys::zend::zend_update_property(ce.cast(), obj, c"status".as_ptr(), 6, &mut s);
    }
    true
}

/// Property `name` of `$this` (an ExitException), copied.
fn prop(ex: &ext_php_rs::zend::ExecuteData, name: &std::ffi::CStr) -> Zval {
    let ce = EXIT_CE.load(Ordering::Relaxed);
    let mut out = Zval::new();
    // SAFETY: a method call: `This` holds the object (of our class or a
    // subclass); reading a declared property with our class as scope.
    unsafe {
        if ex.This.u1.type_info & 0xff != 8 || ce.is_null() {
            return out;
        }
        let mut tmp = Zval::new();
        let p = ext_php_rs::ffi::zend_read_property(
            ce.cast(),
            ex.This.value.obj,
            name.as_ptr(),
            name.count_bytes(),
            true,
            &mut tmp,
        );
        if !p.is_null() {
            out = (*p).shallow_clone();
        }
    }
    out
}

handler!(
    /// `ExitException::getFlags(): int`.
    exit_get_flags(ex, rv) {
        ret_long(rv, prop(ex, c"flags").long().unwrap_or(0));
    }
);

handler!(
    /// `ExitException::getStatus(): mixed`.
    exit_get_status(ex, rv) {
        *rv = prop(ex, c"status");
    }
);

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &["getFlags(): int", "getStatus(): mixed"];
