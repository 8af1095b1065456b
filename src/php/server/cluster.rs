//! What one process of a running server asks of, or sends to, the others:
//! `sendMessage` (→ `pipeMessage`), `taskwait`/`taskWaitMulti`/`taskCo`,
//! `addProcess`, `stop`, `stats` and the worker ids, pids and states, read
//! off the shared board (`server::board`).

use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use super::*;

/// Swoole's warning for a call that needs a running server.
pub(super) fn running(srv: &ServerObj) -> Option<Rc<Shared<Board>>> {
    let b = srv.board.borrow().clone();
    if b.is_none() {
        warn_docref(E_WARNING, "server is not running");
    }
    b
}

/// Workers plus task workers: the ids `sendMessage` may target.
fn core_workers(srv: &ServerObj) -> usize {
    let c = srv.cfg.borrow();
    c.worker_num + c.task_worker_num
}

/// This process's Swoole worker id (workers, task workers, user
/// processes), if it is one of the server's.
fn my_id() -> Option<usize> {
    task::state().map(|s| s.worker_id)
}

handler!(
    /// `sendMessage(mixed $message, int $dst_worker_id): bool`.
    send_message(ex, rv) {
        let f = "Swoole\\Server::sendMessage";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(dst) = args::long(ex, 1, f, "dst_worker_id", None) else { return };
        let Some(msg) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(srv) = server_of(ex) else { return };
        if running(srv).is_none() { ret_bool(rv, false); return; }
        if callback(srv, "pipemessage").is_none() {
            warn_docref(E_WARNING, "onPipeMessage is null, can't use sendMessage");
            ret_bool(rv, false);
            return;
        }
        let core = core_workers(srv);
        let me = my_id();
        if me.is_some_and(|m| m < core && m as i64 == dst) {
            warn_docref(E_WARNING, "can't send messages to self");
            ret_bool(rv, false);
            return;
        }
        if dst < 0 || dst as usize >= core {
            warn_docref(E_WARNING, &format!("worker_id[{dst}] is invalid"));
            ret_bool(rv, false);
            return;
        }
        let ok = task::send_pipe(&msg, dst as usize);
        if ok {
            if let Some(b) = srv.board.borrow().as_ref() {
                b.pipe_messages.fetch_add(1, Relaxed);
            }
        }
        ret_bool(rv, ok);
    }
);

handler!(
    /// `addProcess(\Swoole\Process $process): int|false` — a user process
    /// the manager forks with the workers (and re-forks when it exits; a
    /// reload leaves it running).
    add_process(ex, rv) {
        let f = "Swoole\\Server::addProcess";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(p) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(srv) = server_of(ex) else { return };
        if srv.board.borrow().is_some() {
            warn_docref(E_WARNING, "server is running, cannot add process");
            ret_bool(rv, false);
            return;
        }
        if !super::super::process::is_process(&p) {
            super::super::error::throw_type_error(&format!(
                "{}(): Argument #1 ($process) must be of type Swoole\\Process, {} given",
                args::name_of(ex, f),
                super::super::args::type_name(&p)
            ));
            return;
        }
        let mut procs = srv.procs.borrow_mut();
        let id = procs.len() as i64;
        procs.push(p.shallow_clone());
        drop(procs);
        super::super::process::set_id(&p, id);
        rv.set_long(id);
    }
);

handler!(
    /// `getWorkerId(): int|false`.
    get_worker_id(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        match my_id().filter(|&m| srv.board.borrow().is_some() && m < core_workers(srv)) {
            Some(m) => rv.set_long(m as i64),
            None => ret_bool(rv, false),
        }
    }
);

/// The slot of `$worker_id` (-1: this process's).
/// The board and a slot id on it.
type BoardSlot = (Rc<Shared<Board>>, usize);

fn slot_arg(ex: &mut ExecuteData, f: &str) -> Result<Option<BoardSlot>, ()> {
    let id = args::long(ex, 0, f, "worker_id", Some(-1))?;
    let Some(srv) = server_of(ex) else {
        return Err(());
    };
    let Some(board) = srv.board.borrow().clone() else {
        return Ok(None);
    };
    let id = if id < 0 {
        my_id().map_or(-1, |m| m as i64)
    } else {
        id
    };
    let total = core_workers(srv) + srv.procs.borrow().len();
    if id < 0 || id as usize >= total {
        return Ok(None);
    }
    Ok(Some((board, id as usize)))
}

handler!(
    /// `getWorkerPid(int $worker_id = -1): int|false`.
    get_worker_pid(ex, rv) {
        let Ok(slot) = slot_arg(ex, "Swoole\\Server::getWorkerPid") else { return };
        match slot.and_then(|(b, id)| b.slot(id).map(|s| s.pid.load(Relaxed))) {
            Some(pid) => rv.set_long(i64::from(pid)),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `getWorkerStatus(int $worker_id = -1): int|false` — SWOOLE_WORKER_BUSY
    /// while it has requests in flight, SWOOLE_WORKER_IDLE otherwise,
    /// SWOOLE_WORKER_EXIT once gone.
    get_worker_status(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        if running(srv).is_none() { ret_bool(rv, false); return; }
        let Ok(slot) = slot_arg(ex, "Swoole\\Server::getWorkerStatus") else { return };
        match slot.and_then(|(b, id)| b.slot(id).map(|s| s.status.load(Relaxed))) {
            Some(st) => rv.set_long(i64::from(st)),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `getManagerPid(): int` (0 before start).
    get_manager_pid(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        rv.set_long(i64::from(srv.manager_pid.get()));
    }
);

handler!(
    /// `getMasterPid(): int` — in BASE mode Swoole's master is worker 0
    /// (it records its pid there when it starts); the manager before.
    get_master_pid(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        let w0 = srv.board.borrow().as_ref().and_then(|b| b.slot(0).map(|s| s.pid.load(Relaxed))).unwrap_or(0);
        rv.set_long(i64::from(if w0 > 0 { w0 } else { srv.manager_pid.get() }));
    }
);

handler!(
    /// `stop(int $workerId = -1): bool` — asks a worker (this one by
    /// default) to stop gracefully; the manager forks its successor.
    stop(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        if running(srv).is_none() { ret_bool(rv, false); return; }
        let Ok(slot) = slot_arg(ex, "Swoole\\Server::stop") else { return };
        let pid = slot.and_then(|(b, id)| b.slot(id).map(|s| s.pid.load(Relaxed))).unwrap_or(0);
        if pid <= 0 {
            ret_bool(rv, false);
            return;
        }
        // SAFETY: signalling a process of this server (its graceful stop).
        ret_bool(rv, unsafe { syscall!(kill(pid, libc::SIGTERM)) }.is_ok());
    }
);

handler!(
    /// `stats(): array` — Swoole's keys; counters are the server's since
    /// start, `worker_*` this process's.
    stats(ex, rv) {
        let Some(srv) = server_of(ex) else { return };
        let Some(board) = running(srv) else { ret_bool(rv, false); return };
        let (workers, tasks) = { let c = srv.cfg.borrow(); (c.worker_num, c.task_worker_num) };
        let users = srv.procs.borrow().len();
        let all = board.totals(0, workers);
        let mut ht = ZendHashTable::new();
        let mut put = |k: &str, v: i64| { let _ = ht.insert(k, v); };
        put("start_time", board.start_time.load(Relaxed));
        put("connection_num", all.connections.max(0));
        put("abort_count", 0);
        put("accept_count", all.accepted as i64);
        put("close_count", all.closed as i64);
        put("worker_num", workers as i64);
        put("task_worker_num", tasks as i64);
        put("user_worker_num", users as i64);
        put("idle_worker_num", all.idle as i64);
        put("dispatch_count", all.requests as i64);
        put("request_count", all.requests as i64);
        put("response_count", all.responses as i64);
        put("total_recv_bytes", 0);
        put("total_send_bytes", 0);
        put("pipe_packet_msg_id", board.pipe_messages.load(Relaxed) as i64);
        put("concurrency", all.concurrency.max(0));
        put("session_round", all.accepted as i64);
        put("min_fd", 0);
        put("max_fd", 0);
        if let Some(s) = my_id().filter(|&m| m < workers + tasks).and_then(|m| board.slot(m)) {
            put("worker_request_count", s.requests.load(Relaxed) as i64);
            put("worker_response_count", s.responses.load(Relaxed) as i64);
            put("worker_dispatch_count", s.requests.load(Relaxed) as i64);
            put("worker_concurrency", s.concurrency.load(Relaxed).max(0));
        }
        if tasks > 0 {
            let t = board.totals(workers, workers + tasks);
            put("task_idle_worker_num", t.idle as i64);
            put("tasking_num", t.concurrency.max(0));
            put("task_count", board.task_count.load(Relaxed) as i64);
        }
        put("coroutine_num", rt(|r| r.count()) as i64);
        put("coroutine_peek_num", rt(|r| r.peak()) as i64);
        rv.set_hashtable(ht);
    }
);

/// The checks Swoole makes before a task call in a worker.
fn task_allowed(srv: &ServerObj, what: &str, dst: i64) -> bool {
    if running(srv).is_none() {
        return false;
    }
    let (workers, tasks) = {
        let c = srv.cfg.borrow();
        (c.worker_num, c.task_worker_num)
    };
    if my_id().is_none_or(|m| m >= workers) {
        warn_docref(
            E_WARNING,
            &format!("{what} method can only be used in the worker process"),
        );
        return false;
    }
    if tasks == 0 {
        warn_docref(
            E_WARNING,
            "task method can't be executed without task worker",
        );
        return false;
    }
    if dst > 0 && dst as usize >= tasks {
        warn_docref(
            E_WARNING,
            &format!("worker_id must be less than task_worker_num[{tasks}]"),
        );
        return false;
    }
    true
}

/// A `$timeout` in seconds (Swoole: 0.5 by default; ≤ 0 waits forever).
fn timeout_of(t: f64) -> Option<Duration> {
    (t > 0.0 && t.is_finite()).then(|| Duration::from_secs_f64(t.min(1e9)))
}

handler!(
    /// `taskwait(mixed $data, float $timeout = 0.5, int $taskWorkerIndex = -1): mixed`
    /// — the task's result, or false when none came in time (the
    /// coroutine waits; the worker serves others meanwhile).
    taskwait(ex, rv) {
        let f = "Swoole\\Server::taskwait";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(t) = args::double(ex, 1, f, "timeout", Some(0.5)) else { return };
        let Ok(dst) = args::long(ex, 2, f, "taskWorkerIndex", Some(-1)) else { return };
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(srv) = server_of(ex) else { return };
        if !task_allowed(srv, "taskwait", dst) { ret_bool(rv, false); return; }
        let out = task::wait_for(vec![data], dst, timeout_of(t));
        propagate();
        match out.into_iter().next() {
            Some((_, v)) => *rv = v,
            None => ret_bool(rv, false),
        }
    }
);

/// `taskWaitMulti`/`taskCo`: the results by position; `fill` puts false
/// where a task gave no result in time (taskCo does, taskWaitMulti leaves
/// the key out, as Swoole's in a coroutine).
fn wait_multi(ex: &mut ExecuteData, rv: &mut Zval, what: &str, fill: bool) {
    let f = format!("Swoole\\Server::{what}");
    if args::need(ex, 1, &f).is_err() {
        return;
    }
    let Ok(t) = args::double(ex, 1, &f, "timeout", Some(0.5)) else {
        return;
    };
    let Some(tasks) = args::get(ex, 0)
        .and_then(|z| z.array())
        .map(|a| a.values().map(|v| v.shallow_clone()).collect::<Vec<_>>())
    else {
        super::super::error::throw_type_error(&format!(
            "{}(): Argument #1 ($tasks) must be of type array",
            args::name_of(ex, &f)
        ));
        return;
    };
    let Some(srv) = server_of(ex) else { return };
    if !task_allowed(srv, what, -1) {
        ret_bool(rv, false);
        return;
    }
    // Swoole's SW_MAX_CONCURRENT_TASK.
    if tasks.len() >= 1024 {
        warn_docref(E_WARNING, "too many concurrent tasks");
        ret_bool(rv, false);
        return;
    }
    let n = tasks.len();
    let out = task::wait_for(tasks, -1, timeout_of(t));
    propagate();
    // As Swoole's: results keyed by task position in the order they came,
    // then (taskCo) false for each that did not.
    let mut got = vec![false; n];
    let mut ht = ZendHashTable::new();
    for (i, v) in out {
        got[i] = true;
        let _ = ht.insert_at_index(i as i64, v);
    }
    if fill {
        for (i, _) in got.iter().enumerate().filter(|(_, g)| !**g) {
            let _ = ht.insert_at_index(i as i64, false);
        }
    }
    rv.set_hashtable(ht);
}

handler!(
    /// `taskWaitMulti(array $tasks, float $timeout = 0.5): false|array`.
    task_wait_multi(ex, rv) {
        wait_multi(ex, rv, "taskWaitMulti", false);
    }
);

handler!(
    /// `taskCo(array $tasks, float $timeout = 0.5): array|false`.
    task_co(ex, rv) {
        wait_multi(ex, rv, "taskCo", true);
    }
);

/// In a forked user-process slot: runs process `index` of `addProcess()`
/// as Swoole does (its callback with the Process, in a coroutine when the
/// Process was made with `enable_coroutine`); the process then exits.
pub(super) fn run_user_process(
    srv: &ServerObj,
    server: &Zval,
    ipc: task::Ipc,
    slot: usize,
    index: usize,
) {
    let Some(p) = srv.procs.borrow().get(index).map(|z| z.shallow_clone()) else {
        return;
    };
    // sendMessage() from a user process names it as the source.
    let _ = task::start_worker(ipc, slot, server.shallow_clone(), None, None);
    super::super::process::run_child(&p, Some(slot as i64));
}

handler!(
    /// `getClientInfo(int $fd, int $reactor_id = -1, bool $ignoreError = false): false|array`
    /// — for a connection of this worker (in BASE mode each worker knows
    /// its own connections only, as Swoole's).
    get_client_info(ex, rv) {
        let f = "Swoole\\Server::getClientInfo";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(fd) = args::long(ex, 0, f, "fd", None) else { return };
        let Some(srv) = server_of(ex) else { return };
        if running(srv).is_none() { ret_bool(rv, false); return; }
        let sid = fd;
        let local = current_worker().and_then(|w| w.local_fd(sid).map(|fd| (w, fd)));
        let Some((w, fd)) = local else {
            // PROCESS mode: another process's session, from the master's table.
            match super::vconn::session(sid) {
                Some(s) => rv.set_hashtable(table_info(srv, &s)),
                None => ret_bool(rv, false),
            }
            return;
        };
        // An open connection, or one whose onClose is running.
        let (open, closed) = (w.conns.borrow(), w.closed.borrow());
        let Some(c) = open.get(&fd).or_else(|| closed.get(&fd)) else { ret_bool(rv, false); return };
        let port = i64::from(c.server_port);
        let mut ht = ZendHashTable::new();
        // Swoole's order: uid, websocket_status, ssl_client_cert, then the rest.
        if c.uid.get() != 0 {
            let _ = ht.insert("uid", i64::from(c.uid.get()));
        }
        let ws_port = w.listeners.iter().any(|l| l.port == c.server_port && l.ws.is_some());
        if ws_port {
            // SWOOLE_WEBSOCKET_STATUS_ACTIVE (3) once upgraded, CLOSING (4)
            // once a close is on its way, 0 before.
            let status = w.ws_conns.borrow().get(&fd).map_or(0i64, |ws| if ws.usable() { 3 } else { 4 });
            let _ = ht.insert("websocket_status", status);
        }
        if let Some(pem) = super::io::tls_peer_cert(fd) {
            let _ = ht.insert("ssl_client_cert", String::from_utf8_lossy(&pem).into_owned());
        }
        let _ = ht.insert("server_port", port);
        let _ = ht.insert("server_fd", i64::from(srv.listen_fd.get()));
        let _ = ht.insert("socket_fd", i64::from(fd));
        let _ = ht.insert("socket_type", if c.peer.is_ipv6() { 3i64 } else { 1 });
        let _ = ht.insert("remote_port", i64::from(c.peer.port()));
        // A unix socket peer (0.0.0.0:0 here) has no address (Swoole: '').
        let unix_peer = c.peer.ip().is_unspecified() && c.peer.port() == 0;
        let _ = ht.insert("remote_ip", if unix_peer { String::new() } else { c.peer.ip().to_string() });
        let _ = ht.insert("reactor_id", 0i64);
        let _ = ht.insert("connect_time", c.connect_time as i64);
        let _ = ht.insert("last_time", c.last_recv.get() as i64);
        let _ = ht.insert("last_recv_time", c.last_recv.get());
        let _ = ht.insert("last_send_time", 0.0f64);
        let _ = ht.insert("last_dispatch_time", c.last_recv.get());
        let _ = ht.insert("close_errno", 0i64);
        let _ = ht.insert("recv_queued_bytes", 0i64);
        let _ = ht.insert("send_queued_bytes", c.out.as_ref().map_or(0, |o| o.queued()) as i64);
        drop((open, closed));
        rv.set_hashtable(ht);
    }
);

/// `getClientInfo` of a session the master's table describes.
fn table_info(
    srv: &ServerObj,
    s: &crate::server::master::sessions::Info,
) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
    let mut ht = ZendHashTable::new();
    let ws_port = srv.websocket.get();
    if ws_port {
        let _ = ht.insert("websocket_status", if s.websocket { 3i64 } else { 0 });
    }
    let _ = ht.insert("server_port", i64::from(s.server_port));
    let _ = ht.insert("server_fd", i64::from(srv.listen_fd.get()));
    let _ = ht.insert("socket_fd", -1i64);
    let _ = ht.insert("socket_type", if s.peer.is_ipv6() { 3i64 } else { 1 });
    let _ = ht.insert("remote_port", i64::from(s.peer.port()));
    let _ = ht.insert(
        "remote_ip",
        if s.unix_peer {
            String::new()
        } else {
            s.peer.ip().to_string()
        },
    );
    let _ = ht.insert("reactor_id", 0i64);
    let _ = ht.insert("connect_time", s.connect_time as i64);
    let _ = ht.insert("last_time", s.last_recv as i64);
    let _ = ht.insert("last_recv_time", s.last_recv);
    let _ = ht.insert("last_send_time", 0.0f64);
    let _ = ht.insert("last_dispatch_time", s.last_recv);
    let _ = ht.insert("close_errno", 0i64);
    let _ = ht.insert("recv_queued_bytes", 0i64);
    let _ = ht.insert("send_queued_bytes", 0i64);
    ht
}

handler!(
    /// `getClientList(int $start_fd = 0, int $find_count = 10): false|array`
    /// — fds above `$start_fd`, ascending, at most `$find_count` (this
    /// worker's connections); false when there are none.
    get_client_list(ex, rv) {
        let f = "Swoole\\Server::getClientList";
        let Ok(start) = args::long(ex, 0, f, "start_fd", Some(0)) else { return };
        let Ok(count) = args::long(ex, 1, f, "find_count", Some(10)) else { return };
        let Some(srv) = server_of(ex) else { return };
        if running(srv).is_none() { ret_bool(rv, false); return; }
        if count > 100 {
            warn_docref(E_WARNING, "swoole connection list max_find_count=100");
            ret_bool(rv, false);
            return;
        }
        if let Some(fds) = super::vconn::session_list(start, count.max(0) as usize) {
            if fds.is_empty() { ret_bool(rv, false); return; }
            let mut ht = ZendHashTable::new();
            for fd in fds { let _ = ht.push(fd); }
            rv.set_hashtable(ht);
            return;
        }
        let Some(w) = current_worker() else { ret_bool(rv, false); return };
        let mut fds: Vec<i64> = w.conns.borrow().keys().map(|&fd| w.sid(fd)).filter(|&sid| sid > start).collect();
        fds.sort_unstable();
        fds.truncate(count.max(0) as usize);
        if fds.is_empty() { ret_bool(rv, false); return; }
        let mut ht = ZendHashTable::new();
        for fd in fds { let _ = ht.push(fd); }
        rv.set_hashtable(ht);
    }
);
