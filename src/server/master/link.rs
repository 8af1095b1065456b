//! Writing records to a worker's pair (either end): records are packed into
//! messages of up to `wire::MAX_MESSAGE` bytes, and what the pair cannot
//! take yet waits here, in order. The owner decides when to send: at once,
//! or once per turn of its event loop (what that turn produced goes as one
//! message).

use std::collections::VecDeque;
use std::io;
use std::os::fd::RawFd;

use super::send_parts;
use super::wire::MAX_MESSAGE;

/// What one read of a pair found.
#[derive(Debug, PartialEq, Eq)]
pub enum Recv {
    /// A message of this many bytes.
    Got(usize),
    /// Nothing yet (wait for the pair to be readable).
    Empty,
    /// Every other end is closed, or the pair failed: nothing will come.
    Closed,
}

/// Reads one message off a pair into `buf`, without waiting.
pub fn recv_message(fd: RawFd, buf: &mut [u8]) -> Recv {
    loop {
        // SAFETY: recv into a buffer of its own length.
        match unsafe {
            crate::syscall!(recv(
                fd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                libc::MSG_DONTWAIT
            ))
        } {
            Ok(0) => return Recv::Closed,
            Ok(n) => return Recv::Got(n as usize),
            Err(e) => match e.raw_os_error() {
                Some(libc::EAGAIN) => return Recv::Empty,
                Some(libc::EINTR) => {}
                _ => return Recv::Closed,
            },
        }
    }
}

/// Records not yet on the pair.
#[derive(Debug, Default)]
pub struct Outgoing {
    /// The message being filled.
    building: Vec<u8>,
    /// Whole messages the pair has not taken yet.
    queue: VecDeque<Vec<u8>>,
    /// Bytes here (queue and message being filled).
    queued: usize,
}

impl Outgoing {
    /// Adds a record (its head, then its payload).
    pub fn push(&mut self, head: &[u8], payload: &[u8]) {
        let rec = head.len() + payload.len();
        if !self.building.is_empty() && self.building.len() + rec > MAX_MESSAGE {
            self.seal();
        }
        if self.building.capacity() == 0 {
            self.building.reserve(rec.max(4096));
        }
        self.building.extend_from_slice(head);
        self.building.extend_from_slice(payload);
        self.queued += rec;
    }

    fn seal(&mut self) {
        if !self.building.is_empty() {
            self.queue.push_back(std::mem::take(&mut self.building));
        }
    }

    /// Bytes waiting.
    pub fn queued(&self) -> usize {
        self.queued
    }

    /// True when nothing waits.
    pub fn is_empty(&self) -> bool {
        self.queued == 0
    }

    /// Sends what waits, in order, until the pair is full: Ok(true) when
    /// everything is out, Ok(false) when the pair is full (try again when
    /// it is writable). An error drops the message it failed on.
    pub fn send(&mut self, fd: RawFd) -> io::Result<bool> {
        self.seal();
        while let Some(p) = self.queue.front() {
            let len = p.len();
            match send_parts(fd, p, &[]) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => return Ok(false),
                Err(e) => {
                    self.queue.pop_front();
                    self.queued = self.queued.saturating_sub(len);
                    return Err(e);
                }
            }
            self.queue.pop_front();
            self.queued = self.queued.saturating_sub(len);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::wire;
    use super::*;

    #[test]
    fn records_are_packed_and_wait_for_room() {
        let mut fds = [0; 2];
        // SAFETY: socketpair into a two-element array.
        let r = unsafe {
            libc::socketpair(
                libc::AF_UNIX,
                libc::SOCK_SEQPACKET | libc::SOCK_NONBLOCK,
                0,
                fds.as_mut_ptr(),
            )
        };
        assert_eq!(r, 0);
        // As the server's pairs: large buffers (a message is up to 260 KiB).
        let size: libc::c_int = 4 << 20;
        for fd in fds {
            // SAFETY: a buffer size on our own socket.
            unsafe {
                libc::setsockopt(
                    fd,
                    libc::SOL_SOCKET,
                    libc::SO_SNDBUF,
                    (&size as *const libc::c_int).cast(),
                    4,
                );
            }
        }
        let mut out = Outgoing::default();
        for i in 0..3u64 {
            out.push(&wire::to_master_head(wire::DATA, 0, i, 2), b"hi");
        }
        assert_eq!(out.queued(), 3 * (wire::TO_MASTER_HEAD + 2));
        assert!(matches!(out.send(fds[0]), Ok(true)));
        assert!(out.is_empty());
        // One message with the three records.
        let mut buf = vec![0u8; wire::MAX_MESSAGE];
        // SAFETY: recv into a buffer of its own length.
        let n = unsafe { libc::recv(fds[1], buf.as_mut_ptr().cast(), buf.len(), 0) };
        assert_eq!(n as usize, 3 * (wire::TO_MASTER_HEAD + 2));
        let mut at = 0;
        let mut sids = Vec::new();
        while let Some((rec, used)) = wire::parse_to_master(&buf[at..n as usize]) {
            sids.push(rec.sid);
            at += used;
        }
        assert_eq!(sids, vec![0, 1, 2]);
        // Big records: several messages; the pair fills, the rest waits.
        let big = vec![7u8; wire::CHUNK];
        for _ in 0..64 {
            out.push(&wire::to_master_head(wire::DATA, 0, 9, big.len()), &big);
        }
        assert!(matches!(out.send(fds[0]), Ok(false)));
        assert!(out.queued() > 0);
        // SAFETY: closing our test fds.
        unsafe {
            libc::close(fds[0]);
            libc::close(fds[1]);
        }
    }
}
