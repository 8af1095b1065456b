//! SWOOLE_PROCESS, worker side: every session the master hands this worker
//! is a virtual connection. Its fd is a number above any real one
//! (`VFD_BASE`), so the connection code (`http.rs`, `websocket.rs`, the TCP
//! loop, outboxes) runs unchanged: `io.rs` sends reads, writes, shutdowns and
//! closes of such an fd here. Reads take what the master sent for the
//! session; writes go to the master as packets on this worker's socket pair
//! (`server::master::wire`).
//!
//! A graceful stop (reload, max_request, SIGTERM) stops reading the pair at
//! a message boundary and abandons the sessions: no close event, nothing
//! told to the master, which keeps the clients for the next process.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io;
use std::os::fd::RawFd;
use std::rc::Rc;
use std::time::Duration;

use super::super::coroutine::spawn_native;
use super::super::runtime::rt;
use crate::rt::driver::io::Dir;
use crate::rt::idmap::IdMap;
use crate::rt::sync::waiters::{self, Waiters};
use crate::rt::{Cid, Wakeup};
use crate::server::master::link::{recv_message, Outgoing, Recv};
use crate::server::master::sessions::{Info, Sessions};
use crate::server::master::wire::{self, Meta};
use crate::syscall;

/// Virtual fds start here; real ones never get this high.
pub const VFD_BASE: RawFd = 1 << 28;

/// Bytes queued for the master past which a writer waits.
const LINK_HIGH: usize = 8 << 20;

/// True for a session the master holds.
#[inline]
pub fn is_virtual(fd: RawFd) -> bool {
    fd >= VFD_BASE
}

struct VConn {
    sid: u64,
    inbox: RefCell<Vec<u8>>,
    /// No more bytes will come (client gone, closed, or abandoned).
    eof: Cell<bool>,
    /// The master knows the session is over here (it told us, or we told it).
    told: Cell<bool>,
    /// Left for the next process: no close event, nothing told.
    abandoned: Cell<bool>,
    /// Taken up without `onConnect` (the process that saw it connect left).
    adopted: bool,
    /// dispatch_mode 1/3: neither `onConnect` nor `onClose` (Swoole's
    /// unsafe events).
    quiet: bool,
    reader: RefCell<Waiters>,
}

struct Link {
    fd: RawFd,
    out: RefCell<Outgoing>,
    /// Sent once a turn by the worker's loop (else at once).
    batched: Cell<bool>,
    flushing: Cell<bool>,
    room: RefCell<Waiters>,
}

/// How a session starts in this worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A new connection: `onConnect`, then its requests.
    Connect,
    /// A session this process never saw (no `onConnect`).
    Adopt,
    /// An upgraded WebSocket session this process never saw (whether it
    /// compresses).
    AdoptWs(bool),
}

type Starter = Box<dyn Fn(RawFd, &Meta, Start)>;
type Closer = Box<dyn Fn(RawFd)>;

struct State {
    link: Rc<Link>,
    conns: IdMap<RawFd, Rc<VConn>>,
    by_sid: HashMap<u64, RawFd>,
    next: RawFd,
    /// The coroutine reading the pair, while it waits between messages.
    idle_reader: Option<Cid>,
    stopping: bool,
}

thread_local! {
    static ST: RefCell<Option<State>> = const { RefCell::new(None) };
    /// Every worker's pair end, in the manager and the processes it forks.
    static LINKS: RefCell<Vec<RawFd>> = const { RefCell::new(Vec::new()) };
    /// The master's session table.
    static SESSIONS: RefCell<Option<Rc<Sessions>>> = const { RefCell::new(None) };
}

/// The manager of a PROCESS-mode server holds every worker's pair end and
/// the master's session table.
pub fn set_links(fds: Vec<RawFd>, sessions: Rc<Sessions>) {
    LINKS.with(|l| *l.borrow_mut() = fds);
    SESSIONS.with(|s| *s.borrow_mut() = Some(sessions));
}

/// PROCESS mode: session `sid` as the master's table has it (None: gone,
/// closing, or not PROCESS mode).
pub fn session(sid: i64) -> Option<Info> {
    let sid = u64::try_from(sid).ok()?;
    SESSIONS.with(|s| s.borrow().as_ref().and_then(|t| t.get(sid)))
}

/// PROCESS mode: open sessions above `start`, ascending, at most `count`
/// (None outside PROCESS mode).
pub fn session_list(start: i64, count: usize) -> Option<Vec<i64>> {
    let start = u64::try_from(start).unwrap_or(0);
    SESSIONS.with(|s| {
        s.borrow().as_ref().map(|t| {
            t.list(start, count)
                .into_iter()
                .filter_map(|v| i64::try_from(v).ok())
                .collect()
        })
    })
}

/// PROCESS mode: how many sessions are open (None outside PROCESS mode).
pub fn session_count() -> Option<usize> {
    SESSIONS.with(|s| s.borrow().as_ref().map(|t| t.count()))
}

/// True in a PROCESS-mode manager (and the processes it forks).
pub fn is_manager() -> bool {
    LINKS.with(|l| !l.borrow().is_empty())
}

/// In a process the manager forked: worker `id` talks to the master over
/// its own pair; task workers and user processes over worker 0's (they
/// only write: `send`/`close`/`push` to sessions). False outside PROCESS
/// mode.
pub fn install_for(id: usize) -> bool {
    let fd = LINKS.with(|l| {
        let l = l.borrow();
        l.get(id).or(l.first()).copied()
    });
    match fd {
        Some(fd) => {
            install(fd);
            true
        }
        None => false,
    }
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    ST.with(|s| s.borrow_mut().as_mut().map(f))
}

fn conn(fd: RawFd) -> Option<Rc<VConn>> {
    with(|s| s.conns.get(&fd).cloned()).flatten()
}

/// True in a PROCESS-mode process (one with a pair to the master).
pub fn active() -> bool {
    ST.with(|s| s.borrow().is_some())
}

/// This process talks to the master over `fd` (its worker's pair end).
fn install(fd: RawFd) {
    let link = Rc::new(Link {
        fd,
        out: RefCell::default(),
        batched: Cell::new(false),
        flushing: Cell::new(false),
        room: RefCell::default(),
    });
    ST.with(|s| {
        *s.borrow_mut() = Some(State {
            link,
            conns: IdMap::default(),
            by_sid: HashMap::new(),
            next: VFD_BASE,
            idle_reader: None,
            stopping: false,
        })
    });
}

fn link() -> Option<Rc<Link>> {
    with(|s| s.link.clone())
}

/// Reads the pair until a stop: each session's packets start it (through
/// `start`) or feed it. Runs in the worker's coroutine.
pub fn run(start: Starter, server_close: Closer) {
    let Some(l) = link() else { return };
    let mut buf = vec![0u8; wire::MAX_MESSAGE];
    // Inside a message split over several packets (no stop until its end).
    let mut mid = false;
    loop {
        if !mid && with(|s| s.stopping).unwrap_or(true) {
            return;
        }
        let n = match recv_message(l.fd, &mut buf) {
            Recv::Got(n) => n,
            Recv::Empty => {
                if !mid {
                    with(|s| s.idle_reader = Some(rt(|r| r.current())));
                }
                let r = rt(|r| r.wait_owned_fd(l.fd, Dir::Read, None));
                with(|s| s.idle_reader = None);
                match r {
                    Ok(Wakeup::Ready) => continue,
                    _ if mid => continue,
                    _ => return,
                }
            }
            Recv::Closed => return,
        };
        let mut at = 0;
        while let Some((p, used)) = wire::parse_to_worker(&buf[at..n]) {
            at += used;
            // The last record says whether the message goes on.
            mid = p.flags & wire::MORE != 0;
            on_record(&p, &start, &server_close);
        }
    }
}

/// One record from the master: a session starts, gets bytes, or ends.
fn on_record(p: &wire::ToWorker<'_>, start: &Starter, server_close: &Closer) {
    let known = with(|s| s.by_sid.get(&p.meta.sid).copied()).flatten();
    let Some(fd) = known else {
        let how = match p.kind {
            wire::CONNECT => Start::Connect,
            _ if p.flags & wire::WS != 0 => Start::AdoptWs(p.flags & wire::DEFLATE != 0),
            _ => Start::Adopt,
        };
        let quiet = p.flags & wire::NO_EVENTS != 0;
        let fd = open(p.meta.sid, how != Start::Connect, quiet);
        if let Some(c) = conn(fd) {
            // Bytes and an end that came with the first record are there
            // before the connection's coroutine reads.
            feed(&c, p.kind, p.payload);
        }
        start(fd, &p.meta, how);
        return;
    };
    if let Some(c) = conn(fd) {
        if p.kind == wire::CLOSE && p.flags & wire::BY_SERVER != 0 {
            // `close()` from another process: this worker closes it as its
            // own (onClose with reactor id -1).
            c.told.set(true);
            server_close(fd);
            return;
        }
        feed(&c, p.kind, p.payload);
    }
}

fn feed(c: &VConn, kind: u8, payload: &[u8]) {
    match kind {
        wire::DATA => {
            if !c.eof.get() {
                c.inbox.borrow_mut().extend_from_slice(payload);
            }
        }
        wire::CLOSE => {
            c.eof.set(true);
            c.told.set(true);
        }
        _ => return,
    }
    let w = c.reader.borrow_mut().take();
    if !w.is_empty() {
        rt(|r| w.wake_all_if(r, "server recv"));
    }
}

fn open(sid: u64, adopted: bool, quiet: bool) -> RawFd {
    with(|s| {
        let fd = s.next;
        s.next = s.next.checked_add(1).unwrap_or(VFD_BASE);
        s.conns.insert(
            fd,
            Rc::new(VConn {
                sid,
                inbox: RefCell::default(),
                eof: Cell::new(false),
                told: Cell::new(false),
                abandoned: Cell::new(false),
                adopted,
                quiet,
                reader: RefCell::default(),
            }),
        );
        s.by_sid.insert(sid, fd);
        fd
    })
    .unwrap_or(-1)
}

/// Taken up from another process (no `onConnect` for it here).
pub fn adopted(fd: RawFd) -> bool {
    conn(fd).is_some_and(|c| c.adopted)
}

/// What came for the session (waiting up to `timeout`): Ok(0) at its end.
pub fn read_some(fd: RawFd, buf: &mut Vec<u8>, timeout: Option<Duration>) -> io::Result<usize> {
    let Some(c) = conn(fd) else { return Ok(0) };
    loop {
        {
            let mut inbox = c.inbox.borrow_mut();
            if !inbox.is_empty() {
                let n = inbox.len();
                if buf.is_empty() {
                    std::mem::swap(&mut *inbox, buf);
                } else {
                    buf.extend_from_slice(&inbox);
                    inbox.clear();
                }
                return Ok(n);
            }
        }
        if c.eof.get() {
            return Ok(0);
        }
        let me = rt(|r| r.current());
        c.reader.borrow_mut().add(me);
        let woken = rt(|r| waiters::wait(r, "server recv", timeout));
        c.reader.borrow_mut().remove(me);
        match woken {
            Ok(true) => {}
            Ok(false) if timeout.is_some() && !rt(|r| r.is_canceled()) => {
                if c.inbox.borrow().is_empty() && !c.eof.get() {
                    return Err(io::ErrorKind::TimedOut.into());
                }
            }
            _ => {
                if c.inbox.borrow().is_empty() && !c.eof.get() {
                    return Err(io::ErrorKind::Interrupted.into());
                }
            }
        }
    }
}

/// Sends `data` to the session's client (through the master).
pub fn write(fd: RawFd, data: &[u8]) -> io::Result<()> {
    let Some(c) = conn(fd) else {
        return Err(io::ErrorKind::BrokenPipe.into());
    };
    if c.told.get() {
        return Err(io::ErrorKind::BrokenPipe.into());
    }
    to_master(wire::DATA, 0, c.sid, data)
}

/// Packets for session `sid` to the master (`DATA` split as needed).
pub fn to_master(kind: u8, flags: u8, sid: u64, data: &[u8]) -> io::Result<()> {
    let Some(l) = link() else {
        return Err(io::ErrorKind::NotConnected.into());
    };
    if data.is_empty() {
        return l.send(&wire::to_master_head(kind, flags, sid, 0), &[]);
    }
    for part in data.chunks(wire::CHUNK) {
        l.send(&wire::to_master_head(kind, flags, sid, part.len()), part)?;
    }
    Ok(())
}

/// The session ends here: the master closes the client once what was sent
/// is out; the reading coroutine sees the end.
pub fn shutdown(fd: RawFd) {
    let Some(c) = conn(fd) else { return };
    // An explicit close goes to the master even while the worker stops.
    if !c.told.replace(true) {
        let _ = to_master(wire::CLOSE, 0, c.sid, &[]);
    }
    c.eof.set(true);
    let w = c.reader.borrow_mut().take();
    if !w.is_empty() {
        rt(|r| w.wake_all_if(r, "server recv"));
    }
}

/// The connection's coroutine is done with `fd`.
pub fn close(fd: RawFd) {
    let Some(c) = with(|s| {
        let c = s.conns.remove(&fd);
        if let Some(c) = &c {
            s.by_sid.remove(&c.sid);
        }
        c
    })
    .flatten() else {
        return;
    };
    if !c.told.get() && !c.abandoned.get() {
        let _ = to_master(wire::CLOSE, 0, c.sid, &[]);
    }
}

/// Whether `fd`'s end is not reported: left for the next process, or a
/// session of dispatch_mode 1/3.
pub fn abandoned(fd: RawFd) -> bool {
    conn(fd).is_some_and(|c| c.abandoned.get() || c.quiet)
}

/// `protect()` of a session: the master's heartbeat leaves it alone.
pub fn protect(fd: RawFd, on: bool) {
    if let Some(c) = conn(fd) {
        let _ = to_master(wire::PROTECT, if on { wire::ON } else { 0 }, c.sid, &[]);
    }
}

/// The session is a WebSocket from now on (the master cuts frames).
pub fn upgraded(fd: RawFd, deflate: bool) {
    if let Some(c) = conn(fd) {
        let _ = to_master(
            wire::UPGRADE,
            if deflate { wire::ON } else { 0 },
            c.sid,
            &[],
        );
    }
}

/// A graceful stop: the pair is read up to the end of the message in hand;
/// then, for a reload or `max_request`, every session is left to the next
/// process once its coroutine has nothing more to do; when the server shuts
/// down (`closing`), every session ends here as if its client left
/// (`onClose` runs, the master closes the client).
pub fn stop(closing: bool) {
    let (reader, conns) = match with(|s| {
        s.stopping = true;
        (
            s.idle_reader.take(),
            s.conns.values().cloned().collect::<Vec<_>>(),
        )
    }) {
        Some(x) => x,
        None => return,
    };
    if let Some(c) = reader {
        let _ = rt(|r| r.cancel(c));
    }
    for c in conns {
        c.abandoned.set(!closing);
        c.eof.set(true);
        let w = c.reader.borrow_mut().take();
        if !w.is_empty() {
            rt(|r| w.wake_all_if(r, "server recv"));
        }
    }
}

impl Link {
    fn send(self: &Rc<Self>, head: &[u8], payload: &[u8]) -> io::Result<()> {
        // Wait while the master is behind (bounded memory), when we can.
        while self.out.borrow().queued() > LINK_HIGH && !rt(|r| r.current()).is_main() {
            let me = rt(|r| r.current());
            self.room.borrow_mut().add(me);
            let woken = rt(|r| waiters::wait(r, "server send", None)).unwrap_or(false);
            self.room.borrow_mut().remove(me);
            if !woken {
                return Err(io::ErrorKind::Interrupted.into());
            }
        }
        self.out.borrow_mut().push(head, payload);
        // A worker's loop sends once a turn (`flush_turn`); anywhere else
        // (user processes, the worker's last words) at once.
        if !self.batched.get() {
            self.send_now();
        }
        Ok(())
    }

    /// Sends what waits; a flusher takes over when the pair is full.
    fn send_now(self: &Rc<Self>) {
        if self.flushing.get() {
            return;
        }
        // The borrow ends before the flusher (which runs at once) starts.
        let sent = self.out.borrow_mut().send(self.fd);
        if let Ok(false) = sent {
            self.flushing.set(true);
            let me = self.clone();
            if spawn_native(move || me.flush()).is_err() {
                self.flushing.set(false);
                self.send_blocking();
            }
        }
        self.wake_room();
    }

    fn wake_room(&self) {
        if self.out.borrow().queued() <= LINK_HIGH / 2 {
            let w = self.room.borrow_mut().take();
            if !w.is_empty() {
                rt(|r| w.wake_all_if(r, "server send"));
            }
        }
    }

    /// Waits (blocking, a second at a time) until everything is out: the
    /// worker is ending and nothing it sent may be lost.
    fn send_blocking(&self) {
        for _ in 0..30 {
            let sent = self.out.borrow_mut().send(self.fd);
            match sent {
                Ok(true) | Err(_) => return,
                Ok(false) => {}
            }
            let mut pfd = libc::pollfd {
                fd: self.fd,
                events: libc::POLLOUT,
                revents: 0,
            };
            // SAFETY: poll on one pollfd we own.
            let _ = unsafe { syscall!(poll(&mut pfd, 1, 1000)) };
        }
    }

    fn flush(self: Rc<Self>) {
        loop {
            let sent = self.out.borrow_mut().send(self.fd);
            match sent {
                Ok(true) | Err(_) => break,
                Ok(false) => {}
            }
            self.wake_room();
            // A pair's writability edge can be missed: look again after a
            // short while in any case.
            let waited =
                rt(|r| r.wait_owned_fd(self.fd, Dir::Write, Some(crate::server::master::RETRY)));
            if !matches!(waited, Ok(Wakeup::Ready | Wakeup::TimedOut)) {
                // Canceled (the worker is ending): nothing queued is lost.
                self.send_blocking();
                break;
            }
        }
        self.flushing.set(false);
        let w = self.room.borrow_mut().take();
        if !w.is_empty() {
            rt(|r| w.wake_all_if(r, "server send"));
        }
    }
}

/// End of a turn of the worker's loop: what this turn sent to the master
/// goes as one message.
pub fn flush_turn() {
    if let Some(l) = link() {
        if !l.out.borrow().is_empty() {
            l.send_now();
        }
    }
}

/// The worker's loop is over: what is left goes out, waiting if need be.
pub fn flush_last() {
    if let Some(l) = link() {
        l.batched.set(false);
        if !l.flushing.get() {
            l.send_blocking();
        }
    }
}

/// This process's loop calls `flush_turn` at the end of every turn.
pub fn batch_per_turn() {
    if let Some(l) = link() {
        l.batched.set(true);
    }
}
