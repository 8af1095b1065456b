//! Hooked stream transports: `tcp`, `udp`, `unix`, `udg` sockets created inside
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
//! Enabling TLS on a wrapped stream first restores its original ops, so TLS
//! works, blocking (corust has no TLS of its own yet).
//! Invariants: a wrapped stream's ops point at a `WrappedOps`, whose `orig`
//! is the table it replaced; originals are restored when the flag is turned off.

use std::cell::{Cell, RefCell};
use std::ffi::CStr;
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::raw::{c_char, c_int, c_void};
use std::time::{Duration, Instant};

use ext_php_rs::ffi::{
    php_stream, php_stream_context, php_stream_context_get_option, php_stream_ops,
    php_stream_transport_factory, php_stream_xport_get_hash, php_stream_xport_param,
    php_stream_xport_register, timeval, zend_hash_str_find, zend_string,
};

use super::super::coroutine::rt;
use super::super::error::throw_rt;
use super::super::globals::PhpThread;
use super::{HOOK_TCP, HOOK_UDG, HOOK_UDP, HOOK_UNIX};
use crate::rt::driver::io::Dir;
use crate::rt::{Error, Wakeup};

/// PHP 8.2's `php_netstream_data_t` (main/php_network.h, not in the bindings).
#[repr(C)]
struct NetStream {
    /// The fd (-1 before connect/bind).
    socket: c_int,
    /// The user's blocking mode.
    is_blocked: c_char,
    /// Read timeout; `tv_sec == -1` means none.
    timeout: timeval,
    /// Set when the last read timed out (`stream_get_meta_data()['timed_out']`).
    timeout_event: c_char,
    /// Bytes to free with the stream.
    ownsize: usize,
}

/// Our ops table and the one it replaced (`ops` first: streams point at it).
#[repr(C)]
struct WrappedOps {
    /// What the stream calls.
    ops: php_stream_ops,
    /// The engine's table, for delegation.
    orig: *const php_stream_ops,
}

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
    /// tcp, udp, unix, udg.
    transports: [Transport; 4],
    /// (original ops, our copy) pairs; boxed so their addresses stay put
    /// while the Vec grows (streams point into them).
    #[allow(clippy::vec_box)]
    wrapped: RefCell<Vec<Box<WrappedOps>>>,
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
            ],
            wrapped: RefCell::new(Vec::new()),
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
            _ => Some(factory::<3>),
        };
        let name = std::ffi::CString::new(t.name).unwrap_or_default();
        // SAFETY: re-registering a transport name with a valid factory; the
        // engine stores the pointer in its transport hash.
        unsafe { php_stream_xport_register(name.as_ptr(), if on { ours } else { Some(orig) }) };
        t.hooked.set(on);
    }
}

fn in_coroutine() -> bool {
    !rt(|r| r.current()).is_main()
}

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
    if !s.is_null() && persistent_id.is_null() && in_coroutine() {
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
            set_nonblocking((*sock).socket);
        }
        let orig = (*s).ops;
        state().live.borrow_mut().insert(s as usize);
        // ext/openssl gives accepted streams the listener's ops: ours already.
        if is_wrapped(orig) {
            return;
        }
        let st = state();
        let mut list = st.wrapped.borrow_mut();
        let found = list
            .iter()
            .find(|w| std::ptr::eq(w.orig, orig))
            .map(|w| &w.ops as *const php_stream_ops);
        let ours = match found {
            Some(p) => p,
            None => {
                let mut ops = std::ptr::read(orig);
                ops.read = Some(co_read);
                ops.write = Some(co_write);
                ops.set_option = Some(co_set_option);
                ops.close = Some(co_close);
                let w = Box::new(WrappedOps { ops, orig });
                let p = &w.ops as *const php_stream_ops;
                list.push(w);
                p
            }
        };
        (*s).ops = ours;
    }
}

fn is_wrapped(ops: *const php_stream_ops) -> bool {
    state()
        .wrapped
        .borrow()
        .iter()
        .any(|w| std::ptr::eq(&w.ops, ops))
}

/// The table a wrapped stream's ops replaced.
///
/// # Safety
/// `s` must be a wrapped stream.
unsafe fn orig_ops(s: *mut php_stream) -> &'static php_stream_ops {
    // SAFETY: wrapped streams point at the `ops` field of a leaked-for-life WrappedOps.
    unsafe { &*(*((*s).ops as *const WrappedOps)).orig }
}

fn is_live(s: *mut php_stream) -> bool {
    state().live.borrow().contains(&(s as usize))
}

/// Runs `f` with the stream's original ops installed: the engine's socket
/// code compares `stream->ops` with its own tables (e.g. to tell unix from
/// tcp sockets), so delegated calls must see them. Nothing in `f` switches.
///
/// # Safety
/// `s` must be a live wrapped stream.
unsafe fn delegate<R>(s: *mut php_stream, f: impl FnOnce(&php_stream_ops) -> R) -> R {
    // SAFETY: s is live; we restore our table afterwards unless `f` closed it.
    unsafe {
        let ours = (*s).ops;
        let orig = orig_ops(s);
        (*s).ops = orig;
        let r = f(orig);
        if is_live(s) {
            (*s).ops = ours;
        }
        r
    }
}

unsafe extern "C" fn co_close(stream: *mut php_stream, close_handle: c_int) -> c_int {
    // SAFETY: the engine closes a live wrapped stream: wake whoever waits on
    // its fd (they will see it is gone), then let the original close it.
    unsafe {
        state().live.borrow_mut().remove(&(stream as usize));
        let sock = net(stream);
        if !sock.is_null() && (*sock).socket >= 0 {
            rt(|r| r.close_fd((*sock).socket));
        }
        let orig = orig_ops(stream);
        (*stream).ops = orig;
        match orig.close {
            Some(close) => close(stream, close_handle),
            None => 0,
        }
    }
}

/// Puts the original ops back (before TLS, which does its own waiting).
///
/// # Safety
/// `s` must be a wrapped stream.
unsafe fn unwrap_stream(s: *mut php_stream) {
    // SAFETY: as orig_ops.
    unsafe { (*s).ops = orig_ops(s) };
}

/// # Safety
/// `s` must be a live socket stream.
unsafe fn net(s: *mut php_stream) -> *mut NetStream {
    // SAFETY: socket streams (and ext/openssl's, whose data starts with one)
    // keep a php_netstream_data_t behind `abstract`.
    unsafe { (*s).abstract_ as *mut NetStream }
}

fn set_nonblocking(fd: c_int) {
    // SAFETY: fcntl on an fd we were handed; failure leaves it as it was.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        if fl >= 0 && fl & libc::O_NONBLOCK == 0 {
            libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
    }
}

fn timeout_of(tv: &timeval) -> Option<Duration> {
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
fn wait(fd: c_int, dir: Dir, timeout: Option<Duration>) -> Result<bool, ()> {
    match rt(|r| r.wait_fd(fd, dir, timeout)) {
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

unsafe extern "C" fn co_read(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize {
    // SAFETY: the engine calls us for a live wrapped stream; NetStream is its data.
    unsafe {
        let sock = net(stream);
        let read = |s: *mut php_stream| delegate(s, |o| o.read.map_or(-1, |f| f(s, buf, count)));
        if !in_coroutine() || sock.is_null() || (*sock).socket < 0 || (*sock).is_blocked == 0 {
            return read(stream);
        }
        (*sock).timeout_event = 0;
        loop {
            // Try without blocking first: data may already be there.
            (*sock).is_blocked = 0;
            let r = read(stream);
            (*sock).is_blocked = 1;
            if r != 0 || (*stream).eof() != 0 {
                return r;
            }
            match wait_stream(stream, sock, Dir::Read) {
                Waited::Ready => continue,
                // As plain PHP: a timed-out read is a failed read.
                Waited::TimedOut | Waited::Failed => return -1,
            }
        }
    }
}

unsafe extern "C" fn co_write(stream: *mut php_stream, buf: *const c_char, count: usize) -> isize {
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
            match wait_stream(stream, sock, Dir::Write) {
                Waited::Ready => continue,
                Waited::TimedOut => break,
                Waited::Failed if !is_live(stream) => return -1,
                Waited::Failed => return if done > 0 { done as isize } else { -1 },
            }
        }
        done as isize
    }
}

unsafe extern "C" fn co_set_option(
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
            OPT_CRYPTO_API => {
                unwrap_stream(stream);
                state().live.borrow_mut().remove(&(stream as usize));
                let sock = net(stream);
                if !sock.is_null() && (*sock).socket >= 0 && (*sock).is_blocked != 0 {
                    let fd = (*sock).socket;
                    let fl = libc::fcntl(fd, libc::F_GETFL);
                    if fl >= 0 {
                        libc::fcntl(fd, libc::F_SETFL, fl & !libc::O_NONBLOCK);
                    }
                }
                orig.set_option
                    .map_or(-2, |f| f(stream, option, value, ptr))
            }
            OPT_BLOCKING => {
                let r = set(stream);
                let sock = net(stream);
                if !sock.is_null() && (*sock).socket >= 0 {
                    set_nonblocking((*sock).socket);
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
                        match co_connect(stream, x, label.starts_with("unix")) {
                            Some(rc) => {
                                (*x).outputs.returncode = rc;
                                0
                            }
                            None => set(stream),
                        }
                    }
                    OP_ACCEPT => co_accept(stream, x, set),
                    OP_RECV => {
                        let sock = net(stream);
                        if !sock.is_null() && (*sock).socket >= 0 && (*sock).is_blocked != 0 {
                            let ready =
                                wait((*sock).socket, Dir::Read, timeout_of(&(*sock).timeout));
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
                            set_nonblocking((*sock).socket);
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
        let ready = wait((*sock).socket, Dir::Read, timeout);
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
        let r = set(stream);
        (*x).inputs.timeout = saved;
        let client = (*x).outputs.client;
        if r == 0 && (*x).outputs.returncode == 0 && !client.is_null() {
            wrap(client);
        }
        r
    }
}

/// Splits "host:port" / "[v6]:port"; None when it is not of that form.
fn split_host_port(name: &str) -> Option<(&str, u16)> {
    if let Some(rest) = name.strip_prefix('[') {
        let (host, port) = rest.split_once("]:")?;
        return Some((host, port.parse().ok()?));
    }
    let (host, port) = name.rsplit_once(':')?;
    if host.contains(':') {
        return None;
    }
    Some((host, port.parse().ok()?))
}

fn context_option(ctx: *mut php_stream_context, name: &CStr) -> Option<ext_php_rs::types::Zval> {
    if ctx.is_null() {
        return None;
    }
    // SAFETY: reading an option of a live context; the result is borrowed.
    let z = unsafe { php_stream_context_get_option(ctx, c"socket".as_ptr(), name.as_ptr()) };
    if z.is_null() {
        None
    } else {
        // SAFETY: non-null zval owned by the context.
        Some(unsafe { (*(z as *mut ext_php_rs::types::Zval)).shallow_clone() })
    }
}

/// Our connect: non-blocking connect + reactor wait within the connect
/// timeout. Some(returncode), with PHP's error code and text on failure;
/// None to let the original handle it (forms we do not handle).
///
/// # Safety
/// As co_set_option.
unsafe fn co_connect(
    stream: *mut php_stream,
    x: *mut php_stream_xport_param,
    unix: bool,
) -> Option<c_int> {
    // SAFETY: x is the engine's xport parameter block for this call.
    unsafe {
        let sock = net(stream);
        if sock.is_null() || (*sock).socket >= 0 || (*x).inputs.name.is_null() {
            return None;
        }
        let name = std::slice::from_raw_parts((*x).inputs.name as *const u8, (*x).inputs.namelen);
        let name = std::str::from_utf8(name).ok()?;
        let ctx = if (*stream).ctx.is_null() {
            std::ptr::null_mut()
        } else {
            (*(*stream).ctx).ptr as *mut php_stream_context
        };
        if context_option(ctx, c"bindto").is_some() {
            return None;
        }
        let timeout = if (*x).inputs.timeout.is_null() {
            None
        } else {
            timeout_of(&*(*x).inputs.timeout)
        };
        let deadline = timeout.map(|t| Instant::now() + t);
        let result = if unix {
            connect_unix(name, deadline)
        } else {
            let (host, port) = split_host_port(name)?;
            let addrs: Vec<SocketAddr> = match host.parse::<std::net::IpAddr>() {
                Ok(ip) => vec![SocketAddr::new(ip, port)],
                // Names: resolved on the blocking pool while other coroutines
                // run; a failure goes to the original so the warning is PHP's own.
                Err(_) => {
                    let h = host.to_owned();
                    let r = rt(|r| {
                        r.run_blocking(move || {
                            (h.as_str(), port)
                                .to_socket_addrs()
                                .map(|a| a.collect::<Vec<_>>())
                        })
                    });
                    r.ok()?.ok()?
                }
            };
            if addrs.is_empty() {
                return None;
            }
            let mut last = Err(libc::ECONNREFUSED);
            for a in addrs {
                last = connect_inet(a, deadline);
                if last.is_ok() {
                    break;
                }
            }
            last
        };
        match result {
            Ok(fd) => {
                (*sock).socket = fd;
                if !unix && context_option(ctx, c"tcp_nodelay").is_some_and(|z| z.coerce_to_bool())
                {
                    let one: c_int = 1;
                    libc::setsockopt(
                        fd,
                        libc::IPPROTO_TCP,
                        libc::TCP_NODELAY,
                        (&one as *const c_int).cast(),
                        4,
                    );
                }
                Some(0)
            }
            Err(err) => {
                (*x).outputs.error_code = err;
                if (*x).want_errortext() != 0 {
                    let text = std::io::Error::from_raw_os_error(err).to_string();
                    let text = text.split(" (os error").next().unwrap_or("").to_string();
                    (*x).outputs.error_text = zend_str(&text);
                }
                Some(-1)
            }
        }
    }
}

fn zend_str(s: &str) -> *mut zend_string {
    ext_php_rs::types::ZendStr::new(s, false).into_raw() as *mut ext_php_rs::types::ZendStr
        as *mut zend_string
}

fn remaining(deadline: Option<Instant>) -> Option<Duration> {
    deadline.map(|d| d.saturating_duration_since(Instant::now()))
}

/// Finishes a non-blocking connect on `fd`: Ok(fd) or Err(errno) (fd closed).
fn finish_connect(fd: c_int, r: c_int, deadline: Option<Instant>) -> Result<c_int, c_int> {
    let fail = |e: c_int| {
        // SAFETY: closing the fd we created.
        unsafe { libc::close(fd) };
        Err(e)
    };
    if r == 0 {
        return Ok(fd);
    }
    let e = std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO);
    if e != libc::EINPROGRESS && e != libc::EAGAIN {
        return fail(e);
    }
    match wait(fd, Dir::Write, remaining(deadline)) {
        Ok(true) => {}
        Ok(false) => return fail(libc::ETIMEDOUT),
        Err(()) => return fail(libc::ECANCELED),
    }
    let mut err: c_int = 0;
    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: reading SO_ERROR into a c_int.
    let g = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ERROR,
            (&mut err as *mut c_int).cast(),
            &mut len,
        )
    };
    if g != 0 {
        return fail(libc::EIO);
    }
    if err != 0 {
        return fail(err);
    }
    Ok(fd)
}

fn connect_inet(a: SocketAddr, deadline: Option<Instant>) -> Result<c_int, c_int> {
    let domain = if a.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    };
    // SAFETY: plain socket(2).
    let fd = unsafe {
        libc::socket(
            domain,
            libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO));
    }
    let (storage, len) = crate::rt::sys::sockaddr(a);
    // SAFETY: storage holds a valid sockaddr of `len` bytes.
    let r = unsafe { libc::connect(fd, (&storage as *const libc::sockaddr_storage).cast(), len) };
    finish_connect(fd, r, deadline)
}

fn connect_unix(path: &str, deadline: Option<Instant>) -> Result<c_int, c_int> {
    // SAFETY: plain socket(2).
    let fd = unsafe {
        libc::socket(
            libc::AF_UNIX,
            libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO));
    }
    // SAFETY: a zeroed sockaddr_un is valid; we copy at most sun_path-1 bytes.
    let mut sa: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    sa.sun_family = libc::AF_UNIX as libc::sa_family_t;
    let bytes = path.as_bytes();
    if bytes.len() >= sa.sun_path.len() {
        // SAFETY: closing our fd.
        unsafe { libc::close(fd) };
        return Err(libc::ENAMETOOLONG);
    }
    for (d, s) in sa.sun_path.iter_mut().zip(bytes) {
        *d = *s as c_char;
    }
    let len = (std::mem::size_of::<libc::sa_family_t>() + bytes.len()) as libc::socklen_t;
    // SAFETY: sa is a valid sockaddr_un of `len` bytes.
    let r = unsafe { libc::connect(fd, (&sa as *const libc::sockaddr_un).cast(), len) };
    finish_connect(fd, r, deadline)
}
