//! Connecting a hooked stream: our own non-blocking connect (tcp and unix),
//! waiting in the reactor within the connect timeout, with host names resolved
//! on the blocking pool and PHP's own error codes and texts on failure.

use std::ffi::CStr;
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::raw::{c_char, c_int};
use std::time::{Duration, Instant};

use ext_php_rs::ffi::{
    php_stream, php_stream_context, php_stream_context_get_option, php_stream_xport_param,
    zend_string,
};

use super::super::error::os_error_text;
use super::super::runtime::rt;
use super::stream::{net, timeout_of, wait_once};
use crate::rt::driver::io::Dir;
use crate::syscall;

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

/// What the registered name resolvers said about a hooked stream's host.
enum Named {
    /// This address.
    Ip(std::net::IpAddr),
    /// Nothing (none registered, or none answered with an address): DNS.
    No,
    /// A resolver said the name is unknown, or threw (pending).
    Failed,
}

/// Asks the registered name resolvers, as Swoole's hooked streams do (they
/// connect through its coroutine socket, which asks them).
///
/// # Suspends
/// Runs the resolvers' PHP code.
fn named(host: &str) -> Named {
    if host == "localhost" || !crate::php::name_resolver::any() {
        return Named::No;
    }
    let ip = crate::php::name_resolver::resolve_for_stream(host);
    super::super::runtime::propagate();
    match ip {
        Ok(Some(ip)) => Named::Ip(ip),
        Ok(None) => Named::No,
        Err(()) => Named::Failed,
    }
}

/// `host`'s addresses, resolved on the blocking pool while other
/// coroutines run; None on failure, so the original reports it with PHP's
/// own warning.
fn dns(host: &str, port: u16) -> Option<Vec<SocketAddr>> {
    let h = host.to_owned();
    let r = rt(|r| {
        r.run_blocking(move || {
            (h.as_str(), port)
                .to_socket_addrs()
                .map(|a| a.collect::<Vec<_>>())
        })
    });
    r.ok()?.ok()
}

/// Our connect: non-blocking connect + reactor wait within the connect
/// timeout. Some(returncode), with PHP's error code and text on failure;
/// None to let the original handle it (forms we do not handle).
///
/// # Safety
/// As co_set_option.
pub(super) unsafe fn co_connect(
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
                Err(_) => match named(host) {
                    Named::Ip(ip) => vec![SocketAddr::new(ip, port)],
                    Named::No => dns(host, port)?,
                    Named::Failed => {
                        // Swoole's "DNS Lookup resolve failed"; a resolver's
                        // exception, if it threw, surfaces after the call.
                        let code = crate::swerr::DNSLOOKUP_RESOLVE_FAILED;
                        (*x).outputs.error_code = code as c_int;
                        if (*x).want_errortext() != 0 {
                            let text =
                                crate::swerr::message(code).unwrap_or("DNS Lookup resolve failed");
                            (*x).outputs.error_text = zend_str(text);
                        }
                        return Some(-1);
                    }
                },
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
                    // setsockopt: as PHP's own tcp_nodelay, a failure is not
                    // reported; the connection works without it.
                    let _ = syscall!(setsockopt(
                        fd,
                        libc::IPPROTO_TCP,
                        libc::TCP_NODELAY,
                        (&one as *const c_int).cast(),
                        4,
                    ));
                }
                Some(0)
            }
            Err(err) => {
                (*x).outputs.error_code = err;
                if (*x).want_errortext() != 0 {
                    let text = os_error_text(&std::io::Error::from_raw_os_error(err));
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

/// Finishes a non-blocking connect on `fd` whose connect(2) returned `r`:
/// Ok(fd) or Err(errno) (fd closed).
fn finish_connect(
    fd: c_int,
    r: std::io::Result<c_int>,
    deadline: Option<Instant>,
) -> Result<c_int, c_int> {
    let fail = |e: c_int| {
        // SAFETY: closing the fd we created.
        // close: nothing to do on error, the fd is gone either way.
        let _ = unsafe { syscall!(close(fd)) };
        Err(e)
    };
    let e = match r {
        Ok(_) => return Ok(fd),
        Err(e) => e.raw_os_error().unwrap_or(libc::EIO),
    };
    if e != libc::EINPROGRESS && e != libc::EAGAIN {
        return fail(e);
    }
    // A one-off wait (the stream is not wrapped yet, and a failed connect
    // closes the fd here): nothing stays registered for this fd number.
    rt(|r| r.close_fd(fd));
    match wait_once(fd, Dir::Write, remaining(deadline)) {
        Ok(true) => {}
        Ok(false) => return fail(libc::ETIMEDOUT),
        Err(()) => return fail(libc::ECANCELED),
    }
    let mut err: c_int = 0;
    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: reading SO_ERROR into a c_int.
    let g = unsafe {
        syscall!(getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ERROR,
            (&mut err as *mut c_int).cast(),
            &mut len,
        ))
    };
    if g.is_err() {
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
        syscall!(socket(
            domain,
            libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        ))
    }
    .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
    let (storage, len) = crate::rt::sys::sockaddr(a);
    // SAFETY: storage holds a valid sockaddr of `len` bytes.
    let r = unsafe {
        syscall!(connect(
            fd,
            (&storage as *const libc::sockaddr_storage).cast(),
            len
        ))
    };
    finish_connect(fd, r, deadline)
}

fn connect_unix(path: &str, deadline: Option<Instant>) -> Result<c_int, c_int> {
    // SAFETY: plain socket(2).
    let fd = unsafe {
        syscall!(socket(
            libc::AF_UNIX,
            libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        ))
    }
    .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
    // SAFETY: a zeroed sockaddr_un is valid; we copy at most sun_path-1 bytes.
    let mut sa: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    sa.sun_family = libc::AF_UNIX as libc::sa_family_t;
    let bytes = path.as_bytes();
    if bytes.len() >= sa.sun_path.len() {
        // SAFETY: closing our fd.
        // close: nothing to do on error, the fd is gone either way.
        let _ = unsafe { syscall!(close(fd)) };
        return Err(libc::ENAMETOOLONG);
    }
    for (d, s) in sa.sun_path.iter_mut().zip(bytes) {
        *d = *s as c_char;
    }
    let len = (std::mem::size_of::<libc::sa_family_t>() + bytes.len()) as libc::socklen_t;
    // SAFETY: sa is a valid sockaddr_un of `len` bytes.
    let r = unsafe { syscall!(connect(fd, (&sa as *const libc::sockaddr_un).cast(), len)) };
    finish_connect(fd, r, deadline)
}
