//! `Corust\Server` [`Swoole\Server`] and `Corust\Http\Server`
//! [`Swoole\Http\Server`]: the PHP side of `src/server/` (processes) and
//! `src/http/` (protocol).
//!
//! `start()` makes the calling process the manager, which forks `worker_num`
//! workers (SWOOLE_BASE: each accepts on the shared socket) and re-forks any
//! that exits; each worker builds a fresh scheduler, runs onWorkerStart, then
//! an accept loop whose connections each get a coroutine, and every request a
//! coroutine of its own. SIGTERM / `shutdown()`: stop accepting, let requests
//! in flight finish (up to `max_wait_time`), onWorkerStop, exit 0.

mod builtin_cmds;
pub mod cluster;
pub mod co_http;
pub mod co_ws;
pub mod command;
mod config;
pub mod connections;
pub mod cookie_obj;
mod helper;
use config::apply_to;
pub use config::Config;
pub mod http;
mod io;
pub mod listener;
mod outbox;
pub mod port;
mod process_mode;
mod proxy;
pub mod response;
mod static_serve;
mod task;
pub(crate) use task::send_datagram as send_pipe_datagram;
pub mod task_obj;
mod vars;
pub mod vconn;
pub mod websocket;
mod worker;
pub mod ws_api;

use crate::php::error::warn_docref;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::os::fd::RawFd;
use std::rc::Rc;
use std::sync::atomic::AtomicPtr;
use std::time::Duration;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool};
use super::coroutine::{run_as_new, spawn_native};
use super::error::{throw_error, E_WARNING};
use super::object::{this, this_obj, Native};
use super::runtime::{aborting, propagate, rt};
use super::value::{zval_long, Callback};
use crate::rt::driver::io::Dir;
use crate::rt::idmap::{IdMap, IdSet};
use crate::rt::sys::Shared;
use crate::rt::{Cid, Wakeup};
use crate::server::board::{Board, Slot};
use crate::server::process::{self, Manager, Role, SignalFd};
use crate::syscall;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties of Server, in slot order.
pub const SERVER_PROPS: [&str; 14] = [
    "host",
    "port",
    "mode",
    "type",
    "setting",
    "master_pid",
    "manager_pid",
    "worker_id",
    "worker_pid",
    "taskworker",
    "ports",
    "connections",
    // The library's `Server\Helper`/`Server\Admin` keep their timer and
    // admin server here, as Swoole declares them.
    "stats_timer",
    "admin_server",
];

/// Swoole's 26 server events (lower-case). Those corust cannot raise yet
/// (WebSocket, UDP, buffer watermarks, pipe messages) are accepted and kept.
/// SWOOLE_SSL in a sock type.
pub(super) const SSL_FLAG: i64 = 1 << 9;

pub(super) const EVENTS: [&str; 26] = [
    "start",
    "beforeshutdown",
    "shutdown",
    "workerstart",
    "workerstop",
    "workerexit",
    "workererror",
    "managerstart",
    "managerstop",
    "beforereload",
    "afterreload",
    "connect",
    "receive",
    "packet",
    "close",
    "task",
    "finish",
    "pipemessage",
    "bufferfull",
    "bufferempty",
    "request",
    "handshake",
    "beforehandshakeresponse",
    "open",
    "message",
    "disconnect",
];

/// The manager-side callbacks (`server::process::ManagerEvents`).
struct ManagerCallbacks {
    /// The server object, their first argument.
    server: Zval,
    /// `workerError($server, $worker_id, $worker_pid, $exit_code, $signal)`.
    worker_error: Option<Zval>,
    /// `beforeShutdown($server)`.
    before_shutdown: Option<Zval>,
    /// `beforeReload($server)`.
    before_reload: Option<Zval>,
    /// `afterReload($server)`.
    after_reload: Option<Zval>,
    /// Settings (the Helper's hooks go with them).
    cfg: Config,
}

impl process::ManagerEvents for ManagerCallbacks {
    fn worker_error(&mut self, id: usize, pid: i32, code: i32, sig: i32) {
        helper::call(&self.cfg, "onWorkerError", &self.server, None);
        let args = vec![
            self.server.shallow_clone(),
            zval_long(id as i64),
            zval_long(i64::from(pid)),
            zval_long(i64::from(code)),
            zval_long(i64::from(sig)),
        ];
        call_now(self.worker_error.as_ref(), args);
    }

    fn before_shutdown(&mut self) {
        helper::call(&self.cfg, "onBeforeShutdown", &self.server, None);
        call_now(
            self.before_shutdown.as_ref(),
            vec![self.server.shallow_clone()],
        );
    }

    fn before_reload(&mut self) {
        helper::call(&self.cfg, "onBeforeReload", &self.server, None);
        call_now(
            self.before_reload.as_ref(),
            vec![self.server.shallow_clone()],
        );
    }

    fn after_reload(&mut self) {
        helper::call(&self.cfg, "onAfterReload", &self.server, None);
        call_now(
            self.after_reload.as_ref(),
            vec![self.server.shallow_clone()],
        );
    }

    fn inbox_ready(&mut self) {
        command::serve_manager();
    }
}

/// Rust side of a Server object.
#[derive(Default)]
pub struct ServerObj {
    /// Settings.
    cfg: RefCell<Config>,
    /// Event callbacks by lower-case name.
    callbacks: RefCell<HashMap<String, Zval>>,
    /// The listening socket (-1 before construct).
    listen_fd: Cell<RawFd>,
    /// True for `Corust\Http\Server`.
    http: Cell<bool>,
    /// The manager's pid.
    manager_pid: Cell<i32>,
    /// This server's engine object while it lives (null once destroyed):
    /// its ports reach it through this, without a reference (no cycle).
    handle: std::rc::Rc<Cell<*mut ext_php_rs::ffi::zend_object>>,
    /// Processes given to `addProcess()`, in order (their slots follow the
    /// task workers').
    procs: RefCell<Vec<Zval>>,
    /// The board shared by the server's processes, once started.
    board: RefCell<Option<Rc<Shared<Board>>>>,
    /// True for `Swoole\WebSocket\Server`.
    websocket: Cell<bool>,
    /// Ports added by `listen()`/`addListener()`.
    extra_ports: RefCell<Vec<Rc<listener::ExtraPort>>>,
    /// The primary port is UDP (`SWOOLE_SOCK_UDP`/`UDP6`/`UNIX_DGRAM`).
    udp: Cell<bool>,
    /// The primary port was opened with SWOOLE_SSL.
    ssl: Cell<bool>,
    /// The primary port's unix socket path (removed at shutdown).
    unix_path: RefCell<Option<String>>,
    /// Constructed with SWOOLE_PROCESS.
    process_mode: Cell<bool>,
    /// Commands given to `addCommand()` (and the admin server's), in order.
    commands: RefCell<Vec<Rc<command::Command>>>,
}

impl Native for ServerObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }

    fn on_destroy(&self) {
        self.handle.set(std::ptr::null_mut());
    }
}

/// This process's worker, if it is one (for `send()` / `close()`).
static CURRENT: super::globals::PhpThread<RefCell<Option<Rc<Worker>>>> =
    super::globals::PhpThread::new();

/// True in a server worker process (where `exit()` throws, as in Swoole).
pub fn in_worker() -> bool {
    CURRENT.get(|| RefCell::new(None)).borrow().is_some()
}

fn current_worker() -> Option<Rc<Worker>> {
    CURRENT.get(|| RefCell::new(None)).borrow().clone()
}

/// The server object behind `z`, if it is one.
pub(super) fn server_obj_of(z: &Zval) -> Option<&'static ServerObj> {
    super::object::native_of::<ServerObj>(z)
}

/// Whether `sid` can be a session of the running server: one this worker
/// holds, or one another worker's numbering gives (that worker answers
/// whether it is still open).
pub(super) fn session_known(sid: i64) -> bool {
    if let Some(w) = current_worker().filter(|w| w.local_fd(sid).is_some()) {
        return w.open_fd(sid).is_some();
    }
    if vconn::active() {
        return vconn::session(sid).is_some();
    }
    task::state()
        .is_some_and(|st| proxy::owner_for(st.worker_id, st.ipc.worker.len(), sid).is_some())
}

/// Writes `data` to session `sid`: on this worker's connection, or through
/// the worker that holds it.
pub(super) fn send_to_session(sid: i64, data: &[u8]) -> bool {
    let Some(w) = current_worker() else {
        return proxy::forward(sid, proxy::Op::Send(data)).unwrap_or(false);
    };
    match w.open_fd(sid) {
        Some(fd) => proxy::send_now(&w, fd, data),
        None => proxy::forward(sid, proxy::Op::Send(data)).unwrap_or(false),
    }
}

/// PHP's `$fd` of this worker's connection `fd`: its session id (the fd
/// itself outside a server worker, e.g. a Coroutine\Http\Server's).
pub fn session_of(fd: RawFd) -> i64 {
    CURRENT
        .get(|| RefCell::new(None))
        .borrow()
        .as_ref()
        .map_or(i64::from(fd), |w| w.sid(fd))
}

/// What a worker knows of one of its connections (`getClientInfo`).
pub struct Client {
    /// The peer.
    pub peer: std::net::SocketAddr,
    /// The port it came in on.
    pub server_port: u16,
    /// Unix time of the accept, in seconds.
    pub connect_time: f64,
    /// Unix time its last request (or data) came in.
    pub last_recv: Cell<f64>,
    /// Its output buffer (plain TCP connections).
    pub out: Option<Rc<outbox::Outbox>>,
    /// `protect()`: the heartbeat leaves it alone.
    pub protect: Cell<bool>,
    /// `bind()`'s uid (0: none).
    pub uid: Cell<u32>,
    /// `pause()`: no receive events until `resume()`.
    pub paused: Cell<bool>,
    /// The reading coroutine waiting for `resume()`.
    pub resume: RefCell<crate::rt::sync::waiters::Waiters>,
}

/// Unix time now, in seconds.
pub fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// One worker's running state.
pub struct Worker {
    /// Swoole's worker id (workers first, then task workers, then user
    /// processes).
    pub id: usize,
    /// The server's shared board.
    board: Option<Rc<Shared<Board>>>,
    /// Settings.
    pub cfg: Config,
    /// The server object (first argument of every callback).
    pub server: Zval,
    /// The ports it serves, primary first.
    pub listeners: Vec<Rc<listener::Listener>>,
    /// Set at SIGTERM / max_request.
    pub stopping: Cell<bool>,
    /// Connection coroutines waiting for a next request (closed at stop).
    pub idle: RefCell<IdSet<Cid>>,
    /// Open connections.
    pub conns: RefCell<IdMap<RawFd, Client>>,
    /// Session id (PHP's `$fd`) of each connection, until its last event.
    pub sids: RefCell<IdMap<RawFd, i64>>,
    /// The connection of each session id.
    pub fds: RefCell<std::collections::HashMap<i64, RawFd>>,
    /// Connections closed whose last event (onClose) has not ended yet:
    /// `getClientInfo()` still answers for them there, as Swoole's does.
    pub closed: RefCell<IdMap<RawFd, Client>>,
    /// Accepts counted here when there is no board.
    pub accepted: Cell<u64>,
    /// Upgraded connections.
    pub ws_conns: RefCell<IdMap<RawFd, Rc<websocket::Conn>>>,
    /// TCP connections close()d by the server whose reading coroutine has
    /// not ended yet (their queued bytes still go out).
    pub closing: RefCell<IdMap<RawFd, Rc<outbox::Outbox>>>,
    /// When the last "Too many connections" warning was logged.
    pub last_full_warning: Cell<Option<std::time::Instant>>,
    /// Requests served.
    served: Cell<u64>,
    /// The accept loops' coroutines.
    accept_cids: RefCell<Vec<Cid>>,
    /// The coroutine waiting for SIGTERM.
    signal_cid: Cell<Option<Cid>>,
    /// Other long-lived coroutines to cancel at stop (task inboxes).
    extra_cids: RefCell<Vec<Cid>>,
}

impl Worker {
    /// True in a task worker.
    pub fn is_task(&self) -> bool {
        self.id >= self.cfg.worker_num
    }

    /// Seconds between heartbeat sweeps (0: none), Swoole's rule: at most
    /// half of any port's `heartbeat_idle_time`.
    pub fn heartbeat_interval(&self) -> u64 {
        let mut every = self.cfg.heartbeat_check_interval;
        for l in &self.listeners {
            let idle = l.cfg.heartbeat_idle_time;
            if idle > 0 {
                let want = if idle > 2 { idle / 2 } else { 1 };
                if every == 0 || every > want {
                    every = want;
                }
            }
        }
        every
    }

    /// Seconds of silence after which a connection of `port` is closed by
    /// the heartbeat (0: never).
    pub fn idle_limit(&self, port: u16) -> u64 {
        let l = self.listeners.iter().find(|l| l.port == port);
        match l.map_or(0, |l| l.cfg.heartbeat_idle_time) {
            0 => self.cfg.heartbeat_check_interval.saturating_mul(2),
            n => n,
        }
    }

    /// The connections that sent nothing for their port's idle time (the
    /// heartbeat's; protected ones never).
    pub fn idle_connections(&self) -> Vec<RawFd> {
        let now = unix_now();
        self.conns
            .borrow()
            .iter()
            .filter(|(_, c)| {
                let limit = self.idle_limit(c.server_port);
                !c.protect.get() && limit > 0 && c.last_recv.get() <= now - limit as f64
            })
            .map(|(fd, _)| *fd)
            .collect()
    }

    /// Notes that data came in on `fd` (`getClientInfo`'s last_time).
    pub fn touch(&self, fd: RawFd) {
        self.touch_at(fd, unix_now());
    }

    /// `touch` with the time already read.
    pub fn touch_at(&self, fd: RawFd, now: f64) {
        if let Some(c) = self.conns.borrow().get(&fd) {
            c.last_recv.set(now);
        }
    }

    /// A new connection's session id, its `$fd` in PHP: unique across the
    /// server's workers and over its life, as Swoole's session ids are
    /// (1, 2, 3… with one worker; with N workers worker k hands out
    /// k+1, k+1+N, …, so the worker that owns a session is `(id-1) % N`).
    pub fn open_session(&self, fd: RawFd) -> i64 {
        let seq = match self.slot() {
            Some(s) => s.opened(),
            None => self.accepted.replace(self.accepted.get() + 1),
        };
        let n = self.cfg.worker_num.max(1) as u64;
        let sid = i64::try_from(seq.saturating_mul(n).saturating_add(self.id as u64 + 1))
            .unwrap_or(i64::MAX);
        self.sids.borrow_mut().insert(fd, sid);
        self.fds.borrow_mut().insert(sid, fd);
        sid
    }

    /// Session `sid` (given by the PROCESS-mode master) is connection `fd`.
    pub fn open_session_as(&self, fd: RawFd, sid: i64) {
        // Counted as the connection's close will be (stats()).
        if let Some(s) = self.slot() {
            s.opened();
        }
        self.sids.borrow_mut().insert(fd, sid);
        self.fds.borrow_mut().insert(sid, fd);
    }

    /// The session id of connection `fd` (its fd if it has none).
    pub fn sid(&self, fd: RawFd) -> i64 {
        self.sids
            .borrow()
            .get(&fd)
            .copied()
            .unwrap_or(i64::from(fd))
    }

    /// The connection of session `sid`, when this worker holds it.
    pub fn local_fd(&self, sid: i64) -> Option<RawFd> {
        self.fds.borrow().get(&sid).copied()
    }

    /// The connection of session `sid` while it is open here.
    pub fn open_fd(&self, sid: i64) -> Option<RawFd> {
        self.local_fd(sid)
            .filter(|fd| self.conns.borrow().contains_key(fd))
    }

    /// Takes connection `fd` out of the open ones, keeping what
    /// `getClientInfo()` says of it until its session ends. Its output
    /// buffer, if it had one.
    pub fn retire(&self, fd: RawFd) -> Option<Option<Rc<outbox::Outbox>>> {
        let c = self.conns.borrow_mut().remove(&fd)?;
        let out = c.out.clone();
        self.closed.borrow_mut().insert(fd, c);
        Some(out)
    }

    /// The connection's last event is over: its session id is retired.
    pub fn end_session(&self, fd: RawFd) {
        self.closed.borrow_mut().remove(&fd);
        if let Some(sid) = self.sids.borrow_mut().remove(&fd) {
            self.fds.borrow_mut().remove(&sid);
        }
    }

    /// This process's line on the board.
    pub fn slot(&self) -> Option<&Slot> {
        self.board.as_ref().and_then(|b| b.slot(self.id))
    }

    /// Counts a request; asks for a graceful stop at `max_request`.
    pub fn served_one(self: &Rc<Self>) {
        if let Some(s) = self.slot() {
            s.end();
        }
        self.served.set(self.served.get() + 1);
        if self.cfg.max_request > 0 && self.served.get() >= self.cfg.max_request {
            self.stop();
        }
    }

    /// Stops accepting and closes idle connections; in-flight ones finish.
    pub fn stop(&self) {
        if self.stopping.replace(true) {
            return;
        }
        let down = self
            .board
            .as_ref()
            .is_some_and(|b| b.shutting_down.load(std::sync::atomic::Ordering::Relaxed) != 0);
        vconn::stop(down);
        let loops: Vec<Cid> = self.accept_cids.borrow_mut().drain(..).collect();
        for c in loops {
            let _ = rt(|r| r.cancel(c));
        }
        let extra: Vec<Cid> = self.extra_cids.borrow_mut().drain(..).collect();
        for c in extra {
            let _ = rt(|r| r.cancel(c));
        }
        // Stopping for another reason (max_request): stop waiting for signals.
        if let Some(c) = self.signal_cid.take() {
            if c != rt(|r| r.current()) {
                let _ = rt(|r| r.cancel(c));
            }
        }
        let idle: Vec<Cid> = self.idle.borrow_mut().drain().collect();
        for c in idle {
            let _ = rt(|r| r.cancel(c));
        }
    }
}

fn server_of(ex: &ExecuteData) -> Option<&'static ServerObj> {
    this::<ServerObj>(ex)
}

fn set_prop(ex: &ExecuteData, slot: usize, v: Zval) {
    let obj = this_obj(ex);
    // SAFETY: Server declares SERVER_PROPS; slot < its length.
    unsafe { *(super::object::prop_slot(obj, slot) as *mut Zval) = v };
}

fn callback(srv: &ServerObj, name: &str) -> Option<Zval> {
    srv.callbacks.borrow().get(name).map(|z| z.shallow_clone())
}

/// Calls `cb(...args)` right here, outside coroutines (the manager's events).
fn call_now(cb: Option<&Zval>, args: Vec<Zval>) {
    if let Some(Ok(mut c)) = cb.map(|cb| Callback::new(cb, args)) {
        let mut r = Zval::new();
        c.call(&mut r);
    }
}

/// Calls `cb(...args)` as a new coroutine's life (on the running one, see
/// `run_as_new`). False when it ended the worker (exit or fatal error).
fn call_as_new(cb: &Zval, args: Vec<Zval>) -> bool {
    match Callback::new(cb, args) {
        Ok(mut cb) => run_as_new(&mut cb),
        Err(_) => true,
    }
}

handler!(
    /// `__construct(string $host = '0.0.0.0', int $port = 0, int $mode = SWOOLE_BASE, int $sock_type = SWOOLE_SOCK_TCP)`.
    construct(ex, _rv) {
        let f = "Corust\\Server::__construct";
        let host = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_else(|| "0.0.0.0".into());
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(mode) = args::long(ex, 2, f, "mode", Some(1)) else { return };
        let Ok(sock_type) = args::long(ex, 3, f, "sock_type", Some(1)) else { return };
        let Some(srv) = server_of(ex) else { return };
        if !(0..=65535).contains(&port) {
            throw_error(&format!("{}(): invalid port {port}", args::name_of(ex, f)));
            return;
        }
        let udp = listener::is_udp(sock_type);
        let sock = listener::bind(&host, port as u16, sock_type);
        let fd = match sock {
            Ok(fd) => fd,
            Err(e) => {
                // Swoole: Swoole\Exception with the errno as its code.
                let code = e.raw_os_error().unwrap_or(libc::EINVAL);
                let text = super::net::err_text(code);
                super::error::throw_class(
                    &super::error::EXCEPTION_CE,
                    &format!("failed to listen server port[{host}:{port}], Error: {text}[{code}]"),
                    i64::from(code),
                );
                return;
            }
        };
        let bound = process::local_port(fd).unwrap_or(port as u16);
        srv.listen_fd.set(fd);
        srv.udp.set(udp);
        srv.ssl.set(sock_type & SSL_FLAG != 0);
        srv.process_mode.set(mode == 2);
        if listener::is_unix(sock_type) {
            *srv.unix_path.borrow_mut() = Some(host.clone());
        }
        srv.cfg.borrow_mut().port = bound;
        let mut h = Zval::new();
        let _ = h.set_string(&host, false);
        set_prop(ex, 0, h);
        set_prop(ex, 1, zval_long(bound as i64));
        set_prop(ex, 2, zval_long(mode));
        set_prop(ex, 3, zval_long(sock_type));
        let mut st = Zval::new();
        st.set_hashtable(ZendHashTable::new());
        set_prop(ex, 4, st);
        set_prop(ex, 7, zval_long(-1));
        set_prop(ex, 9, { let mut z = Zval::new(); z.set_bool(false); z });
        // `$server->ports`: the primary port (Hyperf reads current($server->ports)).
        srv.handle.set(this_obj(ex));
        let mut ports = ZendHashTable::new();
        let _ = ports.push(port::primary(srv.handle.clone(), &host, bound, sock_type, fd));
        let mut pz = Zval::new();
        pz.set_hashtable(ports);
        set_prop(ex, 10, pz);
        set_prop(ex, 11, connections::make());
    }
);

handler!(
    /// `Http\Server::__construct(...)`: as Server, speaking HTTP/1.1.
    http_construct(ex, rv) {
        construct(ex, rv);
        if let Some(srv) = server_of(ex) {
            srv.http.set(true);
        }
    }
);

handler!(
    /// `set(array $settings): bool`.
    set(ex, rv) {
        if args::need(ex, 1, "Corust\\Server::set").is_err() { return; }
        let Some(arr) = args::get(ex, 0).and_then(|z| z.array()).map(|a| a.to_owned()) else {
            super::error::throw_type_error(&format!("{}(): Argument #1 ($settings) must be of type array", args::name_of(ex, "Corust\\Server::set")));
            return;
        };
        let Some(srv) = server_of(ex) else { return };
        apply_settings(srv, &arr);
        let mut z = Zval::new();
        z.set_hashtable(arr);
        set_prop(ex, 4, z);
        ret_bool(rv, true);
    }
);

/// Takes the settings corust implements from `arr` (the rest are accepted
/// and kept in `$server->setting` only).
fn apply_settings(srv: &ServerObj, arr: &ZendHashTable) {
    apply_to(&mut srv.cfg.borrow_mut(), arr);
}

handler!(
    /// `on(string $event, callable $callback): bool`.
    on(ex, rv) {
        if args::need(ex, 2, "Corust\\Server::on").is_err() { return; }
        let name = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default().to_ascii_lowercase();
        let Some(cb) = args::get(ex, 1).map(|z| z.shallow_clone()) else { return };
        if Callback::new(&cb, Vec::new()).is_err() {
            // Swoole's words (its Server::on is its primary port's on()).
            super::error::warn(
                super::error::E_WARNING,
                &format!("Swoole\\Server\\Port::on(): function '{}' is not callable", callable_name(&cb)),
            );
            ret_bool(rv, false);
            return;
        }
        let Some(srv) = server_of(ex) else { return };
        ret_bool(rv, register_callback(srv, &name, cb));
    }
);

/// How PHP names a callable in messages: `Class::method` for an array,
/// the string itself, `Closure::__invoke` for an object.
fn callable_name(cb: &Zval) -> String {
    let cb = cb.dereference();
    if let Some(arr) = cb.array() {
        let class = match arr.get_index(0).map(Zval::dereference) {
            Some(z) => match z.object() {
                Some(o) => o.get_class_name().unwrap_or_default(),
                None => z.coerce_to_string().unwrap_or_default(),
            },
            None => String::new(),
        };
        let method = arr
            .get_index(1)
            .and_then(|z| z.coerce_to_string())
            .unwrap_or_default();
        return format!("{class}::{method}");
    }
    if let Some(o) = cb.object() {
        return format!("{}::__invoke", o.get_class_name().unwrap_or_default());
    }
    cb.coerce_to_string().unwrap_or_default()
}

/// `on($event, $callback)` of a server or of its primary port: false (with
/// Swoole's warning) for an unknown event.
fn register_callback(srv: &ServerObj, name: &str, cb: Zval) -> bool {
    let name = name.to_ascii_lowercase();
    if !EVENTS.contains(&name.as_str()) {
        super::error::warn_docref(E_WARNING, &format!("unknown event types[{name}]"));
        return false;
    }
    srv.callbacks.borrow_mut().insert(name, cb);
    true
}

handler!(
    /// `getCallback(string $event_name): \Closure|string|null|array`.
    get_callback(ex, rv) {
        let name = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default().to_ascii_lowercase();
        let Some(srv) = server_of(ex) else { return };
        if let Some(cb) = srv.callbacks.borrow().get(&name) {
            *rv = cb.shallow_clone();
        }
    }
);

/// The end of `start()` in the process that called it (the manager in
/// BASE mode, the master in PROCESS mode): `shutdown`, then the listening
/// socket closes.
fn shut_down(srv: &ServerObj, cfg: &Config, server: &Zval) {
    helper::call(cfg, "onShutdown", server, None);
    call_now(
        callback(srv, "shutdown").as_ref(),
        vec![server.shallow_clone()],
    );
    // SAFETY: the server is done with the listening socket.
    // close: nothing to do on error, the fd is gone either way.
    let _ = unsafe { syscall!(close(srv.listen_fd.get())) };
    // As Swoole: a unix socket's file goes with the server.
    if let Some(p) = srv.unix_path.borrow_mut().take() {
        let _ = std::fs::remove_file(p);
    }
}

handler!(
    /// `start(): bool` — runs the server until it is stopped (manager), or
    /// never returns (workers end the process when they stop).
    start(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        if !rt(|r| r.current()).is_main() || rt(|r| r.is_looping()) {
            // SAFETY: server_of checked `This` is our live server object.
            let class = unsafe { this_obj(ex).as_ref() }.and_then(|o| o.get_class_name().ok()).unwrap_or_else(|| "Swoole\\Server".into());
            warn_docref(E_WARNING, &format!("The event-loop has already been created, unable to start {class}"));
            ret_bool(rv, false);
            return;
        }
        if srv.websocket.get() && callback(srv, "message").is_none() {
            throw_error(&format!("{}(): require onMessage callback", args::name_of(ex, "Swoole\\WebSocket\\Server::start")));
            return;
        }
        if srv.http.get() && !srv.websocket.get() && callback(srv, "request").is_none() {
            throw_error(&format!("{}(): require onRequest callback", args::name_of(ex, "Corust\\Http\\Server::start")));
            return;
        }
        if srv.udp.get() {
            if callback(srv, "packet").is_none() {
                throw_error(&format!("{}(): require onPacket callback", args::name_of(ex, "Corust\\Server::start")));
                return;
            }
        } else if !srv.http.get() && callback(srv, "receive").is_none() {
            throw_error(&format!("{}(): require onReceive callback", args::name_of(ex, "Corust\\Server::start")));
            return;
        }
        if let Err(msg) = listener::check_tls(srv, &srv.cfg.borrow()) {
            crate::server::log::put(
                crate::server::log::Who::Master,
                0,
                "ERROR",
                &format!("ListenPort::ssl_context_create() (ERRNO {}): {msg}", crate::swerr::WRONG_OPERATION),
            );
            ret_bool(rv, false);
            return;
        }
        let server = {
            let mut z = Zval::new();
            // SAFETY: This is a live object of our class.
            unsafe { z.set_object(&mut *ex.This.value.obj) };
            z
        };
        // Swoole's on_before_start: the admin server's built-in commands,
        // then `Helper::onBeforeStart` (which adds the library's).
        {
            let cfg = srv.cfg.borrow().clone();
            if cfg.admin {
                builtin_cmds::register(srv);
            }
            helper::call(&cfg, "onBeforeStart", &server, None);
            if super::vm::has_exception() {
                return;
            }
        }
        let mut cfg = srv.cfg.borrow().clone();
        // A daemon runs in `/`: a relative pid_file means the directory the
        // server was started from.
        if let (Some(f), Ok(dir)) = (cfg.pid_file.clone(), std::env::current_dir()) {
            cfg.pid_file = Some(dir.join(f).to_string_lossy().into_owned());
        }
        if let Some(b) = cfg.backlog.filter(|_| !srv.udp.get()) {
            if let Err(e) = process::set_backlog(srv.listen_fd.get(), b) {
                warn_docref(E_WARNING, &format!("cannot set backlog {b}: {e}"));
            }
        }
        if cfg.daemonize {
            if let Err(e) = process::daemonize(cfg.log_file.as_deref().map(std::path::Path::new)) {
                throw_error(&format!("{}(): cannot daemonize: {e}", args::name_of(ex, "Corust\\Server::start")));
                return;
            }
        }
        // SAFETY: getpid has no preconditions.
        let mut pid = unsafe { libc::getpid() };
        if let Some(f) = &cfg.pid_file {
            if let Err(e) = std::fs::write(f, pid.to_string()) {
                warn_docref(E_WARNING, &format!("cannot write pid_file {f}: {e}"));
            }
        }
        if cfg.task_worker_num > 0 && callback(srv, "task").is_none() {
            throw_error(&format!("{}(): require onTask callback when task_worker_num > 0", args::name_of(ex, "Corust\\Server::start")));
            return;
        }
        srv.manager_pid.set(pid);
        set_prop(ex, 5, zval_long(pid as i64));
        set_prop(ex, 6, zval_long(pid as i64));
        // SWOOLE_PROCESS: this process is the master; the manager is its
        // child (forked first: onStart sees its pid).
        if process_mode::wanted(srv, &cfg) {
            let side = process_mode::links(cfg.worker_num).and_then(|l| process_mode::fork(srv, &cfg, l));
            match side {
                Ok(process_mode::Side::Master(run, manager)) => {
                    srv.manager_pid.set(manager);
                    set_prop(ex, 6, zval_long(i64::from(manager)));
                    call_now(callback(srv, "start").as_ref(), vec![server.shallow_clone()]);
                    if let Err(e) = process_mode::run(run) {
                        warn_docref(E_WARNING, &format!("server master failed: {e}"));
                    }
                    if let Some(f) = &cfg.pid_file {
                        let _ = std::fs::remove_file(f);
                    }
                    shut_down(srv, &cfg, &server);
                    ret_bool(rv, true);
                    return;
                }
                Ok(process_mode::Side::Manager) => {
                    // SAFETY: getpid has no preconditions.
                    pid = unsafe { libc::getpid() };
                    srv.manager_pid.set(pid);
                    set_prop(ex, 6, zval_long(pid as i64));
                }
                Err(e) => {
                    throw_error(&format!("cannot start the server's master: {e}"));
                    return;
                }
            }
        } else {
            call_now(callback(srv, "start").as_ref(), vec![server.shallow_clone()]);
        }
        let cmds = srv.commands.borrow().clone();
        let ipc = match task::Ipc::new(cfg.worker_num, cfg.task_worker_num) {
            Ok(i) if command::wants_manager(&cmds) => i.with_manager_inbox(),
            other => other,
        };
        let ipc = match ipc {
            Ok(i) => i,
            Err(e) => { throw_error(&format!("cannot create task channels: {e}")); return; }
        };
        if !cmds.is_empty() {
            command::install(cmds, server.shallow_clone(), cfg.worker_num, cfg.task_worker_num, ipc.manager);
            task::set_manager_ipc(ipc.clone());
        }
        let core = cfg.worker_num + cfg.task_worker_num;
        let users = srv.procs.borrow().len();
        if core + users > crate::server::board::MAX_SLOTS {
            throw_error(&format!("too many processes ({}; at most {})", core + users, crate::server::board::MAX_SLOTS));
            return;
        }
        let board = match Board::new() {
            Ok(b) => Rc::new(b),
            Err(e) => { throw_error(&format!("cannot create the server's shared memory: {e}")); return; }
        };
        board.start_time.store(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64),
            std::sync::atomic::Ordering::Relaxed,
        );
        board.manager_pid.store(pid, std::sync::atomic::Ordering::Relaxed);
        *srv.board.borrow_mut() = Some(board.clone());
        let mut manager = match Manager::new(core + users, Duration::from_secs_f64(cfg.max_wait_time + 1.0)) {
            Ok(m) => {
                let m = m.reload_only(core).with_board(board);
                match ipc.manager {
                    Some((inbox, _)) => m.with_inbox(inbox),
                    None => m,
                }
            }
            Err(e) => { throw_error(&format!("cannot start the manager: {e}")); return; }
        };
        helper::call(&cfg, "onManagerStart", &server, None);
        call_now(callback(srv, "managerstart").as_ref(), vec![server.shallow_clone()]);
        let mut events = ManagerCallbacks {
            cfg: cfg.clone(),
            server: server.shallow_clone(),
            worker_error: callback(srv, "workererror"),
            before_shutdown: callback(srv, "beforeshutdown"),
            before_reload: callback(srv, "beforereload"),
            after_reload: callback(srv, "afterreload"),
        };
        match manager.run(&mut events) {
            Ok(Role::Worker(id)) if id >= core => {
                vconn::install_for(id);
                set_prop(ex, 7, zval_long(-1));
                cluster::run_user_process(srv, &server, ipc, id, id - core);
            }
            Ok(Role::Worker(id)) => {
                vconn::install_for(id);
                worker::worker_main(ex, srv, server, cfg, id, ipc);
                // An exit() inside the worker is already unwinding, with its status.
                if !super::vm::has_exception() {
                    super::vm::set_exit_status(0);
                    // SAFETY: ends the worker like exit(0): shutdown functions run.
                    unsafe { ext_php_rs::ffi::zend_throw_unwind_exit() };
                }
            }
            Ok(Role::Stopped) => {
                if let Some(f) = &cfg.pid_file {
                    let _ = std::fs::remove_file(f);
                }
                command::uninstall();
                helper::call(&cfg, "onManagerStop", &server, None);
                call_now(callback(srv, "managerstop").as_ref(), vec![server.shallow_clone()]);
                if vconn::is_manager() {
                    // PROCESS mode: the master (our parent) shuts the server
                    // down and returns from start(); the manager just ends.
                    // SAFETY: _exit(2) of the manager, its work done.
                    unsafe { libc::_exit(0) };
                }
                shut_down(srv, &cfg, &server);
                ret_bool(rv, true);
            }
            Err(e) => {
                throw_error(&format!("server manager failed: {e}"));
            }
        }
    }
);

handler!(
    /// `send(int $fd, string $data): bool`.
    send(ex, rv) {
        if args::need(ex, 2, "Corust\\Server::send").is_err() { return; }
        // Swoole: a string fd starting with '/' is a unix datagram peer.
        let path = args::get(ex, 0).and_then(|z| z.str().map(str::to_owned)).filter(|p| p.starts_with('/'));
        if let Some(path) = path {
            let data = args::bytes(ex, 1).unwrap_or_default().into_owned();
            let Ok(sock) = args::long(ex, 2, "Corust\\Server::send", "serverSocket", Some(-1)) else { return };
            ret_bool(rv, !data.is_empty() && send_datagram(&path, 0, &data, sock));
            return;
        }
        let Ok(fd) = args::long(ex, 0, "Corust\\Server::send", "fd", None) else { return };
        let data: Vec<u8> = args::get(ex, 1).and_then(|z| z.binary::<u8>().or_else(|| z.coerce_to_string().map(String::into_bytes))).unwrap_or_default();
        if data.is_empty() {
            super::swoole_error::set_last_error(crate::swerr::NO_PAYLOAD);
            warn_docref(E_WARNING, "the data sent must not be empty");
            ret_bool(rv, false);
            return;
        }
        let sid = fd;
        let Some(w) = current_worker() else {
            // A user process: the worker holding the session sends.
            ret_bool(rv, proxy::forward(sid, proxy::Op::Send(&data)).unwrap_or(false));
            return;
        };
        let Some(fd) = w.open_fd(sid) else {
            if let Some(ok) = proxy::forward(sid, proxy::Op::Send(&data)) {
                ret_bool(rv, ok);
                return;
            }
            warn_docref(E_WARNING, &format!("session#{sid} does not exist"));
            ret_bool(rv, false);
            return;
        };
        let out = w.conns.borrow().get(&fd).map(|c| c.out.clone());
        let Some(out) = out else {
            warn_docref(E_WARNING, &format!("session#{sid} does not exist"));
            ret_bool(rv, false);
            return;
        };
        let Some(out) = out else {
            ret_bool(rv, io::write_all(fd, &data).is_ok());
            return;
        };
        let limit = w.cfg.buffer_output_size;
        let sent = if w.cfg.send_yield.unwrap_or(w.cfg.enable_coroutine) {
            out.send_yield(&data, limit, w.cfg.send_timeout)
        } else {
            out.send(&data, limit)
        };
        if sent == outbox::Sent::Full {
            crate::server::log::warning(
                crate::server::log::Who::Worker,
                w.id,
                "Server::send",
                crate::swerr::OUTPUT_BUFFER_OVERFLOW,
                &format!("socket#{sid} output buffer overflow"),
            );
        }
        ret_bool(rv, sent == outbox::Sent::Done);
    }
);

handler!(
    /// `close(int $fd): bool` — closes a client connection (onClose follows).
    close(ex, rv) {
        if args::need(ex, 1, "Corust\\Server::close").is_err() { return; }
        let Ok(fd) = args::long(ex, 0, "Corust\\Server::close", "fd", None) else { return };
        let reset = args::get(ex, 1).is_some_and(|z| z.coerce_to_bool());
        let Some(w) = current_worker() else {
            ret_bool(rv, proxy::forward(fd, proxy::Op::Close(reset)).unwrap_or(false));
            return;
        };
        let Some(fd) = w.open_fd(fd) else {
            ret_bool(rv, proxy::forward(fd, proxy::Op::Close(reset)).unwrap_or(false));
            return;
        };
        ret_bool(rv, proxy::close_now(&w, fd, reset));
    }
);

/// Swoole's close() of a plain TCP connection: onClose runs now (its
/// reactor id -1: closed by the server), then the connection closes once
/// what was sent before is out (at once with `$reset`).
pub(super) fn close_tcp(w: &Rc<Worker>, fd: RawFd, out: Rc<outbox::Outbox>, reset: bool) -> bool {
    if w.retire(fd).is_none() {
        return false;
    }
    let port = w.closed.borrow().get(&fd).map_or(0, |c| c.server_port);
    if let Some(s) = w.slot() {
        s.closed();
    }
    w.closing.borrow_mut().insert(fd, out.clone());
    let l = w.listeners.iter().find(|l| l.port == port).cloned();
    if let Some(cb) = l.as_ref().and_then(|l| l.on_tcp[2].as_ref()) {
        let argv = vec![
            w.server.shallow_clone(),
            zval_long(w.sid(fd)),
            zval_long(-1),
        ];
        let cb = cb.shallow_clone();
        let _ = spawn_native(move || {
            call_as_new(&cb, argv);
        });
    }
    if reset {
        out.detach();
        io::shutdown(fd);
    } else {
        out.close_when_sent();
    }
    true
}

handler!(
    /// `task(mixed $data, int $dstWorkerId = -1, ?callable $finishCallback = null): int|false`.
    task_fn(ex, rv) {
        if args::need(ex, 1, "Corust\\Server::task").is_err() { return; }
        let Ok(dst) = args::long(ex, 1, "Corust\\Server::task", "dst_worker_id", Some(-1)) else { return };
        let finish = args::get(ex, 2).filter(|z| !z.is_null()).map(|z| z.shallow_clone());
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        match task::submit(&data, dst, finish) {
            Some(id) => rv.set_long(id as i64),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `finish(mixed $data): bool` — in onTask: sends the result back.
    finish_fn(ex, rv) {
        if args::need(ex, 1, "Corust\\Server::finish").is_err() { return; }
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        ret_bool(rv, task::finish(&data));
    }
);

handler!(
    /// `exists(int $fd): bool` (also `exist`).
    exists(ex, rv) {
        let Ok(fd) = args::long(ex, 0, "Corust\\Server::exists", "fd", None) else { return };
        // PROCESS mode: a session this process does not hold is looked up
        // in the master's table.
        let local = current_worker().filter(|w| w.local_fd(fd).is_some());
        ret_bool(rv, match local {
            Some(w) => w.open_fd(fd).is_some(),
            None => vconn::session(fd).is_some(),
        });
    }
);

handler!(
    /// `getSocket(int $port = 0): \Socket|false` — a listening socket (the
    /// primary's, or the port given) as an ext-sockets `Socket`, over a
    /// duplicate fd (false without ext-sockets or for an unknown port).
    get_socket(ex, rv) {
        let Ok(port) = args::long(ex, 0, "Swoole\\Server::getSocket", "port", Some(0)) else { return };
        let Some(srv) = server_of(ex) else { return };
        let primary = srv.listen_fd.get();
        let fd = if port == 0 || crate::server::process::local_port(primary).is_ok_and(|p| i64::from(p) == port) {
            Some(primary)
        } else {
            srv.extra_ports.borrow().iter().find(|p| i64::from(p.port) == port).map(|p| p.fd)
        };
        match fd.filter(|&fd| fd >= 0).and_then(super::fd::socket_object) {
            Some(z) => *rv = z,
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `heartbeat(bool $ifCloseConnection = true): false|array` — the
    /// connections silent for longer than their port's idle time (closed
    /// too when asked; as Swoole's code, not its stub, they are not unless
    /// the argument is true).
    heartbeat_fn(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        if cluster::running(srv).is_none() { ret_bool(rv, false); return; }
        let close_them = args::get(ex, 0).is_some_and(|z| z.coerce_to_bool());
        let Some(w) = current_worker() else { ret_bool(rv, false); return };
        if w.heartbeat_interval() < 1 { ret_bool(rv, false); return; }
        let mut ht = ZendHashTable::new();
        for fd in w.idle_connections() {
            if close_them {
                io::shutdown(fd);
            }
            let _ = ht.push(w.sid(fd));
        }
        rv.set_hashtable(ht);
    }
);

/// The running worker and the argument fd when it is one of its
/// connections.
fn worker_conn(ex: &mut ExecuteData, f: &str) -> Option<(Rc<Worker>, RawFd)> {
    let srv = server_of(ex)?;
    cluster::running(srv)?;
    let sid = args::long(ex, 0, f, "fd", None).ok()?;
    let w = current_worker()?;
    let fd = w.open_fd(sid)?;
    Some((w, fd))
}

/// As `worker_conn`, setting Swoole's SESSION_NOT_EXIST when the fd is
/// none of the worker's.
fn worker_conn_or_error(ex: &mut ExecuteData, f: &str) -> Option<(Rc<Worker>, RawFd)> {
    let found = worker_conn(ex, f);
    if found.is_none() {
        super::swoole_error::set_last_error(crate::swerr::SESSION_NOT_EXIST);
    }
    found
}

handler!(
    /// `protect(int $fd, bool $is_protected = true): bool` — the heartbeat
    /// leaves a protected connection alone.
    protect_fn(ex, rv) {
        let Some((w, fd)) = worker_conn(ex, "Swoole\\Server::protect") else { ret_bool(rv, false); return };
        let on = args::get(ex, 1).is_none_or(|z| z.coerce_to_bool());
        if let Some(c) = w.conns.borrow().get(&fd) { c.protect.set(on); }
        if vconn::is_virtual(fd) { vconn::protect(fd, on); }
        ret_bool(rv, true);
    }
);

handler!(
    /// `bind(int $fd, int $uid): bool` — once per connection
    /// (`getClientInfo()['uid']`).
    bind_fn(ex, rv) {
        let f = "Swoole\\Server::bind";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(uid) = args::long(ex, 1, f, "uid", None) else { return };
        if uid > i64::from(u32::MAX) || uid < i64::from(i32::MIN) {
            warn_docref(E_WARNING, &format!("uid can not be greater than {} or less than {}", u32::MAX, i32::MIN));
            ret_bool(rv, false);
            return;
        }
        let Some((w, fd)) = worker_conn(ex, f) else { ret_bool(rv, false); return };
        let conns = w.conns.borrow();
        let Some(c) = conns.get(&fd) else { ret_bool(rv, false); return };
        if c.uid.get() != 0 { ret_bool(rv, false); return; }
        c.uid.set(uid as u32);
        ret_bool(rv, true);
    }
);

handler!(
    /// `pause(int $fd): bool` — no receive events for the connection
    /// until `resume()` (its bytes wait in the kernel).
    pause_fn(ex, rv) {
        let Some((w, fd)) = worker_conn_or_error(ex, "Swoole\\Server::pause") else { ret_bool(rv, false); return };
        let conns = w.conns.borrow();
        let Some(c) = conns.get(&fd) else { ret_bool(rv, false); return };
        ret_bool(rv, !c.paused.replace(true));
    }
);

handler!(
    /// `resume(int $fd): bool`.
    resume_fn(ex, rv) {
        let Some((w, fd)) = worker_conn_or_error(ex, "Swoole\\Server::resume") else { ret_bool(rv, false); return };
        let waiting = match w.conns.borrow().get(&fd) {
            Some(c) if c.paused.replace(false) => Some(c.resume.borrow_mut().take()),
            _ => None,
        };
        let Some(waiting) = waiting else { ret_bool(rv, false); return };
        rt(|r| waiting.wake_all(r));
        ret_bool(rv, true);
    }
);

handler!(
    /// `sendfile(int $conn_fd, string $filename, int $offset = 0, int $length = 0): bool`
    /// — queued behind what was sent before, written with sendfile(2).
    sendfile_fn(ex, rv) {
        let f = "Swoole\\Server::sendfile";
        if args::need(ex, 2, f).is_err() { return; }
        let name = String::from_utf8_lossy(&args::bytes(ex, 1).unwrap_or_default()).into_owned();
        let Ok(offset) = args::long(ex, 2, f, "offset", Some(0)) else { return };
        let Ok(length) = args::long(ex, 3, f, "length", Some(0)) else { return };
        let Some((w, fd)) = worker_conn(ex, f) else { ret_bool(rv, false); return };
        let log = |code: i64, msg: String| {
            super::swoole_error::set_last_error(code);
            crate::server::log::warning(crate::server::log::Who::Worker, w.id, "Server::sendfile", code, &msg);
        };
        let opened = std::fs::File::open(&name).and_then(|file| Ok((file.metadata()?, file)));
        let (meta, file) = match opened {
            Ok(x) => x,
            Err(_) => { log(502, format!("stat({name}) failed")); ret_bool(rv, false); return; }
        };
        if !meta.is_file() {
            log(9013, format!("the path[{name}] given is not a regular file"));
            ret_bool(rv, false);
            return;
        }
        let offset = offset.max(0) as u64;
        if meta.len() <= offset {
            log(502, format!("file[offset={offset}] is empty"));
            ret_bool(rv, false);
            return;
        }
        let len = if length <= 0 { meta.len() - offset } else { (length as u64).min(meta.len() - offset) };
        let out = w.conns.borrow().get(&fd).and_then(|c| c.out.clone());
        let ok = match out {
            Some(o) => o.send_file(file, offset, len) == outbox::Sent::Done,
            None => response::send_file_body(fd, &file, offset, len),
        };
        ret_bool(rv, ok);
    }
);

handler!(
    /// `sendwait(int $conn_fd, string $send_data): bool` — sent before it
    /// returns (BASE mode, in a worker).
    sendwait_fn(ex, rv) {
        let f = "Swoole\\Server::sendwait";
        if args::need(ex, 2, f).is_err() { return; }
        let data = args::bytes(ex, 1).unwrap_or_default().into_owned();
        if data.is_empty() {
            super::swoole_error::set_last_error(crate::swerr::NO_PAYLOAD);
            warn_docref(E_WARNING, "the data sent must not be empty");
            ret_bool(rv, false);
            return;
        }
        let Some((w, fd)) = worker_conn(ex, f) else { ret_bool(rv, false); return };
        if w.is_task() {
            warn_docref(E_WARNING, "can only be used with base mode and must be within worker process");
            ret_bool(rv, false);
            return;
        }
        let out = w.conns.borrow().get(&fd).and_then(|c| c.out.clone());
        if let Some(o) = &out {
            o.drain(w.cfg.send_timeout);
        }
        ret_bool(rv, io::write_all(fd, &data).is_ok());
    }
);

handler!(
    /// `sendto(string $ip, int $port, string $send_data, int $server_socket = -1): bool`
    /// — a datagram from one of the server's UDP ports (the first of the
    /// address's family unless `$server_socket` names one).
    sendto_fn(ex, rv) {
        let f = "Swoole\\Server::sendto";
        if args::need(ex, 3, f).is_err() { return; }
        let Some(srv) = server_of(ex) else { return };
        if cluster::running(srv).is_none() { ret_bool(rv, false); return; }
        let ip = String::from_utf8_lossy(&args::bytes(ex, 0).unwrap_or_default()).into_owned();
        let Ok(port) = args::long(ex, 1, f, "port", None) else { return };
        let data = args::bytes(ex, 2).unwrap_or_default().into_owned();
        let Ok(sock) = args::long(ex, 3, f, "server_socket", Some(-1)) else { return };
        if data.is_empty() {
            super::swoole_error::set_last_error(crate::swerr::NO_PAYLOAD);
            warn_docref(E_WARNING, "the data sent must not be empty");
            ret_bool(rv, false);
            return;
        }
        ret_bool(rv, send_datagram(&ip, port, &data, sock));
    }
);

/// A datagram from one of this worker's datagram ports to `to` (an IP, or
/// a unix socket path starting with '/'): the port `server_socket` names,
/// else the first of the address's family (Swoole's warnings without one).
fn send_datagram(to: &str, port: i64, data: &[u8], server_socket: i64) -> bool {
    let family = if to.starts_with('/') {
        libc::AF_UNIX
    } else if to.contains(':') {
        libc::AF_INET6
    } else {
        libc::AF_INET
    };
    let Some(w) = current_worker() else {
        return false;
    };
    let fd = w
        .listeners
        .iter()
        .filter(|l| l.proto == listener::Proto::Udp)
        .find(|l| {
            if server_socket >= 0 {
                i64::from(l.fd) == server_socket
            } else {
                process::family(l.fd) == family
            }
        })
        .map(|l| l.fd);
    let Some(fd) = fd else {
        warn_docref(
            E_WARNING,
            match family {
                libc::AF_UNIX => "UnixDgram listener has to be added before executing sendto",
                libc::AF_INET6 => "UDP6 listener has to be added before executing sendto",
                _ => "UDP listener has to be added before executing sendto",
            },
        );
        return false;
    };
    let addr = if family == libc::AF_UNIX {
        crate::rt::net::SockAddr::unix(to.as_bytes())
    } else {
        to.parse::<std::net::IpAddr>().ok().map(|ip| {
            crate::rt::net::SockAddr::ip(std::net::SocketAddr::new(ip, port.clamp(0, 65535) as u16))
        })
    };
    let Some(addr) = addr else {
        warn_docref(
            E_WARNING,
            &format!("sendto to server[{to}:{port}] failed. Error: Invalid argument[22]"),
        );
        return false;
    };
    let (p, len) = addr.as_raw();
    loop {
        // SAFETY: sendto(2) from our buffer to an address of its own length.
        let r = unsafe {
            syscall!(sendto(
                fd,
                data.as_ptr().cast(),
                data.len(),
                libc::MSG_DONTWAIT,
                p,
                len
            ))
        };
        match r {
            Ok(_) => return true,
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) && !rt(|r| r.current()).is_main() => {
                if !matches!(
                    rt(|r| r.wait_owned_fd(fd, Dir::Write, w.cfg.send_timeout)),
                    Ok(Wakeup::Ready)
                ) {
                    return false;
                }
            }
            Err(_) => return false,
        }
    }
}

handler!(
    /// `shutdown(): bool` — graceful stop of the whole server.
    shutdown(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        let m = srv.manager_pid.get();
        if m <= 0 { ret_bool(rv, false); return; }
        // SAFETY: signalling the manager of this server.
        ret_bool(rv, unsafe { syscall!(kill(m, libc::SIGTERM)) }.is_ok());
    }
);

handler!(
    /// `reload(): bool` — replaces the workers one at a time.
    reload(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        let m = srv.manager_pid.get();
        if m <= 0 { ret_bool(rv, false); return; }
        // SAFETY: signalling the manager of this server.
        ret_bool(rv, unsafe { syscall!(kill(m, libc::SIGUSR1)) }.is_ok());
    }
);

/// `Swoole\Server`'s declarations (Swoole 6.2.2), for the methods corust has; `Http\Server` takes them too.
pub const SIGNATURES: &[&str] = &[
    "__construct(string $host = '0.0.0.0', int $port = 0, int $mode = SWOOLE_BASE, int $sock_type = SWOOLE_SOCK_TCP)",
    "set(array $settings): bool",
    "on(string $event_name, callable $callback): bool",
    "getCallback(string $event_name): \\Closure|string|null|array",
    "listen(string $host, int $port, int $sock_type): false|Swoole\\Server\\Port",
    "addlistener(string $host, int $port, int $sock_type): false|Swoole\\Server\\Port",
    "start(): bool",
    "send(int|string $fd, string $send_data, int $serverSocket = -1): bool",
    "close(int $fd, bool $reset = false): bool",
    "exists(int $fd): bool",
    "exist(int $fd): bool",
    "heartbeat(bool $ifCloseConnection = true): false|array",
    "sendfile(int $conn_fd, string $filename, int $offset = 0, int $length = 0): bool",
    "bind(int $fd, int $uid): bool",
    "sendwait(int $conn_fd, string $send_data): bool",
    "protect(int $fd, bool $is_protected = true): bool",
    "pause(int $fd): bool",
    "resume(int $fd): bool",
    "confirm(int $fd): bool",
    "getLastError(): int",
    "sendto(string $ip, int $port, string $send_data, int $server_socket = -1): bool",
    "task(mixed $data, int $taskWorkerIndex = -1, ?callable $finishCallback = null): int|false",
    "finish(mixed $data): bool",
    "reload(bool $only_reload_taskworker = false): bool",
    "shutdown(): bool",
    "stats(): array",
    "sendMessage(mixed $message, int $dst_worker_id): bool",
    "addProcess(\\Swoole\\Process $process): int|false",
    "stop(int $workerId = -1): bool",
    "taskwait(mixed $data, float $timeout = 0.5, int $taskWorkerIndex = -1): mixed",
    "taskWaitMulti(array $tasks, float $timeout = 0.5): false|array",
    "taskCo(array $tasks, float $timeout = 0.5): array|false",
    "getClientInfo(int $fd, int $reactor_id = -1, bool $ignoreError = false): false|array",
    "getClientList(int $start_fd = 0, int $find_count = 10): false|array",
    "connection_info(int $fd, int $reactor_id = -1, bool $ignoreError = false): false|array",
    "getSocket(int $port = 0): \\Socket|false",
    "connection_list(int $start_fd = 0, int $find_count = 10): false|array",
    "getWorkerId(): int|false",
    "getWorkerPid(int $worker_id = -1): int|false",
    "getWorkerStatus(int $worker_id = -1): int|false",
    "getManagerPid(): int",
    "getMasterPid(): int",
    "addCommand(string $name, int $accepted_process_types, callable $callback): bool",
    "command(string $name, int $process_id, int $process_type, mixed $data, bool $json_decode = true): false|string|array",
];
