//! A pool worker's life: workerStart (in a coroutine with
//! `enable_coroutine`), the SWOOLE_IPC_UNIXSOCK message loop until SIGTERM
//! (poll(2) without coroutines, a reader and a SIGTERM watcher coroutine
//! with), then workerStop and the end of the process.
//!
//! As in Swoole, SIGTERM keeps its default action (the worker ends at
//! once) until `workerStart` has given control back; from then on it asks
//! the worker to stop: its loop takes no more messages, and with
//! coroutines the worker goes on until its event loop is empty, running
//! `workerExit` at the end of each turn of the loop meanwhile.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use ext_php_rs::types::Zval;

use super::super::coroutine::spawn_native;
use super::super::globals::PhpThread;
use super::super::runtime::propagate;
use super::super::value::{zval_long, Callback};
use super::{call, set_prop, zbool, PoolObj, BUS_MESSAGE, IPC_MSGQUEUE, IPC_SOCKET, IPC_UNIXSOCK};
use crate::server::ipc;
use crate::server::process::SignalFd;

/// How a worker reads its pipe: raw datagrams (one per message, at most
/// `max` bytes), or the message bus (fragments joined up to `max` bytes).
#[derive(Clone, Copy)]
struct Framing {
    bus: bool,
    max: usize,
}

impl Framing {
    /// The receive buffer: one datagram (a bus fragment is at most
    /// `ipc::PIECE`; a raw message is cut at `max`, as Swoole's buffer).
    fn buffer(self) -> Vec<u8> {
        vec![0u8; if self.bus { ipc::PIECE } else { self.max }]
    }

    /// The message `datagram` completes, if any (always, without the bus;
    /// a stray or foreign datagram on the bus is dropped).
    fn take(self, joined: &mut ipc::Reassembly, datagram: &[u8]) -> Option<Vec<u8>> {
        if !self.bus {
            return Some(datagram.to_vec());
        }
        let (h, payload) = ipc::decode(datagram)?;
        let (h, whole) = joined.push(h, payload, self.max)?;
        (h.kind == BUS_MESSAGE).then_some(whole)
    }
}

/// Set once this worker was asked to stop (SIGTERM, `stop()`).
static STOPPING: AtomicBool = AtomicBool::new(false);

/// What a stop does in a worker with coroutines (set up once
/// `workerStart` has given control back). Not a `thread_local!`: what it
/// holds (zvals) must never be dropped by a TLS destructor after the
/// engine has shut down.
static ON_STOP: PhpThread<RefCell<Option<StopAction>>> = PhpThread::new();

/// What `request_stop` runs once.
type StopAction = Box<dyn FnOnce()>;

/// With coroutines: the pipe the reader coroutine waits on.
static READER: PhpThread<Cell<Option<RawFd>>> = PhpThread::new();

fn on_stop() -> &'static RefCell<Option<StopAction>> {
    ON_STOP.get(|| RefCell::new(None))
}

fn reader() -> &'static Cell<Option<RawFd>> {
    READER.get(|| Cell::new(None))
}

fn stopping() -> bool {
    STOPPING.load(Ordering::Relaxed)
}

/// The worker is asked to stop (Swoole's `ProcessPool::stop(worker)`):
/// once; the loops see `stopping()`, and with coroutines the reader is
/// woken and `workerExit` armed.
pub(super) fn request_stop() {
    if STOPPING.swap(true, Ordering::Relaxed) {
        return;
    }
    let f = on_stop().borrow_mut().take();
    if let Some(f) = f {
        f();
    }
}

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
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    let (reader, framing) =
        o.st.borrow_mut()
            .as_mut()
            .map(|p| {
                p.worker_id = Some(id);
                // Only this worker's own read end stays of use here.
                let r = p.pipes.get(id).map(|(_, r)| r.clone());
                (
                    r,
                    Framing {
                        bus: p.message_bus,
                        max: p.max_package,
                    },
                )
            })
            .unwrap_or((
                None,
                Framing {
                    bus: false,
                    max: super::MAX_MESSAGE,
                },
            ));
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
        let jobs = get("workerstart")
            .and_then(|cb| {
                Callback::new(&cb, vec![pool.shallow_clone(), zval_long(id as i64)]).ok()
            })
            .into_iter()
            .collect::<Vec<_>>();
        // The reader waits on the pipe before workerStart runs: a
        // `getProcess()->read()` of workerStart on the same pipe then
        // takes what comes first (the later waiter is woken), as in
        // Swoole, where the pipe cannot join the reactor while read()
        // waits on it.
        let reader = on_message.zip(reader);
        let raw = reader.as_ref().map(|(_, fd)| fd.as_raw_fd());
        if let Some((cb, fd)) = reader {
            serve_messages_async(pool.shallow_clone(), cb, fd, framing);
        }
        // After workerStart's first wait, as Swoole (which installs its
        // SIGTERM handler once the call has returned).
        let serve = || watch_stop(pool.shallow_clone(), id, get("workerexit"), raw);
        if jobs.is_empty() {
            serve();
            let _ = super::super::coroutine::run_loop();
        } else {
            let _ = super::super::coroutine::run_jobs_then(jobs, serve);
        }
        // The loop is over: what a stop or a turn would run goes now,
        // while the engine can still release it.
        let unused = on_stop().borrow_mut().take();
        drop(unused);
        super::super::event::set_turn_end(None);
    } else {
        call(pool, get("workerstart"), Some(id));
        if super::super::vm::has_exception() || super::super::runtime::aborting() {
            propagate();
            return;
        }
        if let (Some(cb), Some(fd)) = (on_message, reader) {
            serve_messages_sync(pool, &cb, fd.as_raw_fd(), framing);
        }
        let qkey = o.st.borrow().as_ref().map(|p| p.msgqueue_key).unwrap_or(0);
        if let (Some(cb), IPC_MSGQUEUE) = (get("message"), ipc) {
            catch_term();
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
        // With coroutines the reader ends now (Swoole removes the pipe from
        // its reactor): it keeps the loop alive no longer.
        if let Some(fd) = reader().take() {
            super::super::runtime::rt(|r| r.close_fd(fd));
        }
    }
    ok
}

/// The worker's loop ends: it was asked to stop, or it detached.
fn leaving() -> bool {
    stopping() || detached()
}

/// With coroutines: a SIGTERM watcher (in the background: it keeps no loop
/// alive) asks the worker to stop, and so does `stop()`; a stop then wakes
/// the reader of `pipe` (which ends) and, with a `workerExit` callback,
/// runs it at the end of each turn of the loop until the loop is empty.
fn watch_stop(pool: Zval, id: usize, on_exit: Option<Zval>, pipe: Option<RawFd>) {
    reader().set(pipe);
    *on_stop().borrow_mut() = Some(Box::new(move || {
        if let Some(fd) = pipe {
            super::super::runtime::rt(|r| r.close_fd(fd));
        }
        let Some(cb) = on_exit else { return };
        super::super::event::set_turn_end(Some(Box::new(move || {
            if let Some(obj) = pool.object() {
                let o = obj as *const _ as *mut ext_php_rs::ffi::zend_object;
                set_prop(o, c"running", zbool(false));
                set_prop(o, c"workerRunning", zbool(false));
            }
            call(&pool, Some(cb.shallow_clone()), Some(id));
        })));
    }));
    if stopping() {
        // stop() came during workerStart.
        STOPPING.store(false, Ordering::Relaxed);
        request_stop();
    }
    // As Swoole: a SIGTERM handler of the application's own (set with
    // `Process::signal()` in workerStart) stays the one that runs.
    if super::super::process::has_signal_handler(libc::SIGTERM) {
        return;
    }
    let Ok(sig) = SignalFd::new(&[libc::SIGTERM]) else {
        return;
    };
    let _ = spawn_native(move || {
        let ready = || {
            matches!(
                super::super::runtime::rt(|r| r.wait_fd_background(sig.fd, "pool SIGTERM")),
                Ok(crate::rt::Wakeup::Ready)
            )
        };
        while ready() {
            // Consumed (each SIGTERM after the first changes nothing;
            // SIGTERM stays blocked, as Swoole keeps its handler).
            while sig.read().is_some() {}
            request_stop();
        }
    });
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
            request_stop();
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

/// Blocking message loop of a worker without coroutines: each message (a
/// datagram, or with the bus the fragments it joins) is one `message`
/// call, until SIGTERM.
fn serve_messages_sync(pool: &Zval, cb: &Zval, fd: RawFd, framing: Framing) {
    let Ok(sig) = SignalFd::new(&[libc::SIGTERM]) else {
        return;
    };
    let mut buf = framing.buffer();
    let mut joined = ipc::Reassembly::default();
    while !leaving() {
        match wait_readable(&sig, fd) {
            Wait::Ready => {}
            Wait::Again => continue,
            Wait::Stop => break,
        }
        match recv_datagram(fd, &mut buf) {
            Ok(n) => {
                let Some(msg) = framing.take(&mut joined, &buf[..n]) else {
                    continue;
                };
                let data = super::super::zarray::str_zval(&msg);
                if let Ok(mut c) = Callback::new(cb, vec![pool.shallow_clone(), data]) {
                    let mut r = Zval::new();
                    c.call(&mut r);
                }
                if super::super::vm::has_exception() || super::super::runtime::aborting() {
                    break;
                }
            }
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => {}
            Err(_) => break,
        }
    }
    sig.close_and_unblock(&[libc::SIGTERM]);
}

/// The coroutine message loop: a reader coroutine runs each message's
/// `message` callback in a coroutine of its own, until the worker is asked
/// to stop (`watch_stop` wakes it) or detaches.
fn serve_messages_async(pool: Zval, cb: Zval, fd: Rc<OwnedFd>, framing: Framing) {
    let raw = fd.as_raw_fd();
    let _ = spawn_native(move || {
        let _keep = fd;
        let mut buf = framing.buffer();
        let mut joined = ipc::Reassembly::default();
        while !leaving() {
            match recv_datagram(raw, &mut buf) {
                Ok(n) => {
                    let Some(msg) = framing.take(&mut joined, &buf[..n]) else {
                        continue;
                    };
                    let argv = vec![pool.shallow_clone(), super::super::zarray::str_zval(&msg)];
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
                    if !matches!(r, Ok(crate::rt::Wakeup::Ready)) {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
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
        if len == 0 || len > super::MAX_MESSAGE {
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
        if super::super::vm::has_exception() || super::super::runtime::aborting() || leaving() {
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
    while !TERM.load(std::sync::atomic::Ordering::Relaxed) && !leaving() {
        match q.pop(0, crate::server::msg_queue::MSGMAX) {
            Ok(data) => {
                let argv = vec![pool.shallow_clone(), super::super::zarray::str_zval(&data)];
                if let Ok(mut c) = Callback::new(cb, argv) {
                    let mut r = Zval::new();
                    c.call(&mut r);
                }
                if super::super::vm::has_exception() || super::super::runtime::aborting() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
}
