//! Task workers: `task()` from a worker sends a serialized value to a task
//! worker; `onTask`'s return value (or `finish()`) comes back to the worker's
//! `onFinish` (or the callback given to `task()`).
//!
//! IPC: one SOCK_SEQPACKET socket pair per task worker (its inbox: every worker
//! writes to the shared end) and one per worker (results from task workers),
//! created before forking so every process inherits them. A message is a
//! 16-byte header (kind, source worker, task id) and PHP `serialize()` output.

use crate::php::error::warn_docref;
use crate::rt::idmap::{IdMap, IdSet};
use std::cell::{Cell, RefCell};
use std::os::fd::RawFd;
use std::rc::Rc;

use ext_php_rs::types::Zval;

use super::super::coroutine::{spawn_job, spawn_native, Job};
use super::super::error::{warn, E_WARNING};
use super::super::globals::PhpThread;
use super::super::parallel::Par;
use super::super::runtime::{propagate, rt};
use super::super::value::{zval_long, zval_str, Callback};
use crate::rt::driver::io::Dir;
use crate::rt::{Cid, Wakeup};
use crate::server::ipc;
use crate::syscall;

const KIND_TASK: u32 = 1;
const KIND_RESULT: u32 = 2;
/// `sendMessage()` → `pipeMessage` (to a worker's or a task worker's inbox).
const KIND_PIPE: u32 = 3;
/// A connection operation for the worker that holds the connection
/// (`send`/`close`/`push`/`disconnect` of a session another worker owns).
const KIND_PROXY: u32 = 4;
/// A `command()` request (`super::command`): command id and message.
pub(super) const KIND_COMMAND: u32 = 5;
/// A `command()` reply, to worker 0's inbox.
const KIND_COMMAND_REPLY: u32 = 6;
/// Largest message (header + serialized value); longer ones than
/// `ipc::PIECE` travel in fragments.
const MAX_MSG: usize = 64 << 20;

/// The socket pairs, shared by all processes of a server: (read end, write end).
#[derive(Debug, Clone, Default)]
pub struct Ipc {
    /// Inbox of each task worker.
    pub task: Vec<(RawFd, RawFd)>,
    /// Result inbox of each worker.
    pub worker: Vec<(RawFd, RawFd)>,
    /// The manager's inbox (`command()` to MANAGER), when some command
    /// accepts it.
    pub manager: Option<(RawFd, RawFd)>,
}

impl Ipc {
    /// Creates the pairs for `workers` workers and `tasks` task workers.
    pub fn new(workers: usize, tasks: usize) -> std::io::Result<Ipc> {
        Ok(Ipc {
            task: (0..tasks).map(|_| pair()).collect::<Result<_, _>>()?,
            worker: (0..workers).map(|_| pair()).collect::<Result<_, _>>()?,
            manager: None,
        })
    }

    /// Adds the manager's inbox.
    pub fn with_manager_inbox(mut self) -> std::io::Result<Ipc> {
        self.manager = Some(pair()?);
        Ok(self)
    }
}

/// One SOCK_SEQPACKET pair with large buffers: (read end, write end).
pub(super) fn pair() -> std::io::Result<(RawFd, RawFd)> {
    let mut fds = [0; 2];
    // SAFETY: socketpair into a 2-element array.
    unsafe {
        syscall!(socketpair(
            libc::AF_UNIX,
            libc::SOCK_SEQPACKET | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
            fds.as_mut_ptr(),
        ))
    }?;
    let size: libc::c_int = 4 << 20;
    for fd in fds {
        // SAFETY: buffer sizes on our own sockets.
        // setsockopt: a failure leaves the default buffer sizes, which
        // only lowers throughput, so it is ignored.
        unsafe {
            let _ = syscall!(setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_SNDBUF,
                (&size as *const libc::c_int).cast(),
                4,
            ));
            let _ = syscall!(setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&size as *const libc::c_int).cast(),
                4,
            ));
        }
    }
    Ok((fds[0], fds[1]))
}

/// What a task's result goes to.
enum Pending {
    /// The callback given to `task()`.
    Finish(Zval),
    /// Slot `.1` of a `taskwait()`/`taskCo()` call.
    Wait(Rc<TaskWait>, usize),
}

/// A coroutine waiting in `taskwait()`/`taskWaitMulti()`/`taskCo()`.
#[derive(Default)]
struct TaskWait {
    /// Results as they came: (task position, value).
    results: RefCell<Vec<(usize, Zval)>>,
    /// Results still to come.
    missing: Cell<usize>,
    /// The waiting coroutine.
    waiter: RefCell<crate::rt::sync::waiters::Waiters>,
}

const TASK_WAIT: &str = "taskwait";

/// Per-process task state.
#[derive(Default)]
pub struct State {
    /// The pairs.
    pub ipc: Ipc,
    /// This worker's id.
    pub worker_id: usize,
    /// Next task id (per worker).
    next_id: Cell<u64>,
    /// Round-robin position.
    rr: Cell<usize>,
    /// What waits for each task's result, by task id.
    pending: RefCell<IdMap<u64, Pending>>,
    /// In a task worker: the task each running onTask coroutine serves.
    running: RefCell<IdMap<Cid, (u32, u64)>>,
    /// The task whose onTask is starting (before its coroutine id is known).
    starting: Cell<Option<(u32, u64)>>,
    /// Tasks whose waiter gave up (their results are dropped, with
    /// Swoole's warning).
    expired: RefCell<IdSet<u64>>,
    /// Tasks already answered through `finish()`.
    finished: RefCell<IdSet<u64>>,
}

static STATE: PhpThread<RefCell<Option<Rc<State>>>> = PhpThread::new();

/// This process's task state (set in workers and task workers).
pub fn state() -> Option<Rc<State>> {
    STATE.get(|| RefCell::new(None)).borrow().clone()
}

/// Makes a fresh task state this process's own.
fn install(ipc: Ipc, worker_id: usize) -> Rc<State> {
    let st = Rc::new(State {
        ipc,
        worker_id,
        ..State::default()
    });
    *STATE.get(|| RefCell::new(None)).borrow_mut() = Some(st.clone());
    st
}

pub(super) fn call_php(func: &str, arg: Zval) -> Zval {
    let mut out = Zval::new();
    if let Ok(mut cb) = Callback::new(&zval_str(func), vec![arg]) {
        cb.call(&mut out);
    }
    out
}

fn send_msg(fd: RawFd, kind: u32, src: u32, id: u64, payload: &[u8]) -> bool {
    thread_local! {
        /// Ids that tell this process's fragmented messages apart.
        static NEXT_FRAGMENTED: Cell<u64> = const { Cell::new(0) };
    }
    let frag_id = NEXT_FRAGMENTED.with(|n| {
        let v = n.get();
        n.set(v.wrapping_add(1));
        v
    });
    let msgs = match ipc::datagrams(ipc::Header { kind, src, id }, payload, MAX_MSG, frag_id) {
        Ok(m) => m,
        Err(ipc::TooLarge(n)) => {
            warn(
                E_WARNING,
                &format!("task data is too large ({n} bytes, at most {MAX_MSG})"),
            );
            return false;
        }
    };
    msgs.iter().all(|m| send_datagram(fd, m))
}

/// Sends one datagram, waiting for room (in the reactor inside a
/// coroutine; blocking outside, as Swoole's pipe writes do there). The fd
/// may be blocking or not (MSG_DONTWAIT: a coroutine never blocks the
/// process in send(2)).
pub(crate) fn send_datagram(fd: RawFd, msg: &[u8]) -> bool {
    loop {
        // SAFETY: sending a whole message from a valid buffer.
        let e = match unsafe {
            syscall!(send(
                fd,
                msg.as_ptr().cast(),
                msg.len(),
                libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT
            ))
        } {
            Ok(n) => return n == msg.len() as isize,
            Err(e) => e.raw_os_error(),
        };
        if e == Some(libc::EAGAIN) {
            if !rt(|r| r.current()).is_main() {
                match rt(|r| r.wait_owned_fd(fd, Dir::Write, None)) {
                    Ok(Wakeup::Ready) => continue,
                    _ => return false,
                }
            }
            let mut p = libc::pollfd {
                fd,
                events: libc::POLLOUT,
                revents: 0,
            };
            // SAFETY: poll(2) on one pollfd we own for the call.
            match unsafe { syscall!(poll(&mut p, 1, 30_000)) } {
                Ok(n) if n > 0 => continue,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                _ => return false,
            }
        }
        if e == Some(libc::EINTR) {
            continue;
        }
        return false;
    }
}

/// Reads messages from `fd` forever, handing each to `f`.
fn recv_loop(fd: RawFd, mut f: impl FnMut(u32, u32, u64, Vec<u8>)) {
    let mut buf = vec![0u8; ipc::PIECE];
    let mut joined = ipc::Reassembly::default();
    loop {
        // SAFETY: receiving one message into our buffer.
        let e = match unsafe { syscall!(recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0)) } {
            Ok(n) => {
                // A datagram too short to be a message is dropped.
                if let Some((h, payload)) = ipc::decode(&buf[..n as usize]) {
                    if let Some((h, whole)) = joined.push(h, payload, MAX_MSG) {
                        f(h.kind, h.src, h.id, whole);
                    }
                }
                continue;
            }
            Err(e) => e,
        };
        match e.raw_os_error() {
            Some(libc::EAGAIN) => match rt(|r| r.wait_owned_fd(fd, Dir::Read, None)) {
                Ok(Wakeup::Ready) => {}
                _ => return,
            },
            Some(libc::EINTR) => {}
            _ => return,
        }
    }
}

fn bytes_zval(b: Vec<u8>) -> Zval {
    let mut z = Zval::new();
    z.set_binary(b);
    z
}

/// `task()`: queues `data` for a task worker; the task id, or None.
pub fn submit(data: &Zval, dst: i64, finish: Option<Zval>) -> Option<u64> {
    submit_to(data, dst, finish.map(Pending::Finish))
}

fn submit_to(data: &Zval, dst: i64, then: Option<Pending>) -> Option<u64> {
    let st = state()?;
    if st.ipc.task.is_empty() || st.worker_id >= st.ipc.worker.len() {
        warn_docref(
            E_WARNING,
            "no task workers (set task_worker_num), or called from a task worker",
        );
        return None;
    }
    let n = st.ipc.task.len();
    let target = if dst >= 0 && (dst as usize) < n {
        dst as usize
    } else {
        let t = st.rr.get() % n;
        st.rr.set(t + 1);
        t
    };
    let id = st.next_id.get() + 1;
    st.next_id.set(id);
    let payload = call_php("serialize", data.shallow_clone());
    let bytes = payload.binary::<u8>().unwrap_or_default();
    if let Some(p) = then {
        st.pending.borrow_mut().insert(id, p);
    }
    if !send_msg(
        st.ipc.task[target].1,
        KIND_TASK,
        st.worker_id as u32,
        id,
        &bytes,
    ) {
        st.pending.borrow_mut().remove(&id);
        return None;
    }
    Some(id)
}

/// `taskwait()`/`taskWaitMulti()`/`taskCo()`: sends each task (to `dst`
/// for a single one) and waits up to `timeout` for their results: (task
/// position, result) in the order they came; a task that could not be
/// sent or did not answer in time is missing.
///
/// # Suspends
pub fn wait_for(
    tasks: Vec<Zval>,
    dst: i64,
    timeout: Option<std::time::Duration>,
) -> Vec<(usize, Zval)> {
    let n = tasks.len();
    let Some(st) = state() else { return Vec::new() };
    let w = Rc::new(TaskWait::default());
    let mut ids = Vec::with_capacity(n);
    for (i, t) in tasks.iter().enumerate() {
        let id = submit_to(
            t,
            if n == 1 { dst } else { -1 },
            Some(Pending::Wait(w.clone(), i)),
        );
        if id.is_some() {
            w.missing.set(w.missing.get() + 1);
        }
        ids.push(id);
    }
    if w.missing.get() > 0 {
        let me = rt(|r| r.current());
        w.waiter.borrow_mut().add(me);
        let _ = rt(|r| crate::rt::sync::waiters::wait(r, TASK_WAIT, timeout));
        w.waiter.borrow_mut().remove(me);
    }
    // Results that come after the deadline are dropped.
    let mut pend = st.pending.borrow_mut();
    for id in ids.into_iter().flatten() {
        if pend.remove(&id).is_some() {
            st.expired.borrow_mut().insert(id);
        }
    }
    drop(pend);
    let out = std::mem::take(&mut *w.results.borrow_mut());
    out
}

/// `sendMessage()`: `message` to process `dst` (a worker or task worker),
/// whose `pipeMessage` receives it with this process's id.
pub fn send_pipe(message: &Zval, dst: usize) -> bool {
    let Some(st) = state() else { return false };
    let workers = st.ipc.worker.len();
    let fd = if dst < workers {
        st.ipc.worker[dst].1
    } else if let Some(&(_, fd)) = st.ipc.task.get(dst - workers) {
        fd
    } else {
        return false;
    };
    let bytes = call_php("serialize", message.shallow_clone())
        .binary::<u8>()
        .unwrap_or_default();
    send_msg(fd, KIND_PIPE, st.worker_id as u32, 0, &bytes)
}

/// Sends a connection operation (`super::proxy`) to worker `dst`'s inbox.
pub fn send_proxy(dst: usize, sid: i64, payload: &[u8]) -> bool {
    let Some(st) = state() else { return false };
    let Some(&(_, fd)) = st.ipc.worker.get(dst) else {
        return false;
    };
    send_msg(fd, KIND_PROXY, st.worker_id as u32, sid as u64, payload)
}

/// Sends a `command()` request (`payload`: command id and message) to the
/// inbox `fd`, answered to this process.
pub(super) fn send_command(fd: RawFd, req: u64, payload: &[u8]) -> bool {
    let Some(st) = state() else { return false };
    send_msg(fd, KIND_COMMAND, st.worker_id as u32, req, payload)
}

/// Sends the reply to request `req` to worker `dst`'s inbox.
pub(super) fn send_command_reply(dst: usize, req: u64, reply: &[u8]) -> bool {
    let fd = match state() {
        Some(st) => st.ipc.worker.get(dst).map(|p| p.1),
        None => MANAGER_IPC
            .get(|| RefCell::new(None))
            .borrow()
            .as_ref()
            .and_then(|i| i.worker.get(dst).map(|p| p.1)),
    };
    fd.is_some_and(|fd| send_msg(fd, KIND_COMMAND_REPLY, 0, req, reply))
}

/// The manager's view of the pairs (it has no task state).
static MANAGER_IPC: PhpThread<RefCell<Option<Ipc>>> = PhpThread::new();

/// In the manager: keeps the pairs to answer `command()` requests through.
pub fn set_manager_ipc(ipc: Ipc) {
    *MANAGER_IPC.get(|| RefCell::new(None)).borrow_mut() = Some(ipc);
}

/// Reads every whole message waiting in `fd` now, without waiting (the
/// manager, which runs no coroutines), handing each to `f`.
pub(super) fn drain(fd: RawFd, mut f: impl FnMut(u32, u32, u64, Vec<u8>)) {
    thread_local! {
        /// Fragments of messages not yet whole, kept between two drains.
        static JOINED: RefCell<ipc::Reassembly> = RefCell::new(ipc::Reassembly::default());
    }
    let mut buf = vec![0u8; ipc::PIECE];
    loop {
        // SAFETY: receiving one message into our buffer, without waiting.
        match unsafe {
            syscall!(recv(
                fd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                libc::MSG_DONTWAIT
            ))
        } {
            Ok(n) => {
                let Some((h, payload)) = ipc::decode(&buf[..n as usize]) else {
                    continue;
                };
                let whole = JOINED.with(|j| j.borrow_mut().push(h, payload, MAX_MSG));
                if let Some((h, whole)) = whole {
                    f(h.kind, h.src, h.id, whole);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// Runs `pipeMessage($server, $src, $message)` for a received message, in
/// a coroutine of its own.
fn deliver_pipe(server: &Zval, on_pipe: Option<&Zval>, src: u32, payload: Vec<u8>) {
    let Some(cb) = on_pipe else { return };
    let (cb, server) = (cb.shallow_clone(), server.shallow_clone());
    let _ = spawn_native(move || {
        let msg = call_php("unserialize", bytes_zval(payload));
        super::call_as_new(&cb, vec![server, zval_long(i64::from(src)), msg]);
    });
}

/// A task's result came back: to its waiter or its finish callback.
fn deliver_result(st: &State, server: &Zval, on_finish: Option<&Zval>, id: u64, payload: Vec<u8>) {
    if st.expired.borrow_mut().remove(&id) {
        warn(E_WARNING, &format!("task[{id}] has expired"));
        return;
    }
    let then = st.pending.borrow_mut().remove(&id);
    match then {
        Some(Pending::Wait(w, i)) => {
            let value = call_php("unserialize", bytes_zval(payload));
            w.results.borrow_mut().push((i, value));
            let left = w.missing.get().saturating_sub(1);
            w.missing.set(left);
            if left == 0 {
                let ws = w.waiter.borrow_mut().take();
                rt(|r| ws.wake_all_if(r, TASK_WAIT));
            }
        }
        other => {
            let cb = match other {
                Some(Pending::Finish(cb)) => Some(cb),
                _ => on_finish.map(|z| z.shallow_clone()),
            };
            let Some(cb) = cb else { return };
            let value = call_php("unserialize", bytes_zval(payload));
            if let Ok(c) = Callback::new(
                &cb,
                vec![server.shallow_clone(), zval_long(id as i64), value],
            ) {
                if spawn_job(Job::Go(c)).is_ok() {
                    propagate();
                }
            }
        }
    }
}

/// `finish()` in a task worker: answers the task the calling coroutine serves.
pub fn finish(data: &Zval) -> bool {
    let Some(st) = state() else { return false };
    let me = rt(|r| r.current());
    let task = st.running.borrow().get(&me).copied().or(st.starting.get());
    let Some((src, id)) = task else {
        warn_docref(E_WARNING, "not inside onTask");
        return false;
    };
    finish_task(src, id, data)
}

/// Answers task `id` of worker `src` with `data` (`Server\Task::finish()`).
pub fn finish_task(src: u32, id: u64, data: &Zval) -> bool {
    let Some(st) = state() else { return false };
    let Some(&(_, w)) = st.ipc.worker.get(src as usize) else {
        return false;
    };
    st.finished.borrow_mut().insert(id);
    let bytes = call_php("serialize", data.shallow_clone())
        .binary::<u8>()
        .unwrap_or_default();
    send_msg(w, KIND_RESULT, src, id, &bytes)
}

/// In a worker (or a user process: no inbox): installs the task state and
/// starts the coroutine that receives task results and pipe messages (its id).
pub fn start_worker(
    ipc: Ipc,
    worker_id: usize,
    server: Zval,
    on_finish: Option<Zval>,
    on_pipe: Option<Zval>,
) -> Option<Cid> {
    let st = install(ipc, worker_id);
    let &(inbox, _) = st.ipc.worker.get(worker_id)?;
    // Always listening: other workers, task workers and user processes may
    // write to this worker's sessions through it (`proxy`).
    spawn_native(move || {
        recv_loop(inbox, |kind, src, id, payload| match kind {
            KIND_RESULT => deliver_result(&st, &server, on_finish.as_ref(), id, payload),
            KIND_PIPE => deliver_pipe(&server, on_pipe.as_ref(), src, payload),
            KIND_PROXY => super::proxy::deliver(id as i64, &payload),
            KIND_COMMAND => super::command::serve(src, id, payload),
            KIND_COMMAND_REPLY => super::command::deliver(id, payload),
            _ => {}
        });
    })
    .ok()
}

/// How a task worker runs onTask.
#[derive(Debug, Clone, Copy)]
pub struct TaskMode {
    /// `task_enable_coroutine`: each task in a coroutine of its own, hooks on.
    pub coroutine: bool,
    /// onTask gets a `Swoole\Server\Task`.
    pub object: bool,
}

/// In a task worker: serves tasks until the process stops (the receiving
/// coroutine's id).
pub fn start_task_worker(
    ipc: Ipc,
    task_index: usize,
    worker_id: usize,
    server: Zval,
    on_task: Option<Zval>,
    on_pipe: Option<Zval>,
    mode: TaskMode,
) -> Option<Cid> {
    let TaskMode { coroutine, object } = mode;
    let st = install(ipc, worker_id);
    let &(inbox, _) = st.ipc.task.get(task_index)?;
    // Swoole's default (task_enable_coroutine off): a task worker serves one
    // task at a time with the hooks off, so code written for it (one PDO
    // connection per task worker) never sees two tasks at once.
    if !coroutine {
        super::super::hook::apply(0);
    }
    let on_task = on_task?;
    spawn_native(move || {
        recv_loop(inbox, |kind, src, id, payload| {
            if kind == KIND_PIPE {
                deliver_pipe(&server, on_pipe.as_ref(), src, payload);
                return;
            }
            if kind == KIND_COMMAND {
                super::command::serve(src, id, payload);
                return;
            }
            if kind != KIND_TASK {
                return;
            }
            let st = st.clone();
            let server = server.shallow_clone();
            let on_task = on_task.shallow_clone();
            let serve = move || {
                let data = call_php("unserialize", bytes_zval(payload));
                // Swoole: with coroutines (or task_object) onTask gets
                // ($server, Swoole\Server\Task).
                let args = if object {
                    vec![server.shallow_clone(), super::task_obj::new(src, id, data)]
                } else {
                    vec![
                        server.shallow_clone(),
                        zval_long(id as i64),
                        zval_long(src as i64),
                        data,
                    ]
                };
                let Ok(cb) = Callback::new(&on_task, args) else {
                    return;
                };
                let par = Rc::new(Par::single());
                st.starting.set(Some((src, id)));
                let spawned = spawn_job(Job::Parallel {
                    cb,
                    slot: 0,
                    par: par.clone(),
                });
                st.starting.set(None);
                if let Ok(cid) = spawned {
                    if rt(|r| r.exists(cid)) {
                        st.running.borrow_mut().insert(cid, (src, id));
                    }
                    propagate();
                }
                let out = par.wait_single();
                if let Ok(cid) = spawned {
                    st.running.borrow_mut().remove(&cid);
                }
                let answered = st.finished.borrow_mut().remove(&id);
                match out {
                    // Swoole: a coroutine onTask answers with $task->finish()
                    // only; what it returns is dropped.
                    Ok(v) if !v.is_null() && !answered && !coroutine => {
                        let bytes = call_php("serialize", v).binary::<u8>().unwrap_or_default();
                        if let Some(&(_, w)) = st.ipc.worker.get(src as usize) {
                            send_msg(w, KIND_RESULT, src, id, &bytes);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let msg = e
                            .try_call_method("getMessage", vec![])
                            .ok()
                            .and_then(|m| m.string())
                            .unwrap_or_default();
                        warn(E_WARNING, &format!("onTask threw for task #{id}: {msg}"));
                    }
                }
            };
            if coroutine {
                let _ = spawn_native(serve);
            } else {
                serve();
            }
        });
    })
    .ok()
}
