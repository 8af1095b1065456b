//! SWOOLE_PROCESS: the master process owns every client connection. It
//! accepts, reads, cuts what clients send into whole messages (`frame`),
//! hands each to the session's worker over that worker's socket pair
//! (`wire`), and writes to the client what any worker sends for it. Workers
//! come and go (reload, crash, `max_request`) without a client noticing:
//! the pair outlives them, and the next process of the same worker id takes
//! the sessions up from the packets themselves.
//!
//! Runs no PHP: one thread, pure-Rust coroutines on a `Runtime<()>` of its
//! own (one per connection, one per worker pair, one per port, one for
//! signals).
//!
//! Ownership and back-pressure: a connection's fd is the master's alone; a
//! worker's bytes for a client wait in that connection's output buffer while
//! the client is slow. Past `out_limit` bytes the master stops reading that
//! worker's pair until the buffer is half empty (the worker's own sends then
//! wait, as `send_yield` does), so memory stays bounded without dropping a
//! byte. Reading a client stops while its worker's pair holds more than
//! `LINK_HIGH` bytes the worker has not taken.

mod conn;
pub mod frame;
pub mod link;
pub mod sessions;
pub mod wire;

#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::SocketAddr;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};
use std::rc::Rc;
use std::time::Duration;

use crate::rt::driver::io::Dir;
use crate::rt::net::{Deadline, NetError, Socket};
use crate::rt::sync::waiters::{self, Waiters};
use crate::rt::{Cid, Runtime, Wakeup};
use crate::server::process::SignalFd;
use crate::syscall;
use conn::{accept_loop, heartbeat, Conn};
use frame::{Cut, Framer};
use wire::Meta;

thread_local! {
    static RT: Runtime<()> = Runtime::new();
}

fn rt<R>(f: impl FnOnce(&Runtime<()>) -> R) -> R {
    RT.with(f)
}

/// Bytes queued for a worker that it has not read, past which the master
/// stops reading that worker's clients.
const LINK_HIGH: usize = 8 << 20;

/// How long a writer to a full pair waits before trying again without an
/// edge.
pub const RETRY: Duration = Duration::from_millis(20);

/// What a port speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortKind {
    /// HTTP/1.1 (and WebSocket after an upgrade).
    Http,
    /// Plain TCP.
    Tcp,
}

/// A listening port the master accepts on.
#[derive(Debug, Clone, Copy)]
pub struct Port {
    /// The listening socket (handed over: the master closes it).
    pub fd: RawFd,
    pub kind: PortKind,
    /// `package_max_length`.
    pub max_package: usize,
    /// `open_tcp_nodelay`.
    pub nodelay: bool,
    /// Its index among the server's ports (what packets name it by).
    pub index: u8,
    /// Seconds without a byte from a client after which the heartbeat
    /// closes it (0: never).
    pub idle_time: u64,
    /// Its port number (what `getClientInfo` says).
    pub number: u16,
}

/// Everything the master needs.
pub struct Config {
    /// Ports, primary first (their index goes in each packet).
    pub ports: Vec<Port>,
    /// The master's end of each worker's socket pair (SOCK_SEQPACKET).
    pub links: Vec<RawFd>,
    /// Swoole's `dispatch_mode`.
    pub dispatch_mode: u8,
    /// Connections beyond this are closed at once (`max_connection`).
    pub max_connection: usize,
    /// A connection's output buffer limit (`buffer_output_size`).
    pub out_limit: usize,
    /// TERM/INT stop, USR1/USR2 go to the manager, CHLD: the manager left.
    pub signals: SignalFd,
    /// The manager process (forked by the caller).
    pub manager_pid: i32,
    /// Seconds between heartbeat sweeps (0: none).
    pub heartbeat_interval: u64,
    /// The sessions, shared with every process of the server.
    pub sessions: Rc<sessions::Sessions>,
}

/// Swoole's dispatch modes the master places connections by.
pub mod dispatch {
    pub const ROUND_ROBIN: u8 = 1;
    pub const FD_MOD: u8 = 2;
    pub const IDLE: u8 = 3;
    pub const IP: u8 = 4;
    pub const UID: u8 = 5;

    /// The worker for the next session and its id: ids grow by one per
    /// connection and name their worker (`(sid - 1) % workers`), as
    /// BASE-mode session ids do, so any process can tell who holds one.
    pub fn place(
        mode: u8,
        workers: usize,
        last_sid: u64,
        peer: &std::net::SocketAddr,
    ) -> (usize, u64) {
        let n = workers.max(1) as u64;
        let want = match mode {
            IP => ip_key(peer) % n,
            _ => last_sid % n,
        };
        let have = last_sid % n;
        let sid = last_sid + 1 + (want + n - have) % n;
        (want as usize, sid)
    }

    /// Modes where each message may go to another worker (and the
    /// session's connect and close are not reported: Swoole's unsafe events).
    pub fn per_message(mode: u8) -> bool {
        matches!(mode, ROUND_ROBIN | IDLE)
    }

    /// Swoole's key for dispatch_mode 4: the IPv4 address as an integer
    /// (network order), the last 4 bytes of an IPv6 one.
    fn ip_key(peer: &std::net::SocketAddr) -> u64 {
        match peer.ip() {
            std::net::IpAddr::V4(a) => u64::from(u32::from_ne_bytes(a.octets())),
            std::net::IpAddr::V6(a) => {
                let o = a.octets();
                u64::from(u32::from_ne_bytes([o[12], o[13], o[14], o[15]]))
            }
        }
    }
}

/// One worker's socket pair, master side.
struct Link {
    fd: RawFd,
    out: RefCell<link::Outgoing>,
    /// Records were queued this turn.
    dirty: Cell<bool>,
    flushing: Cell<bool>,
    /// Client readers waiting for the worker to take what is queued.
    room: RefCell<Waiters>,
}

struct Master {
    ports: Vec<(Rc<Socket>, Port)>,
    sessions: Rc<sessions::Sessions>,
    heartbeat_interval: u64,
    /// The next worker for per-message dispatch.
    rr: Cell<usize>,
    links: Vec<Rc<Link>>,
    conns: RefCell<HashMap<u64, Rc<Conn>>>,
    last_sid: Cell<u64>,
    dispatch_mode: u8,
    max_connection: usize,
    out_limit: usize,
    manager_pid: i32,
    stopping: Cell<bool>,
    accept_cids: RefCell<Vec<Cid>>,
    last_full_warning: Cell<Option<std::time::Instant>>,
}

/// Runs the master until the manager has stopped (after a SIGTERM to
/// either): then every connection is closed and the ports too.
pub fn run(cfg: Config) -> io::Result<()> {
    let ports = cfg
        .ports
        .iter()
        .map(|p| {
            // SAFETY: the caller hands each listening fd over to the master.
            let fd = unsafe { OwnedFd::from_raw_fd(p.fd) };
            (Rc::new(Socket::from_fd(fd)), *p)
        })
        .collect();
    let links = cfg
        .links
        .iter()
        .map(|&fd| {
            Rc::new(Link {
                fd,
                out: RefCell::default(),
                dirty: Cell::new(false),
                flushing: Cell::new(false),
                room: RefCell::default(),
            })
        })
        .collect();
    let m = Rc::new(Master {
        ports,
        heartbeat_interval: cfg.heartbeat_interval,
        sessions: cfg.sessions.clone(),
        rr: Cell::new(0),
        links,
        conns: RefCell::default(),
        last_sid: Cell::new(0),
        dispatch_mode: cfg.dispatch_mode,
        max_connection: cfg.max_connection.max(1),
        out_limit: cfg.out_limit.max(64 * 1024),
        manager_pid: cfg.manager_pid,
        stopping: Cell::new(false),
        accept_cids: RefCell::default(),
        last_full_warning: Cell::new(None),
    });
    let sig = cfg.signals;
    let spawn =
        |f: Box<dyn FnOnce()>| rt(|r| r.spawn(f)).map_err(|e| io::Error::other(e.to_string()));
    for i in 0..m.ports.len() {
        let m2 = m.clone();
        spawn(Box::new(move || accept_loop(m2, i)))?;
    }
    for i in 0..m.links.len() {
        let m2 = m.clone();
        spawn(Box::new(move || link_reader(m2, i)))?;
    }
    {
        let m2 = m.clone();
        spawn(Box::new(move || signals(m2, sig)))?;
    }
    if m.heartbeat_interval > 0 {
        let m2 = m.clone();
        spawn(Box::new(move || heartbeat(m2)))?;
    }
    /// The master's loop: no user timers; at the end of each turn what was
    /// queued for the workers goes out.
    struct Turns(Rc<Master>);
    impl crate::rt::LoopHooks for Turns {
        fn timer(&mut self, _: crate::rt::driver::time::TimerId, _: bool) {}
        fn after_turn(&mut self) -> bool {
            for l in &self.0.links {
                if l.dirty.get() {
                    l.send_now();
                }
            }
            false
        }
    }
    let r = rt(|r| r.run(&mut Turns(m.clone()))).map_err(|e| io::Error::other(e.to_string()));
    for l in &m.links {
        // SAFETY: closing our end of a pair we own.
        let _ = unsafe { syscall!(close(l.fd)) };
    }
    r
}

fn wake(w: &RefCell<Waiters>) {
    let w = w.borrow_mut().take();
    if !w.is_empty() {
        rt(|r| w.wake_all(r));
    }
}

impl Link {
    /// Queues a record (several, flagged MORE, for a long message); they go
    /// out at the end of this turn of the loop (`Master::flush_links`).
    fn post(self: &Rc<Self>, kind: u8, flags: u8, meta: &Meta, payload: &[u8]) {
        {
            let mut out = self.out.borrow_mut();
            let mut parts = payload.chunks(wire::CHUNK).peekable();
            if parts.peek().is_none() {
                out.push(&wire::to_worker_head(kind, flags, meta, 0), &[]);
            }
            while let Some(p) = parts.next() {
                let more = if parts.peek().is_some() {
                    wire::MORE
                } else {
                    0
                };
                out.push(&wire::to_worker_head(kind, flags | more, meta, p.len()), p);
            }
        }
        self.dirty.set(true);
    }

    /// Bytes the worker has not taken yet.
    fn queued(&self) -> usize {
        self.out.borrow().queued()
    }

    /// Sends what this turn queued; a flusher takes over when the pair is full.
    fn send_now(self: &Rc<Self>) {
        self.dirty.set(false);
        if self.flushing.get() {
            return;
        }
        // An error: every worker end is closed (the server is stopping).
        // The borrow ends before the flusher (which runs at once) starts.
        let sent = self.out.borrow_mut().send(self.fd);
        if let Ok(false) = sent {
            self.flushing.set(true);
            let me = self.clone();
            if rt(|r| r.spawn(move || me.flush())).is_err() {
                self.flushing.set(false);
            }
        }
        if self.queued() <= LINK_HIGH / 2 {
            wake(&self.room);
        }
    }

    /// Writes the queue as the worker makes room.
    fn flush(self: Rc<Self>) {
        loop {
            let sent = self.out.borrow_mut().send(self.fd);
            match sent {
                Ok(true) | Err(_) => break,
                Ok(false) => {}
            }
            if self.queued() <= LINK_HIGH / 2 {
                wake(&self.room);
            }
            // A unix datagram pair's writability edge can be missed (the
            // peer's queue-length wakeup): look again after a short while.
            match rt(|r| r.wait_owned_fd(self.fd, Dir::Write, Some(RETRY))) {
                Ok(Wakeup::Ready | Wakeup::TimedOut) => {}
                _ => break,
            }
        }
        self.flushing.set(false);
        wake(&self.room);
    }
}

/// One SEQPACKET message of `head` then `payload`, without waiting (the
/// master's and the workers' way to write to a pair).
pub fn send_parts(fd: RawFd, head: &[u8], payload: &[u8]) -> io::Result<()> {
    let iov = [
        libc::iovec {
            iov_base: head.as_ptr() as *mut libc::c_void,
            iov_len: head.len(),
        },
        libc::iovec {
            iov_base: payload.as_ptr() as *mut libc::c_void,
            iov_len: payload.len(),
        },
    ];
    // SAFETY: a zeroed msghdr is a valid empty one; we point it at two
    // iovecs over live slices.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = iov.as_ptr() as *mut libc::iovec;
    msg.msg_iovlen = if payload.is_empty() { 1 } else { 2 };
    loop {
        // SAFETY: sendmsg of a message whose buffers outlive the call.
        match unsafe { syscall!(sendmsg(fd, &msg, libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL)) } {
            Ok(_) => return Ok(()),
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
}

/// Reads what a worker sends: bytes for clients, closes, upgrades.
fn link_reader(m: Rc<Master>, i: usize) {
    let link = m.links[i].clone();
    let mut buf = vec![0u8; wire::CHUNK + wire::TO_MASTER_HEAD + 1024];
    loop {
        let n = match link::recv_message(link.fd, &mut buf) {
            link::Recv::Got(n) => n,
            link::Recv::Empty => match rt(|r| r.wait_owned_fd(link.fd, Dir::Read, None)) {
                Ok(Wakeup::Ready) => continue,
                _ => return,
            },
            // Every worker end is closed: nothing more will come.
            link::Recv::Closed => return,
        };
        let mut at = 0;
        while let Some((p, used)) = wire::parse_to_master(&buf[at..n]) {
            at += used;
            on_record(&m, &p);
        }
    }
}

/// One record from a worker: bytes for a client, a close, an upgrade.
fn on_record(m: &Master, p: &wire::ToMaster<'_>) {
    let Some(c) = m.conns.borrow().get(&p.sid).cloned() else {
        return;
    };
    match p.kind {
        wire::DATA => {
            if c.close_after.get() {
                return;
            }
            c.write(p.payload);
            // A slow client: stop taking this worker's bytes until it
            // has read half of what waits.
            while c.out.borrow().len() > m.out_limit && !c.told.get() {
                let me = rt(|r| r.current());
                c.drained.borrow_mut().add(me);
                let woken = rt(|r| waiters::wait(r, "master client", None)).unwrap_or(false);
                c.drained.borrow_mut().remove(me);
                if !woken {
                    break;
                }
            }
        }
        wire::CLOSE => {
            if p.flags & wire::BY_SERVER != 0 && !c.told.get() {
                // Another process closed it: the owner runs the close.
                m.links[c.worker].post(wire::CLOSE, wire::BY_SERVER, &c.meta, &[]);
            }
            c.told.set(true);
            m.sessions.set_closing(c.meta.sid);
            if p.flags & wire::RESET != 0 {
                c.out.borrow_mut().clear();
                let linger = libc::linger {
                    l_onoff: 1,
                    l_linger: 0,
                };
                // SAFETY: the bytes of a linger struct of its size.
                let raw = unsafe {
                    std::slice::from_raw_parts(
                        (&linger as *const libc::linger).cast::<u8>(),
                        std::mem::size_of::<libc::linger>(),
                    )
                };
                let _ = c
                    .sock
                    .set_option_raw(libc::SOL_SOCKET, libc::SO_LINGER, raw);
            }
            c.close_after.set(true);
            if !c.flushing.get() {
                let _ = c.sock.shutdown(libc::SHUT_RDWR);
            }
        }
        wire::UPGRADE => {
            c.framer.borrow_mut().upgrade();
            c.deflate.set(p.flags & wire::ON != 0);
            m.sessions.set_websocket(c.meta.sid);
        }
        wire::PROTECT => c.protected.set(p.flags & wire::ON != 0),
        _ => {}
    }
}

impl Master {
    /// The worker for the next message (per-message dispatch): round robin
    /// (mode 1); mode 3, the one with the least bytes it has not taken yet
    /// (ties: round robin).
    fn pick(&self) -> usize {
        let n = self.links.len();
        let start = self.rr.get() % n;
        self.rr.set(start + 1);
        if self.dispatch_mode != dispatch::IDLE {
            return start;
        }
        (0..n)
            .map(|k| (start + k) % n)
            .min_by_key(|&w| self.links[w].queued())
            .unwrap_or(start)
    }
}

fn signals(m: Rc<Master>, sig: SignalFd) {
    loop {
        match rt(|r| r.wait_owned_fd(sig.fd, Dir::Read, None)) {
            Ok(Wakeup::Ready) => {}
            _ => return,
        }
        while let Some(s) = sig.read() {
            match s as i32 {
                libc::SIGTERM | libc::SIGINT if !m.stopping.replace(true) => {
                    stop_accepting(&m);
                    // SAFETY: signalling our own child, the manager.
                    let _ = unsafe { syscall!(kill(m.manager_pid, libc::SIGTERM)) };
                }
                libc::SIGUSR1 | libc::SIGUSR2 => {
                    // SAFETY: signalling our own child, the manager.
                    let _ = unsafe { syscall!(kill(m.manager_pid, s as i32)) };
                }
                libc::SIGCHLD => {
                    let mut st = 0;
                    // SAFETY: non-blocking wait for our own child.
                    let r = unsafe { syscall!(waitpid(m.manager_pid, &mut st, libc::WNOHANG)) };
                    if matches!(r, Ok(p) if p == m.manager_pid) || r.is_err() {
                        finish(&m);
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

fn stop_accepting(m: &Master) {
    let cids: Vec<Cid> = m.accept_cids.borrow_mut().drain(..).collect();
    for c in cids {
        let _ = rt(|r| r.cancel(c));
    }
    for (s, ..) in &m.ports {
        rt(|r| r.close_fd(s.fd()));
        let _ = s.shutdown(libc::SHUT_RDWR);
    }
}

/// The manager is gone (every worker stopped): the connections close and
/// the loop ends.
fn finish(m: &Rc<Master>) {
    m.stopping.set(true);
    stop_accepting(m);
    let conns: Vec<Rc<Conn>> = m.conns.borrow_mut().drain().map(|(_, c)| c).collect();
    for c in conns {
        c.told.set(true);
        m.sessions.close(c.meta.sid);
        rt(|r| r.close_fd(c.sock.fd()));
        let _ = c.sock.shutdown(libc::SHUT_RDWR);
    }
    rt(|r| r.halt());
}

fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
