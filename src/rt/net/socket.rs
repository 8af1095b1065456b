//! `Socket`: a non-blocking socket whose operations wait through a
//! `Reactor` until ready, a deadline passes, or the wait is canceled.
//!
//! Owns: the fd (close it with `close`, which first takes it out of the
//! reactor: the driver keys registrations by fd number, so a stale one
//! would swallow the next fd of that number's events).

use std::cell::RefCell;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

use super::tls::{Step, StepError, TlsSession};
use super::{Deadline, NetError, Reactor, SockAddr};
use crate::rt::driver::io::Dir;
use crate::syscall;

/// A non-blocking socket (stream, datagram or seqpacket).
#[derive(Debug)]
pub struct Socket {
    fd: OwnedFd,
    /// SOCK_STREAM: a short read means the kernel buffer is drained.
    stream: bool,
    /// The TLS session once `tls_handshake` started one: every read and
    /// write goes through it from then on. Borrowed for one non-blocking
    /// step at a time, never across a wait.
    pub(super) tls: RefCell<Option<Box<TlsSession>>>,
}

fn would_block(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::EAGAIN)
}

fn interrupted(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Interrupted
}

impl Socket {
    /// socket(2), non-blocking and close-on-exec.
    pub fn new(domain: i32, ty: i32, protocol: i32) -> io::Result<Socket> {
        let flags = libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK;
        // SAFETY: socket(2) with the caller's numbers; the result is checked.
        let fd = unsafe { syscall!(socket(domain, ty | flags, protocol)) }?;
        // SAFETY: a fresh fd nobody else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        Ok(Socket {
            fd,
            stream: ty & 0xf == libc::SOCK_STREAM,
            tls: RefCell::default(),
        })
    }

    /// A connected pair (AF_UNIX), both non-blocking.
    pub fn pair(ty: i32) -> io::Result<(Socket, Socket)> {
        let mut fds = [0 as libc::c_int; 2];
        let flags = libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK;
        // SAFETY: socketpair(2) fills the two-int array.
        unsafe { syscall!(socketpair(libc::AF_UNIX, ty | flags, 0, fds.as_mut_ptr())) }?;
        // SAFETY: two fresh fds nobody else owns.
        let (a, b) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        let stream = ty & 0xf == libc::SOCK_STREAM;
        let tls = RefCell::default;
        Ok((
            Socket {
                fd: a,
                stream,
                tls: tls(),
            },
            Socket {
                fd: b,
                stream,
                tls: tls(),
            },
        ))
    }

    /// Takes over an existing socket fd (made non-blocking here); its type
    /// is read back with SO_TYPE.
    pub fn from_fd(fd: OwnedFd) -> Socket {
        crate::rt::sys::set_nonblocking(fd.as_raw_fd(), true);
        let ty = getsockopt_int(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_TYPE)
            .unwrap_or(libc::SOCK_STREAM);
        Socket {
            fd,
            stream: ty == libc::SOCK_STREAM,
            tls: RefCell::default(),
        }
    }

    /// The fd number.
    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Whether this is a byte stream (not message-oriented).
    pub fn is_stream(&self) -> bool {
        self.stream
    }

    /// Closes the socket: waiters on it are woken with `Canceled` first.
    pub fn close(self, r: &impl Reactor) {
        self.tls_close_notify();
        r.forget(self.fd());
        drop(self.fd);
    }

    /// Gives the fd up without closing it (its reactor registration goes).
    pub fn into_fd(self, r: &impl Reactor) -> OwnedFd {
        r.forget(self.fd());
        self.fd
    }

    /// Gives the raw fd up to a caller that closes it itself.
    pub fn into_raw_fd(self, r: &impl Reactor) -> RawFd {
        self.into_fd(r).into_raw_fd()
    }

    /// connect(2), waiting for the handshake until `deadline`.
    pub fn connect(
        &self,
        r: &impl Reactor,
        to: &SockAddr,
        deadline: Deadline,
    ) -> Result<(), NetError> {
        let (p, len) = to.as_raw();
        loop {
            // SAFETY: connect with an address of its own length.
            match unsafe { syscall!(connect(self.fd(), p, len)) } {
                Ok(_) => return Ok(()),
                Err(e) if interrupted(&e) => continue,
                Err(e)
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::EINPROGRESS) | Some(libc::EAGAIN)
                    ) =>
                {
                    break
                }
                Err(e) => return Err(NetError::Io(e)),
            }
        }
        r.wait(self.fd(), Dir::Write, deadline)?;
        match getsockopt_int(self.fd(), libc::SOL_SOCKET, libc::SO_ERROR) {
            Ok(0) => Ok(()),
            Ok(code) => Err(NetError::Io(io::Error::from_raw_os_error(code))),
            Err(e) => Err(NetError::Io(e)),
        }
    }

    /// bind(2).
    pub fn bind(&self, to: &SockAddr) -> io::Result<()> {
        let (p, len) = to.as_raw();
        // SAFETY: bind with an address of its own length.
        unsafe { syscall!(bind(self.fd(), p, len)) }.map(drop)
    }

    /// listen(2).
    pub fn listen(&self, backlog: i32) -> io::Result<()> {
        // SAFETY: listen(2) on our socket.
        unsafe { syscall!(listen(self.fd(), backlog)) }.map(drop)
    }

    /// accept4(2), waiting for a connection until `deadline`.
    pub fn accept(
        &self,
        r: &impl Reactor,
        deadline: Deadline,
    ) -> Result<(Socket, SockAddr), NetError> {
        loop {
            let mut peer = SockAddr::empty();
            let (p, len) = peer.as_raw_mut();
            let flags = libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK;
            // SAFETY: accept4 fills an address of the storage's size.
            match unsafe { syscall!(accept4(self.fd(), p, len, flags)) } {
                Ok(fd) => {
                    // SAFETY: a fresh fd nobody else owns.
                    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
                    r.set_ready(self.fd(), Dir::Read);
                    let s = Socket {
                        fd,
                        stream: self.stream,
                        tls: RefCell::default(),
                    };
                    return Ok((s, peer));
                }
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => r.wait(self.fd(), Dir::Read, deadline)?,
                // The peer gave up before we took it: take the next one.
                Err(e) if e.raw_os_error() == Some(libc::ECONNABORTED) => {}
                Err(e) => return Err(NetError::Io(e)),
            }
        }
    }

    /// One recv(2) with `flags` into `buf`, waiting until something comes:
    /// the count (0 at the end of the stream).
    fn recv_flags(
        &self,
        r: &impl Reactor,
        buf: &mut [u8],
        flags: i32,
        deadline: Deadline,
    ) -> Result<usize, NetError> {
        let fd = self.fd();
        if self.is_tls() {
            let peek = flags & libc::MSG_PEEK != 0;
            return self.tls_step(r, deadline, |t| t.read(buf, peek));
        }
        if !r.ready_hint(fd, Dir::Read) {
            r.wait(fd, Dir::Read, deadline)?;
        }
        loop {
            // SAFETY: recv into a buffer of its own length.
            match unsafe {
                syscall!(recv(
                    fd,
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    flags | libc::MSG_DONTWAIT
                ))
            } {
                Ok(n) => {
                    let n = n as usize;
                    // A stream read that stopped short drained the kernel
                    // buffer; anything else may have more behind it.
                    if !self.stream || n == 0 || n == buf.len() || flags & libc::MSG_PEEK != 0 {
                        r.set_ready(fd, Dir::Read);
                    }
                    return Ok(n);
                }
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => r.wait(fd, Dir::Read, deadline)?,
                Err(e) => {
                    r.set_ready(fd, Dir::Read);
                    return Err(NetError::Io(e));
                }
            }
        }
    }

    /// Reads what is there (at most `buf.len()` bytes), waiting until
    /// something is: the count, 0 at the end of the stream.
    pub fn read_some(
        &self,
        r: &impl Reactor,
        buf: &mut [u8],
        deadline: Deadline,
    ) -> Result<usize, NetError> {
        self.recv_flags(r, buf, 0, deadline)
    }

    /// As `read_some`, without consuming the bytes; waits like it.
    pub fn peek_wait(
        &self,
        r: &impl Reactor,
        buf: &mut [u8],
        deadline: Deadline,
    ) -> Result<usize, NetError> {
        self.recv_flags(r, buf, libc::MSG_PEEK, deadline)
    }

    /// What is readable now, without consuming it or waiting (EAGAIN when
    /// nothing is).
    pub fn peek(&self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(t) = self.tls.borrow_mut().as_mut() {
            return match t.read(buf, true) {
                Ok(Step::Done(n)) => Ok(n),
                Ok(_) => Err(io::Error::from_raw_os_error(libc::EAGAIN)),
                Err(StepError::Io(e)) => Err(e),
                Err(StepError::Tls(e)) => Err(io::Error::other(e.msg)),
            };
        }
        loop {
            let flags = libc::MSG_PEEK | libc::MSG_DONTWAIT;
            // SAFETY: recv into a buffer of its own length.
            match unsafe { syscall!(recv(self.fd(), buf.as_mut_ptr().cast(), buf.len(), flags)) } {
                Ok(n) => return Ok(n as usize),
                Err(e) if interrupted(&e) => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Fills `buf`, waiting as needed: the count read, and why it stopped
    /// short (Ok with a short count: the end of the stream).
    pub fn read_exact(
        &self,
        r: &impl Reactor,
        buf: &mut [u8],
        deadline: Deadline,
    ) -> (usize, Result<(), NetError>) {
        let mut off = 0;
        while off < buf.len() {
            match self.read_some(r, &mut buf[off..], deadline) {
                Ok(0) => break,
                Ok(n) => off += n,
                Err(e) => return (off, Err(e)),
            }
        }
        (off, Ok(()))
    }

    /// One send(2) of what fits now, waiting until something does: the count.
    pub fn write_some(
        &self,
        r: &impl Reactor,
        data: &[u8],
        deadline: Deadline,
    ) -> Result<usize, NetError> {
        let fd = self.fd();
        if self.is_tls() {
            return self.tls_step(r, deadline, |t| t.write(data));
        }
        loop {
            let flags = libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL;
            // SAFETY: send from a slice of its own length; no SIGPIPE.
            match unsafe { syscall!(send(fd, data.as_ptr().cast(), data.len(), flags)) } {
                Ok(n) => return Ok(n as usize),
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => r.wait(fd, Dir::Write, deadline)?,
                Err(e) => return Err(NetError::Io(e)),
            }
        }
    }

    /// Writes all of `data`, waiting as needed: the count written, and the
    /// error that stopped it short.
    pub fn write_all(
        &self,
        r: &impl Reactor,
        data: &[u8],
        deadline: Deadline,
    ) -> (usize, Result<(), NetError>) {
        let mut off = 0;
        while off < data.len() {
            match self.write_some(r, &data[off..], deadline) {
                Ok(n) => off += n,
                Err(e) => return (off, Err(e)),
            }
        }
        (off, Ok(()))
    }

    /// writev(2) of all the `parts`, waiting as needed (`all`: until every
    /// byte is written; else after the first successful write): the count.
    pub fn write_vectored(
        &self,
        r: &impl Reactor,
        parts: &[&[u8]],
        all: bool,
        deadline: Deadline,
    ) -> (usize, Result<(), NetError>) {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if self.is_tls() {
            // Records are encrypted one buffer at a time: one copy.
            let joined = parts.concat();
            return if all {
                self.write_all(r, &joined, deadline)
            } else {
                match self.write_some(r, &joined, deadline) {
                    Ok(n) => (n, Ok(())),
                    Err(e) => (0, Err(e)),
                }
            };
        }
        let mut done = 0usize;
        while done < total {
            // The iovecs of what is left.
            let mut skip = done;
            let mut iov: Vec<libc::iovec> = Vec::with_capacity(parts.len());
            for p in parts {
                if skip >= p.len() {
                    skip -= p.len();
                    continue;
                }
                let rest = &p[skip..];
                skip = 0;
                iov.push(libc::iovec {
                    iov_base: rest.as_ptr() as *mut libc::c_void,
                    iov_len: rest.len(),
                });
            }
            let n = iov.len().min(libc::UIO_MAXIOV as usize) as libc::c_int;
            // SAFETY: the iovecs point into `parts`, alive for the call.
            match unsafe { syscall!(writev(self.fd(), iov.as_ptr(), n)) } {
                Ok(k) => {
                    done += k as usize;
                    if !all {
                        break;
                    }
                }
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => {
                    if let Err(e) = r.wait(self.fd(), Dir::Write, deadline) {
                        return (done, Err(e));
                    }
                }
                Err(e) if e.raw_os_error() == Some(libc::EPIPE) => {
                    return (done, Err(NetError::Io(e)))
                }
                Err(e) => return (done, Err(NetError::Io(e))),
            }
        }
        (done, Ok(()))
    }

    /// recvfrom(2), waiting until a datagram comes: its length and sender.
    pub fn recv_from(
        &self,
        r: &impl Reactor,
        buf: &mut [u8],
        deadline: Deadline,
    ) -> Result<(usize, SockAddr), NetError> {
        let fd = self.fd();
        loop {
            match try_recv_from(fd, buf) {
                Ok(got) => {
                    r.set_ready(fd, Dir::Read);
                    return Ok(got);
                }
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => r.wait(fd, Dir::Read, deadline)?,
                Err(e) => return Err(NetError::Io(e)),
            }
        }
    }

    /// sendto(2), waiting until the datagram fits: the count sent.
    pub fn send_to(
        &self,
        r: &impl Reactor,
        data: &[u8],
        to: &SockAddr,
        deadline: Deadline,
    ) -> Result<usize, NetError> {
        let fd = self.fd();
        let (p, len) = to.as_raw();
        loop {
            let flags = libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL;
            // SAFETY: sendto from a slice and an address of their sizes.
            match unsafe { syscall!(sendto(fd, data.as_ptr().cast(), data.len(), flags, p, len)) } {
                Ok(n) => return Ok(n as usize),
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => r.wait(fd, Dir::Write, deadline)?,
                Err(e) => return Err(NetError::Io(e)),
            }
        }
    }

    /// sendfile(2) of `len` bytes of `file` from `offset`, waiting as
    /// needed: the count sent (short at the end of the file).
    pub fn send_file(
        &self,
        r: &impl Reactor,
        file: RawFd,
        offset: u64,
        len: u64,
        deadline: Deadline,
    ) -> (u64, Result<(), NetError>) {
        if self.is_tls() {
            return self.tls_send_file(r, file, offset, len, deadline);
        }
        let mut off = offset as libc::off_t;
        let mut sent = 0u64;
        while sent < len {
            let chunk = (len - sent).min(1 << 30) as usize;
            // SAFETY: sendfile between two fds; the kernel advances `off`.
            match unsafe { syscall!(sendfile(self.fd(), file, &mut off, chunk)) } {
                Ok(0) => break,
                Ok(n) => sent += n as u64,
                Err(e) if interrupted(&e) => {}
                Err(e) if would_block(&e) => {
                    if let Err(e) = r.wait(self.fd(), Dir::Write, deadline) {
                        return (sent, Err(e));
                    }
                }
                Err(e) => return (sent, Err(NetError::Io(e))),
            }
        }
        (sent, Ok(()))
    }

    /// shutdown(2): SHUT_RD, SHUT_WR or SHUT_RDWR.
    pub fn shutdown(&self, how: i32) -> io::Result<()> {
        // SAFETY: shutdown(2) on our socket.
        unsafe { syscall!(shutdown(self.fd(), how)) }.map(drop)
    }

    /// getsockname(2).
    pub fn local_addr(&self) -> io::Result<SockAddr> {
        sock_name(self.fd())
    }

    /// getpeername(2).
    pub fn peer_addr(&self) -> io::Result<SockAddr> {
        let mut a = SockAddr::empty();
        let (p, len) = a.as_raw_mut();
        // SAFETY: getpeername fills an address of the storage's size.
        unsafe { syscall!(getpeername(self.fd(), p, len)) }?;
        Ok(a)
    }

    /// An integer socket option.
    pub fn option(&self, level: i32, name: i32) -> io::Result<i32> {
        getsockopt_int(self.fd(), level, name)
    }

    /// Sets an integer socket option.
    pub fn set_option(&self, level: i32, name: i32, v: i32) -> io::Result<()> {
        self.set_option_raw(level, name, &v.to_ne_bytes())
    }

    /// Sets a socket option from its raw bytes (a struct linger, timeval…).
    pub fn set_option_raw(&self, level: i32, name: i32, v: &[u8]) -> io::Result<()> {
        let len = v.len() as libc::socklen_t;
        // SAFETY: setsockopt reads `len` bytes of `v`.
        unsafe { syscall!(setsockopt(self.fd(), level, name, v.as_ptr().cast(), len)) }.map(drop)
    }

    /// A socket option's raw bytes (at most `cap`).
    pub fn option_raw(&self, level: i32, name: i32, cap: usize) -> io::Result<Vec<u8>> {
        let mut v = vec![0u8; cap];
        let mut len = cap as libc::socklen_t;
        // SAFETY: getsockopt writes at most `len` bytes into `v`.
        unsafe {
            syscall!(getsockopt(
                self.fd(),
                level,
                name,
                v.as_mut_ptr().cast(),
                &mut len
            ))
        }?;
        v.truncate(len as usize);
        Ok(v)
    }

    /// Whether the peer is still there: no pending error, and a
    /// non-waiting peek sees data or "nothing yet" rather than the end.
    pub fn is_alive(&self) -> bool {
        if !matches!(self.option(libc::SOL_SOCKET, libc::SO_ERROR), Ok(0)) {
            return false;
        }
        let mut b = [0u8; 1];
        match self.peek(&mut b) {
            Ok(0) => !self.stream,
            Ok(_) => true,
            Err(e) => would_block(&e),
        }
    }
}

/// An integer socket option of `fd`.
pub fn getsockopt_int(fd: RawFd, level: i32, name: i32) -> io::Result<i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt into an int of its size.
    unsafe {
        syscall!(getsockopt(
            fd,
            level,
            name,
            (&mut v as *mut libc::c_int).cast(),
            &mut len
        ))
    }?;
    Ok(v)
}

/// getsockname(2) of any socket fd (a server's listening or accepted
/// sockets, which are not `Socket`s).
pub fn sock_name(fd: RawFd) -> io::Result<SockAddr> {
    let mut a = SockAddr::empty();
    let (p, len) = a.as_raw_mut();
    // SAFETY: getsockname fills an address of the storage's size.
    unsafe { syscall!(getsockname(fd, p, len)) }?;
    Ok(a)
}

/// One recvfrom(2) on `fd` without waiting (EAGAIN when nothing is there):
/// the datagram's length and sender. For sockets that are not a `Socket`
/// (a server's shared UDP port).
pub fn try_recv_from(fd: RawFd, buf: &mut [u8]) -> io::Result<(usize, SockAddr)> {
    let mut from = SockAddr::empty();
    let (p, len) = from.as_raw_mut();
    // SAFETY: recvfrom into a buffer and an address of their sizes.
    let n = unsafe {
        syscall!(recvfrom(
            fd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            libc::MSG_DONTWAIT,
            p,
            len
        ))
    }?;
    Ok((n as usize, from))
}
