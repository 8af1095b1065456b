//! `HOOK_STDIO`: the `STDIN`, `STDOUT` and `STDERR` streams wait in the
//! reactor inside a coroutine: a read of STDIN (a pipe, a terminal) lets
//! other coroutines run until input arrives, a write to a full pipe waits
//! until it drains.
//!
//! How: the three constants' streams get a copy of their ops table whose
//! read/write first wait (poll, then the reactor) for the fd to be ready, then
//! call the engine's op, which no longer blocks. The fd's mode is never
//! changed (a terminal's O_NONBLOCK would outlive the process). Streams opened
//! later with `php://stdin` are not covered. Turning the flag off puts the
//! engine's tables back.

use std::cell::RefCell;
use std::os::raw::{c_char, c_int, c_void};

use ext_php_rs::ffi::{php_stream, php_stream_ops};

use super::super::fence::fenced_op;
use super::super::globals::PhpThread;
use super::super::sys::stream::_php_stream_cast;
use super::super::sys::zend::zend_get_constant_str;
use super::ops::{orig_ops, Tables};
use crate::rt::driver::io::Dir;

/// `PHP_STREAM_AS_FD`.
const AS_FD: c_int = 1;

struct State {
    tables: Tables,
    /// The streams we wrapped.
    wrapped: RefCell<Vec<*mut php_stream>>,
}

static STATE: PhpThread<State> = PhpThread::new();

fn state() -> &'static State {
    STATE.get(|| State {
        tables: Tables::default(),
        wrapped: RefCell::new(Vec::new()),
    })
}

/// The stream held by constant `name`, if it is one.
fn constant_stream(name: &str) -> Option<*mut php_stream> {
    // SAFETY: looks up a constant by name; a resource constant holds a
    // stream resource (checked by its type name through the engine).
    unsafe {
        let z = zend_get_constant_str(name.as_ptr() as *const c_char, name.len());
        if z.is_null() {
            return None;
        }
        let res = (*(z as *const ext_php_rs::types::Zval)).resource()?;
        let t = (*res).type_;
        if t != ext_php_rs::ffi::php_file_le_stream()
            && t != super::super::sys::stream::php_file_le_pstream()
        {
            return None;
        }
        Some((*res).ptr as *mut php_stream)
    }
}

/// Wraps the three standard streams when `HOOK_STDIO` is on; unwraps them
/// when it is off.
pub fn apply(flags: i64) {
    let on = flags & super::HOOK_STDIO != 0;
    let st = state();
    let mut wrapped = st.wrapped.borrow_mut();
    for name in ["STDIN", "STDOUT", "STDERR"] {
        let Some(s) = constant_stream(name) else {
            continue;
        };
        // SAFETY: a live stream (its constant holds it); we only swap its
        // ops pointer between the engine's table and our copy of it.
        unsafe {
            let ours = st.tables.is_ours((*s).ops);
            if on && !ours {
                (*s).ops = st.tables.ours_for((*s).ops, |ops| {
                    ops.read = Some(co_read);
                    ops.write = Some(co_write);
                });
                wrapped.push(s);
            } else if !on && ours && wrapped.contains(&s) {
                (*s).ops = orig_ops(s);
                wrapped.retain(|w| *w != s);
            }
        }
    }
}

/// The fd of `s`.
///
/// # Safety
/// `s` must be a live stream.
unsafe fn fd_of(s: *mut php_stream) -> Option<c_int> {
    let mut fd: c_int = -1;
    let ret = &mut fd as *mut c_int as *mut *mut c_void;
    // SAFETY: the engine's cast of a live stream; it only reports the fd.
    (unsafe { _php_stream_cast(s, AS_FD, ret, 0) } == 0 && fd >= 0).then_some(fd)
}

fenced_op!(co_read => co_read_impl(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize, "stdio read", -1);

unsafe fn co_read_impl(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize {
    // SAFETY: the engine reads a live wrapped stream; the engine's own op
    // does the read once the fd is ready.
    unsafe {
        if let Some(fd) = fd_of(stream) {
            super::wait_ready(fd, Dir::Read, None);
        }
        let orig: &php_stream_ops = orig_ops(stream);
        orig.read.map_or(-1, |f| f(stream, buf, count))
    }
}

fenced_op!(co_write => co_write_impl(stream: *mut php_stream, buf: *const c_char, count: usize) -> isize, "stdio write", -1);

unsafe fn co_write_impl(stream: *mut php_stream, buf: *const c_char, count: usize) -> isize {
    // SAFETY: as co_read.
    unsafe {
        if let Some(fd) = fd_of(stream) {
            super::wait_ready(fd, Dir::Write, None);
        }
        let orig: &php_stream_ops = orig_ops(stream);
        orig.write.map_or(-1, |f| f(stream, buf, count))
    }
}
