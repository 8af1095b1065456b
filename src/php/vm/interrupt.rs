//! The engine's interrupt point: `EG(vm_interrupt)`, which the VM polls at
//! loop back-edges and calls, and `zend_interrupt_function`, which it calls
//! (from `zend_interrupt_helper`, opline saved) when the flag was set. A
//! coroutine switch there is safe: the helper re-reads
//! `EG(current_execute_data)` afterwards (ZEND_VM_ENTER), as after any call.

use std::sync::atomic::{AtomicBool, Ordering};

use ext_php_rs::ffi::{zend_execute_data, zend_interrupt_function};

type Handler = unsafe extern "C" fn(*mut zend_execute_data);

/// What the function pointer held before `install` (pcntl's, or none).
static mut ORIGINAL: Option<Handler> = None;
/// Ours, called before the original.
static mut OURS: Option<fn()> = None;
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// `EG(vm_interrupt)`, which another thread may set.
pub fn flag() -> &'static AtomicBool {
    // SAFETY: zend_atomic_bool is a one-byte bool (C11 atomic where the
    // compiler has them) in the process-lifetime executor globals of this
    // NTS build; AtomicBool has the same size and alignment.
    unsafe { AtomicBool::from_ptr((&raw mut (*super::eg()).vm_interrupt).cast::<bool>()) }
}

unsafe extern "C" fn trampoline(ex: *mut zend_execute_data) {
    // SAFETY: OURS/ORIGINAL are written only on the PHP thread, which is
    // the one running this.
    let (ours, original) = unsafe { (OURS, ORIGINAL) };
    if let Some(f) = ours {
        crate::php::fence::quiet("the interrupt handler", (), f);
    }
    if let Some(o) = original {
        // SAFETY: the engine's own handler, called as the engine would.
        unsafe { o(ex) };
    }
}

/// Puts `f` at the interrupt point (before whatever was there). Idempotent.
pub fn install(f: fn()) {
    // SAFETY: PHP thread only; the engine reads the pointer on this thread.
    unsafe {
        OURS = Some(f);
        if INSTALLED.swap(true, Ordering::Relaxed) {
            return;
        }
        ORIGINAL = zend_interrupt_function;
        zend_interrupt_function = Some(trampoline);
    }
}

/// Gives the interrupt point back (if nobody replaced ours since).
pub fn uninstall() {
    if !INSTALLED.swap(false, Ordering::Relaxed) {
        return;
    }
    // SAFETY: PHP thread only (see install).
    unsafe {
        let ours = trampoline as Handler as usize;
        if zend_interrupt_function.map(|h| h as usize) == Some(ours) {
            zend_interrupt_function = ORIGINAL;
        } else {
            // Someone chained after us: keep the trampoline, run nothing of ours.
            OURS = None;
            INSTALLED.store(true, Ordering::Relaxed);
        }
    }
}
