//! `Swoole\Process\Pool`: a master that forks `worker_num` workers and
//! re-forks each one that ends, until `shutdown()` or SIGTERM. Each worker
//! runs `workerStart($pool, $id)` (in a coroutine with `enable_coroutine`),
//! then, with SWOOLE_IPC_UNIXSOCK and a `message` callback, receives what
//! `sendMessage()` sends it, until SIGTERM; then `workerStop`, and it exits.
//! The forking and supervision are `server::process::Manager`'s (the
//! server's), so a pool re-forks, backs off a crash loop and stops its
//! workers (SIGTERM, then SIGKILL after `max_wait_time`) the same way.
//!
//! With SWOOLE_IPC_SOCKET, `listen()` opens a TCP or unix socket before the
//! fork and each worker serves length-prefixed messages from it; with
//! SWOOLE_IPC_MSGQUEUE, workers take messages from the System V queue of
//! the pool's key.
//!
//! With `enable_message_bus`, a message longer than one datagram travels
//! in fragments (`server::ipc::datagrams`) and is joined again in the
//! receiving worker (`server::ipc::Reassembly`), as Swoole's MessageBus.
//! Each worker's current pid is on a board in shared memory (the
//! manager's), so `getProcess()` sees another worker's pid also after it
//! was re-forked. The master runs its timers (`Timer::after` from
//! `onStart`) between its waits for signals.
//!
//! Not built yet: reload on SIGUSR1.

mod worker;

use std::cell::RefCell;
use std::collections::HashMap;
use std::os::fd::{AsRawFd, OwnedFd};
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::time::Duration;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{self, handler, ret_bool};
use super::error::{throw_class, throw_plain_error, warn_docref, EXCEPTION_CE};
use super::object::{obj_of, this, this_obj, Native};
use super::runtime::propagate;
use super::value::{zval_long, Callback};
use crate::rt::sys::Shared;
use crate::server::board::Board;
use crate::server::ipc;
use crate::server::process::{Manager, ManagerEvents, Role};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Process\Pool`, set at MINIT.
pub static POOL_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

const E_WARNING: i32 = 2;
/// SWOOLE_IPC_NONE / UNIXSOCK / MSGQUEUE / SOCKET.
const IPC_NONE: i64 = 0;
pub(super) const IPC_UNIXSOCK: i64 = 1;
pub(super) const IPC_MSGQUEUE: i64 = 2;
pub(super) const IPC_SOCKET: i64 = 3;
/// Swoole's `max_package_size` default for a pool's messages.
pub(super) const MAX_MESSAGE: usize = 2 << 20;
/// Events `on()` takes (lower case).
const EVENTS: [&str; 6] = [
    "workerstart",
    "workerstop",
    "message",
    "start",
    "shutdown",
    "workerexit",
];

/// One pool's settings and, once started, its pipes.
pub(super) struct Pool {
    pub(super) worker_num: usize,
    pub(super) ipc: i64,
    pub(super) enable_coroutine: bool,
    pub(super) max_wait: f64,
    pub(super) callbacks: HashMap<&'static str, Zval>,
    pub(super) started: bool,
    pub(super) master_pid: libc::pid_t,
    /// SWOOLE_IPC_UNIXSOCK: per worker, (the end others write to, the end
    /// the worker reads), datagram socketpairs made before the fork.
    pub(super) pipes: Vec<(Rc<OwnedFd>, Rc<OwnedFd>)>,
    /// In a worker: its id.
    pub(super) worker_id: Option<usize>,
    /// SWOOLE_IPC_SOCKET: the socket `listen()` opened (workers accept on
    /// it), and the reply `write()` collects during a message.
    pub(super) listen_fd: Option<OwnedFd>,
    pub(super) reply: Option<Vec<u8>>,
    /// SWOOLE_IPC_MSGQUEUE: the System V queue's key.
    pub(super) msgqueue_key: i64,
    /// What getProcess() handed out, by worker id.
    pub(super) procs: HashMap<i64, Zval>,
    /// `enable_message_bus`: messages are framed and fragmented.
    pub(super) message_bus: bool,
    /// `max_package_size`: the longest message a worker takes.
    pub(super) max_package: usize,
    /// Once started: each worker's pid, in memory shared with the workers.
    pub(super) board: Option<Rc<Shared<Board>>>,
}

/// The `kind` of a message on the message bus.
pub(super) const BUS_MESSAGE: u32 = 1;

/// Rust side of a `Process\Pool`.
#[derive(Default)]
pub struct PoolObj {
    pub(super) st: RefCell<Option<Pool>>,
}

impl Native for PoolObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

pub(super) fn set_prop(obj: *mut ext_php_rs::ffi::zend_object, name: &std::ffi::CStr, v: Zval) {
    super::object::update_prop(&POOL_CE, obj, name, v);
}

pub(super) fn zbool(b: bool) -> Zval {
    let mut z = Zval::new();
    z.set_bool(b);
    z
}

/// Calls pool callback `name` with the pool (and the worker id), outside
/// any coroutine: false when the callback failed.
pub(super) fn call(pool: &Zval, cb: Option<Zval>, id: Option<usize>) {
    let Some(cb) = cb else { return };
    let mut argv = vec![pool.shallow_clone()];
    argv.extend(id.map(|i| zval_long(i as i64)));
    if let Ok(mut c) = Callback::new(&cb, argv) {
        let mut r = Zval::new();
        c.call(&mut r);
    }
}

handler!(
    /// `__construct(int $worker_num, int $ipc_type = SWOOLE_IPC_NONE, int $msgqueue_key = 0, bool $enable_coroutine = false)`.
    construct(ex, _rv) {
        let f = "Swoole\\Process\\Pool::__construct";
        let Ok(n) = args::long(ex, 0, f, "worker_num", None) else { return };
        let Ok(ipc) = args::long(ex, 1, f, "ipc_type", Some(IPC_NONE)) else { return };
        let Ok(key) = args::long(ex, 2, f, "msgqueue_key", Some(0)) else { return };
        let Ok(coro) = args::boolean(ex, 3, f, "enable_coroutine", false) else { return };
        if n <= 0 {
            throw_class(&EXCEPTION_CE, "the parameter $worker_num must be greater than 0", 0);
            return;
        }
        if coro && ipc > 0 && ipc != IPC_UNIXSOCK {
            throw_plain_error("the parameter $ipc_type must be SWOOLE_IPC_UNIXSOCK when enable coroutine");
            return;
        }
        let Some(o) = this::<PoolObj>(ex) else { return };
        *o.st.borrow_mut() = Some(Pool {
            worker_num: n.min(4096) as usize,
            ipc,
            enable_coroutine: coro,
            max_wait: 3.0,
            callbacks: HashMap::new(),
            started: false,
            master_pid: 0,
            pipes: Vec::new(),
            worker_id: None,
            listen_fd: None,
            reply: None,
            msgqueue_key: key,
            procs: HashMap::new(),
            message_bus: false,
            max_package: MAX_MESSAGE,
            board: None,
        });
    }
);

handler!(
    /// `__destruct()`.
    destruct(_ex, _rv) {}
);

handler!(
    /// `set(array $settings): void` — `enable_coroutine`, `max_wait_time`,
    /// `enable_message_bus`, `max_package_size`; the rest is accepted.
    set(ex, _rv) {
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(ht) = z.array() else { return };
        let Some(o) = this::<PoolObj>(ex) else { return };
        let mut st = o.st.borrow_mut();
        let Some(p) = st.as_mut() else { return };
        if let Some(v) = ht.get("enable_coroutine") {
            p.enable_coroutine = v.coerce_to_bool();
        }
        if let Some(v) = ht.get("max_wait_time").and_then(|v| v.double().or_else(|| v.long().map(|l| l as f64))) {
            p.max_wait = v.max(0.0);
        }
        if let Some(v) = ht.get("enable_message_bus") {
            p.message_bus = v.coerce_to_bool();
        }
        if let Some(v) = ht.get("max_package_size").and_then(|v| v.long().or_else(|| v.double().map(|d| d as i64))) {
            // A receive buffer of this size is allocated per worker.
            p.max_package = v.clamp(1, 1 << 30) as usize;
        }
    }
);

handler!(
    /// `on(string $name, callable $callback): bool`.
    on(ex, rv) {
        let f = "Swoole\\Process\\Pool::on";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(name) = args::string(ex, 0, f, "name").map(|c| String::from_utf8_lossy(&c).to_ascii_lowercase()) else { return };
        let Some(cb) = args::get(ex, 1).map(|z| z.shallow_clone()) else { return };
        let Some(o) = this::<PoolObj>(ex) else { return };
        let mut st = o.st.borrow_mut();
        let Some(p) = st.as_mut() else { return };
        if p.started {
            warn_docref(E_WARNING, "process pool is started. unable to register event callback function");
            ret_bool(rv, false);
            return;
        }
        let Some(ev) = EVENTS.iter().find(|e| **e == name) else {
            warn_docref(E_WARNING, &format!("unknown event types[{name}]"));
            ret_bool(rv, false);
            return;
        };
        if *ev == "message" && p.ipc == IPC_NONE {
            drop(st);
            throw_class(&EXCEPTION_CE, "cannot set `onMessage` event with ipc_type=0", crate::swerr::INVALID_PARAMS);
            return;
        }
        p.callbacks.insert(ev, cb);
        ret_bool(rv, true);
    }
);

/// The master's side of a stop (`shutdown` runs before the workers go),
/// and its timers.
struct Events {
    pool: Zval,
    on_shutdown: Option<Zval>,
    /// A timer callback exited or failed: the pool stops, then the master
    /// raises it.
    failed: bool,
}

impl ManagerEvents for Events {
    fn worker_error(&mut self, _id: usize, _pid: i32, _code: i32, _sig: i32) {}

    fn next_tick(&mut self) -> Option<std::time::Instant> {
        use super::runtime::rt;
        if self.failed || rt(|r| r.is_looping() || !r.current().is_main()) {
            return None;
        }
        rt(|r| r.next_timer_at())
    }

    fn tick(&mut self) {
        use super::runtime::rt;
        // One turn: what is due runs (each timer callback in a coroutine),
        // without waiting (something is due).
        let _ = rt(|r| r.run_once(&mut super::event::PhpLoop));
        if super::runtime::aborting() || super::vm::has_exception() {
            self.failed = true;
            // SAFETY: SIGTERM to ourselves: the manager stops the pool.
            let _ = unsafe { crate::syscall!(kill(libc::getpid(), libc::SIGTERM)) };
        }
    }

    fn before_shutdown(&mut self) {
        if let Some(obj) = self.pool.object() {
            let o = obj as *const _ as *mut ext_php_rs::ffi::zend_object;
            set_prop(o, c"running", zbool(false));
            set_prop(o, c"workerRunning", zbool(false));
        }
        call(&self.pool, self.on_shutdown.take(), None);
    }
}

handler!(
    /// `start(): null|false` — forks the workers and supervises them until
    /// a stop (in the master); a worker never returns from it.
    start(ex, rv) {
        let Some(o) = this::<PoolObj>(ex) else { return };
        let obj = this_obj(ex);
        let pool = {
            let mut z = Zval::new();
            // SAFETY: `obj` is this live Pool object.
            unsafe { z.set_object(&mut *obj) };
            z
        };
        let (n, ipc, max_wait, cbs, coro) = {
            let mut st = o.st.borrow_mut();
            let Some(p) = st.as_mut() else { return };
            if p.started {
                warn_docref(E_WARNING, "process pool is started");
                ret_bool(rv, false);
                return;
            }
            if p.ipc == IPC_SOCKET && p.listen_fd.is_none() {
                crate::server::log::put(
                    crate::server::log::Who::Other,
                    0,
                    "WARNING",
                    &format!("ProcessPool::start_check() (ERRNO {}): must first listen to an tcp port", crate::swerr::WRONG_OPERATION),
                );
                ret_bool(rv, false);
                return;
            }
            if p.ipc > IPC_UNIXSOCK && p.ipc != IPC_SOCKET && p.ipc != IPC_MSGQUEUE {
                warn_docref(E_WARNING, &format!("unsupported ipc type[{}]", p.ipc));
                ret_bool(rv, false);
                return;
            }
            let get = |k: &str| p.callbacks.get(k).map(|z| z.shallow_clone());
            if get("workerstart").is_none() && get("message").is_none() {
                if p.enable_coroutine {
                    warn_docref(1, "require 'onWorkerStart' callback");
                    return;
                } else if p.ipc != IPC_NONE {
                    warn_docref(1, "require 'onMessage' callback");
                    return;
                }
            }
            if p.message_bus && p.ipc != IPC_UNIXSOCK {
                crate::server::log::put(
                    crate::server::log::Who::Other,
                    0,
                    "WARNING",
                    &format!("ProcessPool::create_message_bus() (ERRNO {}): not support, ipc_mode must be SW_IPC_UNIXSOCK", crate::swerr::OPERATION_NOT_SUPPORT),
                );
                ret_bool(rv, false);
                return;
            }
            if get("workerexit").is_some() && !p.enable_coroutine {
                drop(st);
                throw_class(&EXCEPTION_CE, "cannot set `onWorkerExit` without enable_coroutine", crate::swerr::INVALID_PARAMS);
                return;
            }
            if p.ipc == IPC_UNIXSOCK {
                for _ in 0..p.worker_num {
                    match super::process::socket_pair(libc::SOCK_DGRAM) {
                        Ok((a, b)) => p.pipes.push((Rc::new(a), Rc::new(b))),
                        Err(e) => {
                            warn_docref(E_WARNING, &format!("socketpair() failed: {}", super::error::os_error_text(&e)));
                            ret_bool(rv, false);
                            return;
                        }
                    }
                }
            }
            match Board::new() {
                Ok(b) => p.board = Some(Rc::new(b)),
                Err(e) => {
                    warn_docref(E_WARNING, &format!("cannot start the pool: {e}"));
                    ret_bool(rv, false);
                    return;
                }
            }
            p.started = true;
            // SAFETY: getpid has no preconditions.
            p.master_pid = unsafe { libc::getpid() };
            let cbs: HashMap<&'static str, Zval> = p.callbacks.iter().map(|(k, v)| (*k, v.shallow_clone())).collect();
            (p.worker_num, p.ipc, p.max_wait, cbs, p.enable_coroutine)
        };
        // The signals are the manager's from here on (a shutdown() in the
        // start callback is a SIGTERM to ourselves, queued for it).
        let board = o.st.borrow().as_ref().and_then(|p| p.board.clone());
        let mut mgr = match Manager::new(n, Duration::from_secs_f64(max_wait.min(1e6))) {
            Ok(m) => match board {
                Some(b) => m.with_board(b),
                None => m,
            },
            Err(e) => {
                warn_docref(E_WARNING, &format!("cannot start the pool: {e}"));
                ret_bool(rv, false);
                return;
            }
        };
        // SAFETY: getpid has no preconditions.
        set_prop(obj, c"master_pid", zval_long(i64::from(unsafe { libc::getpid() })));
        set_prop(obj, c"running", zbool(true));
        call(&pool, cbs.get("start").map(|z| z.shallow_clone()), None);
        propagate();
        let mut events = Events { pool: pool.shallow_clone(), on_shutdown: cbs.get("shutdown").map(|z| z.shallow_clone()), failed: false };
        match mgr.run(&mut events) {
            Ok(Role::Worker(id)) => {
                drop(mgr);
                worker::worker_main(o, &pool, obj, id, ipc, coro, &cbs);
            }
            Ok(Role::Stopped) => {
                if let Some(p) = o.st.borrow_mut().as_mut() {
                    p.started = false;
                    p.pipes.clear();
                }
                // The master's timers were the pool's: as in Swoole (whose
                // master drives them itself, with no event loop), none
                // fires once start() has returned.
                super::timer::clear_users();
                propagate();
                // Swoole: start() returns null once the pool has stopped.
            }
            Err(e) => {
                warn_docref(E_WARNING, &format!("the pool failed: {e}"));
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `sendMessage(string $data, int $dst_worker_id): bool` — one datagram
    /// to that worker's `message` callback (SWOOLE_IPC_UNIXSOCK).
    send_message(ex, rv) {
        let f = "Swoole\\Process\\Pool::sendMessage";
        let Ok(data) = args::string(ex, 0, f, "data").map(|c| c.into_owned()) else { return };
        let Ok(dst) = args::long(ex, 1, f, "dst_worker_id", None) else { return };
        let Some(o) = this::<PoolObj>(ex) else { return };
        let st = o.st.borrow();
        let Some(p) = st.as_ref() else { return };
        if !p.started {
            warn_docref(E_WARNING, "process pool is not started.");
            ret_bool(rv, false);
            return;
        }
        if p.ipc != IPC_UNIXSOCK {
            warn_docref(E_WARNING, &format!("unsupported ipc type[{}]", p.ipc));
            ret_bool(rv, false);
            return;
        }
        let Some((w, _)) = usize::try_from(dst).ok().and_then(|i| p.pipes.get(i)) else {
            ret_bool(rv, false);
            return;
        };
        // Kept alive while a send waits (no borrow across the wait).
        let w = w.clone();
        let (bus, max, src) = (p.message_bus, p.max_package, p.worker_id.map_or(u32::MAX, |i| i as u32));
        drop(st);
        let fd = w.as_raw_fd();
        if !bus {
            // One datagram, as Swoole without the bus (too long: EMSGSIZE).
            ret_bool(rv, super::server::send_pipe_datagram(fd, &data));
            return;
        }
        let h = ipc::Header { kind: BUS_MESSAGE, src, id: 0 };
        match ipc::datagrams(h, &data, max.saturating_add(ipc::HEADER), next_frag_id()) {
            Ok(parts) => ret_bool(rv, parts.iter().all(|d| super::server::send_pipe_datagram(fd, d))),
            Err(ipc::TooLarge(_)) => {
                // Deliberate: Swoole's bus takes any length; the receiver
                // here would drop what exceeds its max_package_size.
                warn_docref(E_WARNING, &format!("message is too large ({} bytes, max_package_size is {max})", data.len()));
                ret_bool(rv, false);
            }
        }
    }
);

/// A fresh id for a fragmented message of this process: the pid in the high
/// half, so a re-forked worker with the same id never reuses its
/// predecessor's ids while a half-sent message of it may still be queued.
fn next_frag_id() -> u64 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = NEXT.with(|c| {
        let v = c.get();
        c.set(v.wrapping_add(1));
        v
    });
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() } as u32;
    (u64::from(pid) << 32) | u64::from(n)
}

handler!(
    /// `getProcess(int $work_id = -1): Swoole\Process|false` — a Process
    /// for a worker (this one by default): its id and pid.
    get_process(ex, rv) {
        let Ok(mut id) = args::long(ex, 0, "Swoole\\Process\\Pool::getProcess", "work_id", Some(-1)) else { return };
        let Some(o) = this::<PoolObj>(ex) else { return };
        let st = o.st.borrow();
        let Some(p) = st.as_ref().filter(|p| p.started) else { ret_bool(rv, false); return };
        if id >= p.worker_num as i64 {
            warn_docref(E_WARNING, &format!("invalid worker_id[{id}]"));
            ret_bool(rv, false);
            return;
        }
        if id < 0 {
            match p.worker_id {
                Some(w) => id = w as i64,
                None => { ret_bool(rv, false); return; }
            }
        }
        let own = p.worker_id == Some(id as usize);
        // The worker's current pid, from the board the manager keeps.
        let shared = p.board.as_ref().and_then(|b| b.slot(id as usize)).map_or(0, |s| s.pid.load(Ordering::Relaxed));
        // SAFETY: getpid has no preconditions.
        let pid = if own { unsafe { libc::getpid() } } else { shared };
        // Its own process reads what others send it; another worker's
        // process is written to.
        let pipe = p.pipes.get(id as usize).map(|(w, r)| if own { r.as_raw_fd() } else { w.as_raw_fd() });
        // The same object each time (Swoole keeps them in `$workers`).
        // A worker since re-forked: the object follows its new pid.
        if let Some(z) = p.procs.get(&id) {
            super::process::follow_pid(z, pid);
            *rv = z.shallow_clone();
            return;
        }
        let Some(z) = super::process::wrap_pid(pid, id, pipe) else {
            ret_bool(rv, false);
            return;
        };
        // SWOOLE_IPC_MSGQUEUE: the process pushes to and pops from the
        // pool's queue (any message: SWOOLE_MSGQUEUE_BALANCE).
        if p.ipc == IPC_MSGQUEUE {
            if let (Some(po), Ok(q)) = (super::object::native_of::<super::process::ProcessObj>(&z), crate::server::msg_queue::MsgQueue::open(p.msgqueue_key as libc::key_t)) {
                *po.queue.borrow_mut() = Some((q, 2));
            }
        }
        drop(st);
        if let Some(p) = o.st.borrow_mut().as_mut() {
            p.procs.insert(id, z.shallow_clone());
        }
        *rv = z;
    }
);

handler!(
    /// `shutdown(): bool` — stops the pool: the master (SIGTERM) from a
    /// worker, or the master itself.
    shutdown(ex, rv) {
        let Some(o) = this::<PoolObj>(ex) else { return };
        let st = o.st.borrow();
        let Some(p) = st.as_ref().filter(|p| p.started) else {
            drop(st);
            throw_class(&EXCEPTION_CE, "The process pool is not started", crate::swerr::INVALID_PARAMS);
            return;
        };
        // SAFETY: signalling the pool's master (ourselves in the master).
        let r = unsafe { crate::syscall!(kill(p.master_pid, libc::SIGTERM)) };
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `stop(): void` — in a worker: it takes no more messages and leaves
    /// once its work is done (with coroutines: once its loop is empty).
    stop(ex, _rv) {
        let Some(o) = this::<PoolObj>(ex) else { return };
        if o.st.borrow().as_ref().is_some_and(|p| p.worker_id.is_some()) {
            // As Swoole's stop(): what SIGTERM would do, without a signal
            // (`workerRunning` turns false in workerExit/workerStop).
            worker::request_stop();
        }
    }
);

handler!(
    /// `detach(): bool` — in a worker: it leaves the pool (the master forks
    /// its replacement at once and no longer supervises it) and takes no
    /// more messages; it ends when its current work does. False outside a
    /// worker or when already detached.
    detach(ex, rv) {
        let Some(o) = this::<PoolObj>(ex) else { return };
        let in_worker = o.st.borrow().as_ref().is_some_and(|p| p.worker_id.is_some());
        let ok = in_worker && worker::detach();
        if ok {
            set_prop(obj_of(o), c"workerRunning", zbool(false));
        }
        ret_bool(rv, ok);
    }
);

handler!(
    /// `listen(string $host, int $port = 0, int $backlog = 2048): bool` —
    /// SWOOLE_IPC_SOCKET: where clients connect (`unix:/path` for a unix
    /// socket); each worker accepts a connection, reads one length-prefixed
    /// message for its `message` callback, replies with what `write()` got.
    listen(ex, rv) {
        let f = "Swoole\\Process\\Pool::listen";
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(backlog) = args::long(ex, 2, f, "backlog", Some(2048)) else { return };
        let Some(o) = this::<PoolObj>(ex) else { return };
        let mut st = o.st.borrow_mut();
        let Some(p) = st.as_mut() else { return };
        if p.started {
            warn_docref(E_WARNING, "process pool is started. unable to listen");
            ret_bool(rv, false);
            return;
        }
        if p.ipc != IPC_SOCKET {
            warn_docref(E_WARNING, &format!("unsupported ipc type[{}]", p.ipc));
            ret_bool(rv, false);
            return;
        }
        let backlog = backlog.clamp(1, i64::from(i32::MAX)) as i32;
        let r = match host.strip_prefix("unix:") {
            Some(path) => crate::server::process::bind_unix(path, true, backlog),
            None => crate::server::process::listen_tcp(&host, port.clamp(0, 65535) as u16, backlog),
        };
        match r {
            Ok(fd) => {
                // SAFETY: a fresh listening socket nobody else owns.
                p.listen_fd = Some(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) });
                ret_bool(rv, true);
            }
            Err(e) => {
                warn_docref(E_WARNING, &format!("listen({host}:{port}) failed: {}", super::error::os_error_text(&e)));
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `write(string $data): bool` — SWOOLE_IPC_SOCKET, in `message`: adds
    /// to the reply sent when the callback returns.
    write(ex, rv) {
        let Ok(data) = args::string(ex, 0, "Swoole\\Process\\Pool::write", "data").map(|c| c.into_owned()) else { return };
        let Some(o) = this::<PoolObj>(ex) else { return };
        let mut st = o.st.borrow_mut();
        let Some(p) = st.as_mut() else { return };
        if p.ipc != IPC_SOCKET {
            warn_docref(E_WARNING, &format!("unsupported ipc type[{}]", p.ipc));
            ret_bool(rv, false);
            return;
        }
        match p.reply.as_mut() {
            Some(r) if !data.is_empty() => {
                r.extend_from_slice(&data);
                ret_bool(rv, true);
            }
            _ => ret_bool(rv, false),
        }
    }
);

/// Method table.
type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("__destruct", destruct),
    ("set", set),
    ("on", on),
    ("getProcess", get_process),
    ("listen", listen),
    ("write", write),
    ("sendMessage", send_message),
    ("detach", detach),
    ("start", start),
    ("stop", stop),
    ("shutdown", shutdown),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $worker_num, int $ipc_type = SWOOLE_IPC_NONE, int $msgqueue_key = 0, bool $enable_coroutine = false)",
    "__destruct()",
    "set(array $settings): void",
    "on(string $name, callable $callback): bool",
    "getProcess(int $work_id = -1): \\Swoole\\Process|false",
    "listen(string $host, int $port = 0, int $backlog = 2048): bool",
    "write(string $data): bool",
    "sendMessage(string $data, int $dst_worker_id): bool",
    "detach(): bool",
    "start(): null|false",
    "stop(): void",
    "shutdown(): bool",
];

/// The class (`Corust\Process\Pool`; `Swoole\Process\Pool` at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new("Corust\\Process\\Pool");
    for (n, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    for p in [
        "master_pid",
        "workerPid",
        "workerId",
        "workers",
        "workerRunning",
        "running",
    ] {
        cb = cb.property(super::classes::public_null_prop(p));
    }
    cb.registration(|c, a| {
        POOL_CE.store(c, Ordering::Relaxed);
        super::classes::native::<PoolObj>(c, a);
    })
}
