//! `Swoole\Coroutine\Socket`, first slice: a socket whose waits yield the
//! coroutine — construct (TCP/UDP/unix), `connect` (IP literals, localhost
//! and unix paths), `send`/`sendAll`, `recv`/`recvAll`/`peek`, `shutdown`,
//! `close`, `isClosed`, `fd`/`errCode`/`errMsg`; and the socket over a
//! `Swoole\Process` pipe that `Process::exportSocket()` returns (Hyperf's
//! custom processes receive their pipe messages through it). The rest of
//! the class (bind/listen/accept, framing, vectors, SSL) and the `rt::net`
//! layer under it are issue 12's.
//!
//! Swoole's conventions: `recv` gives '' at the peer's end and false on an
//! error or timeout, with `errCode` (ETIMEDOUT, ECANCELED, …); a timeout of
//! 0 or less waits as long as it takes (10 s for connect).

use std::cell::{Cell, RefCell};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::time::{Duration, Instant};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{self, handler, ret_bool, ret_long};
use super::coroutine::{propagate, rt};
use super::object::{this, this_obj, Native};
use super::value::zval_long;
use crate::rt::driver::io::Dir;
use crate::rt::Wakeup;
use crate::syscall;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Coroutine\Socket`, set at MINIT.
pub static SOCKET_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order.
pub const PROPS: [&str; 6] = ["fd", "domain", "type", "protocol", "errCode", "errMsg"];

/// Rust side of a Socket.
#[derive(Default)]
pub struct SocketObj {
    fd: RefCell<Option<OwnedFd>>,
    /// SOCK_DGRAM / SOCK_SEQPACKET: one message per recv.
    dgram: Cell<bool>,
}

impl Native for SocketObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

fn slot(obj: *mut ext_php_rs::ffi::zend_object, n: usize, v: Zval) {
    // SAFETY: a Socket object declares PROPS; n < PROPS.len().
    unsafe { *(super::object::prop_slot(obj, n) as *mut Zval) = v };
}

/// Sets `errCode`/`errMsg` (0 clears them).
fn set_err(ex: &ExecuteData, code: i32) {
    let obj = this_obj(ex);
    slot(obj, 4, zval_long(i64::from(code)));
    let msg = if code == 0 {
        String::new()
    } else {
        super::error::os_error_text(&std::io::Error::from_raw_os_error(code))
    };
    slot(obj, 5, super::zarray::str_zval(msg.as_bytes()));
}

fn set_nonblock(fd: RawFd) {
    crate::rt::sys::set_nonblocking(fd, true);
}

/// A Socket object over `fd` (which it takes), as `exportSocket()` makes.
pub fn wrap(fd: OwnedFd, domain: i64, ty: i64) -> Zval {
    let mut z = Zval::new();
    // SAFETY: our registered class; object_init_ex fills z.
    unsafe { super::sys::zend::object_init_ex(&mut z, SOCKET_CE.load(Ordering::Relaxed).cast()) };
    if let Some(o) = super::object::native_of::<SocketObj>(&z) {
        set_nonblock(fd.as_raw_fd());
        let obj = super::object::obj_of(o);
        slot(obj, 0, zval_long(i64::from(fd.as_raw_fd())));
        slot(obj, 1, zval_long(domain));
        slot(obj, 2, zval_long(ty));
        slot(obj, 3, zval_long(0));
        slot(obj, 4, zval_long(0));
        slot(obj, 5, super::zarray::str_zval(b""));
        o.dgram.set(ty != i64::from(libc::SOCK_STREAM));
        *o.fd.borrow_mut() = Some(fd);
    }
    z
}

fn fd_of(ex: &ExecuteData) -> Option<RawFd> {
    let fd = this::<SocketObj>(ex)?
        .fd
        .borrow()
        .as_ref()
        .map(AsRawFd::as_raw_fd);
    if fd.is_none() {
        set_err(ex, libc::EBADF);
    }
    fd
}

fn deadline(t: f64) -> Option<Instant> {
    (t > 0.0 && t.is_finite()).then(|| Instant::now() + Duration::from_secs_f64(t.min(1e9)))
}

/// Waits for `dir` on `fd` until `until`: Ok, or the errno to report.
pub(super) fn wait(fd: RawFd, dir: Dir, until: Option<Instant>) -> Result<(), i32> {
    if rt(|r| r.current()).is_main() {
        let mut p = libc::pollfd {
            fd,
            events: if dir == Dir::Read {
                libc::POLLIN
            } else {
                libc::POLLOUT
            },
            revents: 0,
        };
        let ms = until.map_or(-1, |d| {
            d.saturating_duration_since(Instant::now())
                .as_millis()
                .min(i32::MAX as u128) as i32
        });
        // SAFETY: poll on one pollfd of ours.
        return match unsafe { syscall!(poll(&mut p, 1, ms)) } {
            Ok(0) => Err(libc::ETIMEDOUT),
            _ => Ok(()),
        };
    }
    let left = until.map(|d| d.saturating_duration_since(Instant::now()));
    if left.is_some_and(|l| l.is_zero()) {
        return Err(libc::ETIMEDOUT);
    }
    let w = rt(|r| r.wait_fd(fd, dir, left));
    propagate();
    match w {
        Ok(Wakeup::Ready) => Ok(()),
        Ok(Wakeup::TimedOut) => Err(libc::ETIMEDOUT),
        _ => Err(libc::ECANCELED),
    }
}

/// One read of at most `n` bytes (`flags`: MSG_PEEK …), waiting: the bytes
/// (empty at the end of the stream) or the errno.
fn read_once(fd: RawFd, n: usize, flags: i32, until: Option<Instant>) -> Result<Vec<u8>, i32> {
    let mut buf = vec![0u8; n.max(1)];
    loop {
        // SAFETY: recv into our buffer of its length.
        match unsafe {
            syscall!(recv(
                fd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                flags | libc::MSG_DONTWAIT
            ))
        } {
            Ok(k) => {
                buf.truncate(k as usize);
                return Ok(buf);
            }
            Err(e) => match e.raw_os_error() {
                Some(libc::EINTR) => {}
                Some(libc::EAGAIN) => wait(fd, Dir::Read, until)?,
                Some(c) => return Err(c),
                None => return Err(libc::EIO),
            },
        }
    }
}

/// Writes `data` (all of it when `all`), waiting: bytes written, or the
/// errno with nothing written.
fn write(fd: RawFd, data: &[u8], all: bool, until: Option<Instant>) -> Result<usize, (usize, i32)> {
    let mut off = 0;
    while off < data.len() {
        // SAFETY: send from our slice; no SIGPIPE.
        match unsafe {
            syscall!(send(
                fd,
                data[off..].as_ptr().cast(),
                data.len() - off,
                libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL
            ))
        } {
            Ok(k) => {
                off += k as usize;
                if !all {
                    break;
                }
            }
            Err(e) => match e.raw_os_error() {
                Some(libc::EINTR) => {}
                Some(libc::EAGAIN) => {
                    if let Err(c) = wait(fd, Dir::Write, until) {
                        return Err((off, c));
                    }
                }
                c => return Err((off, c.unwrap_or(libc::EIO))),
            },
        }
    }
    Ok(off)
}

handler!(
    /// `__construct(int $domain, int $type, int $protocol = IPPROTO_IP)`.
    construct(ex, _rv) {
        let f = "Swoole\\Coroutine\\Socket::__construct";
        let Ok(domain) = args::long(ex, 0, f, "domain", None) else { return };
        let Ok(ty) = args::long(ex, 1, f, "type", None) else { return };
        let Ok(proto) = args::long(ex, 2, f, "protocol", Some(0)) else { return };
        let Some(o) = this::<SocketObj>(ex) else { return };
        // SAFETY: socket(2) with the caller's numbers; the result is checked.
        match unsafe { syscall!(socket(domain as i32, ty as i32 | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK, proto as i32)) } {
            Ok(fd) => {
                // SAFETY: a fresh fd of ours.
                let fd = unsafe { OwnedFd::from_raw_fd(fd) };
                let obj = this_obj(ex);
                slot(obj, 0, zval_long(i64::from(fd.as_raw_fd())));
                slot(obj, 1, zval_long(domain));
                slot(obj, 2, zval_long(ty));
                slot(obj, 3, zval_long(proto));
                o.dgram.set(ty as i32 != libc::SOCK_STREAM);
                *o.fd.borrow_mut() = Some(fd);
                set_err(ex, 0);
            }
            Err(e) => {
                let code = e.raw_os_error().unwrap_or(libc::EINVAL);
                set_err(ex, code);
                super::error::throw_exception(&format!("new Socket() failed: {}", super::error::os_error_text(&e)));
            }
        }
    }
);

/// A socket address from Swoole's (host, port) for `domain`.
fn address(
    domain: i32,
    host: &str,
    port: u16,
) -> Option<(libc::sockaddr_storage, libc::socklen_t)> {
    // SAFETY: an all-zero sockaddr_storage is valid.
    let mut st: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    if domain == libc::AF_UNIX {
        // SAFETY: sockaddr_un fits in sockaddr_storage.
        let un = unsafe { &mut *(&mut st as *mut _ as *mut libc::sockaddr_un) };
        un.sun_family = libc::AF_UNIX as libc::sa_family_t;
        let b = host.as_bytes();
        if b.len() >= un.sun_path.len() {
            return None;
        }
        for (d, s) in un.sun_path.iter_mut().zip(b) {
            *d = *s as libc::c_char;
        }
        return Some((
            st,
            std::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t,
        ));
    }
    let host = if host == "localhost" {
        if domain == libc::AF_INET6 {
            "::1"
        } else {
            "127.0.0.1"
        }
    } else {
        host
    };
    let ip: std::net::IpAddr = host.parse().ok()?;
    Some(crate::rt::sys::sockaddr(std::net::SocketAddr::new(
        ip, port,
    )))
}

handler!(
    /// `connect(string $host, int $port = 0, float $timeout = 0): bool`.
    connect(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::connect";
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(t) = args::double(ex, 2, f, "timeout", Some(0.0)) else { return };
        let Some(fd) = fd_of(ex) else { ret_bool(rv, false); return };
        // SAFETY: reading our own object's property slot 1 (domain).
        let domain = unsafe { (*super::object::prop_slot(this_obj(ex), 1)).value.lval } as i32;
        let Some((st, len)) = address(domain, &host, port.clamp(0, 65535) as u16) else {
            set_err(ex, libc::EINVAL);
            ret_bool(rv, false);
            return;
        };
        let until = deadline(if t > 0.0 { t } else { 10.0 });
        // SAFETY: connect with an address we built of its length.
        let r = unsafe { syscall!(connect(fd, (&st as *const libc::sockaddr_storage).cast(), len)) };
        let code = match r {
            Ok(_) => 0,
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => match wait(fd, Dir::Write, until) {
                Ok(()) => {
                    let mut err: libc::c_int = 0;
                    let mut l = 4 as libc::socklen_t;
                    // SAFETY: SO_ERROR into an int of its size.
                    let _ = unsafe { syscall!(getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR, (&mut err as *mut libc::c_int).cast(), &mut l)) };
                    err
                }
                Err(c) => c,
            },
            Err(e) => e.raw_os_error().unwrap_or(libc::EIO),
        };
        set_err(ex, code);
        ret_bool(rv, code == 0);
    }
);

fn recv_impl(ex: &mut ExecuteData, rv: &mut Zval, name: &str, all: bool, peek: bool) {
    let f = format!("Swoole\\Coroutine\\Socket::{name}");
    let Ok(n) = args::long(ex, 0, &f, "length", Some(65536)) else {
        return;
    };
    let t = if peek {
        0.0
    } else {
        let Ok(t) = args::double(ex, 1, &f, "timeout", Some(0.0)) else {
            return;
        };
        t
    };
    let Some(fd) = fd_of(ex) else {
        ret_bool(rv, false);
        return;
    };
    if n <= 0 {
        set_err(ex, libc::EINVAL);
        ret_bool(rv, false);
        return;
    }
    let n = (n as usize).min(64 << 20);
    let until = deadline(t);
    if peek {
        let mut buf = vec![0u8; n];
        // SAFETY: a non-waiting peek into our buffer of n bytes.
        match unsafe {
            syscall!(recv(
                fd,
                buf.as_mut_ptr().cast(),
                n,
                libc::MSG_PEEK | libc::MSG_DONTWAIT
            ))
        } {
            Ok(k) => {
                buf.truncate(k as usize);
                set_err(ex, 0);
                rv.set_binary(buf);
            }
            Err(e) => {
                set_err(ex, e.raw_os_error().unwrap_or(libc::EIO));
                ret_bool(rv, false);
            }
        }
        return;
    }
    let mut out = Vec::new();
    loop {
        match read_once(fd, n - out.len(), 0, until) {
            Ok(b) => {
                let end = b.is_empty();
                out.extend_from_slice(&b);
                if !all || end || out.len() >= n {
                    set_err(ex, 0);
                    rv.set_binary(out);
                    return;
                }
            }
            Err(c) => {
                set_err(ex, c);
                // recvAll: what came before a timeout is returned.
                if all && !out.is_empty() {
                    rv.set_binary(out);
                } else {
                    ret_bool(rv, false);
                }
                return;
            }
        }
    }
}

handler!(
    /// `recv(int $length = 65536, float $timeout = 0): string|false`.
    recv(ex, rv) { recv_impl(ex, rv, "recv", false, false); }
);

handler!(
    /// `recvAll(int $length = 65536, float $timeout = 0): false|string`.
    recv_all(ex, rv) { recv_impl(ex, rv, "recvAll", true, false); }
);

handler!(
    /// `peek(int $length = 65536): string|false`.
    peek(ex, rv) { recv_impl(ex, rv, "peek", false, true); }
);

fn send_impl(ex: &mut ExecuteData, rv: &mut Zval, name: &str, all: bool) {
    let f = format!("Swoole\\Coroutine\\Socket::{name}");
    let Ok(data) = args::string(ex, 0, &f, "data").map(|c| c.into_owned()) else {
        return;
    };
    let Ok(t) = args::double(ex, 1, &f, "timeout", Some(0.0)) else {
        return;
    };
    let Some(fd) = fd_of(ex) else {
        ret_bool(rv, false);
        return;
    };
    match write(fd, &data, all, deadline(t)) {
        Ok(n) => {
            set_err(ex, 0);
            ret_long(rv, n as i64);
        }
        Err((n, c)) => {
            set_err(ex, c);
            if n > 0 {
                ret_long(rv, n as i64)
            } else {
                ret_bool(rv, false)
            }
        }
    }
}

handler!(
    /// `send(string $data, float $timeout = 0): int|false`.
    send(ex, rv) { send_impl(ex, rv, "send", false); }
);

handler!(
    /// `sendAll(string $data, float $timeout = 0): int|false`.
    send_all(ex, rv) { send_impl(ex, rv, "sendAll", true); }
);

handler!(
    /// `shutdown(int $how = 2): bool`.
    shutdown(ex, rv) {
        let Ok(how) = args::long(ex, 0, "Swoole\\Coroutine\\Socket::shutdown", "how", Some(2)) else { return };
        let Some(fd) = fd_of(ex) else { ret_bool(rv, false); return };
        // SAFETY: shutdown(2) on our socket.
        let r = unsafe { syscall!(shutdown(fd, how as i32)) };
        set_err(ex, r.as_ref().err().and_then(|e| e.raw_os_error()).unwrap_or(0));
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `close(): bool`.
    close(ex, rv) {
        let Some(o) = this::<SocketObj>(ex) else { return };
        let had = o.fd.borrow_mut().take().is_some();
        if !had {
            set_err(ex, libc::EBADF);
        }
        ret_bool(rv, had);
    }
);

handler!(
    /// `isClosed(): bool`.
    is_closed(ex, rv) {
        let closed = this::<SocketObj>(ex).is_none_or(|o| o.fd.borrow().is_none());
        ret_bool(rv, closed);
    }
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("connect", connect),
    ("peek", peek),
    ("recv", recv),
    ("send", send),
    ("recvAll", recv_all),
    ("sendAll", send_all),
    ("shutdown", shutdown),
    ("close", close),
    ("isClosed", is_closed),
];

/// Swoole 6.2.2's declarations of what corust has.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $domain, int $type, int $protocol = IPPROTO_IP)",
    "connect(string $host, int $port = 0, float $timeout = 0): bool",
    "peek(int $length = 65536): string|false",
    "recv(int $length = 65536, float $timeout = 0): string|false",
    "send(string $data, float $timeout = 0): int|false",
    "recvAll(int $length = 65536, float $timeout = 0): false|string",
    "sendAll(string $data, float $timeout = 0): int|false",
    "shutdown(int $how = 2): bool",
    "close(): bool",
    "isClosed(): bool",
];

/// The class (`Corust\Coroutine\Socket`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new("Corust\\Coroutine\\Socket");
    for (n, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    for p in PROPS {
        cb = cb.property(super::classes::public_null_prop(p));
    }
    cb.registration(|c, a| {
        SOCKET_CE.store(c, Ordering::Relaxed);
        super::classes::native::<SocketObj>(c, a);
    })
}
