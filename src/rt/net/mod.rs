//! The socket layer every socket wait goes through: one socket type
//! (`Socket`), one deadline type (`Deadline`), one error type (`NetError`)
//! and one way to wait (`Reactor`).
//!
//! Owns: the try-syscall → EAGAIN → wait → retry loops, connect with a
//! deadline, addresses and name resolution (`addr`), length/EOF framing
//! (`framing`). May not: know PHP; own the epoll instance (that is
//! `driver::io`, reached through `Reactor`).

pub mod addr;
pub mod framing;
pub mod proxy;
pub mod socket;
mod socket_tls;
#[cfg(test)]
mod tests;
pub mod tls;

use std::fmt;
use std::io;
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

pub use addr::SockAddr;
pub use socket::Socket;

use crate::rt::driver::io::Dir;
use crate::rt::{Runtime, SwitchHook, Wakeup};

/// When a socket operation gives up: a point in time, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// Waits as long as it takes.
    pub const NEVER: Deadline = Deadline(None);

    /// `d` from now.
    pub fn after(d: Duration) -> Deadline {
        Deadline(Instant::now().checked_add(d))
    }

    /// Swoole's float seconds: a positive finite number is a deadline that
    /// far away; zero, negative, NaN or infinite is never.
    pub fn from_secs(t: f64) -> Deadline {
        if t > 0.0 && t.is_finite() {
            // 1 ms at least, as Swoole's timers (SW_TIMER_MIN_SEC).
            Deadline::after(Duration::from_secs_f64(t.clamp(0.001, 1e9)))
        } else {
            Deadline::NEVER
        }
    }

    /// Time left (None: no deadline; zero once it passed).
    pub fn remaining(&self) -> Option<Duration> {
        self.0.map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.remaining().is_some_and(|r| r.is_zero())
    }
}

/// Why a socket operation failed.
#[derive(Debug)]
pub enum NetError {
    /// The deadline passed.
    TimedOut,
    /// The wait was canceled (`Coroutine::cancel`, the socket's `cancel`, or
    /// the socket was closed by another coroutine while this one waited).
    Canceled,
    /// The socket is closed.
    Closed,
    /// Another coroutine already waits on this socket in the same direction
    /// (one connection used by two coroutines at once).
    Busy {
        /// The coroutine that holds it.
        holder: u64,
    },
    /// The operating system refused (ECONNREFUSED, EPIPE, …).
    Io(io::Error),
    /// TLS failed (handshake, verification, a bad record): Swoole's
    /// `SW_ERROR_SSL_*` code and OpenSSL's words.
    Tls(tls::TlsError),
}

impl NetError {
    /// The errno Swoole reports for it (`errCode`).
    pub fn errno(&self) -> i32 {
        match self {
            NetError::TimedOut => libc::ETIMEDOUT,
            NetError::Canceled => libc::ECANCELED,
            NetError::Closed => libc::EBADF,
            NetError::Busy { .. } => libc::EBUSY,
            NetError::Io(e) => e.raw_os_error().unwrap_or(libc::EIO),
            NetError::Tls(e) => e.code,
        }
    }

    /// The error of a failed syscall.
    pub fn last_os() -> NetError {
        NetError::Io(io::Error::last_os_error())
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::TimedOut => f.write_str("Connection timed out"),
            NetError::Canceled => f.write_str("Operation canceled"),
            NetError::Closed => f.write_str("Bad file descriptor"),
            NetError::Busy { holder } => write!(
                f,
                "the socket is already in use by coroutine #{holder}: one connection cannot be used by two coroutines at once"
            ),
            NetError::Io(e) => write!(f, "{e}"),
            NetError::Tls(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for NetError {}

impl From<io::Error> for NetError {
    fn from(e: io::Error) -> Self {
        NetError::Io(e)
    }
}

/// How a socket waits for readiness: the scheduler (coroutines park, the
/// fd stays registered with epoll across waits) or, outside any coroutine,
/// poll(2) on the one fd.
pub trait Reactor {
    /// Waits until `fd` is ready in direction `dir` (or closed / in error).
    fn wait(&self, fd: RawFd, dir: Dir, deadline: Deadline) -> Result<(), NetError>;

    /// `fd` is about to be closed: its registration goes and its waiters
    /// are woken with `Canceled`.
    fn forget(&self, fd: RawFd);

    /// False only when the fd is known to have no data since it was last
    /// drained (the read then waits before trying). Clears the hint.
    fn ready_hint(&self, _fd: RawFd, _dir: Dir) -> bool {
        true
    }

    /// The fd may still be ready (the last read filled its buffer, or saw
    /// the end of the stream).
    fn set_ready(&self, _fd: RawFd, _dir: Dir) {}
}

/// Waits on one fd with poll(2): the blocking wait outside coroutines.
pub fn poll_wait(fd: RawFd, dir: Dir, deadline: Deadline) -> Result<(), NetError> {
    let events = match dir {
        Dir::Read => libc::POLLIN,
        Dir::Write => libc::POLLOUT,
    };
    loop {
        let ms = deadline.remaining().map_or(-1, |d| {
            // Round up: a 0.4 ms remainder must not become a busy loop.
            d.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
        });
        let mut p = libc::pollfd {
            fd,
            events,
            revents: 0,
        };
        // SAFETY: poll(2) on one pollfd we own for the call's duration.
        match unsafe { crate::syscall!(poll(&mut p, 1, ms)) } {
            Ok(0) => return Err(NetError::TimedOut),
            Ok(_) if p.revents & libc::POLLNVAL != 0 => return Err(NetError::Closed),
            Ok(_) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                if deadline.expired() {
                    return Err(NetError::TimedOut);
                }
            }
            Err(e) => return Err(NetError::Io(e)),
        }
    }
}

impl<H: SwitchHook> Reactor for Runtime<H> {
    fn wait(&self, fd: RawFd, dir: Dir, deadline: Deadline) -> Result<(), NetError> {
        if self.current().is_main() {
            return poll_wait(fd, dir, deadline);
        }
        let left = deadline.remaining();
        if left.is_some_and(|l| l.is_zero()) {
            return Err(NetError::TimedOut);
        }
        match self.wait_owned_fd(fd, dir, left) {
            Ok(Wakeup::Ready) => Ok(()),
            Ok(Wakeup::TimedOut) => Err(NetError::TimedOut),
            Ok(_) => Err(NetError::Canceled),
            Err(crate::rt::Error::Io(e)) => Err(NetError::Io(e)),
            Err(crate::rt::Error::Busy { holder, .. }) => Err(NetError::Busy { holder }),
            Err(e) => Err(NetError::Io(io::Error::other(e.to_string()))),
        }
    }

    fn forget(&self, fd: RawFd) {
        self.close_fd(fd);
    }

    fn ready_hint(&self, fd: RawFd, dir: Dir) -> bool {
        self.take_ready_hint(fd, dir)
    }

    fn set_ready(&self, fd: RawFd, dir: Dir) {
        self.set_ready_hint(fd, dir);
    }
}
