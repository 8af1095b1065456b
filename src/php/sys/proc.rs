//! Processes: the head of `php_process_handle` (ext/standard/proc_open.h,
//! non-Windows), the data behind a `proc_open()` resource.
//!
//! Invariant: matches PHP 8.2 (checked by `layout!`).

use std::os::raw::c_int;

use ext_php_rs::ffi::zend_resource;

/// The head of `php_process_handle`.
#[repr(C)]
pub struct ProcessHandle {
    /// The child's pid.
    pub child: libc::pid_t,
    /// How many entries `pipes` has.
    pub npipes: c_int,
    /// The pipe resources given to the caller (null once closed).
    pub pipes: *mut *mut zend_resource,
}

// Size = offsetof(php_process_handle, command), the first field not copied.
layout!(ProcessHandle, size = 16, child = 0, npipes = 4, pipes = 8);
