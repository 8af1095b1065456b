//! `HOOK_SOCKETS`: ext-sockets calls on a blocking `Socket` wait in the
//! reactor inside a coroutine.
//!
//! corust keeps PHP's own `Socket` objects (Swoole swaps in its coroutine
//! socket class instead), so every result, warning and `socket_last_error()`
//! stays ext-sockets' own:
//! - reads and accepts (`socket_accept`, `socket_read`, `socket_recv`,
//!   `socket_recvfrom`) wait until the fd is readable, within `SO_RCVTIMEO`,
//!   then the original runs on the fd made non-blocking for the call: data is
//!   there, or it reports the timeout exactly as a blocking socket would
//!   (EAGAIN and its warning);
//! - writes (`socket_write`, `socket_send`, `socket_sendto`) wait until
//!   writable, within `SO_SNDTIMEO`; stream writes continue until all is
//!   written, as a blocking send does;
//! - `socket_connect` to an IP address or unix path connects non-blocking and
//!   waits (host names go to the original); a failure gets ext-sockets'
//!   warning and error codes;
//! - `socket_select` waits for any of the sockets, then the original reports.
//!
//! Sockets the user made non-blocking, calls outside coroutines and
//! arguments the original rejects run the original unchanged.

use std::ffi::c_int;
use std::time::{Duration, Instant};

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::fd::php_socket_of;
use super::super::runtime::rt;
use super::super::sys::sockets::PhpSocket;
use super::functions::{self, original};
use super::select::Selected;
use super::{ready_now, wait_ready};
use crate::rt::driver::io::Dir;

/// The hook table indexes of these functions (see `functions.rs`).
pub const NAMES: [&str; 9] = [
    "socket_accept",
    "socket_read",
    "socket_recv",
    "socket_recvfrom",
    "socket_write",
    "socket_send",
    "socket_sendto",
    "socket_connect",
    "socket_select",
];

/// The blocking `Socket` argument 0, when the hook takes the call.
fn blocking_socket(ex: &mut ExecuteData) -> Option<*mut PhpSocket> {
    if rt(|r| r.current()).is_main() {
        return None;
    }
    let sock = php_socket_of(args::get(ex, 0)?)?;
    // SAFETY: a live Socket object's php_socket.
    let ok = unsafe { (*sock).bsd_socket >= 0 && (*sock).blocking != 0 };
    ok.then_some(sock)
}

/// `SO_RCVTIMEO`/`SO_SNDTIMEO` of `fd` (None: unset, wait forever).
fn sock_timeout(fd: c_int, opt: c_int) -> Option<Duration> {
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    let mut len = std::mem::size_of::<libc::timeval>() as libc::socklen_t;
    // SAFETY: reading a timeval option into a local of its size.
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            opt,
            (&mut tv as *mut libc::timeval).cast(),
            &mut len,
        )
    };
    (r == 0 && (tv.tv_sec > 0 || tv.tv_usec > 0))
        .then(|| Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64))
}

/// Runs the original with `fd` non-blocking for the call (it must not block
/// the process if the readiness was spurious or the wait timed out).
fn original_nonblocking(i: usize, fd: c_int, ex: &mut ExecuteData, rv: &mut Zval) {
    // SAFETY: fcntl on the socket's own fd; its flags are put back after.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags >= 0 && flags & libc::O_NONBLOCK == 0 {
        // SAFETY: as above.
        unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) };
        original(i, ex, rv);
        // SAFETY: as above (the call may have closed it: then this fails harmlessly).
        unsafe { libc::fcntl(fd, libc::F_SETFL, flags) };
    } else {
        original(i, ex, rv);
    }
}

/// A read-side call: wait readable, then the original.
fn read_side(i: usize, ex: &mut ExecuteData, rv: &mut Zval) {
    let Some(sock) = blocking_socket(ex) else {
        original(i, ex, rv);
        return;
    };
    // SAFETY: live php_socket.
    let fd = unsafe { (*sock).bsd_socket };
    // A read on a listening socket (or an accept on one that is not) fails
    // at once in plain PHP: readability would never come for it.
    if listening(fd) == (i == functions::SOCKET_HOOKS) {
        wait_ready(fd, Dir::Read, sock_timeout(fd, libc::SO_RCVTIMEO));
    }
    original_nonblocking(i, fd, ex, rv);
}

/// Whether `fd` is a listening socket (`SO_ACCEPTCONN`).
fn listening(fd: c_int) -> bool {
    let mut v: c_int = 0;
    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: reading an int option into a local.
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ACCEPTCONN,
            (&mut v as *mut c_int).cast(),
            &mut len,
        )
    };
    r == 0 && v != 0
}

handler!(
    /// `socket_accept(Socket $socket): Socket|false`.
    hooked_accept(ex, rv) { read_side(functions::SOCKET_HOOKS, ex, rv); }
);
handler!(
    /// `socket_read(Socket $socket, int $length, int $mode = PHP_BINARY_READ): string|false`.
    hooked_read(ex, rv) { read_side(functions::SOCKET_HOOKS + 1, ex, rv); }
);
handler!(
    /// `socket_recv(Socket $socket, &$data, int $length, int $flags): int|false`.
    hooked_recv(ex, rv) { read_side(functions::SOCKET_HOOKS + 2, ex, rv); }
);
handler!(
    /// `socket_recvfrom(Socket $socket, &$data, int $length, int $flags, &$address, &$port = null): int|false`.
    hooked_recvfrom(ex, rv) { read_side(functions::SOCKET_HOOKS + 3, ex, rv); }
);

/// A write: wait writable, then the original; a stream write (`data_arg`
/// given) goes on until everything is written, as a blocking send does.
fn write_side(
    i: usize,
    data_arg: Option<usize>,
    len_arg: usize,
    ex: &mut ExecuteData,
    rv: &mut Zval,
) {
    let Some(sock) = blocking_socket(ex) else {
        original(i, ex, rv);
        return;
    };
    // SAFETY: live php_socket.
    let fd = unsafe { (*sock).bsd_socket };
    let timeout = sock_timeout(fd, libc::SO_SNDTIMEO);
    let Some(data_arg) = data_arg else {
        wait_ready(fd, Dir::Write, timeout);
        original_nonblocking(i, fd, ex, rv);
        return;
    };
    let Some(data) = args::bytes(ex, data_arg).map(|b| b.into_owned()) else {
        original(i, ex, rv);
        return;
    };
    // What the call would write: the length argument caps it.
    let want = match args::get(ex, len_arg) {
        None => data.len(),
        Some(z) if z.is_null() => data.len(),
        Some(z) => match z.long() {
            Some(l) if l >= 0 => (l as usize).min(data.len()),
            _ => {
                original(i, ex, rv);
                return;
            }
        },
    };
    let mut done = 0usize;
    loop {
        wait_ready(fd, Dir::Write, timeout);
        if let Some(z) = args::get(ex, data_arg) {
            *z = super::super::zarray::str_zval(&data[done..want]);
        }
        if args::count(ex) > len_arg {
            if let Some(z) = args::get(ex, len_arg) {
                z.set_long((want - done) as i64);
            }
        }
        let mut r = Zval::new();
        original_nonblocking(i, fd, ex, &mut r);
        match r.long() {
            Some(n) if n > 0 => {
                done += n as usize;
                if done >= want {
                    rv.set_long(done as i64);
                    break;
                }
            }
            _ => {
                // An error (its warning and codes are the original's) or
                // nothing written: what was written so far, as send reports.
                if done > 0 {
                    rv.set_long(done as i64);
                } else {
                    *rv = r;
                }
                break;
            }
        }
    }
    if let Some(z) = args::get(ex, data_arg) {
        *z = super::super::zarray::str_zval(&data);
    }
}

handler!(
    /// `socket_write(Socket $socket, string $data, ?int $length = null): int|false`.
    hooked_write(ex, rv) { write_side(functions::SOCKET_HOOKS + 4, Some(1), 2, ex, rv); }
);
handler!(
    /// `socket_send(Socket $socket, string $data, int $length, int $flags): int|false`.
    hooked_send(ex, rv) { write_side(functions::SOCKET_HOOKS + 5, Some(1), 2, ex, rv); }
);
handler!(
    /// `socket_sendto(Socket $socket, string $data, int $length, int $flags, string $address, ?int $port = null): int|false`.
    hooked_sendto(ex, rv) { write_side(functions::SOCKET_HOOKS + 6, None, 2, ex, rv); }
);

/// `sockets_globals.last_error` (ext/sockets' module globals start with it).
fn set_global_error(e: c_int) {
    // SAFETY: dlsym of ext/sockets' exported NTS globals; the struct starts
    // with `int last_error`.
    unsafe {
        let p = libc::dlsym(libc::RTLD_DEFAULT, c"sockets_globals".as_ptr()) as *mut c_int;
        if !p.is_null() {
            *p = e;
        }
    }
}

/// The address to connect to, when we handle it ourselves: a socket
/// address and its length.
fn target(
    family: c_int,
    addr: &[u8],
    port: Option<i64>,
) -> Option<(libc::sockaddr_storage, libc::socklen_t)> {
    // SAFETY: an all-zero sockaddr_storage is valid; each arm writes the
    // struct of its family into it, which it is large enough to hold.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let text = std::str::from_utf8(addr).ok()?;
    let len = match family {
        libc::AF_INET => {
            let ip: std::net::Ipv4Addr = text.parse().ok()?;
            let port = u16::try_from(port?).ok()?;
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: port.to_be(),
                sin_addr: libc::in_addr {
                    s_addr: u32::from(ip).to_be(),
                },
                sin_zero: [0; 8],
            };
            // SAFETY: see above.
            unsafe { std::ptr::write((&mut ss as *mut libc::sockaddr_storage).cast(), sin) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        libc::AF_INET6 => {
            let ip: std::net::Ipv6Addr = text.parse().ok()?;
            let port = u16::try_from(port?).ok()?;
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: port.to_be(),
                sin6_flowinfo: 0,
                sin6_addr: libc::in6_addr {
                    s6_addr: ip.octets(),
                },
                sin6_scope_id: 0,
            };
            // SAFETY: see above.
            unsafe { std::ptr::write((&mut ss as *mut libc::sockaddr_storage).cast(), sin6) };
            std::mem::size_of::<libc::sockaddr_in6>()
        }
        libc::AF_UNIX if !addr.is_empty() && addr.len() < 108 => {
            let mut sun = libc::sockaddr_un {
                sun_family: libc::AF_UNIX as libc::sa_family_t,
                sun_path: [0; 108],
            };
            for (d, s) in sun.sun_path.iter_mut().zip(addr) {
                *d = *s as libc::c_char;
            }
            // SAFETY: see above.
            unsafe { std::ptr::write((&mut ss as *mut libc::sockaddr_storage).cast(), sun) };
            // As ext/sockets: the path's length, no terminator.
            std::mem::offset_of!(libc::sockaddr_un, sun_path) + addr.len()
        }
        _ => return None,
    };
    Some((ss, len as libc::socklen_t))
}

handler!(
    /// `socket_connect(Socket $socket, string $address, ?int $port = null): bool`.
    hooked_connect(ex, rv) {
        let i = functions::SOCKET_HOOKS + 7;
        let Some(sock) = blocking_socket(ex) else { original(i, ex, rv); return; };
        let addr = args::bytes(ex, 1).map(|b| b.into_owned());
        let port = args::get(ex, 2).and_then(|z| z.long());
        // SAFETY: live php_socket.
        let (fd, family) = unsafe { ((*sock).bsd_socket, (*sock).type_) };
        let Some(to) = addr.and_then(|a| target(family, &a, port)) else {
            original(i, ex, rv);
            return;
        };
        // SAFETY: fcntl/connect/getsockopt on the socket's fd with an address
        // of its family; the flags are put back after.
        let err = unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
            let (sa, sa_len) = to;
            let mut e = if libc::connect(fd, (&sa as *const libc::sockaddr_storage).cast(), sa_len) == 0 {
                0
            } else {
                *libc::__errno_location()
            };
            if e == libc::EINPROGRESS {
                let timeout = sock_timeout(fd, libc::SO_SNDTIMEO);
                let started = Instant::now();
                let ready = wait_ready(fd, Dir::Write, timeout);
                let timed_out = timeout.is_some_and(|t| started.elapsed() >= t) && !ready_now(fd, Dir::Write);
                e = if !ready || timed_out {
                    // As a blocking connect cut short (SO_SNDTIMEO, cancel).
                    libc::EINPROGRESS
                } else {
                    let mut so: c_int = 0;
                    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
                    libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR, (&mut so as *mut c_int).cast(), &mut len);
                    so
                };
            }
            libc::fcntl(fd, libc::F_SETFL, flags);
            e
        };
        if err == 0 {
            rv.set_bool(true);
            return;
        }
        // ext/sockets' PHP_SOCKET_ERROR: both error codes, then its warning.
        // SAFETY: live php_socket.
        unsafe { (*sock).error = err };
        set_global_error(err);
        let text = std::io::Error::from_raw_os_error(err);
        super::super::error::warn_docref(
            super::super::error::E_WARNING,
            &format!("unable to connect [{err}]: {}", super::super::error::os_error_text(&text)),
        );
        rv.set_bool(false);
    }
);

/// The fds of the Socket objects in array argument `i`.
fn fds_of(ex: &mut ExecuteData, i: usize, dir: Dir, out: &mut Vec<(c_int, Dir)>) {
    let Some(arr) = args::get(ex, i).and_then(|z| z.array()) else {
        return;
    };
    for v in arr.values() {
        if let Some(sock) = php_socket_of(v) {
            // SAFETY: live php_socket.
            let fd = unsafe { (*sock).bsd_socket };
            if fd >= 0 {
                out.push((fd, dir));
            }
        }
    }
}

handler!(
    /// `socket_select(?array &$read, ?array &$write, ?array &$except, ?int $seconds, int $microseconds = 0): int|false`.
    hooked_select(ex, rv) {
        let i = functions::SOCKET_HOOKS + 8;
        let secs_arg = args::get(ex, 3).map(|z| if z.is_null() { None } else { z.long() });
        let usecs = args::get(ex, 4).and_then(|z| z.long()).unwrap_or(0);
        let timeout = match secs_arg {
            Some(None) => None,
            Some(Some(s)) if s >= 0 && usecs >= 0 => Some(Duration::from_secs(s as u64) + Duration::from_micros(usecs as u64)),
            _ => { original(i, ex, rv); return; }
        };
        if rt(|r| r.current()).is_main() || timeout == Some(Duration::ZERO) {
            original(i, ex, rv);
            return;
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let ask = |ex: &mut ExecuteData, r: &mut Zval| original(i, ex, r);
        let fds = |ex: &mut ExecuteData, out: &mut Vec<(c_int, Dir)>| {
            fds_of(ex, 0, Dir::Read, out);
            fds_of(ex, 1, Dir::Write, out);
            fds_of(ex, 2, Dir::Read, out);
        };
        match super::select::select_loop(ex, deadline, &ask, &fds) {
            Selected::Done(r) | Selected::Canceled(r) => *rv = r,
            // Another coroutine waits on one of them: plain PHP's answer now.
            Selected::Failed(_) => ask(ex, rv),
        }
    }
);

/// Our handlers, in `NAMES` order.
pub fn handlers() -> [functions::Handler; 9] {
    [
        hooked_accept,
        hooked_read,
        hooked_recv,
        hooked_recvfrom,
        hooked_write,
        hooked_send,
        hooked_sendto,
        hooked_connect,
        hooked_select,
    ]
}
