//! `Swoole\Process`: a child process running a PHP callable, with a unix
//! socket pair as its pipe to the parent (`read`/`write`, stdin/stdout
//! redirected into it on request), and the process-level statics Swoole
//! puts on the class (`kill`, `wait`, `signal`, `alarm`, `daemon`).
//!
//! Owns: each object's pipe ends and start state; the signal handlers of
//! `Process::signal` (one signalfd each, read by a background coroutine that
//! runs the handler in a coroutine of its own; they do not keep the event
//! loop running, as Swoole's without `wait_signal`).
//! The System V message queue (`useQueue`/`push`/`pop`) is `process_queue`'s.
//! Not yet:
//! CPU affinity.

use std::cell::RefCell;
use std::collections::HashMap;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::time::Duration;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{self, handler, ret_bool, ret_long};
use super::error::{throw_error, warn_docref, E_WARNING};
use super::globals::PhpThread;
use super::object::{native_of, this, this_obj, Native};
use super::runtime::{propagate, rt};
use super::value::{zval_long, Callback};
use crate::rt::driver::io::Dir;
use crate::rt::{Cid, Wakeup};
use crate::server::process::SignalFd;
use crate::syscall;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Process`, set at MINIT.
pub static PROCESS_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// `Process::PIPE_*` (Swoole's `SW_PIPE_CLOSE_*`, `PIPE_TYPE_*`).
pub const PIPE_MASTER: i64 = 1;
pub const PIPE_WORKER: i64 = 2;
pub const PIPE_READ: i64 = 3;
pub const PIPE_WRITE: i64 = 4;
pub const PIPE_TYPE_NONE: i64 = 0;
pub const PIPE_TYPE_STREAM: i64 = 1;
pub const PIPE_TYPE_DGRAM: i64 = 2;
/// `Process::IPC_NOWAIT`.
pub const IPC_NOWAIT: i64 = 1 << 8;

/// One process object's state.
struct Proc {
    /// None for a process this object only names (a pool's worker).
    callback: Option<Callback>,
    redirect: bool,
    enable_coroutine: bool,
    /// Before start: the parent's end and the child's end of the pipe.
    parent_end: Option<OwnedFd>,
    child_end: Option<OwnedFd>,
    /// After start: this process's end.
    current: Option<OwnedFd>,
    /// `read()` waits (else it fails at once when nothing is there).
    blocking: bool,
    /// The child's pid (in the parent), or ours (in the child).
    pid: Option<libc::pid_t>,
    /// True in the child.
    is_child: bool,
    /// The pipe's socket type (SOCK_STREAM / SOCK_DGRAM; 0: no pipe).
    sock_type: i32,
    /// What `exportSocket()` returned (the same object each time).
    exported: Option<Zval>,
}

/// Rust side of a `Swoole\Process`.
#[derive(Default)]
pub struct ProcessObj {
    st: RefCell<Option<Proc>>,
    /// `useQueue()`'s System V queue and mode (SWOOLE_MSGQUEUE_*).
    pub(super) queue: RefCell<Option<(crate::server::msg_queue::MsgQueue, i64)>>,
}

impl Native for ProcessObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

/// Process ids handed out (Swoole's `$id`: 1, 2, …).
static NEXT_ID: PhpThread<std::cell::Cell<i64>> = PhpThread::new();

fn set_prop(ex: &ExecuteData, name: &std::ffi::CStr, v: Zval) {
    set_prop_on(this_obj(ex), name, v);
}

fn set_prop_on(obj: *mut ext_php_rs::ffi::zend_object, name: &std::ffi::CStr, v: Zval) {
    super::object::update_prop(&PROCESS_CE, obj, name, v);
}

fn with_proc<R>(ex: &ExecuteData, f: impl FnOnce(&mut Proc) -> R) -> Option<R> {
    with_proc_of(this::<ProcessObj>(ex)?, f)
}

fn with_proc_of<R>(o: &ProcessObj, f: impl FnOnce(&mut Proc) -> R) -> Option<R> {
    let mut st = o.st.borrow_mut();
    match st.as_mut() {
        Some(p) => Some(f(p)),
        None => {
            drop(st);
            throw_error("you must call Process constructor first");
            None
        }
    }
}

/// A unix socket pair of `ty` (`SOCK_STREAM` / `SOCK_DGRAM`), close-on-exec.
pub(crate) fn socket_pair(ty: i32) -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: socketpair(2) into a two-int array.
    unsafe {
        syscall!(socketpair(
            libc::AF_UNIX,
            ty | libc::SOCK_CLOEXEC,
            0,
            fds.as_mut_ptr()
        ))
    }?;
    // SAFETY: both fds were just created and are ours alone.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

handler!(
    /// `Process::__construct(callable $callback, bool $redirect_stdin_and_stdout = false,
    /// int $pipe_type = SOCK_DGRAM, bool $enable_coroutine = false)`.
    proc_construct(ex, _rv) {
        let f = "Swoole\\Process::__construct";
        let Some(o) = this::<ProcessObj>(ex) else { return };
        if o.st.borrow().is_some() {
            throw_error(&format!("Constructor of {} can only be called once", "Swoole\\Process"));
            return;
        }
        let Some(callback) = super::coroutine::callback_arg(ex, 0, None, f, "callback") else { return };
        let Ok(redirect) = args::boolean(ex, 1, f, "redirect_stdin_and_stdout", false) else { return };
        let Ok(mut pipe_type) = args::long(ex, 2, f, "pipe_type", Some(PIPE_TYPE_DGRAM)) else { return };
        let Ok(enable_coroutine) = args::boolean(ex, 3, f, "enable_coroutine", false) else { return };
        if redirect {
            // As Swoole: redirected stdio needs a stream pipe.
            pipe_type = PIPE_TYPE_STREAM;
        }
        let pipe_sock_type = match pipe_type {
            PIPE_TYPE_STREAM => libc::SOCK_STREAM,
            t if t > 0 => libc::SOCK_DGRAM,
            _ => 0,
        };
        let (parent_end, child_end) = if pipe_type > 0 {
            let ty = if pipe_type == PIPE_TYPE_STREAM { libc::SOCK_STREAM } else { libc::SOCK_DGRAM };
            match socket_pair(ty) {
                Ok((a, b)) => (Some(a), Some(b)),
                Err(e) => {
                    throw_error(&format!("socketpair() failed: {}", super::error::os_error_text(&e)));
                    return;
                }
            }
        } else {
            (None, None)
        };
        let id = NEXT_ID.get(|| std::cell::Cell::new(1));
        let my_id = id.get();
        id.set(my_id + 1);
        if let Some(p) = &parent_end {
            set_prop(ex, c"pipe", zval_long(i64::from(p.as_raw_fd())));
        }
        set_prop(ex, c"id", zval_long(my_id));
        if let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) {
            set_prop(ex, c"callback", z);
        }
        *o.st.borrow_mut() = Some(Proc {
            callback: Some(callback),
            redirect,
            enable_coroutine,
            parent_end,
            child_end,
            current: None,
            blocking: true,
            pid: None,
            is_child: false,
            sock_type: pipe_sock_type,
            exported: None,
        });
    }
);

handler!(
    /// `Process::start(): bool|int` — forks: the parent gets the child's pid;
    /// the child runs the callable with this object (in a coroutine, the
    /// event loop run after it, with `enable_coroutine`), then exits as
    /// `exit()` would. Must be called outside coroutines, as Swoole's.
    proc_start(ex, rv) {
        if !rt(|r| r.current()).is_main() || rt(|r| r.is_looping()) {
            // Swoole makes this a fatal error.
            throw_error("must be forked outside the coroutine");
            return;
        }
        let running = with_proc(ex, |p| p.pid.is_some_and(|pid| {
            // SAFETY: kill(pid, 0) only asks whether the process exists.
            unsafe { syscall!(kill(pid, 0)) }.is_ok()
        }));
        match running {
            None => return,
            Some(true) => {
                warn_docref(E_WARNING, "process has already been started");
                ret_bool(rv, false);
                return;
            }
            Some(false) => {}
        }
        // SAFETY: fork(2); the child continues on this thread only (the
        // blocking pool's threads are not used again: `after_fork`).
        let pid = match unsafe { syscall!(fork()) } {
            Ok(p) => p,
            Err(e) => {
                warn_docref(E_WARNING, &format!("fork() failed: {}", super::error::os_error_text(&e)));
                ret_bool(rv, false);
                return;
            }
        };
        if pid > 0 {
            with_proc(ex, |p| {
                p.child_end = None;
                p.current = p.parent_end.take();
                p.pid = Some(pid);
            });
            set_prop(ex, c"pid", zval_long(i64::from(pid)));
            ret_long(rv, i64::from(pid));
            return;
        }
        let this = ex.This.shallow_clone();
        run_child(&this, None);
    }
);

handler!(
    /// `Process::exportSocket(): Swoole\Coroutine\Socket|false` — the pipe
    /// as a coroutine socket (the same object each time; its own copy of
    /// the fd, so closing it leaves the process's pipe open).
    proc_export_socket(ex, rv) {
        let got = with_proc(ex, |p| {
            if let Some(z) = &p.exported {
                return Some(z.shallow_clone());
            }
            let fd = p.current.as_ref().or(p.parent_end.as_ref())?;
            let dup = fd.try_clone().ok()?;
            let z = super::net::socket::wrap(dup, i64::from(libc::AF_UNIX), i64::from(p.sock_type));
            p.exported = Some(z.shallow_clone());
            Some(z)
        });
        match got {
            None => {}
            Some(Some(z)) => *rv = z,
            Some(None) => {
                warn_docref(E_WARNING, "no pipe, cannot export the pipe");
                ret_bool(rv, false);
            }
        }
    }
);

/// Sets `$process->id` (a server's `addProcess()` numbers its processes).
pub fn set_id(this: &Zval, id: i64) {
    if let Some(o) = native_of::<ProcessObj>(this) {
        set_prop_on(super::object::obj_of(o), c"id", zval_long(id));
    }
}

/// A pool's worker was re-forked: the Process that names it follows its
/// new pid (property and the pid `kill()`/`wait()` use).
pub fn follow_pid(z: &Zval, pid: libc::pid_t) {
    let Some(o) = native_of::<ProcessObj>(z) else {
        return;
    };
    let changed = match o.st.borrow_mut().as_mut() {
        Some(p) if pid > 0 && p.pid != Some(pid) => {
            p.pid = Some(pid);
            true
        }
        _ => false,
    };
    if changed {
        set_prop_on(super::object::obj_of(o), c"pid", zval_long(i64::from(pid)));
    }
}

/// True when `z` is a `Swoole\Process` object.
/// A Process object for an existing process (`Process\Pool::getProcess`):
/// its `$pid` and `$id`, no callback; `pipe` (duplicated here) is the
/// socket its read()/write() use.
pub fn wrap_pid(pid: libc::pid_t, id: i64, pipe: Option<RawFd>) -> Option<Zval> {
    let ce = PROCESS_CE.load(Ordering::Relaxed);
    if ce.is_null() {
        return None;
    }
    let mut z = Zval::new();
    // SAFETY: our registered class; object_init_ex fills z.
    unsafe { super::sys::zend::object_init_ex(&mut z, ce.cast()) };
    let o = native_of::<ProcessObj>(&z)?;
    let obj = super::object::obj_of(o);
    set_prop_on(obj, c"pid", zval_long(i64::from(pid)));
    set_prop_on(obj, c"id", zval_long(id));
    // SAFETY: dup(2) of a live fd the caller holds; the copy is ours.
    let current = pipe
        .and_then(|fd| unsafe { syscall!(fcntl(fd, libc::F_DUPFD_CLOEXEC, 0)) }.ok())
        // SAFETY: a fresh fd nobody else owns.
        .map(|fd| unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) });
    if let Some(fd) = &current {
        set_prop_on(obj, c"pipe", zval_long(i64::from(fd.as_raw_fd())));
    }
    let sock_type = if current.is_some() {
        libc::SOCK_DGRAM
    } else {
        0
    };
    *o.st.borrow_mut() = Some(Proc {
        callback: None,
        redirect: false,
        enable_coroutine: false,
        parent_end: None,
        child_end: None,
        current,
        blocking: true,
        pid: (pid > 0).then_some(pid),
        is_child: false,
        sock_type,
        exported: None,
    });
    Some(z)
}

pub fn is_process(z: &Zval) -> bool {
    native_of::<ProcessObj>(z).is_some()
}

/// The child's side of `start()` (and of a server's `addProcess()`, with
/// `worker_id`: its slot among the server's processes, its `$id` there):
/// never returns normally (the script ends with an `exit`).
pub fn run_child(this: &Zval, worker_id: Option<i64>) {
    let Some(o) = native_of::<ProcessObj>(this) else {
        return;
    };
    let obj = super::object::obj_of(o);
    super::coroutine::after_fork_child();
    forget_signals();
    // SAFETY: getpid(2) cannot fail.
    let me = unsafe { libc::getpid() };
    let prepared = with_proc_of(o, |p| {
        p.parent_end = None;
        p.current = p.child_end.take();
        p.pid = Some(me);
        p.is_child = true;
        if p.redirect {
            if let Some(fd) = &p.current {
                for std_fd in [0, 1, 2] {
                    // SAFETY: dup2 of our pipe end onto a standard fd.
                    if let Err(e) = unsafe { syscall!(dup2(fd.as_raw_fd(), std_fd)) } {
                        warn_docref(
                            E_WARNING,
                            &format!("dup2() failed: {}", super::error::os_error_text(&e)),
                        );
                    }
                }
            }
        }
        (
            p.current.as_ref().map(|f| f.as_raw_fd()),
            p.callback.as_ref().map(|c| c.with_args(Vec::new())),
            p.enable_coroutine,
        )
    });
    let Some((fd, Some(mut cb), coro)) = prepared else {
        return;
    };
    set_prop_on(obj, c"pid", zval_long(i64::from(me)));
    if let Some(fd) = fd {
        set_prop_on(obj, c"pipe", zval_long(i64::from(fd)));
    }
    if let Some(id) = worker_id {
        set_prop_on(obj, c"id", zval_long(id));
    }
    cb.set_args([this.shallow_clone()]);
    if coro {
        let _ = super::coroutine::run_jobs(vec![cb]);
    } else {
        let mut r = Zval::new();
        cb.call(&mut r);
    }
    if super::vm::has_exception() || super::runtime::aborting() {
        // An uncaught exception or an exit in the callable ends the child as it would a script.
        propagate();
        return;
    }
    // As Swoole: the child ends here, as though the script called exit.
    // SAFETY: throwing the engine's unwind-exit marker, as exit() does.
    unsafe { ext_php_rs::ffi::zend_throw_unwind_exit() };
}

/// The fd `read`/`write` use, with Swoole's warning when there is none.
fn current_fd(ex: &ExecuteData, what: &str) -> Option<(RawFd, bool)> {
    // Before start() (a server's workers, which inherit an addProcess()
    // Process): the parent's end, as Swoole's.
    let r = with_proc(ex, |p| {
        p.current
            .as_ref()
            .or(p.parent_end.as_ref())
            .map(|f| (f.as_raw_fd(), p.blocking))
    })?;
    if r.is_none() {
        warn_docref(E_WARNING, &format!("no pipe, cannot {what} the pipe"));
    }
    r
}

handler!(
    /// `Process::read(int $size = 8192): false|string` — one read of the pipe.
    /// Blocking by default (in a coroutine the wait is in the reactor); after
    /// `setBlocking(false)` false at once when nothing is there.
    proc_read(ex, rv) {
        let Ok(size) = args::long(ex, 0, "Swoole\\Process::read", "size", Some(8192)) else { return };
        let Some((fd, blocking)) = current_fd(ex, "read from") else { ret_bool(rv, false); return };
        let size = size.clamp(1, 64 * 1024 * 1024) as usize;
        let mut buf = vec![0u8; size];
        loop {
            // SAFETY: recv(2) into our buffer, not waiting.
            match unsafe { syscall!(recv(fd, buf.as_mut_ptr().cast(), size, libc::MSG_DONTWAIT)) } {
                Ok(n) => {
                    *rv = super::zarray::str_zval(&buf[..n as usize]);
                    return;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && blocking => {
                    if !wait_fd(fd, Dir::Read) {
                        ret_bool(rv, false);
                        return;
                    }
                }
                Err(e) => {
                    crate::rt::sys::set_errno(e.raw_os_error().unwrap_or(0));
                    ret_bool(rv, false);
                    return;
                }
            }
        }
    }
);

/// Waits until `fd` is ready: in the reactor inside a coroutine, else a
/// blocking poll. False when the wait failed (canceled).
fn wait_fd(fd: RawFd, dir: Dir) -> bool {
    use crate::rt::net::{poll_wait, Deadline};
    let ok = if super::runtime::rt(|r| r.current()).is_main() {
        poll_wait(fd, dir, Deadline::NEVER).is_ok()
    } else {
        matches!(
            super::runtime::rt(|r| r.wait_fd(fd, dir, None)),
            Ok(crate::rt::Wakeup::Ready)
        )
    };
    super::runtime::propagate();
    ok
}

handler!(
    /// `Process::write(string $data): false|int` — all of `$data` (one
    /// message on a datagram pipe); the bytes written.
    proc_write(ex, rv) {
        let f = "Swoole\\Process::write";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(data) = args::string(ex, 0, f, "data").map(|b| b.into_owned()) else { return };
        if data.is_empty() {
            warn_docref(E_WARNING, "the data to send is empty");
            ret_bool(rv, false);
            return;
        }
        let Some((fd, _)) = current_fd(ex, "write into") else { ret_bool(rv, false); return };
        let mut off = 0;
        while off < data.len() {
            // SAFETY: send(2) from our buffer, not waiting, no SIGPIPE.
            match unsafe { syscall!(send(fd, data[off..].as_ptr().cast(), data.len() - off, libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL)) } {
                Ok(n) => off += n as usize,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if !wait_fd(fd, Dir::Write) { break; }
                }
                Err(e) => {
                    crate::rt::sys::set_errno(e.raw_os_error().unwrap_or(0));
                    warn_docref(E_WARNING, &format!("write() failed: {}", super::error::os_error_text(&e)));
                    break;
                }
            }
        }
        if off == 0 { ret_bool(rv, false) } else { ret_long(rv, off as i64) }
    }
);

handler!(
    /// `Process::setBlocking(bool $blocking): bool`.
    proc_set_blocking(ex, rv) {
        let f = "Swoole\\Process::setBlocking";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(b) = args::boolean(ex, 0, f, "blocking", true) else { return };
        if let Some(ok) = with_proc(ex, |p| { p.blocking = b; p.current.is_some() || p.parent_end.is_some() }) {
            if !ok { warn_docref(E_WARNING, "no pipe, cannot setBlocking the pipe"); }
            ret_bool(rv, ok);
        }
    }
);

handler!(
    /// `Process::setTimeout(float $seconds): bool` — SO_RCVTIMEO/SO_SNDTIMEO of the pipe.
    proc_set_timeout(ex, rv) {
        let f = "Swoole\\Process::setTimeout";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(t) = args::double(ex, 0, f, "seconds", None) else { return };
        let fd = with_proc(ex, |p| p.current.as_ref().or(p.parent_end.as_ref()).map(|f| f.as_raw_fd())).flatten();
        let Some(fd) = fd else { ret_bool(rv, false); return };
        let d = Duration::from_secs_f64(if t.is_finite() && t > 0.0 { t.min(1e9) } else { 0.0 });
        let ok = crate::rt::sys::set_socket_timeouts(fd, d).is_ok();
        ret_bool(rv, ok);
    }
);

handler!(
    /// `Process::close(int $which = 0): bool` — 0 closes the pipe; PIPE_READ /
    /// PIPE_WRITE shut one direction down.
    proc_close(ex, rv) {
        let Ok(which) = args::long(ex, 0, "Swoole\\Process::close", "which", Some(0)) else { return };
        let r = with_proc(ex, |p| {
            let cur = if p.current.is_some() { &mut p.current } else { &mut p.parent_end };
            match which {
                PIPE_READ | PIPE_WRITE => cur.as_ref().is_some_and(|fd| {
                    let how = if which == PIPE_READ { libc::SHUT_RD } else { libc::SHUT_WR };
                    // SAFETY: shutdown(2) of our own socket.
                    unsafe { syscall!(shutdown(fd.as_raw_fd(), how)) }.is_ok()
                }),
                _ => cur.take().is_some(),
            }
        });
        if let Some(ok) = r {
            ret_bool(rv, ok);
        }
    }
);

handler!(
    /// `Process::exit(int $exit_code = 0): void` — ends the child (only there).
    proc_exit(ex, rv) {
        let Ok(mut code) = args::long(ex, 0, "Swoole\\Process::exit", "exit_code", Some(0)) else { return };
        let Some(child) = with_proc(ex, |p| p.is_child) else { return };
        if !child {
            warn_docref(E_WARNING, "not current process");
            ret_bool(rv, false);
            return;
        }
        if !(0..=255).contains(&code) {
            warn_docref(E_WARNING, "exit ret_code range is [>0 and <255] ");
            code = 1;
        }
        super::vm::set_exit_status(code as i32);
        // SAFETY: throwing the engine's unwind-exit marker, as exit() does.
        unsafe { ext_php_rs::ffi::zend_throw_unwind_exit() };
    }
);

handler!(
    /// `Process::exec(string $exec_file, array $args): bool` — execv(3); returns
    /// only on failure (false, warning).
    proc_exec(ex, rv) {
        let f = "Swoole\\Process::exec";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(file) = args::string(ex, 0, f, "exec_file").map(|b| b.into_owned()) else { return };
        let list: Vec<Vec<u8>> = args::get(ex, 1)
            .and_then(|z| z.array())
            .map(|a| a.values().filter_map(|v| v.coerce_to_string()).map(String::into_bytes).collect())
            .unwrap_or_default();
        let Ok(path) = std::ffi::CString::new(file) else { ret_bool(rv, false); return };
        let mut argv: Vec<std::ffi::CString> = vec![path.clone()];
        for a in list {
            match std::ffi::CString::new(a) {
                Ok(c) => argv.push(c),
                Err(_) => { ret_bool(rv, false); return; }
            }
        }
        let mut ptrs: Vec<*const libc::c_char> = argv.iter().map(|c| c.as_ptr()).collect();
        ptrs.push(std::ptr::null());
        // SAFETY: execv(3) with NUL-terminated strings and a null-terminated argv.
        let e = unsafe { syscall!(execv(path.as_ptr(), ptrs.as_ptr())) };
        if let Err(e) = e {
            warn_docref(E_WARNING, &format!("execv({}) failed: {}", path.to_string_lossy(), super::error::os_error_text(&e)));
        }
        ret_bool(rv, false);
    }
);

handler!(
    /// `Process::name(string $process_name): bool`.
    proc_name(ex, rv) {
        super::swoole_functions::set_process_name(ex, rv);
    }
);

handler!(
    /// `Process::kill(int $pid, int $signal_no = SIGTERM): bool` — false with a
    /// warning (and `swoole_errno()`) when kill(2) fails.
    proc_kill(ex, rv) {
        let f = "Swoole\\Process::kill";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(pid) = args::long(ex, 0, f, "pid", None) else { return };
        let Ok(sig) = args::long(ex, 1, f, "signal_no", Some(i64::from(libc::SIGTERM))) else { return };
        // SAFETY: kill(2) with the caller's pid and signal.
        match unsafe { syscall!(kill(pid as libc::pid_t, sig as libc::c_int)) } {
            Ok(_) => ret_bool(rv, true),
            Err(e) => {
                let code = e.raw_os_error().unwrap_or(0);
                warn_docref(E_WARNING, &format!("kill({pid}, {sig}) failed, Error: {}[{code}]", super::error::os_error_text(&e)));
                crate::rt::sys::set_errno(code);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `Process::wait(bool $blocking = true): array|false` — reaps a child:
    /// `['pid' => …, 'code' => …, 'signal' => …]`.
    proc_wait(ex, rv) {
        let Ok(blocking) = args::boolean(ex, 0, "Swoole\\Process::wait", "blocking", true) else { return };
        let mut status: libc::c_int = 0;
        let flags = if blocking { 0 } else { libc::WNOHANG };
        let r = loop {
            // SAFETY: waitpid(2) for any child into our int.
            match unsafe { syscall!(waitpid(-1, &mut status, flags)) } {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                r => break r,
            }
        };
        match r {
            Ok(pid) if pid > 0 => {
                let mut ht = ZendHashTable::new();
                let signal = if libc::WIFSIGNALED(status) { libc::WTERMSIG(status) } else { 0 };
                let _ = ht.insert("pid", i64::from(pid));
                let _ = ht.insert("code", i64::from(libc::WEXITSTATUS(status)));
                let _ = ht.insert("signal", i64::from(signal));
                rv.set_hashtable(ht);
            }
            Ok(_) => ret_bool(rv, false),
            Err(e) => {
                crate::rt::sys::set_errno(e.raw_os_error().unwrap_or(0));
                ret_bool(rv, false);
            }
        }
    }
);

/// A registered signal handler.
struct SigHandler {
    callback: Callback,
    /// The signalfd its listener reads.
    fd: RawFd,
    /// The background coroutine reading it.
    listener: Option<Cid>,
}

static SIGNALS: PhpThread<RefCell<HashMap<i32, SigHandler>>> = PhpThread::new();

fn signals<R>(f: impl FnOnce(&mut HashMap<i32, SigHandler>) -> R) -> R {
    f(&mut SIGNALS.get(|| RefCell::new(HashMap::new())).borrow_mut())
}

/// How many signals have a `Process::signal` callable (`Coroutine::stats()`'s
/// `signal_listener_num`).
pub fn signal_listener_num() -> usize {
    signals(|m| m.len())
}

/// The listener of signal `signo` (on signalfd `fd`).
fn listen(signo: i32, fd: RawFd) {
    loop {
        let still = signals(|m| m.get(&signo).is_some_and(|h| h.fd == fd));
        if !still || super::runtime::aborting() {
            return;
        }
        // SignalFd has no Drop: the fd stays open (owned by the handler entry).
        let got = SignalFd { fd }.read();
        if got.is_some() {
            let cb = signals(|m| {
                m.get(&signo)
                    .map(|h| h.callback.with_args(vec![zval_long(i64::from(signo))]))
            });
            if let Some(cb) = cb {
                if super::coroutine_api::callbacks_in_coroutines() {
                    super::coroutine::spawn_detached(cb);
                } else {
                    // `enable_coroutine => false`: on the loop itself (so an
                    // exit() there is a plain exit), as Swoole runs it.
                    super::event::defer_native(Box::new(move || {
                        super::coroutine::spawn_detached(cb)
                    }));
                }
            }
            continue;
        }
        match rt(|r| r.wait_fd_background(fd, "Process::signal")) {
            Ok(Wakeup::Ready) => {}
            _ => return,
        }
    }
}

fn remove_signal(signo: i32) -> bool {
    let Some(h) = signals(|m| m.remove(&signo)) else {
        return false;
    };
    rt(|r| r.close_fd(h.fd));
    SignalFd { fd: h.fd }.close_and_unblock(&[signo]);
    drop(h.callback);
    let _ = h.listener;
    true
}

/// True when `Process::signal()` handles `signo` in this process.
pub(crate) fn has_signal_handler(signo: i32) -> bool {
    signals(|m| m.contains_key(&signo))
}

/// In a forked child: the parent's handlers are gone (their listeners were
/// discarded with the other coroutines).
pub(crate) fn forget_signals() {
    let old = signals(std::mem::take);
    for (signo, h) in old {
        SignalFd { fd: h.fd }.close_and_unblock(&[signo]);
        std::mem::forget(h.callback);
    }
}

handler!(
    /// `Process::signal(int $signal_no, ?callable $callback = null): bool` —
    /// runs `$callback($signal_no)` (in a coroutine) each time the signal
    /// comes; null removes the handler.
    proc_signal(ex, rv) {
        let f = "Swoole\\Process::signal";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(signo) = args::long(ex, 0, f, "signal_no", None) else { return };
        let signo_i = signo as i32;
        if signo <= 0 || signo > i64::from(libc::SIGRTMAX()) || signo_i == libc::SIGKILL || signo_i == libc::SIGSTOP {
            warn_docref(E_WARNING, &format!("invalid signal number [{signo}]"));
            ret_bool(rv, false);
            return;
        }
        let cb = match args::get(ex, 1) {
            None => None,
            Some(z) if z.is_null() => None,
            Some(z) => match Callback::new(z, Vec::new()) {
                Ok(cb) => Some(cb),
                Err(why) => {
                    super::error::throw_type_error(&format!("{}(): Argument #2 ($callback) must be a valid callback or null, {why}", args::name_of(ex, f)));
                    return;
                }
            },
        };
        let Some(cb) = cb else {
            if remove_signal(signo_i) {
                ret_bool(rv, true);
            } else {
                warn_docref(E_WARNING, &format!("unable to find the callback of signal [{signo}]"));
                ret_bool(rv, false);
            }
            return;
        };
        // A new callable for a handled signal replaces the old one.
        if let Some(old) = signals(|m| m.get_mut(&signo_i).map(|h| std::mem::replace(&mut h.callback, cb.duplicate()))) {
            drop(old);
            ret_bool(rv, true);
            return;
        }
        let sfd = match SignalFd::new(&[signo_i]) {
            Ok(s) => s,
            Err(e) => {
                warn_docref(E_WARNING, &super::error::os_error_text(&e));
                ret_bool(rv, false);
                return;
            }
        };
        // Closed by remove_signal / forget_signals (SignalFd has no Drop).
        let fd = sfd.fd;
        signals(|m| m.insert(signo_i, SigHandler { callback: cb, fd, listener: None }));
        super::coroutine::ensure_drain();
        match super::coroutine::spawn_native(move || listen(signo_i, fd)) {
            Ok(cid) => {
                signals(|m| if let Some(h) = m.get_mut(&signo_i) { h.listener = Some(cid) });
                ret_bool(rv, true);
            }
            Err(e) => {
                remove_signal(signo_i);
                super::error::throw_rt(&e);
            }
        }
    }
);

handler!(
    /// `Process::alarm(int $usec, int $type = 0): bool` — setitimer(2)
    /// (ITIMER_REAL / VIRTUAL / PROF): SIGALRM etc. every `$usec` µs; 0 stops it.
    proc_alarm(ex, rv) {
        let f = "Swoole\\Process::alarm";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(usec) = args::long(ex, 0, f, "usec", None) else { return };
        let Ok(ty) = args::long(ex, 1, f, "type", Some(0)) else { return };
        if !(0..=2).contains(&ty) || usec < 0 {
            warn_docref(E_WARNING, "invalid arguments");
            ret_bool(rv, false);
            return;
        }
        let tv = libc::timeval { tv_sec: (usec / 1_000_000) as libc::time_t, tv_usec: (usec % 1_000_000) as libc::suseconds_t };
        let it = libc::itimerval { it_interval: tv, it_value: tv };
        // SAFETY: setitimer(2) with our struct; the old value is not wanted.
        let r = unsafe { syscall!(setitimer(ty as libc::c_int, &it, std::ptr::null_mut())) };
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `Process::daemon(bool $nochdir = true, bool $noclose = true, array $pipes = []): bool`.
    proc_daemon(ex, rv) {
        let f = "Swoole\\Process::daemon";
        let Ok(nochdir) = args::boolean(ex, 0, f, "nochdir", true) else { return };
        let Ok(noclose) = args::boolean(ex, 1, f, "noclose", true) else { return };
        // SAFETY: daemon(3): forks, the parent exits, the child continues here.
        let r = unsafe { syscall!(daemon(i32::from(nochdir), i32::from(noclose))) };
        if r.is_ok() {
            super::coroutine::after_fork_child();
        }
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `Process::setPriority(int $which, int $priority, ?int $who = null): bool`.
    proc_set_priority(ex, rv) {
        let f = "Swoole\\Process::setPriority";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(which) = args::long(ex, 0, f, "which", None) else { return };
        let Ok(prio) = args::long(ex, 1, f, "priority", None) else { return };
        let Ok(who) = args::opt_long(ex, 2, f, "who") else { return };
        let who = who.or_else(|| with_proc(ex, |p| p.pid.map(i64::from)).flatten()).unwrap_or(0);
        // SAFETY: setpriority(2) with the caller's arguments.
        let r = unsafe { syscall!(setpriority(which as libc::__priority_which_t, who as libc::id_t, prio as libc::c_int)) };
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `Process::getPriority(int $which, ?int $who = null): int|false`.
    proc_get_priority(ex, rv) {
        let f = "Swoole\\Process::getPriority";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(which) = args::long(ex, 0, f, "which", None) else { return };
        let Ok(who) = args::opt_long(ex, 1, f, "who") else { return };
        let who = who.or_else(|| with_proc(ex, |p| p.pid.map(i64::from)).flatten()).unwrap_or(0);
        crate::rt::sys::set_errno(0);
        // SAFETY: getpriority(2); -1 is a valid priority, so errno tells failure.
        let p = unsafe { libc::getpriority(which as libc::__priority_which_t, who as libc::id_t) };
        if p == -1 && crate::rt::sys::errno() != 0 { ret_bool(rv, false) } else { ret_long(rv, i64::from(p)) }
    }
);

handler!(
    /// `Process::set(array $settings): void` — `enable_coroutine` is applied;
    /// Swoole's other keys are accepted.
    proc_set(ex, _rv) {
        let on = args::get(ex, 0).and_then(|z| z.array()).and_then(|a| a.get("enable_coroutine").map(|v| v.coerce_to_bool()));
        if let Some(on) = on {
            with_proc(ex, |p| p.enable_coroutine = on);
        }
    }
);

handler!(
    /// `Process::__destruct()`.
    proc_destruct(_ex, _rv) {}
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// Instance methods, then static ones.
pub const METHODS: &[(&str, Handler, bool)] = &[
    ("__construct", proc_construct, false),
    ("__destruct", proc_destruct, false),
    ("start", proc_start, false),
    ("read", proc_read, false),
    ("write", proc_write, false),
    ("close", proc_close, false),
    ("exit", proc_exit, false),
    ("exec", proc_exec, false),
    ("name", proc_name, false),
    ("setBlocking", proc_set_blocking, false),
    ("setTimeout", proc_set_timeout, false),
    ("setPriority", proc_set_priority, false),
    ("getPriority", proc_get_priority, false),
    ("set", proc_set, false),
    ("exportSocket", proc_export_socket, false),
    ("useQueue", super::process_queue::use_queue, false),
    ("statQueue", super::process_queue::stat_queue, false),
    ("freeQueue", super::process_queue::free_queue, false),
    ("pop", super::process_queue::pop, false),
    ("push", super::process_queue::push, false),
    ("kill", proc_kill, true),
    ("wait", proc_wait, true),
    ("signal", proc_signal, true),
    ("alarm", proc_alarm, true),
    ("daemon", proc_daemon, true),
    ("setAffinity", proc_set_affinity, true),
    ("getAffinity", proc_get_affinity, true),
];

/// Swoole 6.2.2's declarations of what corust has.
pub const SIGNATURES: &[&str] = &[
    "__construct(callable $callback, bool $redirect_stdin_and_stdout = false, int $pipe_type = SOCK_DGRAM, bool $enable_coroutine = false)",
    "__destruct()",
    "start(): bool|int",
    "read(int $size = 8192): false|string",
    "write(string $data): false|int",
    "close(int $which = 0): bool",
    "exit(int $exit_code = 0): void",
    "exec(string $exec_file, array $args): bool",
    "name(string $process_name): bool",
    "setBlocking(bool $blocking): bool",
    "setTimeout(float $seconds): bool",
    "setPriority(int $which, int $priority, ?int $who = null): bool",
    "getPriority(int $which, ?int $who = null): int|false",
    "set(array $settings): void",
    "exportSocket(): \\Swoole\\Coroutine\\Socket|false",
    "useQueue(int $key = 0, int $mode = 2, int $capacity = -1): bool",
    "statQueue(): array|false",
    "freeQueue(): bool",
    "pop(int $size = 65536): string|false",
    "push(string $data): bool",
    "kill(int $pid, int $signal_no = SIGTERM): bool",
    "wait(bool $blocking = true): array|false",
    "signal(int $signal_no, ?callable $callback = null): bool",
    "alarm(int $usec, int $type = 0): bool",
    "daemon(bool $nochdir = true, bool $noclose = true, array $pipes = []): bool",
    "setAffinity(array $cpu_settings): bool",
    "getAffinity(): array",
];

/// Online CPUs (Swoole's `SW_CPU_NUM`).
fn cpu_count() -> i64 {
    // SAFETY: sysconf has no preconditions.
    i64::from(unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) } as i32).max(1)
}

handler!(
    /// `Process::setAffinity(array $cpu_settings): bool` — binds this process
    /// to the CPUs listed (sched_setaffinity), with Swoole's checks.
    proc_set_affinity(ex, rv) {
        let f = "Swoole\\Process::setAffinity";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(list) = args::get(ex, 0).and_then(|z| z.array()) else {
            super::error::throw_type_error(&format!("{}(): Argument #1 ($cpu_settings) must be of type array", args::name_of(ex, f)));
            return;
        };
        let n = cpu_count();
        if list.is_empty() { ret_bool(rv, false); return; }
        if list.len() as i64 > n {
            warn_docref(E_WARNING, "More than the number of CPU");
            ret_bool(rv, false);
            return;
        }
        // SAFETY: an all-zero cpu_set_t is the empty set.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        for v in list.values() {
            let cpu = v.long().unwrap_or_else(|| v.coerce_to_long().unwrap_or(0));
            if cpu >= n || cpu < 0 {
                warn_docref(E_WARNING, &format!("invalid cpu id [{cpu}]"));
                ret_bool(rv, false);
                return;
            }
            // SAFETY: cpu is below the number of CPUs, within the set's size.
            unsafe { libc::CPU_SET(cpu as usize, &mut set) };
        }
        // SAFETY: sched_setaffinity(2) of this process with our set.
        if unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) } < 0 {
            warn_docref(E_WARNING, &format!("sched_setaffinity() failed, Error: {}", std::io::Error::last_os_error()));
            ret_bool(rv, false);
            return;
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `Process::getAffinity(): array` — the CPUs this process may run on.
    proc_get_affinity(_ex, rv) {
        // SAFETY: an all-zero cpu_set_t is valid; sched_getaffinity fills it.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        let mut ht = ZendHashTable::new();
        // SAFETY: sched_getaffinity(2) of this process into our set.
        if unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } == 0 {
            for cpu in 0..cpu_count() as usize {
                // SAFETY: cpu is within the set's size.
                if unsafe { libc::CPU_ISSET(cpu, &set) } {
                    let _ = ht.push(cpu as i64);
                }
            }
        }
        rv.set_hashtable(ht);
    }
);

/// The class (`Corust\Process`; `Swoole\Process` at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new("Corust\\Process");
    for (n, h, stat) in METHODS {
        let flags = if *stat {
            MethodFlags::Public | MethodFlags::Static
        } else {
            MethodFlags::Public
        };
        cb = cb.method(FunctionBuilder::new(*n, *h), flags);
    }
    for (name, v) in [
        ("IPC_NOWAIT", IPC_NOWAIT),
        ("PIPE_MASTER", PIPE_MASTER),
        ("PIPE_WORKER", PIPE_WORKER),
        ("PIPE_READ", PIPE_READ),
        ("PIPE_WRITE", PIPE_WRITE),
        ("PIPE_TYPE_NONE", PIPE_TYPE_NONE),
        ("PIPE_TYPE_STREAM", PIPE_TYPE_STREAM),
        ("PIPE_TYPE_DGRAM", PIPE_TYPE_DGRAM),
    ] {
        cb = match cb.constant(name, v, &[], ext_php_rs::flags::ConstantFlags::Public) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new("Corust\\Process"),
        };
    }
    for p in ["pipe", "msgQueueId", "msgQueueKey", "pid", "id"] {
        cb = cb.property(super::classes::public_null_prop(p));
    }
    cb.property(super::classes::private_null_prop("callback"))
        .registration(|c, a| {
            PROCESS_CE.store(c, Ordering::Relaxed);
            super::classes::native::<ProcessObj>(c, a);
        })
}
