//! Swoole's coroutine sockets and clients over `rt::net`: the PHP reactor
//! (the scheduler, stopping when the process is ending), the per-socket
//! timeouts with Swoole's defaults, errCode/errMsg texts, and name
//! resolution on the blocking pool.

pub mod client;
pub mod http_client;
mod proxy;
pub mod socket;
mod socket_io;
mod socket_opts;
pub mod sync_client;
pub mod tls;

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::rt::driver::io::Dir;
use crate::rt::net::{addr, Deadline, NetError, Reactor, SockAddr};

use super::runtime::{aborting, rt};

/// The scheduler as `rt::net` waits on it. A wait ends early (Canceled)
/// once an exit or fatal error elsewhere is ending the process; callers
/// return to PHP and `propagate()` raises it.
pub struct Vm;

thread_local! {
    /// Inside `blocking()`: waits block the process (`Swoole\Client`).
    static BLOCKING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every socket wait blocking the process in poll(2), even
/// inside a coroutine (Swoole's synchronous client). Nothing in `f` may
/// switch coroutines while the socket waits, so the flag cannot leak.
pub fn blocking<R>(f: impl FnOnce() -> R) -> R {
    let was = BLOCKING.with(|b| b.replace(true));
    let r = f();
    BLOCKING.with(|b| b.set(was));
    r
}

impl Reactor for Vm {
    fn wait(&self, fd: RawFd, dir: Dir, deadline: Deadline) -> Result<(), NetError> {
        if BLOCKING.with(|b| b.get()) {
            return crate::rt::net::poll_wait(fd, dir, deadline);
        }
        let r = rt(|r| Reactor::wait(r, fd, dir, deadline));
        if aborting() {
            return Err(NetError::Canceled);
        }
        r
    }

    fn forget(&self, fd: RawFd) {
        rt(|r| Reactor::forget(r, fd));
    }

    fn ready_hint(&self, fd: RawFd, dir: Dir) -> bool {
        rt(|r| Reactor::ready_hint(r, fd, dir))
    }

    fn set_ready(&self, fd: RawFd, dir: Dir) {
        rt(|r| Reactor::set_ready(r, fd, dir));
    }
}

/// Cancels the coroutines waiting on `fd` in `dirs`, in that order (their
/// calls fail with ECANCELED): how many there were.
pub fn cancel_waiters(fd: RawFd, dirs: &[Dir]) -> usize {
    dirs.iter()
        .filter_map(|d| rt(|r| r.fd_holder(fd, *d)))
        .filter(|c| rt(|r| r.cancel(*c)).is_ok())
        .count()
}

/// Lets just-canceled coroutines finish their calls before the caller goes
/// on, as Swoole resumes them at once.
pub fn let_canceled_run() {
    let _ = rt(|r| r.sleep(std::time::Duration::ZERO));
    super::runtime::propagate();
}

/// Which of a socket's timeouts an operation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// connect (Swoole: 10 s unless set).
    Connect,
    /// reads (60 s).
    Read,
    /// writes (60 s).
    Write,
}

/// The process-wide defaults (`Coroutine::set(['socket_read_timeout' => …])`),
/// as f64 bits: connect, read, write.
static DEFAULTS: [AtomicU64; 3] = [
    AtomicU64::new(0x4024_0000_0000_0000), // 10.0
    AtomicU64::new(0x404e_0000_0000_0000), // 60.0
    AtomicU64::new(0x404e_0000_0000_0000), // 60.0
];

/// The default timeout of `k` in seconds (negative: none).
pub fn default_timeout(k: Kind) -> f64 {
    f64::from_bits(DEFAULTS[k as usize].load(Ordering::Relaxed))
}

/// Sets the default timeout of `k` (new sockets take it).
pub fn set_default_timeout(k: Kind, secs: f64) {
    DEFAULTS[k as usize].store(secs.to_bits(), Ordering::Relaxed);
}

/// `Coroutine::set()`'s socket options: socket_connect_timeout,
/// socket_read_timeout, socket_write_timeout, socket_timeout (read and write).
pub fn apply_options(ht: &ext_php_rs::types::ZendHashTable) {
    let num = |k: &str| {
        ht.get(k)
            .and_then(|v| v.double().or_else(|| v.long().map(|l| l as f64)))
    };
    if let Some(t) = num("socket_timeout") {
        set_default_timeout(Kind::Read, t);
        set_default_timeout(Kind::Write, t);
    }
    if let Some(t) = num("socket_connect_timeout") {
        set_default_timeout(Kind::Connect, t);
    }
    if let Some(t) = num("socket_read_timeout") {
        set_default_timeout(Kind::Read, t);
    }
    if let Some(t) = num("socket_write_timeout") {
        set_default_timeout(Kind::Write, t);
    }
}

/// A socket's own timeouts (seconds; negative: none), starting from the
/// defaults.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts(pub [f64; 3]);

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts([
            default_timeout(Kind::Connect),
            default_timeout(Kind::Read),
            default_timeout(Kind::Write),
        ])
    }
}

impl Timeouts {
    /// Swoole's per-call convention: a call's timeout of 0 uses the
    /// socket's own, a negative one waits forever, a positive one is used.
    pub fn deadline(&self, k: Kind, call: f64) -> Deadline {
        let t = if call == 0.0 {
            self.0[k as usize]
        } else {
            call
        };
        if t < 0.0 {
            Deadline::NEVER
        } else {
            Deadline::from_secs(t)
        }
    }

    /// Sets one.
    pub fn set(&mut self, k: Kind, secs: f64) {
        self.0[k as usize] = secs;
    }
}

/// errMsg for an errCode: the system's text for errno values, Swoole's for
/// its own codes.
pub fn err_text(code: i32) -> String {
    if code == 0 {
        return String::new();
    }
    if i64::from(code) >= crate::swerr::BEGIN {
        return crate::swerr::message(i64::from(code))
            .map(str::to_owned)
            .unwrap_or_else(|| format!("Unknown error {code}"));
    }
    super::error::os_error_text(&std::io::Error::from_raw_os_error(code))
}

/// SW_ERROR_DNSLOOKUP_RESOLVE_FAILED.
pub const DNS_FAILED: i32 = 711;

/// The address of `host`:`port` for a socket of `domain`: literals at once,
/// names through the resolver on the blocking pool (outside coroutines,
/// here). Err(errno or Swoole code).
pub fn resolve(domain: i32, host: &str, port: u16) -> Result<SockAddr, i32> {
    if let Some(a) = SockAddr::literal(domain, host, port) {
        return Ok(a);
    }
    if domain == libc::AF_UNIX || host.is_empty() {
        return Err(libc::EINVAL);
    }
    let h = host.to_owned();
    // A blocking client resolves right here: waiting on the pool would let
    // other coroutines run while its waits block.
    let ips = if BLOCKING.with(|b| b.get()) {
        addr::resolve(&h, domain)
    } else {
        rt(|r| r.run_blocking(move || addr::resolve(&h, domain))).map_err(|_| libc::ECANCELED)?
    };
    let ip = ips.into_iter().next().ok_or(DNS_FAILED)?;
    Ok(SockAddr::ip(std::net::SocketAddr::new(ip, port)))
}

/// Swoole's `['address' => …, 'port' => …]`.
pub fn addr_array(a: &SockAddr) -> ext_php_rs::types::Zval {
    let (host, port) = a.host_port();
    let mut arr = super::zarray::Arr::new(2);
    arr.set(b"address", super::zarray::str_zval(host.as_bytes()));
    arr.set(b"port", super::value::zval_long(i64::from(port)));
    arr.into_zval()
}
