//! Reading and writing a server connection's fd from a coroutine.

use std::io;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::super::coroutine::rt;
use crate::rt::driver::io::Dir;
use crate::rt::Wakeup;
use crate::syscall;

/// How long a write may wait for the peer to make room (`send_timeout`), in
/// milliseconds; 0: forever. Set once per worker process.
static SEND_TIMEOUT_MS: AtomicU64 = AtomicU64::new(0);

/// Sets the worker's `send_timeout` (None: writes wait as long as it takes).
pub fn set_send_timeout(t: Option<Duration>) {
    let ms = t.map_or(0, |t| {
        u64::try_from(t.as_millis()).unwrap_or(u64::MAX).max(1)
    });
    SEND_TIMEOUT_MS.store(ms, Ordering::Relaxed);
}

fn send_timeout() -> Option<Duration> {
    match SEND_TIMEOUT_MS.load(Ordering::Relaxed) {
        0 => None,
        ms => Some(Duration::from_millis(ms)),
    }
}

/// Reads what is available (waiting for at least one byte, at most
/// `timeout`) into `buf`. Ok(0) at end of stream; Err(TimedOut) when no byte
/// came in time; Err(Interrupted) when the wait was canceled.
pub fn read_some(fd: RawFd, buf: &mut Vec<u8>, timeout: Option<Duration>) -> io::Result<usize> {
    // Skip the read that would only say EAGAIN when no edge came since the
    // socket was last drained (saves one syscall per keep-alive request).
    let mut try_read = rt(|r| r.take_ready_hint(fd, Dir::Read));
    loop {
        if !try_read {
            match rt(|r| r.wait_owned_fd(fd, Dir::Read, timeout)) {
                Ok(Wakeup::Ready) => {}
                Ok(Wakeup::TimedOut) => return Err(io::ErrorKind::TimedOut.into()),
                Ok(_) => return Err(io::ErrorKind::Interrupted.into()),
                Err(e) => return Err(io::Error::other(e.to_string())),
            }
        }
        try_read = true;
        // Read straight into the buffer's spare capacity (no zeroing).
        buf.reserve(16384);
        let spare = buf.capacity() - buf.len();
        // SAFETY: the kernel writes at most `spare` bytes past len, inside the
        // allocation; we extend len by exactly what it wrote.
        let r = unsafe {
            syscall!(read(fd, buf.as_mut_ptr().add(buf.len()).cast(), spare)).inspect(|&n| {
                buf.set_len(buf.len() + n as usize);
            })
        };
        match r {
            Ok(0) => return Ok(0),
            Ok(n) => {
                // A full buffer may mean more is waiting; a short read drained
                // it (any later data raises a new edge).
                if n as usize == spare {
                    rt(|r| r.set_ready_hint(fd, Dir::Read));
                }
                return Ok(n as usize);
            }
            Err(e) => match e.raw_os_error() {
                Some(libc::EAGAIN) => try_read = false,
                Some(libc::EINTR) => {}
                _ => return Err(e),
            },
        }
    }
}

/// Writes all of `data`, waiting while the socket buffer is full.
pub fn write_all(fd: RawFd, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        // SAFETY: sending from a valid slice; MSG_NOSIGNAL: no SIGPIPE.
        match unsafe {
            syscall!(send(
                fd,
                data.as_ptr().cast(),
                data.len(),
                libc::MSG_NOSIGNAL
            ))
        } {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n as usize..],
            Err(e) => wait_to_send(fd, e)?,
        }
    }
    Ok(())
}

/// After a send to `fd` that failed with `err`: waits for room when the
/// socket is full (EAGAIN; at most `send_timeout`), returns at once on EINTR
/// (the caller retries), Err for any other error, a peer that read nothing in
/// time (TimedOut), or when the wait was cut short.
pub fn wait_to_send(fd: RawFd, err: io::Error) -> io::Result<()> {
    match err.raw_os_error() {
        Some(libc::EAGAIN) => match rt(|r| r.wait_owned_fd(fd, Dir::Write, send_timeout())) {
            Ok(Wakeup::Ready) => Ok(()),
            Ok(Wakeup::TimedOut) => Err(io::ErrorKind::TimedOut.into()),
            Ok(_) => Err(io::ErrorKind::Interrupted.into()),
            Err(e) => Err(io::Error::other(e.to_string())),
        },
        Some(libc::EINTR) => Ok(()),
        _ => Err(err),
    }
}

/// Shuts a connection down both ways: the coroutine reading it sees the
/// end and finishes it (its close event included).
pub fn shutdown(fd: RawFd) {
    // SAFETY: shutdown(2) on a connection this worker owns.
    // shutdown: an error means the peer is already gone, which the
    // connection's coroutine finds out by itself.
    let _ = unsafe { syscall!(shutdown(fd, libc::SHUT_RDWR)) };
}

/// Closes an fd, waking whoever waits on it.
pub fn close(fd: RawFd) {
    rt(|r| r.close_fd(fd));
    // SAFETY: closing an fd this connection owns.
    // close: nothing to do on error, the fd is gone either way.
    let _ = unsafe { syscall!(close(fd)) };
}
