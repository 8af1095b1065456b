//! Hooked stream transports: `tcp`, `udp`, `unix`, `udg`, `ssl`, `tls` sockets created inside
//! a coroutine wait by yielding to the scheduler instead of blocking the process.
//!
//! How: at MINIT we remember the factory registered for each transport (for
//! `tcp` that is ext/openssl's, which lets `stream_socket_enable_crypto()`
//! upgrade a plain socket) and, while the hook flag is on, register ours in
//! its place. Ours calls the saved factory — so the stream is the engine's own,
//! with its own `php_netstream_data_t` — and, inside a coroutine, swaps the
//! stream's ops table for a copy whose `read`, `write` and `set_option` wait in
//! the reactor whenever the original would block: connect (our own
//! non-blocking connect, same error texts), accept, read, write, recvfrom.
//! The fd is kept O_NONBLOCK; `is_blocked` keeps the user's blocking mode and
//! the stream timeouts (`default_socket_timeout`, `stream_set_timeout`, the
//! connect timeout) are honoured. Everything else (names, shutdown, liveness,
//! meta data) is the original op. A stream created outside coroutines is not
//! touched; a wrapped stream used outside coroutines runs the original ops.
//! ext/openssl's TLS transports are wrapped the same way; `tls.rs` runs their
//! handshakes and picks the direction a TLS read or write waits for.
//! Invariants: a wrapped stream's ops point at one of our tables (`ops.rs`);
//! original factories are registered again when the flag is turned off.

use super::super::fence::fenced_op;
use std::cell::{Cell, RefCell};
use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::time::Duration;

use ext_php_rs::ffi::{
    php_stream, php_stream_context, php_stream_ops, php_stream_transport_factory,
    php_stream_xport_get_hash, php_stream_xport_param, php_stream_xport_register, timeval,
    zend_hash_str_find,
};

use super::super::args::handler;
use super::super::error::throw_rt;
use super::super::globals::PhpThread;
use super::super::runtime::rt;
use super::super::sys::stream::NetStream;
pub(super) use super::ops::orig_ops;
use super::ops::Tables;
use super::{HOOK_SSL, HOOK_TCP, HOOK_TLS, HOOK_UDG, HOOK_UDP, HOOK_UNIX};
use crate::rt::driver::io::Dir;
use crate::rt::sys::set_nonblocking;
use crate::rt::{Error, Wakeup};

const OPT_BLOCKING: c_int = 1;
const OPT_XPORT_API: c_int = 7;
const OPT_CRYPTO_API: c_int = 8;
const OP_CONNECT: u32 = 1;
const OP_ACCEPT: u32 = 3;
const OP_CONNECT_ASYNC: u32 = 4;
const OP_RECV: u32 = 7;

/// One hooked transport.
struct Transport {
    /// Scheme.
    name: &'static str,
    /// Its hook flag.
    flag: i64,
    /// The factory registered before us.
    orig: Cell<php_stream_transport_factory>,
    /// True while ours is registered.
    hooked: Cell<bool>,
}

/// Hooked transports and the ops tables made so far.
struct State {
    /// tcp, udp, unix, udg, then ext/openssl's TLS transports.
    transports: [Transport; 10],
    /// Our ops tables.
    tables: Tables,
    /// Wrapped streams not closed yet (a waiter checks this before touching
    /// its stream again: another coroutine may have closed it meanwhile).
    live: RefCell<crate::rt::idmap::IdSet<usize>>,
}

static STATE: PhpThread<State> = PhpThread::new();

fn state() -> &'static State {
    STATE.get(|| {
        let t = |name, flag| Transport {
            name,
            flag,
            orig: Cell::new(None),
            hooked: Cell::new(false),
        };
        State {
            transports: [
                t("tcp", HOOK_TCP),
                t("udp", HOOK_UDP),
                t("unix", HOOK_UNIX),
                t("udg", HOOK_UDG),
                t("ssl", HOOK_SSL),
                t("tls", HOOK_TLS),
                t("tlsv1.0", HOOK_TLS),
                t("tlsv1.1", HOOK_TLS),
                t("tlsv1.2", HOOK_TLS),
                t("tlsv1.3", HOOK_TLS),
            ],
            tables: Tables::default(),
            live: RefCell::new(crate::rt::idmap::IdSet::default()),
        }
    })
}

/// MINIT: remembers the factory registered for each transport.
pub fn startup() {
    for t in &state().transports {
        // SAFETY: MINIT; the transport hash maps names to factory pointers (IS_PTR).
        unsafe {
            let z = zend_hash_str_find(
                php_stream_xport_get_hash(),
                t.name.as_ptr().cast(),
                t.name.len(),
            );
            if !z.is_null() {
                let f: php_stream_transport_factory = std::mem::transmute((*z).value.ptr);
                t.orig.set(f);
            }
        }
    }
}

/// Registers our factory for each transport whose flag is on, and the
/// original for the others.
pub fn apply(flags: i64) {
    for (i, t) in state().transports.iter().enumerate() {
        let Some(orig) = t.orig.get() else { continue };
        let on = flags & t.flag != 0;
        if on == t.hooked.get() {
            continue;
        }
        let ours: php_stream_transport_factory = match i {
            0 => Some(factory::<0>),
            1 => Some(factory::<1>),
            2 => Some(factory::<2>),
            3 => Some(factory::<3>),
            4 => Some(factory::<4>),
            5 => Some(factory::<5>),
            6 => Some(factory::<6>),
            7 => Some(factory::<7>),
            8 => Some(factory::<8>),
            _ => Some(factory::<9>),
        };
        let name = std::ffi::CString::new(t.name).unwrap_or_default();
        // SAFETY: re-registering a transport name with a valid factory; the
        // engine stores the pointer in its transport hash.
        unsafe { php_stream_xport_register(name.as_ptr(), if on { ours } else { Some(orig) }) };
        t.hooked.set(on);
    }
}

handler!(
    /// `stream_socket_pair(int $domain, int $type, int $protocol): array|false`
    /// (HOOK_STREAM_FUNCTION): the pair's socket streams get the hooked ops,
    /// in or out of a coroutine as Swoole's (outside one they behave as
    /// plain PHP's: the engine's own ops poll before they block).
    hooked_stream_socket_pair(ex, rv) {
        super::functions::original(super::functions::STREAM_SOCKET_PAIR, ex, rv);
        let Some(arr) = rv.array() else { return };
        for v in arr.values() {
            let Some(res) = v.resource() else { continue };
            // SAFETY: a stream resource the original just created (socket
            // streams: php_netstream_data_t behind `abstract`).
            unsafe {
                let t = (*res).type_;
                if t == ext_php_rs::ffi::php_file_le_stream() {
                    wrap((*res).ptr as *mut php_stream);
                }
            }
        }
    }
);

pub(super) fn in_coroutine() -> bool {
    !rt(|r| r.current()).is_main()
}

/// The transport factory registered for transport `I`: a fenced call of
/// `factory_impl` (a panic makes the open fail with a `Corust\Error`).
#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn factory<const I: usize>(
    proto: *const c_char,
    protolen: usize,
    resourcename: *const c_char,
    resourcenamelen: usize,
    persistent_id: *const c_char,
    options: c_int,
    flags: c_int,
    timeout: *mut timeval,
    context: *mut php_stream_context,
) -> *mut php_stream {
    super::super::fence::throwing("stream open", std::ptr::null_mut(), || {
        // SAFETY: the engine's own call, forwarded unchanged.
        unsafe {
            factory_impl::<I>(
                proto,
                protolen,
                resourcename,
                resourcenamelen,
                persistent_id,
                options,
                flags,
                timeout,
                context,
            )
        }
    })
}

#[allow(clippy::too_many_arguments)]
unsafe fn factory_impl<const I: usize>(
    proto: *const c_char,
    protolen: usize,
    resourcename: *const c_char,
    resourcenamelen: usize,
    persistent_id: *const c_char,
    options: c_int,
    flags: c_int,
    timeout: *mut timeval,
    context: *mut php_stream_context,
) -> *mut php_stream {
    let Some(orig) = state().transports[I].orig.get() else {
        return std::ptr::null_mut();
    };
    // SAFETY: the engine's own factory, called with the arguments it gave us.
    let s = unsafe {
        orig(
            proto,
            protolen,
            resourcename,
            resourcenamelen,
            persistent_id,
            options,
            flags,
            timeout,
            context,
        )
    };
    // Persistent ones too, as Swoole: mysqlnd opens every connection of a
    // mysqli_init() handle (MysqliPool's) as a persistent stream, then takes
    // it off the persistent list; the CLI's one request ends them all.
    if !s.is_null() && in_coroutine() {
        // SAFETY: a fresh socket stream made by the engine's factory.
        unsafe { wrap(s) };
    }
    s
}

/// Points `s` at our copy of its ops table.
///
/// # Safety
/// `s` must be a live socket stream (abstract = php_netstream_data_t).
unsafe fn wrap(s: *mut php_stream) {
    // SAFETY: s is live; we only read and replace its ops pointer.
    unsafe {
        let sock = net(s);
        if !sock.is_null() && (*sock).socket >= 0 {
            set_nonblocking((*sock).socket, true);
            // A new stream on this fd number: nothing registered before is ours.
            rt(|r| r.close_fd((*sock).socket));
        }
        let orig = (*s).ops;
        state().live.borrow_mut().insert(s as usize);
        // ext/openssl gives accepted streams the listener's ops: ours already.
        if state().tables.is_ours(orig) {
            return;
        }
        let ours = state().tables.ours_for(orig, |ops| {
            ops.read = Some(co_read);
            ops.write = Some(co_write);
            ops.set_option = Some(co_set_option);
            ops.close = Some(co_close);
        });
        (*s).ops = ours;
    }
}

pub(super) fn is_live(s: *mut php_stream) -> bool {
    state().live.borrow().contains(&(s as usize))
}

/// `ops::delegate` for a wrapped socket stream.
///
/// # Safety
/// `s` must be a live wrapped stream.
unsafe fn delegate<R>(s: *mut php_stream, f: impl FnOnce(&php_stream_ops) -> R) -> R {
    // SAFETY: forwarded.
    unsafe { super::ops::delegate(s, is_live, f) }
}

fenced_op!(co_close => co_close_impl(stream: *mut php_stream, close_handle: c_int) -> c_int, "stream close", -1);

unsafe fn co_close_impl(stream: *mut php_stream, close_handle: c_int) -> c_int {
    // SAFETY: the engine closes a live wrapped stream: wake whoever waits on
    // its fd (they will see it is gone), then let the original close it.
    unsafe {
        state().live.borrow_mut().remove(&(stream as usize));
        let sock = net(stream);
        let fd = (!sock.is_null()).then(|| (*sock).socket);
        super::ops::close(stream, close_handle, fd)
    }
}

/// # Safety
/// `s` must be a live socket stream.
pub(super) unsafe fn net(s: *mut php_stream) -> *mut NetStream {
    // SAFETY: socket streams (and ext/openssl's, whose data starts with one)
    // keep a php_netstream_data_t behind `abstract`.
    unsafe { (*s).abstract_ as *mut NetStream }
}

pub(super) fn timeout_of(tv: &timeval) -> Option<Duration> {
    if tv.tv_sec < 0 {
        None
    } else {
        Some(
            Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec.max(0) as u64),
        )
    }
}

/// Waits for `fd`; Ok(true) when ready, Ok(false) on timeout or cancel,
/// Err(()) when the wait itself failed (an exception may be pending).
///
/// The fd stays registered with epoll between waits (edge-triggered: every
/// caller waits only right after the syscall said EAGAIN) until the stream's
/// close (`ops::close`) forgets it; `wrap` forgets whatever an earlier owner
/// of the same fd number left. Saves two epoll_ctl calls per wait.
pub(super) fn wait(fd: c_int, dir: Dir, timeout: Option<Duration>) -> Result<bool, ()> {
    waited(rt(|r| r.wait_owned_fd(fd, dir, timeout)))
}

/// As `wait`, for a caller that has not tried its syscall yet (accept,
/// recvfrom let the original do it): the kept registration is edge-triggered,
/// so what is pending already (several connections queued at once) is asked
/// of the kernel first.
pub(super) fn wait_before_try(fd: c_int, dir: Dir, timeout: Option<Duration>) -> Result<bool, ()> {
    if super::ready_now(fd, dir) {
        return Ok(true);
    }
    wait(fd, dir, timeout)
}

/// As `wait`, registering `fd` with epoll only for this wait (an fd whose
/// close the hook does not see).
pub(super) fn wait_once(fd: c_int, dir: Dir, timeout: Option<Duration>) -> Result<bool, ()> {
    waited(rt(|r| r.wait_fd(fd, dir, timeout)))
}

/// A wait's outcome as `wait` reports it; a busy fd throws.
fn waited(w: Result<Wakeup, Error>) -> Result<bool, ()> {
    match w {
        Ok(Wakeup::Ready) | Ok(Wakeup::Start) => Ok(true),
        Ok(_) => Ok(false),
        Err(e @ Error::Busy { .. }) => {
            throw_rt(&e);
            Err(())
        }
        Err(_) => Err(()),
    }
}

/// How a stream's wait ended.
enum Waited {
    /// Ready: try the syscall again.
    Ready,
    /// The stream timeout passed (`timeout_event` is set, as PHP does).
    TimedOut,
    /// Canceled, refused (socket busy: an exception is pending) or the
    /// stream was closed meanwhile by another coroutine.
    Failed,
}

/// Waits for a wrapped stream's fd within its timeout.
///
/// # Safety
/// `stream` must be a live wrapped stream and `sock` its data.
unsafe fn wait_stream(stream: *mut php_stream, sock: *mut NetStream, dir: Dir) -> Waited {
    // SAFETY: sock is live until we look at `is_live` again after the wait.
    let (fd, timeout) = unsafe { ((*sock).socket, timeout_of(&(*sock).timeout)) };
    let ready = wait(fd, dir, timeout);
    if !is_live(stream) {
        return Waited::Failed;
    }
    match ready {
        Ok(true) => Waited::Ready,
        Ok(false) => {
            // SAFETY: the stream is still live (checked just above).
            unsafe { (*sock).timeout_event = 1 };
            Waited::TimedOut
        }
        Err(()) => Waited::Failed,
    }
}

fenced_op!(co_read => co_read_impl(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize, "stream read", -1);

unsafe fn co_read_impl(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize {
    // SAFETY: the engine calls us for a live wrapped stream; NetStream is its data.
    unsafe {
        let sock = net(stream);
        let read = |s: *mut php_stream| delegate(s, |o| o.read.map_or(-1, |f| f(s, buf, count)));
        if !in_coroutine() || sock.is_null() || (*sock).socket < 0 || (*sock).is_blocked == 0 {
            return read(stream);
        }
        (*sock).timeout_event = 0;
        loop {
            // Try without blocking first: data may already be there. errno
            // is cleared: ext/openssl tells EOF from "would block" by it.
            (*sock).is_blocked = 0;
            *libc::__errno_location() = 0;
            let r = read(stream);
            (*sock).is_blocked = 1;
            if r != 0 || (*stream).eof() != 0 {
                return r;
            }
            match wait_stream(stream, sock, super::tls::io_dir(stream, Dir::Read)) {
                Waited::Ready => continue,
                // As plain PHP: a timed-out read is a failed read.
                Waited::TimedOut | Waited::Failed => return -1,
            }
        }
    }
}

fenced_op!(co_write => co_write_impl(stream: *mut php_stream, buf: *const c_char, count: usize) -> isize, "stream write", -1);

unsafe fn co_write_impl(stream: *mut php_stream, buf: *const c_char, count: usize) -> isize {
    // SAFETY: as co_read.
    unsafe {
        let sock = net(stream);
        let write = |s: *mut php_stream, at: usize| {
            delegate(s, |o| o.write.map_or(-1, |f| f(s, buf.add(at), count - at)))
        };
        if !in_coroutine() || sock.is_null() || (*sock).socket < 0 || (*sock).is_blocked == 0 {
            return write(stream, 0);
        }
        (*sock).timeout_event = 0;
        let mut done = 0usize;
        while done < count {
            (*sock).is_blocked = 0;
            let r = write(stream, done);
            (*sock).is_blocked = 1;
            if r < 0 {
                return if done > 0 { done as isize } else { r };
            }
            if r > 0 {
                done += r as usize;
                continue;
            }
            match wait_stream(stream, sock, super::tls::io_dir(stream, Dir::Write)) {
                Waited::Ready => continue,
                Waited::TimedOut => break,
                Waited::Failed if !is_live(stream) => return -1,
                Waited::Failed => return if done > 0 { done as isize } else { -1 },
            }
        }
        done as isize
    }
}

fenced_op!(co_set_option => co_set_option_impl(stream: *mut php_stream, option: c_int, value: c_int, ptr: *mut c_void,) -> c_int, "stream set_option", -1);

unsafe fn co_set_option_impl(
    stream: *mut php_stream,
    option: c_int,
    value: c_int,
    ptr: *mut c_void,
) -> c_int {
    // SAFETY: the engine calls us for a live wrapped stream with the
    // parameter type each option defines (xport param for XPORT_API).
    unsafe {
        let set = |s: *mut php_stream| {
            delegate(s, |o| o.set_option.map_or(-2, |f| f(s, option, value, ptr)))
        };
        let orig = orig_ops(stream);
        match option {
            OPT_CRYPTO_API => super::tls::crypto_api(stream, ptr, set),
            OPT_BLOCKING => {
                let r = set(stream);
                let sock = net(stream);
                if !sock.is_null() && (*sock).socket >= 0 {
                    set_nonblocking((*sock).socket, true);
                }
                r
            }
            OPT_XPORT_API if in_coroutine() && !ptr.is_null() => {
                let x = ptr as *mut php_stream_xport_param;
                let op = (*x).op;
                let label = if orig.label.is_null() {
                    ""
                } else {
                    CStr::from_ptr(orig.label).to_str().unwrap_or("")
                };
                match op {
                    OP_CONNECT | OP_CONNECT_ASYNC
                        if label.starts_with("tcp") || label.starts_with("unix") =>
                    {
                        match super::connect::co_connect(stream, x, label.starts_with("unix")) {
                            Some(rc) => {
                                (*x).outputs.returncode = rc;
                                // ssl://: the handshake ext/openssl's connect does.
                                if rc == 0 && !super::tls::after_connect(stream) {
                                    (*x).outputs.returncode = -1;
                                }
                                0
                            }
                            None => set(stream),
                        }
                    }
                    OP_ACCEPT => co_accept(stream, x, set),
                    OP_RECV => {
                        let sock = net(stream);
                        if !sock.is_null() && (*sock).socket >= 0 && (*sock).is_blocked != 0 {
                            let ready = wait_before_try(
                                (*sock).socket,
                                Dir::Read,
                                timeout_of(&(*sock).timeout),
                            );
                            if !is_live(stream) || ready.is_err() {
                                (*x).outputs.returncode = -1;
                                return 0;
                            }
                        }
                        set(stream)
                    }
                    _ => {
                        let r = set(stream);
                        let sock = net(stream);
                        if !sock.is_null() && (*sock).socket >= 0 {
                            set_nonblocking((*sock).socket, true);
                        }
                        r
                    }
                }
            }
            _ => set(stream),
        }
    }
}

/// Accept: wait (in the reactor) for a pending connection within the
/// accept timeout, then let the original accept it without waiting.
///
/// # Safety
/// As co_set_option.
unsafe fn co_accept(
    stream: *mut php_stream,
    x: *mut php_stream_xport_param,
    set: impl Fn(*mut php_stream) -> c_int,
) -> c_int {
    // SAFETY: forwarded from co_set_option.
    unsafe {
        let sock = net(stream);
        if sock.is_null() || (*sock).socket < 0 {
            return set(stream);
        }
        let timeout = if (*x).inputs.timeout.is_null() {
            None
        } else {
            timeout_of(&*(*x).inputs.timeout)
        };
        let ready = wait_before_try((*sock).socket, Dir::Read, timeout);
        if !is_live(stream) || ready.is_err() {
            (*x).outputs.returncode = -1;
            return 0;
        }
        // Ready (or timed out): the original then accepts or reports the
        // timeout itself, without blocking.
        let saved = (*x).inputs.timeout;
        let mut zero = timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        (*x).inputs.timeout = &mut zero;
        let tls = super::tls::before_accept(stream);
        let r = set(stream);
        (*x).inputs.timeout = saved;
        let client = (*x).outputs.client;
        let accepted = r == 0 && (*x).outputs.returncode == 0 && !client.is_null();
        if accepted {
            wrap(client);
        }
        if let Some(t) = tls {
            if !super::tls::after_accept(
                t,
                if accepted {
                    client
                } else {
                    std::ptr::null_mut()
                },
            ) {
                (*x).outputs.client = std::ptr::null_mut();
                (*x).outputs.returncode = -1;
            }
        }
        r
    }
}
