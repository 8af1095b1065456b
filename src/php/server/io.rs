//! Reading and writing a server connection's fd from a coroutine, in the
//! clear or through the connection's TLS session (ports with SWOOLE_SSL:
//! the worker keeps one session per fd, from `tls_accept` to `close`).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::super::runtime::rt;
use super::vconn;
use crate::rt::driver::io::Dir;
use crate::rt::net::tls::{send_file_chunks, Step, StepError, TlsContext, TlsError, TlsSession};
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

thread_local! {
    /// The TLS sessions of this worker's connections, by fd.
    static TLS: RefCell<HashMap<RawFd, Box<TlsSession>>> = RefCell::new(HashMap::new());
    /// How many there are: plain connections skip the map when none.
    static TLS_COUNT: Cell<usize> = const { Cell::new(0) };
}

fn is_tls(fd: RawFd) -> bool {
    TLS_COUNT.with(Cell::get) > 0 && TLS.with(|t| t.borrow().contains_key(&fd))
}

fn wait(fd: RawFd, dir: Dir, timeout: Option<Duration>) -> io::Result<()> {
    match rt(|r| r.wait_owned_fd(fd, dir, timeout)) {
        Ok(Wakeup::Ready) => Ok(()),
        Ok(Wakeup::TimedOut) => Err(io::ErrorKind::TimedOut.into()),
        Ok(_) => Err(io::ErrorKind::Interrupted.into()),
        Err(e) => Err(io::Error::other(e.to_string())),
    }
}

/// Runs `f` on fd's TLS session until it is done, waiting as it asks (each
/// wait at most `timeout`). The session is borrowed for one step at a time,
/// never across a wait.
fn tls_step<T>(
    fd: RawFd,
    timeout: Option<Duration>,
    mut f: impl FnMut(&mut TlsSession) -> Result<Step<T>, StepError>,
) -> io::Result<T> {
    loop {
        let step = TLS.with(|t| {
            let mut t = t.borrow_mut();
            let s = t
                .get_mut(&fd)
                .ok_or_else(|| io::Error::from_raw_os_error(libc::EBADF))?;
            Ok::<_, io::Error>(f(s))
        })?;
        match step {
            Ok(Step::Done(v)) => return Ok(v),
            Ok(Step::WantRead) => wait(fd, Dir::Read, timeout)?,
            Ok(Step::WantWrite) => wait(fd, Dir::Write, timeout)?,
            Err(StepError::Io(e)) => return Err(e),
            Err(StepError::Tls(e)) => return Err(io::Error::other(e.msg)),
        }
    }
}

/// Why a connection's TLS handshake failed.
pub enum AcceptError {
    /// The client spoke something else, or TLS went wrong (Swoole's reason).
    Tls(TlsError),
    /// The connection went away, or the handshake took longer than allowed.
    Io,
}

/// The server side of the TLS handshake on accepted connection `fd`; from
/// then on its reads and writes go through the session.
pub fn tls_accept(fd: RawFd, ctx: &TlsContext, timeout: Duration) -> Result<(), AcceptError> {
    let s = TlsSession::new(ctx, fd, None).map_err(AcceptError::Tls)?;
    TLS.with(|t| t.borrow_mut().insert(fd, Box::new(s)));
    TLS_COUNT.with(|c| c.set(c.get() + 1));
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let step = TLS.with(|t| t.borrow_mut().get_mut(&fd).map(|s| s.handshake()));
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let r = match step {
            None => Err(AcceptError::Io),
            Some(Ok(Step::Done(()))) => return Ok(()),
            Some(Ok(Step::WantRead)) => {
                wait(fd, Dir::Read, Some(left)).map_err(|_| AcceptError::Io)
            }
            Some(Ok(Step::WantWrite)) => {
                wait(fd, Dir::Write, Some(left)).map_err(|_| AcceptError::Io)
            }
            Some(Err(StepError::Io(_))) => Err(AcceptError::Io),
            Some(Err(StepError::Tls(e))) => Err(AcceptError::Tls(e)),
        };
        if let Err(e) = r {
            forget_tls(fd);
            return Err(e);
        }
    }
}

/// Swoole's line for a client whose TLS handshake failed.
pub fn log_bad_client(who: crate::server::log::Who, id: usize, peer: &(String, u16), t: &TlsError) {
    crate::server::log::bad_ssl_client(who, id, &peer.0, peer.1, t.reason.0, &t.reason.1);
}

/// Swoole's check of a client after the handshake (`ssl_verify_peer` on a
/// server port).
pub fn tls_verify(fd: RawFd, allow_self_signed: bool) -> Result<(), TlsError> {
    TLS.with(|t| match t.borrow().get(&fd) {
        Some(s) => s.verify(allow_self_signed),
        None => Err(TlsError::new(crate::swerr::SSL_NOT_READY, "SSL not ready")),
    })
}

/// The client's certificate (PEM) on a TLS connection that sent one.
pub fn tls_peer_cert(fd: RawFd) -> Option<Vec<u8>> {
    if !is_tls(fd) {
        return None;
    }
    TLS.with(|t| t.borrow().get(&fd).and_then(|s| s.peer_cert_pem()))
}

fn forget_tls(fd: RawFd) {
    if TLS_COUNT.with(Cell::get) == 0 {
        return;
    }
    if let Some(mut s) = TLS.with(|t| t.borrow_mut().remove(&fd)) {
        s.close_notify();
        TLS_COUNT.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// Reads what is available (waiting for at least one byte, at most
/// `timeout`) into `buf`. Ok(0) at end of stream; Err(TimedOut) when no byte
/// came in time; Err(Interrupted) when the wait was canceled.
pub fn read_some(fd: RawFd, buf: &mut Vec<u8>, timeout: Option<Duration>) -> io::Result<usize> {
    if vconn::is_virtual(fd) {
        return vconn::read_some(fd, buf, timeout);
    }
    if is_tls(fd) {
        // One wait for the first record, then what else is decryptable now
        // (up to 64 KiB, as Swoole reads), so a big message is one event.
        const MAX: usize = 64 * 1024;
        let old = buf.len();
        buf.resize(old + MAX, 0);
        let first = tls_step(fd, timeout, |s| s.read(&mut buf[old..], false));
        let mut got = match first {
            Ok(n) => n,
            Err(e) => {
                buf.truncate(old);
                return Err(e);
            }
        };
        while got > 0 && got < MAX {
            let more = TLS.with(|t| {
                t.borrow_mut()
                    .get_mut(&fd)
                    .map(|s| s.read(&mut buf[old + got..], false))
            });
            match more {
                Some(Ok(Step::Done(n))) if n > 0 => got += n,
                _ => break,
            }
        }
        buf.truncate(old + got);
        return Ok(got);
    }
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
    if vconn::is_virtual(fd) {
        return vconn::write(fd, data);
    }
    if is_tls(fd) {
        while !data.is_empty() {
            let n = tls_step(fd, send_timeout(), |s| s.write(data))?;
            data = &data[n..];
        }
        return Ok(());
    }
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
    if vconn::is_virtual(fd) {
        return vconn::shutdown(fd);
    }
    if is_tls(fd) {
        TLS.with(|t| {
            if let Some(s) = t.borrow_mut().get_mut(&fd) {
                s.close_notify();
            }
        });
    }
    // SAFETY: shutdown(2) on a connection this worker owns.
    // shutdown: an error means the peer is already gone, which the
    // connection's coroutine finds out by itself.
    let _ = unsafe { syscall!(shutdown(fd, libc::SHUT_RDWR)) };
}

/// Closes an fd, waking whoever waits on it.
pub fn close(fd: RawFd) {
    if vconn::is_virtual(fd) {
        return vconn::close(fd);
    }
    forget_tls(fd);
    rt(|r| r.close_fd(fd));
    // SAFETY: closing an fd this connection owns.
    // close: nothing to do on error, the fd is gone either way.
    let _ = unsafe { syscall!(close(fd)) };
}

/// One non-blocking send: bytes taken (0 when the socket is full), None
/// when the connection is broken.
pub fn send_some(fd: RawFd, bytes: &[u8]) -> Option<usize> {
    if vconn::is_virtual(fd) {
        return vconn::write(fd, bytes).ok().map(|()| bytes.len());
    }
    if is_tls(fd) {
        let r = TLS.with(|t| t.borrow_mut().get_mut(&fd).map(|s| s.write(bytes)));
        return match r {
            Some(Ok(Step::Done(n))) => Some(n),
            Some(Ok(_)) => Some(0),
            _ => None,
        };
    }
    loop {
        // SAFETY: sending from a valid slice; MSG_NOSIGNAL: no SIGPIPE.
        match unsafe {
            syscall!(send(
                fd,
                bytes.as_ptr().cast(),
                bytes.len(),
                libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT
            ))
        } {
            Ok(n) => return Some(n as usize),
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => continue,
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => return Some(0),
            Err(_) => return None,
        }
    }
}

/// Streams `len` bytes of `file` from `offset` to connection `fd`:
/// sendfile(2) in the clear, read-and-encrypt over TLS; waits in the
/// reactor when the socket is full. False when it could not finish.
pub fn send_file(fd: RawFd, file: &std::fs::File, offset: u64, len: u64) -> bool {
    use std::os::fd::AsRawFd;
    if is_tls(fd) || vconn::is_virtual(fd) {
        let (sent, r) =
            send_file_chunks(file.as_raw_fd(), offset, len, |b| match write_all(fd, b) {
                Ok(()) => (b.len(), Ok(())),
                Err(e) => (0, Err(e)),
            });
        // A file shorter than it was: the body cannot be completed.
        return r.is_ok() && sent == len;
    }
    let mut off = offset as libc::off_t;
    let end = offset.saturating_add(len) as libc::off_t;
    while off < end {
        let chunk = ((end - off) as usize).min(1 << 30);
        // SAFETY: sendfile between two fds we hold, advancing our offset.
        match unsafe { syscall!(sendfile(fd, file.as_raw_fd(), &mut off, chunk)) } {
            // The file is shorter than it was: nothing more to send.
            Ok(0) => return false,
            Ok(_) => {}
            Err(e) => {
                if wait_to_send(fd, e).is_err() {
                    return false;
                }
            }
        }
    }
    true
}
