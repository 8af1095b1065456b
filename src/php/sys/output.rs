//! The output layer: `zend_stack` (Zend/zend_stack.h), `zend_output_globals`
//! (main/php_output.h) and the NTS build's `output_globals` (`OG()`), with the
//! two functions `vm/output.rs` calls on them.
//!
//! Invariant: each struct matches PHP 8.2 (checked by `layout!`).

use std::os::raw::{c_int, c_void};

/// `zend_stack`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ZendStack {
    /// Size of one element.
    pub size: c_int,
    /// Number of elements in use.
    pub top: c_int,
    /// Number of elements allocated.
    pub max: c_int,
    /// The elements (null until the first push).
    pub elements: *mut c_void,
}

layout!(
    ZendStack,
    size = 24,
    size = 0,
    top = 4,
    max = 8,
    elements = 16
);

/// `zend_output_globals`.
#[repr(C)]
pub struct OutputGlobals {
    /// The stack of output handlers (`ob_start()` pushes).
    pub handlers: ZendStack,
    /// The active handler.
    pub active: *mut c_void,
    /// The handler running now.
    pub running: *mut c_void,
    /// Where output started (for "headers already sent").
    pub output_start_filename: *mut c_void,
    /// Line of the above.
    pub output_start_lineno: c_int,
    /// `PHP_OUTPUT_*` flags.
    pub flags: c_int,
}

layout!(
    OutputGlobals,
    size = 56,
    handlers = 0,
    active = 24,
    running = 32,
    output_start_filename = 40,
    output_start_lineno = 48,
    flags = 52,
);

unsafe extern "C" {
    /// The NTS build's output globals.
    pub static mut output_globals: OutputGlobals;
    /// `void php_output_end_all(void)`: flushes and removes every buffer.
    pub fn php_output_end_all();
    /// `void zend_stack_destroy(zend_stack *stack)`.
    pub fn zend_stack_destroy(stack: *mut ZendStack);
}
