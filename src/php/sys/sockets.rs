//! ext/sockets' `php_socket` (ext/sockets/php_sockets.h): the object behind a
//! `Socket` instance, its `zend_object` last.
//!
//! Invariant: matches PHP 8.2 (checked by `layout!`: measured with
//! `sizeof`/`offsetof` on the installed header).

use std::os::raw::c_int;

use ext_php_rs::ffi::{zend_object, zval};

/// PHP 8.2's `php_socket`.
#[repr(C)]
pub struct PhpSocket {
    /// The fd; negative once closed.
    pub bsd_socket: c_int,
    /// The address family.
    pub type_: c_int,
    /// The last error (`socket_last_error($socket)`).
    pub error: c_int,
    /// The user's blocking mode.
    pub blocking: c_int,
    /// The stream it was imported from or exported to, if any.
    pub zstream: zval,
    /// The engine's object header.
    pub std: zend_object,
}

layout!(
    PhpSocket,
    size = 88,
    bsd_socket = 0,
    error = 8,
    zstream = 16,
    std = 32
);
