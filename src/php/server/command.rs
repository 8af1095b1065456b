//! `addCommand()` / `command()`: named handlers registered before `start()`
//! and run, on request from worker 0, in the process `command()` names
//! (Swoole's BASE-mode rules: `src/server/master.cc` `Server::command`).
//!
//! Where each process type is served in corust:
//! - MASTER (and EVENT_WORKER 0, which BASE mode turns into MASTER): in the
//!   calling coroutine, at once (worker 0 is BASE mode's master).
//! - EVENT_WORKER n / TASK_WORKER n: a request in that process's inbox
//!   (`task.rs`, KIND_COMMAND); the handler runs in a coroutine there and
//!   the reply comes back to worker 0's inbox (KIND_COMMAND_REPLY) with the
//!   request id, which wakes the waiting coroutine.
//! - MANAGER: the manager's own inbox, created at start when a command
//!   accepts MANAGER; the manager (no event loop, it polls its signalfd)
//!   runs the handler between two looks at its children.
//!
//! The table is fixed at `start()` (every process inherits the same one,
//! so a command travels as its index); replies are matched by request id.

use std::cell::{Cell, RefCell};
use std::os::fd::RawFd;
use std::rc::Rc;

use ext_php_rs::types::Zval;

use super::super::coroutine::{spawn_job, spawn_native, Job};
use super::super::error::{throw_class, warn_docref, ERROR_CE, E_WARNING};
use super::super::globals::PhpThread;
use super::super::parallel::Par;
use super::super::runtime::{propagate, rt};
use super::super::value::{zval_str, Callback};
use super::{server_of, task};
use crate::php::args::{self, handler, ret_bool};
use crate::rt::idmap::IdMap;
use crate::server::log::{self, Who};

/// `SWOOLE_SERVER_COMMAND_MASTER`.
pub const MASTER: i64 = 1 << 1;
/// `SWOOLE_SERVER_COMMAND_REACTOR_THREAD`.
pub const REACTOR_THREAD: i64 = 1 << 2;
/// `SWOOLE_SERVER_COMMAND_EVENT_WORKER`.
pub const EVENT_WORKER: i64 = 1 << 3;
/// `SWOOLE_SERVER_COMMAND_TASK_WORKER`.
pub const TASK_WORKER: i64 = 1 << 4;
/// `SWOOLE_SERVER_COMMAND_MANAGER`.
pub const MANAGER: i64 = 1 << 5;
/// Swoole's `Command::ALL_PROCESS`.
pub const ALL: i64 = MASTER | REACTOR_THREAD | EVENT_WORKER | TASK_WORKER | MANAGER;

/// A handler written in Rust (the admin server's built-in commands): the
/// server object and the JSON message in, the JSON reply out.
pub type NativeFn = fn(&Zval, &str) -> String;

/// What runs a command.
pub enum Handler {
    /// A PHP callable `($server, string $msg): string`.
    Php(Zval),
    /// A built-in.
    Native(NativeFn),
}

/// One registered command.
pub struct Command {
    /// Its name.
    pub name: String,
    /// The process types it may run in (a mask of the constants above).
    pub types: i64,
    /// What runs it.
    pub handler: Handler,
}

/// Swoole's reply when the handler returned something other than a string.
const WRONG_TYPE: &str = r#"{"data": "wrong return type", "code": -2}"#;
/// Swoole's reply when the handler could not be called (or threw).
const CALL_FAILED: &str = r#"{"data": "failed to call function", "code": -1}"#;

/// The running server's commands, as every process of it sees them.
struct Table {
    /// The commands, by id (their index).
    cmds: Vec<Rc<Command>>,
    /// The server object (the handlers' first argument).
    server: Zval,
    /// `worker_num`.
    workers: usize,
    /// `task_worker_num`.
    tasks: usize,
    /// The manager's inbox (read end, write end), when it serves commands.
    manager: Option<(RawFd, RawFd)>,
}

static TABLE: PhpThread<RefCell<Option<Rc<Table>>>> = PhpThread::new();

fn table() -> Option<Rc<Table>> {
    TABLE.get(|| RefCell::new(None)).borrow().clone()
}

/// A `command()` call waiting for its reply.
#[derive(Default)]
struct Wait {
    /// The reply, once here.
    reply: RefCell<Option<Vec<u8>>>,
    /// The waiting coroutine.
    waiter: RefCell<crate::rt::sync::waiters::Waiters>,
}

const WAIT_NAME: &str = "server command";

/// Worker 0's calls in flight, by request id.
#[derive(Default)]
struct Pending {
    /// The last request id handed out.
    last: Cell<u64>,
    /// Who waits for each.
    waits: RefCell<IdMap<u64, Rc<Wait>>>,
}

static PENDING: PhpThread<Pending> = PhpThread::new();

fn pending() -> &'static Pending {
    PENDING.get(Pending::default)
}

/// True when some command accepts MANAGER (the manager then needs an inbox).
pub fn wants_manager(cmds: &[Rc<Command>]) -> bool {
    cmds.iter().any(|c| c.types & MANAGER != 0)
}

/// At `start()`, before forking: makes `cmds` this process's (and its
/// children's) table; `manager` is the manager inbox pair, if any.
pub fn install(
    cmds: Vec<Rc<Command>>,
    server: Zval,
    workers: usize,
    tasks: usize,
    manager: Option<(RawFd, RawFd)>,
) {
    *TABLE.get(|| RefCell::new(None)).borrow_mut() = Some(Rc::new(Table {
        cmds,
        server,
        workers,
        tasks,
        manager,
    }));
}

/// When the server has stopped (in the manager): drops the table.
pub fn uninstall() {
    TABLE.get(|| RefCell::new(None)).borrow_mut().take();
}

/// The commands of the running server: (id, name, accepted types).
pub fn list() -> Vec<(usize, String, i64)> {
    table().map_or_else(Vec::new, |t| {
        t.cmds
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.name.clone(), c.types))
            .collect()
    })
}

/// A NOTICE line from `Server::command()` with Swoole's error code, which
/// also becomes `swoole_last_error()`.
fn notice(code: i64, msg: &str) {
    super::super::swoole_error::set_last_error(code);
    if log::is_ignored(code) {
        return;
    }
    let (who, id) = whoami();
    log::put(
        who,
        id,
        "NOTICE",
        &format!("Server::command() (ERRNO {code}): {msg}"),
    );
}

/// This process's log symbol and id.
fn whoami() -> (Who, usize) {
    match task::state() {
        Some(st) if table().is_some_and(|t| st.worker_id >= t.workers) => {
            (Who::TaskWorker, st.worker_id)
        }
        Some(st) => (Who::Worker, st.worker_id),
        None => (Who::Manager, 0),
    }
}

/// Calls PHP function `name` with `args`; its return value.
fn call_fn(name: &str, args: Vec<Zval>) -> Zval {
    let mut out = Zval::new();
    if let Ok(mut cb) = Callback::new(&zval_str(name), args) {
        cb.call(&mut out);
    }
    out
}

/// The reply a handler's return value makes.
fn reply_of(v: &Zval) -> Vec<u8> {
    match v.binary::<u8>() {
        Some(b) if v.is_string() => b,
        _ => WRONG_TYPE.as_bytes().to_vec(),
    }
}

/// Runs `cmd` right here (the caller's coroutine, or the manager): its
/// reply, or None when a PHP handler threw (the exception is left pending).
fn run_here(cmd: &Command, server: &Zval, msg: &str) -> Option<Vec<u8>> {
    match &cmd.handler {
        Handler::Native(f) => Some(f(server, msg).into_bytes()),
        Handler::Php(cb) => {
            let args = vec![server.shallow_clone(), zval_str(msg)];
            let Ok(mut c) = Callback::new(cb, args) else {
                warn_docref(E_WARNING, "Swoole\\Server: command handler error");
                return Some(CALL_FAILED.as_bytes().to_vec());
            };
            let mut out = Zval::new();
            let called = c.call(&mut out);
            if super::super::vm::has_exception() {
                return None;
            }
            if !called {
                warn_docref(E_WARNING, "Swoole\\Server: command handler error");
                return Some(CALL_FAILED.as_bytes().to_vec());
            }
            Some(reply_of(&out))
        }
    }
}

/// Runs `cmd` in a coroutine of its own (a request from another process):
/// its reply. An exception the handler throws is reported as a warning
/// and answered with Swoole's "failed to call function".
///
/// # Suspends
fn run_in_coroutine(cmd: &Command, server: &Zval, msg: &str) -> Vec<u8> {
    let cb = match &cmd.handler {
        Handler::Native(f) => return f(server, msg).into_bytes(),
        Handler::Php(cb) => cb,
    };
    let args = vec![server.shallow_clone(), zval_str(msg)];
    let Ok(c) = Callback::new(cb, args) else {
        warn_docref(E_WARNING, "Swoole\\Server: command handler error");
        return CALL_FAILED.as_bytes().to_vec();
    };
    let par = Rc::new(Par::single());
    let spawned = spawn_job(Job::Parallel {
        cb: c,
        slot: 0,
        par: par.clone(),
    });
    if spawned.is_err() {
        return CALL_FAILED.as_bytes().to_vec();
    }
    propagate();
    match par.wait_single() {
        Ok(v) => reply_of(&v),
        Err(e) => {
            let text = e
                .try_call_method("getMessage", vec![])
                .ok()
                .and_then(|m| m.string())
                .unwrap_or_default();
            super::super::error::warn(
                E_WARNING,
                &format!("Swoole\\Server: command handler error ({text})"),
            );
            CALL_FAILED.as_bytes().to_vec()
        }
    }
}

/// Encodes a request: the command id, then the message.
fn encode(id: u32, msg: &str) -> Vec<u8> {
    let mut b = Vec::with_capacity(4 + msg.len());
    b.extend_from_slice(&id.to_le_bytes());
    b.extend_from_slice(msg.as_bytes());
    b
}

/// Decodes a request (command id, message).
fn decode(payload: &[u8]) -> Option<(usize, String)> {
    let id = u32::from_le_bytes(payload.get(..4)?.try_into().ok()?);
    let msg = String::from_utf8_lossy(&payload[4..]).into_owned();
    Some((id as usize, msg))
}

/// A request reached this worker or task worker (KIND_COMMAND): runs it
/// in a coroutine and sends the reply to worker `src`.
pub fn serve(src: u32, req: u64, payload: Vec<u8>) {
    let Some(t) = table() else { return };
    let Some((cid, msg)) = decode(&payload) else {
        return;
    };
    let Some(cmd) = t.cmds.get(cid).cloned() else {
        unknown(cid);
        return;
    };
    let _ = spawn_native(move || {
        let reply = run_in_coroutine(&cmd, &t.server, &msg);
        task::send_command_reply(src as usize, req, &reply);
    });
}

fn unknown(cid: usize) {
    let code = crate::swerr::SERVER_INVALID_COMMAND;
    if !log::is_ignored(code) {
        let (who, id) = whoami();
        log::put(
            who,
            id,
            "ERROR",
            &format!(
                "Server::call_command_handler() (ERRNO {code}): Unknown command[command_id={cid}]"
            ),
        );
    }
}

/// In the manager, its inbox is readable: serves every request waiting
/// there, one after another (no coroutines in the manager).
pub fn serve_manager() {
    let Some(t) = table() else { return };
    let Some((inbox, _)) = t.manager else { return };
    task::drain(inbox, |kind, src, req, payload| {
        if kind != task::KIND_COMMAND {
            return;
        }
        let Some((cid, msg)) = decode(&payload) else {
            return;
        };
        let Some(cmd) = t.cmds.get(cid).cloned() else {
            unknown(cid);
            return;
        };
        let reply = match run_here(&cmd, &t.server, &msg) {
            Some(r) => r,
            None => {
                // A throwing handler must not take the manager down: the
                // exception is reported as a warning.
                let e = super::super::vm::take_exception();
                if !e.is_null() {
                    // SAFETY: an owned exception object; the engine's report
                    // consumes it.
                    unsafe { ext_php_rs::ffi::zend_exception_error(e, E_WARNING) };
                }
                CALL_FAILED.as_bytes().to_vec()
            }
        };
        task::send_command_reply(src as usize, req, &reply);
    });
}

/// A reply reached worker 0's inbox (KIND_COMMAND_REPLY).
pub fn deliver(req: u64, reply: Vec<u8>) {
    let w = pending().waits.borrow_mut().remove(&req);
    let Some(w) = w else {
        let code = crate::swerr::SERVER_INVALID_COMMAND;
        if !log::is_ignored(code) {
            let (who, id) = whoami();
            log::put(
                who,
                id,
                "ERROR",
                &format!("Server::call_command_callback() (ERRNO {code}): Invalid command result[request_id={req}]"),
            );
        }
        return;
    };
    *w.reply.borrow_mut() = Some(reply);
    let ws = w.waiter.borrow_mut().take();
    rt(|r| ws.wake_all_if(r, WAIT_NAME));
}

/// Where a request goes.
enum Route {
    /// Run here.
    Local,
    /// Into this inbox (write end).
    Inbox(RawFd),
}

/// Swoole's `Server::command` checks and routing: the command and where
/// it runs, or None after its NOTICE.
fn route(t: &Table, name: &str, id: i64, mut ty: i64) -> Option<(usize, Rc<Command>, Route)> {
    let Some((cid, cmd)) = t.cmds.iter().enumerate().find(|(_, c)| c.name == name) else {
        notice(
            crate::swerr::SERVER_INVALID_COMMAND,
            &format!("Unknown command[{name}]"),
        );
        return None;
    };
    let me = task::state().map(|s| s.worker_id);
    if me != Some(0) {
        notice(
            crate::swerr::INVALID_PARAMS,
            "command() can only be used in worker process 0",
        );
        return None;
    }
    if ty == EVENT_WORKER && id == 0 {
        ty = MASTER;
    }
    let unsupported = |what: &str| {
        notice(
            crate::swerr::OPERATION_NOT_SUPPORT,
            &format!("unsupported [{what}]"),
        );
        None
    };
    if ty & cmd.types == 0 {
        return unsupported("process_type");
    }
    let st = task::state()?;
    let route = match ty {
        REACTOR_THREAD => return unsupported("server_mode"),
        EVENT_WORKER => {
            if id < 0 || id as usize >= t.workers {
                notice(
                    crate::swerr::INVALID_PARAMS,
                    &format!("invalid worker_id[{id}]"),
                );
                return None;
            }
            Route::Inbox(st.ipc.worker.get(id as usize)?.1)
        }
        TASK_WORKER => {
            if id < 0 || id as usize >= t.tasks {
                notice(
                    crate::swerr::INVALID_PARAMS,
                    &format!("invalid task_worker_id[{id}]"),
                );
                return None;
            }
            Route::Inbox(st.ipc.task.get(id as usize)?.1)
        }
        MANAGER => match t.manager {
            Some((_, w)) => Route::Inbox(w),
            None => return unsupported("process_type"),
        },
        MASTER => Route::Local,
        _ => return unsupported("process_type"),
    };
    Some((cid, cmd.clone(), route))
}

/// `command()`'s work: the reply, or None (false) after a NOTICE.
///
/// # Suspends
fn request(name: &str, id: i64, ty: i64, msg: &str) -> Option<Vec<u8>> {
    let t = table()?;
    let (cid, cmd, route) = route(&t, name, id, ty)?;
    let fd = match route {
        Route::Local => return run_here(&cmd, &t.server, msg),
        Route::Inbox(fd) => fd,
    };
    let p = pending();
    let req = p.last.get() + 1;
    p.last.set(req);
    let w = Rc::new(Wait::default());
    p.waits.borrow_mut().insert(req, w.clone());
    if !task::send_command(fd, req, &encode(cid as u32, msg)) {
        p.waits.borrow_mut().remove(&req);
        return None;
    }
    let me = rt(|r| r.current());
    while w.reply.borrow().is_none() {
        w.waiter.borrow_mut().add(me);
        let woken = rt(|r| crate::rt::sync::waiters::wait(r, WAIT_NAME, None)).unwrap_or(false);
        w.waiter.borrow_mut().remove(me);
        if !woken {
            // Canceled: a late reply finds nobody and is logged.
            p.waits.borrow_mut().remove(&req);
            return None;
        }
    }
    let reply = w.reply.borrow_mut().take();
    reply
}

handler!(
    /// `addCommand(string $name, int $accepted_process_types, callable $callback): bool`.
    add_command(ex, rv) {
        let f = "Swoole\\Server::addCommand";
        let Some(srv) = server_of(ex) else { return };
        if srv.board.borrow().is_some() {
            warn_docref(E_WARNING, "server is running, can't add command");
            ret_bool(rv, false);
            return;
        }
        if args::need(ex, 3, f).is_err() { return; }
        let name = String::from_utf8_lossy(&args::bytes(ex, 0).unwrap_or_default()).into_owned();
        let Ok(types) = args::long(ex, 1, f, "accepted_process_types", None) else { return };
        let Some(cb) = args::get(ex, 2).map(|z| z.shallow_clone()) else { return };
        if types & REACTOR_THREAD != 0 {
            warn_docref(E_WARNING, "only support worker/task_worker process");
            ret_bool(rv, false);
            return;
        }
        if Callback::new(&cb, Vec::new()).is_err() {
            super::super::error::throw_type_error(&format!(
                "{}(): Argument #3 ($callback) must be a valid callback",
                args::name_of(ex, f)
            ));
            return;
        }
        ret_bool(rv, add(srv, name, types, Handler::Php(cb)));
    }
);

/// Registers a command on a server not yet started: false when the name
/// is taken.
pub(super) fn add(srv: &super::ServerObj, name: String, types: i64, handler: Handler) -> bool {
    let mut cmds = srv.commands.borrow_mut();
    if cmds.iter().any(|c| c.name == name) {
        return false;
    }
    cmds.push(Rc::new(Command {
        name,
        types,
        handler,
    }));
    true
}

handler!(
    /// `command(string $name, int $process_id, int $process_type, mixed $data, bool $json_decode = true): false|string|array`.
    command_fn(ex, rv) {
        let f = "Swoole\\Server::command";
        let Some(srv) = server_of(ex) else { return };
        if srv.board.borrow().is_none() {
            warn_docref(E_WARNING, "server is not running");
            ret_bool(rv, false);
            return;
        }
        if args::need(ex, 4, f).is_err() { return; }
        let name = String::from_utf8_lossy(&args::bytes(ex, 0).unwrap_or_default()).into_owned();
        let Ok(id) = args::long(ex, 1, f, "process_id", None) else { return };
        let Ok(ty) = args::long(ex, 2, f, "process_type", None) else { return };
        let Some(data) = args::get(ex, 3).map(|z| z.shallow_clone()) else { return };
        let decode = args::get(ex, 4).is_none_or(|z| z.coerce_to_bool());
        let json = call_fn("json_encode", vec![data]);
        let Some(msg) = json.string() else {
            ret_bool(rv, false);
            return;
        };
        if rt(|r| r.current()).is_main() {
            throw_class(&ERROR_CE, "API must be called in the coroutine", 0);
            return;
        }
        let Some(reply) = request(&name, id, ty, &msg) else {
            ret_bool(rv, false);
            return;
        };
        let mut s = Zval::new();
        s.set_binary(reply);
        if !decode {
            *rv = s;
            return;
        }
        let mut yes = Zval::new();
        yes.set_bool(true);
        let out = call_fn("json_decode", vec![s, yes]);
        // Swoole: a reply that is not JSON is false.
        if out.is_null() && call_fn("json_last_error", vec![]).long().unwrap_or(0) != 0 {
            ret_bool(rv, false);
            return;
        }
        *rv = out;
    }
);
