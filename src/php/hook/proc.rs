//! `proc_open()` inside a coroutine (HOOK_PROC): reads and writes on the
//! child's pipes wait in the reactor instead of blocking the process, and
//! `proc_close()` waits for the child's exit the same way, so several
//! commands run at once and a coroutine can feed a child's stdin while
//! another drains its stdout.
//!
//! How: after the original `proc_open()`, each pipe stream (the engine's
//! plain-fd "STDIO" stream) gets a copy of its ops whose `read`, `write` and
//! `set_option` keep the fd O_NONBLOCK and wait when the original would
//! block, as the socket hook does. The user's blocking mode is remembered:
//! a pipe set non-blocking behaves as in plain PHP. `proc_close()` closes the
//! pipes, waits for the child (`system::wait_exit`: a pidfd in the reactor),
//! then lets the original reap it and report the exit code. Pipes made
//! outside coroutines are not touched.
//!
//! `popen()` in a coroutine (HOOK_BLOCKING_FUNCTION, as Swoole 6.1 had it):
//! its stream is wrapped the same way, and the child's pid (the one new
//! entry in /proc's list of our children) is kept with it. Closing it
//! (`pclose()`, or the stream freed) first points the fd at /dev/null, so
//! the child sees EOF or EPIPE as pclose(3) would give it, waits for the
//! child's exit in the reactor, then lets the original pclose(3) reap it,
//! which no longer blocks.

use super::super::fence::fenced_op;
use std::cell::RefCell;
use std::os::raw::{c_char, c_int, c_void};

use ext_php_rs::ffi::{php_stream, php_stream_ops};

use super::super::args::{self, handler};
use super::super::globals::PhpThread;
use super::super::runtime::propagate;
use super::super::sys::proc::ProcessHandle;
use super::super::sys::stream::_php_stream_cast;
use super::super::sys::zend::{zend_list_close, zend_rsrc_list_get_rsrc_type};
use super::functions::{original, POPEN, PROC_CLOSE, PROC_OPEN};
use super::ops::Tables;
use super::stream::{in_coroutine, wait};
use crate::rt::driver::io::Dir;
use crate::rt::idmap::IdMap;
use crate::rt::sys::set_nonblocking;
use crate::syscall;

/// `PHP_STREAM_OPTION_BLOCKING`.
const OPT_BLOCKING: c_int = 1;
/// `PHP_STREAM_AS_FD | PHP_STREAM_CAST_INTERNAL`.
const AS_FD: c_int = 1 | 0x2000_0000;

struct State {
    /// Our ops tables (in practice one: for the stdio ops).
    tables: Tables,
    /// Wrapped pipes still open → (fd, the user's blocking mode).
    live: RefCell<IdMap<usize, (c_int, bool)>>,
    /// Wrapped popen() streams → their child's pid.
    popen: RefCell<IdMap<usize, libc::pid_t>>,
}

static STATE: PhpThread<State> = PhpThread::new();

fn state() -> &'static State {
    STATE.get(|| State {
        tables: Tables::default(),
        live: RefCell::new(IdMap::default()),
        popen: RefCell::new(IdMap::default()),
    })
}

/// Wraps a pipe stream made by proc_open.
///
/// # Safety
/// `s` must be a live stream.
unsafe fn wrap(s: *mut php_stream) {
    // SAFETY: s is live; the cast only reports its fd; we replace its ops
    // pointer with a table that lives as long as the process.
    unsafe {
        let mut fd: c_int = -1;
        let ret = &mut fd as *mut c_int as *mut *mut c_void;
        if _php_stream_cast(s, AS_FD, ret, 0) != 0 || fd < 0 {
            return;
        }
        let orig = (*s).ops;
        let st = state();
        if st.tables.is_ours(orig) {
            return;
        }
        let ours = st.tables.ours_for(orig, |ops| {
            ops.read = Some(pipe_read);
            ops.write = Some(pipe_write);
            ops.close = Some(pipe_close);
            ops.set_option = Some(pipe_set_option);
        });
        set_nonblocking(fd, true);
        // Waits keep the fd registered (`stream::wait`): start clean.
        super::super::runtime::rt(|r| r.close_fd(fd));
        st.live.borrow_mut().insert(s as usize, (fd, true));
        (*s).ops = ours;
    }
}

fn live(s: *mut php_stream) -> Option<(c_int, bool)> {
    state().live.borrow().get(&(s as usize)).copied()
}

/// `ops::delegate` for a wrapped pipe.
///
/// # Safety
/// `s` must be a live wrapped pipe.
unsafe fn delegate<R>(s: *mut php_stream, f: impl FnOnce(&php_stream_ops) -> R) -> R {
    // SAFETY: forwarded.
    unsafe { super::ops::delegate(s, |s| live(s).is_some(), f) }
}

fenced_op!(pipe_read => pipe_read_impl(s: *mut php_stream, buf: *mut c_char, count: usize) -> isize, "pipe read", -1);

unsafe fn pipe_read_impl(s: *mut php_stream, buf: *mut c_char, count: usize) -> isize {
    // SAFETY: the engine calls us for a live wrapped pipe.
    unsafe {
        let read = |s| delegate(s, |o| o.read.map_or(-1, |f| f(s, buf, count)));
        let Some((fd, true)) = live(s) else {
            return read(s);
        };
        if !in_coroutine() {
            // Plain PHP blocks here: wait for data with poll, as it would.
            return loop {
                let r = read(s);
                if r != 0 || (*s).eof() != 0 || !poll_one(fd, libc::POLLIN) {
                    break r;
                }
            };
        }
        loop {
            let r = read(s);
            if r != 0 || (*s).eof() != 0 {
                return r;
            }
            if wait(fd, Dir::Read, None) != Ok(true) || live(s).is_none() {
                return -1;
            }
        }
    }
}

fenced_op!(pipe_write => pipe_write_impl(s: *mut php_stream, buf: *const c_char, count: usize) -> isize, "pipe write", -1);

unsafe fn pipe_write_impl(s: *mut php_stream, buf: *const c_char, count: usize) -> isize {
    // SAFETY: as pipe_read.
    unsafe {
        let write =
            |s, at: usize| delegate(s, |o| o.write.map_or(-1, |f| f(s, buf.add(at), count - at)));
        let Some((fd, true)) = live(s) else {
            return write(s, 0);
        };
        let mut done = 0usize;
        while done < count {
            let r = write(s, done);
            if r < 0 {
                return if done > 0 { done as isize } else { r };
            }
            if r > 0 {
                done += r as usize;
                continue;
            }
            let ready = if in_coroutine() {
                wait(fd, Dir::Write, None) == Ok(true) && live(s).is_some()
            } else {
                poll_one(fd, libc::POLLOUT)
            };
            if !ready {
                break;
            }
        }
        done as isize
    }
}

fenced_op!(pipe_close => pipe_close_impl(s: *mut php_stream, close_handle: c_int) -> c_int, "pipe close", -1);

unsafe fn pipe_close_impl(s: *mut php_stream, close_handle: c_int) -> c_int {
    // SAFETY: the engine closes a live wrapped pipe: wake whoever waits on
    // its fd (they see it is gone), then the original closes it.
    unsafe {
        let fd = state()
            .live
            .borrow_mut()
            .remove(&(s as usize))
            .map(|(fd, _)| fd);
        let child = state().popen.borrow_mut().remove(&(s as usize));
        if let (Some(pid), Some(fd), true) = (child, fd, in_coroutine()) {
            release_to_child(fd, pid);
        }
        super::ops::close(s, close_handle, fd)
    }
}

fenced_op!(pipe_set_option => pipe_set_option_impl(s: *mut php_stream, option: c_int, value: c_int, ptr: *mut c_void,) -> c_int, "pipe set_option", -1);

unsafe fn pipe_set_option_impl(
    s: *mut php_stream,
    option: c_int,
    value: c_int,
    ptr: *mut c_void,
) -> c_int {
    // SAFETY: the engine calls us for a live wrapped pipe.
    unsafe {
        if option != OPT_BLOCKING {
            return delegate(s, |o| o.set_option.map_or(-2, |f| f(s, option, value, ptr)));
        }
        // The fd stays non-blocking; the user's mode is ours to keep, and the
        // previous one is what the option returns.
        let Some((fd, was)) = live(s) else {
            return delegate(s, |o| o.set_option.map_or(-2, |f| f(s, option, value, ptr)));
        };
        state()
            .live
            .borrow_mut()
            .insert(s as usize, (fd, value != 0));
        set_nonblocking(fd, true);
        was as c_int
    }
}

/// A popen() stream's close in a coroutine: our end of the pipe becomes
/// /dev/null (the child gets EOF or EPIPE, as from pclose(3)'s fclose), then
/// the child's exit is awaited in the reactor; it stays to be reaped by the
/// original close.
fn release_to_child(fd: c_int, pid: libc::pid_t) {
    super::super::runtime::rt(|r| r.close_fd(fd));
    // SAFETY: opens /dev/null and puts it on our own pipe fd (the stream
    // keeps using fd, now harmless); the temporary fd is closed at once.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        if null < 0 {
            return;
        }
        let moved = libc::dup2(null, fd) == fd;
        libc::close(null);
        if !moved {
            return;
        }
    }
    super::super::system::wait_exit(pid, None);
}

/// The calling thread's children (Linux keeps the list per thread).
fn children() -> Option<Vec<libc::pid_t>> {
    let pid = crate::rt::sys::pid();
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() };
    let list = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/children")).ok()?;
    Some(
        list.split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect(),
    )
}

/// Blocks the process until `fd` is ready (outside coroutines, as plain PHP).
fn poll_one(fd: c_int, events: libc::c_short) -> bool {
    let mut p = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: poll on one valid pollfd.
    unsafe { syscall!(poll(&mut p, 1, -1)) }.is_ok_and(|n| n > 0)
}

handler!(
    /// `proc_open(...)`: the original, then its pipes are wrapped.
    hooked_proc_open(ex, rv) {
        original(PROC_OPEN, ex, rv);
        if !in_coroutine() || rv.resource().is_none() {
            return;
        }
        let Some(pipes) = args::get(ex, 2).and_then(|z| z.array()) else { return };
        for v in pipes.values() {
            let Some(res) = v.resource() else { continue };
            // SAFETY: a live resource; only plain (non-persistent) streams
            // are touched.
            unsafe {
                if (*res).type_ == ext_php_rs::ffi::php_file_le_stream() {
                    wrap((*res).ptr as *mut php_stream);
                }
            }
        }
    }
);

handler!(
    /// `proc_close($process): int`: closes the pipes, waits for the child
    /// in the reactor, then the original reaps it and returns its status.
    hooked_proc_close(ex, rv) {
        let res = args::get(ex, 0).and_then(|z| z.resource());
        if let (Some(res), true) = (res, in_coroutine()) {
            // SAFETY: a live resource; the original checks its type itself,
            // so we only read it when the type name says it is a process.
            unsafe {
                let name = zend_rsrc_list_get_rsrc_type(res);
                let is_proc = !name.is_null() && std::ffi::CStr::from_ptr(name) == c"process";
                if is_proc && !(*res).ptr.is_null() {
                    let p = (*res).ptr as *mut ProcessHandle;
                    // As the original does first: the child may be waiting
                    // for EOF on its stdin.
                    for i in 0..(*p).npipes.max(0) as usize {
                        let pipe = *(*p).pipes.add(i);
                        if !pipe.is_null() {
                            (*pipe).gc.refcount -= 1;
                            zend_list_close(pipe);
                            *(*p).pipes.add(i) = std::ptr::null_mut();
                        }
                    }
                    super::super::system::wait_exit((*p).child, None);
                    propagate();
                }
            }
        }
        original(PROC_CLOSE, ex, rv);
    }
);

handler!(
    /// `popen(string $command, string $mode)`: the original; in a coroutine
    /// its stream then waits in the reactor and its close does not block.
    hooked_popen(ex, rv) {
        let before = if in_coroutine() { children() } else { None };
        original(POPEN, ex, rv);
        let Some(before) = before else { return };
        let Some(res) = rv.resource() else { return };
        // SAFETY: a live resource we just got; only a plain stream is touched.
        unsafe {
            if (*res).type_ != ext_php_rs::ffi::php_file_le_stream() {
                return;
            }
            let s = (*res).ptr as *mut php_stream;
            let child = children().and_then(|now| now.into_iter().find(|p| !before.contains(p)));
            wrap(s);
            if let (Some(pid), true) = (child, live(s).is_some()) {
                state().popen.borrow_mut().insert(s as usize, pid);
            }
        }
    }
);
