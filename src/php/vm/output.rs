//! Output buffering (`ob_*`) per coroutine, as Swoole does: each context
//! (main and every coroutine) has its own stack of output buffers, so a
//! coroutine suspended between `ob_start()` and `ob_get_clean()` does not
//! capture what the others print. What a coroutine prints with no buffer of
//! its own goes straight out (not into a buffer of the context that started
//! it), and buffers a coroutine leaves open are flushed when it ends.
//!
//! Only the stack of handlers (`OG(handlers)`, `OG(active)`, `OG(running)`)
//! is switched; the flags and the "output started at" location stay
//! process-wide, as headers are. Nothing is copied for a context that never
//! used `ob_start()`.

use std::os::raw::{c_int, c_void};
use std::ptr;

use super::super::sys::output::{
    output_globals, php_output_end_all, zend_stack_destroy, ZendStack,
};

/// A context's own output buffers while another context runs.
#[derive(Debug, Clone, Copy)]
pub struct Buffers {
    handlers: ZendStack,
    active: *mut c_void,
    running: *mut c_void,
}

/// The state of a context that has no buffers: an empty, unallocated stack.
const EMPTY: Buffers = Buffers {
    handlers: ZendStack {
        size: std::mem::size_of::<*mut c_void>() as c_int,
        top: 0,
        max: 0,
        elements: ptr::null_mut(),
    },
    active: ptr::null_mut(),
    running: ptr::null_mut(),
};

impl Default for Buffers {
    fn default() -> Self {
        EMPTY
    }
}

/// Moves the running context's buffers (if it ever had any) out of the
/// globals, leaving them empty.
#[inline]
pub fn save(into: &mut Buffers) {
    // SAFETY: the output globals are valid on the PHP thread; we move the
    // handler stack out as a whole and leave a valid empty one behind.
    unsafe {
        let og = &raw mut output_globals;
        if (*og).handlers.elements.is_null() {
            into.handlers.elements = ptr::null_mut();
            return;
        }
        *into = Buffers {
            handlers: (*og).handlers,
            active: (*og).active,
            running: (*og).running,
        };
        (*og).handlers = EMPTY.handlers;
        (*og).active = ptr::null_mut();
        (*og).running = ptr::null_mut();
    }
}

/// Puts a context's buffers back (the globals are empty: the context
/// switched away from was saved just before).
#[inline]
pub fn restore(from: &Buffers) {
    if from.handlers.elements.is_null() {
        return;
    }
    // SAFETY: as in `save`; the stack moves back as a whole.
    unsafe {
        let og = &raw mut output_globals;
        (*og).handlers = from.handlers;
        (*og).active = from.active;
        (*og).running = from.running;
    }
}

/// At the end of a coroutine's life: flushes the buffers it left open and
/// frees its handler stack, so the context it returns to finds the globals
/// empty. May run output handlers (PHP code).
pub fn end_of_life() {
    // SAFETY: on the PHP thread; the engine's own calls empty and free the
    // running context's stack.
    unsafe {
        let og = &raw mut output_globals;
        if (*og).handlers.elements.is_null() {
            return;
        }
        if !(*og).active.is_null() {
            php_output_end_all();
        }
        zend_stack_destroy(&mut (*og).handlers);
        (*og).handlers = EMPTY.handlers;
        (*og).active = ptr::null_mut();
        (*og).running = ptr::null_mut();
    }
}
