//! The master in a forked process against a real client and a pretend
//! worker (this test, on the worker end of the pairs).
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::fd::RawFd;
use std::time::Duration;

use super::wire::{self, CLOSE, CONNECT, DATA};
use super::*;

fn pair() -> (RawFd, RawFd) {
    let mut fds = [0; 2];
    // SAFETY: socketpair into a two-element array.
    unsafe {
        syscall!(socketpair(
            libc::AF_UNIX,
            libc::SOCK_SEQPACKET | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
            fds.as_mut_ptr()
        ))
        .unwrap();
    }
    (fds[0], fds[1])
}

/// The next packet on a worker end (waiting up to 5 s).
fn next(fd: RawFd) -> Vec<u8> {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: poll on one pollfd.
    let ready = unsafe { libc::poll(&mut p, 1, 5000) };
    assert_eq!(ready, 1, "no packet in time");
    let mut buf = vec![0u8; wire::CHUNK + 100];
    // SAFETY: recv into a buffer of its own length.
    let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) };
    assert!(n > 0);
    buf.truncate(n as usize);
    buf
}

fn reply(fd: RawFd, kind: u8, flags: u8, sid: u64, payload: &[u8]) {
    let mut p = wire::to_master_head(kind, flags, sid, payload.len()).to_vec();
    p.extend_from_slice(payload);
    // SAFETY: send from a live buffer.
    let n = unsafe { libc::send(fd, p.as_ptr().cast(), p.len(), 0) };
    assert_eq!(n as usize, p.len());
}

/// Data packets of a message until one without MORE.
fn message(fd: RawFd, sid: u64) -> Vec<u8> {
    let mut all = Vec::new();
    loop {
        let p = next(fd);
        let (t, _) = wire::parse_to_worker(&p).unwrap();
        assert_eq!((t.kind, t.meta.sid), (DATA, sid));
        all.extend_from_slice(t.payload);
        if t.flags & wire::MORE == 0 {
            return all;
        }
    }
}

#[test]
fn master_frames_dispatches_writes_back_and_stops() {
    let lfd = crate::server::process::listen_tcp("127.0.0.1", 0, 64).unwrap();
    let port = crate::server::process::local_port(lfd).unwrap();
    let (m0, w0) = pair();
    let (m1, w1) = pair();
    // SAFETY: fork in a test; the child runs the master and _exits.
    let master = unsafe { libc::fork() };
    assert!(master >= 0);
    if master == 0 {
        let code = (|| {
            let sig = SignalFd::new(&crate::server::process::MANAGER_SIGNALS).ok()?;
            // SAFETY: fork of a pretend manager that waits for its SIGTERM.
            let mgr = unsafe { libc::fork() };
            if mgr == 0 {
                // SAFETY: unblock everything, then wait for the signal that ends us.
                unsafe {
                    let mut set: libc::sigset_t = std::mem::zeroed();
                    libc::sigemptyset(&mut set);
                    libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
                    loop {
                        libc::pause();
                    }
                }
            }
            run(Config {
                ports: vec![Port {
                    fd: lfd,
                    kind: PortKind::Http,
                    max_package: 1 << 20,
                    nodelay: true,
                    index: 0,
                    idle_time: 0,
                    number: port,
                }],
                links: vec![m0, m1],
                dispatch_mode: dispatch::FD_MOD,
                max_connection: 100,
                out_limit: 1 << 20,
                signals: sig,
                manager_pid: mgr,
                heartbeat_interval: 0,
                sessions: Rc::new(sessions::Sessions::new(64).ok()?),
            })
            .ok()
        })()
        .map_or(3, |()| 0);
        // SAFETY: leave the forked test process at once.
        unsafe { libc::_exit(code) };
    }
    // SAFETY: the master's ends and the listener are the child's now.
    unsafe {
        libc::close(m0);
        libc::close(m1);
        libc::close(lfd);
    }
    // A keep-alive client: two requests, written in odd pieces.
    let mut c1 = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c1.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let p = next(w0);
    let (t, _) = wire::parse_to_worker(&p).unwrap();
    assert_eq!((t.kind, t.meta.sid, t.meta.port), (CONNECT, 1, 0));
    assert_eq!(t.meta.peer.ip().to_string(), "127.0.0.1");
    let r1 = b"POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789".to_vec();
    let r2 = b"GET /b HTTP/1.1\r\n\r\n".to_vec();
    c1.write_all(&r1[..7]).unwrap();
    std::thread::sleep(Duration::from_millis(30));
    c1.write_all(&r1[7..45]).unwrap();
    std::thread::sleep(Duration::from_millis(30));
    let mut rest = r1[45..].to_vec();
    rest.extend_from_slice(&r2);
    c1.write_all(&rest).unwrap();
    let mut got = message(w0, 1);
    if got.len() < r1.len() + r2.len() {
        got.extend(message(w0, 1));
    }
    assert_eq!(got, [r1.clone(), r2.clone()].concat());
    // The worker answers; a second connection goes to the other worker.
    reply(
        w0,
        DATA,
        0,
        1,
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    );
    let mut b = [0u8; 64];
    let n = c1.read(&mut b).unwrap();
    assert_eq!(&b[..n], b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    let c2 = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let t = next(w1);
    let (t, _) = wire::parse_to_worker(&t).unwrap();
    assert_eq!((t.kind, t.meta.sid), (CONNECT, 2));
    // Any worker may write to any session: worker 1 answers client 1.
    reply(w1, DATA, 0, 1, b"from 1");
    let n = c1.read(&mut b).unwrap();
    assert_eq!(&b[..n], b"from 1");
    // A client leaving is told to its worker; a worker's close closes.
    drop(c2);
    let t = next(w1);
    let (t, _) = wire::parse_to_worker(&t).unwrap();
    assert_eq!((t.kind, t.meta.sid), (CLOSE, 2));
    reply(w0, DATA, 0, 1, b"bye");
    reply(w0, CLOSE, 0, 1, b"");
    let mut all = Vec::new();
    c1.read_to_end(&mut all).unwrap();
    assert_eq!(all, b"bye");
    // SIGTERM to the master: the manager is told, leaves, the master ends.
    // SAFETY: signalling our own child.
    unsafe { libc::kill(master, libc::SIGTERM) };
    let mut st = 0;
    // SAFETY: waiting for our own child.
    unsafe { libc::waitpid(master, &mut st, 0) };
    assert!(libc::WIFEXITED(st), "status {st}");
    assert_eq!(libc::WEXITSTATUS(st), 0);
}

#[test]
fn dispatch_ids_name_their_worker() {
    let peer: SocketAddr = "10.0.0.7:1".parse().unwrap();
    let mut last = 0;
    for i in 0..8u64 {
        let (w, sid) = dispatch::place(dispatch::FD_MOD, 4, last, &peer);
        assert_eq!((w as u64, sid), (i % 4, i + 1));
        last = sid;
    }
    // By address: always the same worker, ids still unique and naming it.
    let mut seen = Vec::new();
    for _ in 0..5 {
        let (w, sid) = dispatch::place(dispatch::IP, 3, last, &peer);
        assert_eq!(((sid - 1) % 3) as usize, w);
        assert!(sid > last);
        seen.push(w);
        last = sid;
    }
    assert!(seen.iter().all(|w| *w == seen[0]));
}
