//! A pool worker's life: workerStart (in a coroutine with
//! `enable_coroutine`), the SWOOLE_IPC_UNIXSOCK message loop until SIGTERM
//! (poll(2) without coroutines, a reader and a SIGTERM watcher coroutine
//! with), then workerStop and the end of the process.

use std::collections::HashMap;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::rc::Rc;

use ext_php_rs::types::Zval;

use super::super::coroutine::spawn_native;
use super::super::runtime::propagate;
use super::super::value::{zval_long, Callback};
use super::{call, set_prop, zbool, PoolObj, IPC_MSGQUEUE, IPC_SOCKET, IPC_UNIXSOCK, MAX_MESSAGE};
use crate::server::process::SignalFd;

/// A worker's life: workerStart, its messages until SIGTERM, workerStop,
/// then the process ends as though the script had called exit.
pub(super) fn worker_main(
    o: &PoolObj,
    pool: &Zval,
    obj: *mut ext_php_rs::ffi::zend_object,
    id: usize,
    ipc: i64,
    coro: bool,
    cbs: &HashMap<&'static str, Zval>,
) {
    super::super::coroutine::after_fork_child();
    super::super::process::forget_signals();
    // As Swoole's workers (which inherit the pool's handler): SIGTERM asks
    // the worker to finish, it does not kill it mid-callback; the master
    // SIGKILLs it after max_wait_time if it never does.
    catch_term();
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    let reader = o.st.borrow_mut().as_mut().and_then(|p| {
        p.worker_id = Some(id);
        // Only this worker's own read end stays of use here.
        p.pipes.get(id).map(|(_, r)| r.clone())
    });
    set_prop(obj, c"workerPid", zval_long(i64::from(me)));
    set_prop(obj, c"workerId", zval_long(id as i64));
    set_prop(obj, c"running", zbool(true));
    set_prop(obj, c"workerRunning", zbool(true));
    let get = |k: &str| cbs.get(k).map(|z| z.shallow_clone());
    let on_message = if ipc == IPC_UNIXSOCK {
        get("message")
    } else {
        None
    };
    if coro {
        if let (Some(cb), Some(fd)) = (on_message, reader) {
            serve_messages_async(pool.shallow_clone(), cb, fd);
        }
        let jobs = get("workerstart")
            .and_then(|cb| {
                Callback::new(&cb, vec![pool.shallow_clone(), zval_long(id as i64)]).ok()
            })
            .into_iter()
            .collect::<Vec<_>>();
        if jobs.is_empty() {
            let _ = super::super::coroutine::run_jobs(vec![]);
            let _ = super::super::coroutine::run_loop();
        } else {
            let _ = super::super::coroutine::run_jobs(jobs);
        }
    } else {
        call(pool, get("workerstart"), Some(id));
        if super::super::vm::has_exception() || super::super::runtime::aborting() {
            propagate();
            return;
        }
        if let (Some(cb), Some(fd)) = (on_message, reader) {
            serve_messages_sync(pool, &cb, fd.as_raw_fd());
        }
        let qkey = o.st.borrow().as_ref().map(|p| p.msgqueue_key).unwrap_or(0);
        if let (Some(cb), IPC_MSGQUEUE) = (get("message"), ipc) {
            serve_queue_sync(pool, &cb, qkey);
        }
        let listener =
            o.st.borrow()
                .as_ref()
                .and_then(|p| p.listen_fd.as_ref().map(|f| f.as_raw_fd()));
        if let (Some(cb), Some(lfd), IPC_SOCKET) = (get("message"), listener, ipc) {
            serve_socket_sync(o, pool, &cb, lfd);
        }
    }
    if super::super::vm::has_exception() || super::super::runtime::aborting() {
        propagate();
        return;
    }
    set_prop(obj, c"running", zbool(false));
    set_prop(obj, c"workerRunning", zbool(false));
    call(pool, get("workerstop"), Some(id));
    if super::super::vm::has_exception() || super::super::runtime::aborting() {
        propagate();
        return;
    }
    // SAFETY: throwing the engine's unwind-exit marker, as exit() does.
    unsafe { ext_php_rs::ffi::zend_throw_unwind_exit() };
}

/// Set by `Process\Pool::detach()` in this worker: it takes no more
/// messages (the worker that replaces it does).
static DETACHED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn detached() -> bool {
    DETACHED.load(std::sync::atomic::Ordering::Relaxed)
}

/// `detach()`: asks the pool's master (our parent) for a replacement and
/// stops taking messages. False when already detached or the master is
/// gone.
pub(super) fn detach() -> bool {
    if detached() {
        return false;
    }
    // SAFETY: getppid/kill have no memory preconditions; the master handles
    // SIGUSR2 from one of its workers as a detach.
    let ok = unsafe {
        let master = libc::getppid();
        master > 1 && crate::syscall!(kill(master, libc::SIGUSR2)).is_ok()
    };
    if ok {
        DETACHED.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    ok
}

/// What a blocking worker loop does after `wait_readable`.
enum Wait {
    /// `fd` is readable.
    Ready,
    /// Interrupted: wait again.
    Again,
    /// SIGTERM came (consumed, so unblocking it later does not kill us),
    /// or the wait failed.
    Stop,
}

/// Blocks in poll(2) until `fd` is readable or SIGTERM (blocked, read from
/// `sig`) comes.
fn wait_readable(sig: &SignalFd, fd: RawFd) -> Wait {
    let mut fds = [
        libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: sig.fd,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    // SAFETY: poll(2) on two pollfds we own for the call.
    match unsafe { crate::syscall!(poll(fds.as_mut_ptr(), 2, -1)) } {
        Ok(_) if fds[1].revents != 0 => {
            let _ = sig.read();
            Wait::Stop
        }
        Ok(_) => Wait::Ready,
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Wait::Again,
        Err(_) => Wait::Stop,
    }
}

fn recv_datagram(fd: RawFd, buf: &mut [u8]) -> std::io::Result<usize> {
    // SAFETY: recv into a buffer of its own length.
    unsafe {
        crate::syscall!(recv(
            fd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            libc::MSG_DONTWAIT
        ))
    }
    .map(|n| n as usize)
}

/// Blocking message loop of a worker without coroutines: each datagram is
/// one `message` call, until SIGTERM.
fn serve_messages_sync(pool: &Zval, cb: &Zval, fd: RawFd) {
    let Ok(sig) = SignalFd::new(&[libc::SIGTERM]) else {
        return;
    };
    let mut buf = vec![0u8; MAX_MESSAGE];
    loop {
        match wait_readable(&sig, fd) {
            Wait::Ready => {}
            Wait::Again => continue,
            Wait::Stop => break,
        }
        match recv_datagram(fd, &mut buf) {
            Ok(n) => {
                let data = super::super::zarray::str_zval(&buf[..n]);
                if let Ok(mut c) = Callback::new(cb, vec![pool.shallow_clone(), data]) {
                    let mut r = Zval::new();
                    c.call(&mut r);
                }
                if super::super::vm::has_exception()
                    || super::super::runtime::aborting()
                    || detached()
                {
                    break;
                }
            }
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => {}
            Err(_) => break,
        }
    }
    sig.close_and_unblock(&[libc::SIGTERM]);
}

/// The coroutine message loop: a reader coroutine runs each datagram's
/// `message` callback in a coroutine of its own; a SIGTERM watcher ends it.
fn serve_messages_async(pool: Zval, cb: Zval, fd: Rc<OwnedFd>) {
    let Ok(sig) = SignalFd::new(&[libc::SIGTERM]) else {
        return;
    };
    let sig_fd = sig.fd;
    let raw = fd.as_raw_fd();
    // Set by whichever of the two ends first; the other then ends too.
    let done = Rc::new(std::cell::Cell::new(false));
    let done2 = done.clone();
    let _ = spawn_native(move || {
        // The watcher: a SIGTERM ends the reader (its wait is woken). It
        // waits in the background: a worker whose reader is gone may end.
        let _ = super::super::runtime::rt(|r| r.wait_fd_background(sig_fd, "pool SIGTERM"));
        if !done2.replace(true) {
            super::super::runtime::rt(|r| r.close_fd(raw));
        }
        // Consumed here, so unblocking it below does not kill us.
        let _ = sig.read();
        sig.close_and_unblock(&[libc::SIGTERM]);
    });
    let _ = spawn_native(move || {
        let _keep = fd;
        let mut buf = vec![0u8; MAX_MESSAGE];
        loop {
            match recv_datagram(raw, &mut buf) {
                Ok(n) => {
                    let argv = vec![
                        pool.shallow_clone(),
                        super::super::zarray::str_zval(&buf[..n]),
                    ];
                    let cb = cb.shallow_clone();
                    let _ = spawn_native(move || {
                        if let Ok(mut c) = Callback::new(&cb, argv) {
                            super::super::coroutine::run_as_new(&mut c);
                        }
                    });
                }
                Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => {
                    let r = super::super::runtime::rt(|r| {
                        r.wait_owned_fd(raw, crate::rt::driver::io::Dir::Read, None)
                    });
                    if done.get() || detached() || !matches!(r, Ok(crate::rt::Wakeup::Ready)) {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        // The watcher goes with the reader.
        if !done.replace(true) {
            super::super::runtime::rt(|r| r.close_fd(sig_fd));
        }
    });
}

/// Reads exactly `buf.len()` bytes from blocking socket `fd`: false at the
/// end of the stream or on an error.
fn read_full(fd: RawFd, buf: &mut [u8]) -> bool {
    let mut off = 0;
    while off < buf.len() {
        let rest = &mut buf[off..];
        // SAFETY: recv into the rest of a buffer of its own length.
        match unsafe { crate::syscall!(recv(fd, rest.as_mut_ptr().cast(), rest.len(), 0)) } {
            Ok(0) => return false,
            Ok(n) => off += n as usize,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}

/// Writes all of `data` to blocking socket `fd`.
fn write_full(fd: RawFd, mut data: &[u8]) -> bool {
    while !data.is_empty() {
        // SAFETY: send from a slice of its own length; no SIGPIPE.
        match unsafe {
            crate::syscall!(send(
                fd,
                data.as_ptr().cast(),
                data.len(),
                libc::MSG_NOSIGNAL
            ))
        } {
            Ok(n) => data = &data[n as usize..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}

/// SWOOLE_IPC_SOCKET: accept a connection, read one message (a 4-byte
/// big-endian length, then that many bytes), run `message`, send back what
/// `write()` collected (length-prefixed the same way), close; until SIGTERM.
/// A bad length or a short read costs that connection only.
fn serve_socket_sync(o: &PoolObj, pool: &Zval, cb: &Zval, lfd: RawFd) {
    let Ok(sig) = SignalFd::new(&[libc::SIGTERM]) else {
        return;
    };
    loop {
        match wait_readable(&sig, lfd) {
            Wait::Ready => {}
            Wait::Again => continue,
            Wait::Stop => break,
        }
        // SAFETY: accept4 on the listening socket; the peer address is not kept.
        let conn = match unsafe {
            crate::syscall!(accept4(
                lfd,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                libc::SOCK_CLOEXEC
            ))
        } {
            // SAFETY: a fresh fd nobody else owns (blocking: the accept
            // flags leave O_NONBLOCK off).
            Ok(fd) => unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) },
            // Another worker took it, or the client gave up.
            Err(_) => continue,
        };
        let fd = conn.as_raw_fd();
        let mut head = [0u8; 4];
        if !read_full(fd, &mut head) {
            continue;
        }
        let len = u32::from_be_bytes(head) as usize;
        if len == 0 || len > MAX_MESSAGE {
            continue;
        }
        let mut body = vec![0u8; len];
        if !read_full(fd, &mut body) {
            continue;
        }
        if let Some(p) = o.st.borrow_mut().as_mut() {
            p.reply = Some(Vec::new());
        }
        if let Ok(mut c) = Callback::new(
            cb,
            vec![pool.shallow_clone(), super::super::zarray::str_zval(&body)],
        ) {
            let mut r = Zval::new();
            c.call(&mut r);
        }
        let reply =
            o.st.borrow_mut()
                .as_mut()
                .and_then(|p| p.reply.take())
                .unwrap_or_default();
        if !reply.is_empty() {
            if let Ok(n) = u32::try_from(reply.len()) {
                let _ = write_full(fd, &n.to_be_bytes()) && write_full(fd, &reply);
            }
        }
        if super::super::vm::has_exception() || super::super::runtime::aborting() || detached() {
            break;
        }
    }
    sig.close_and_unblock(&[libc::SIGTERM]);
}

/// Set by SIGTERM while a worker waits in msgrcv(2).
static TERM: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_term(_: libc::c_int) {
    // Async-signal-safe: a store, nothing else.
    TERM.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Installs the SIGTERM handler (no SA_RESTART: it interrupts a msgrcv or
/// a sleep, which then see `TERM`).
fn catch_term() {
    // SAFETY: installing a handler that only stores to an atomic; a zeroed
    // sigaction with an empty mask.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_term as *const () as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGTERM, &sa, std::ptr::null_mut());
    }
}

/// SWOOLE_IPC_MSGQUEUE: each message popped from the System V queue (any
/// type) is one `message` call, until SIGTERM. msgrcv cannot be polled, so
/// SIGTERM gets a handler without SA_RESTART: it interrupts the wait.
fn serve_queue_sync(pool: &Zval, cb: &Zval, key: i64) {
    let Ok(q) = crate::server::msg_queue::MsgQueue::open(key as libc::key_t) else {
        return;
    };
    while !TERM.load(std::sync::atomic::Ordering::Relaxed) {
        match q.pop(0, crate::server::msg_queue::MSGMAX) {
            Ok(data) => {
                let argv = vec![pool.shallow_clone(), super::super::zarray::str_zval(&data)];
                if let Ok(mut c) = Callback::new(cb, argv) {
                    let mut r = Zval::new();
                    c.call(&mut r);
                }
                if super::super::vm::has_exception()
                    || super::super::runtime::aborting()
                    || detached()
                {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
}
