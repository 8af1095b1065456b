//! `exit()` / `die()` inside a coroutine or a running server, as Swoole (PHP
//! < 8.4) makes them: a user opcode handler for `ZEND_EXIT` throws
//! `Swoole\ExitException` (its status and flags set) at the `exit` line
//! instead of ending the process; uncaught, it is the coroutine's fatal
//! error. Elsewhere `exit` is PHP's own (any handler installed before ours
//! still runs).

use std::sync::atomic::{AtomicUsize, Ordering};

use ext_php_rs::ffi::{zend_execute_data, zend_op, zval};

/// `ZEND_EXIT`.
const ZEND_EXIT: u8 = 79;
/// `ZEND_USER_OPCODE_DISPATCH`: run the opcode's handler (the current
/// opline's: after a throw, the exception handler's).
const DISPATCH: i32 = 2;
/// `IS_UNUSED`, `IS_CONST`.
const IS_UNUSED: u8 = 0;
const IS_CONST: u8 = 1;
/// `IS_REFERENCE`.
const IS_REFERENCE: u8 = 10;

type OpcodeHandler = unsafe extern "C" fn(*mut zend_execute_data) -> i32;

unsafe extern "C" {
    /// `int zend_set_user_opcode_handler(zend_uchar opcode, user_opcode_handler_t handler)`.
    fn zend_set_user_opcode_handler(opcode: u8, handler: Option<OpcodeHandler>) -> i32;
    /// `user_opcode_handler_t zend_get_user_opcode_handler(zend_uchar opcode)`.
    fn zend_get_user_opcode_handler(opcode: u8) -> Option<OpcodeHandler>;
}

/// The handler that was there before ours (0: none).
static PREVIOUS: AtomicUsize = AtomicUsize::new(0);

/// What decides and does the throw: given the exit status (a copy, null when
/// none was given), returns true when it threw.
pub type OnExit = fn(status: ext_php_rs::types::Zval) -> bool;

static ON_EXIT: std::sync::OnceLock<OnExit> = std::sync::OnceLock::new();

/// Installs the handler (MINIT).
pub fn install(on_exit: OnExit) {
    let _ = ON_EXIT.set(on_exit);
    // SAFETY: MINIT, single-threaded: reading and replacing the engine's
    // user opcode handler slot for ZEND_EXIT.
    unsafe {
        if let Some(old) = zend_get_user_opcode_handler(ZEND_EXIT) {
            PREVIOUS.store(old as usize, Ordering::Relaxed);
        }
        zend_set_user_opcode_handler(ZEND_EXIT, Some(exit_handler));
    }
}

unsafe extern "C" fn exit_handler(ex: *mut zend_execute_data) -> i32 {
    let threw = crate::php::fence::quiet("exit", false, || {
        // SAFETY: the engine calls us for the ZEND_EXIT opline of the live frame `ex`.
        let status = unsafe { exit_status(ex) };
        ON_EXIT.get().is_some_and(|f| f(status))
    });
    if threw {
        return DISPATCH;
    }
    match PREVIOUS.load(Ordering::Relaxed) {
        0 => DISPATCH,
        // SAFETY: the value stored at MINIT is the previous handler's address.
        p => unsafe {
            let f: OpcodeHandler = std::mem::transmute::<usize, OpcodeHandler>(p);
            f(ex)
        },
    }
}

/// A copy of `exit`'s operand (null when it has none).
///
/// # Safety
/// `ex` is the live frame whose current opline is a ZEND_EXIT.
unsafe fn exit_status(ex: *mut zend_execute_data) -> ext_php_rs::types::Zval {
    let mut out = ext_php_rs::types::Zval::new();
    // SAFETY: by the caller: opline and its operand are the engine's, live;
    // a CONST operand is at a byte offset from the opline (64-bit relative
    // constants), a TMP/VAR/CV one at a byte offset into the frame.
    unsafe {
        let op: *const zend_op = (*ex).opline;
        if op.is_null() || (*op).op1_type == IS_UNUSED {
            return out;
        }
        let mut z: *const zval = if (*op).op1_type == IS_CONST {
            (op as *const u8).offset((*op).op1.constant as i32 as isize) as *const zval
        } else {
            (ex as *const u8).offset((*op).op1.var as i32 as isize) as *const zval
        };
        if (*z).u1.type_info as u8 == IS_REFERENCE {
            z = &(*(*z).value.ref_).val;
        }
        out = (*z).shallow_clone();
    }
    out
}
