//! Writing to a connection another worker holds. Each worker accepts and
//! keeps its own connections (corust runs SWOOLE_PROCESS servers the BASE
//! way, see the README), and a session id names its owner (`(id-1) % N`,
//! `Worker::open_session`), so `send`, `close`, `push` and `disconnect` of a
//! session held elsewhere travel to the owner's inbox (the workers' socket
//! pairs, `task::send_proxy`) and the owner performs them. As in Swoole's
//! PROCESS mode the call then answers true once the operation is on its way;
//! a session that is gone by the time it arrives is skipped.

use std::os::fd::RawFd;
use std::rc::Rc;

use super::{current_worker, io, outbox, Worker};

/// Operations (first byte of the message).
const SEND: u8 = 1;
const CLOSE: u8 = 2;
const PUSH: u8 = 3;
const DISCONNECT: u8 = 4;
/// What to do with a session another worker holds.
pub enum Op<'a> {
    /// `send($fd, $data)`.
    Send(&'a [u8]),
    /// `close($fd, $reset)`.
    Close(bool),
    /// `push($fd, …)`: a frame's opcode, flags and payload.
    Push(u8, u8, &'a [u8]),
    /// `disconnect($fd, …)`: the close frame's payload.
    Disconnect(&'a [u8]),
}

/// The worker that holds session `sid`, when it is another of the server's
/// workers than process `me` (None: ours, or no worker's). Task workers
/// and user processes hold no sessions: every session is another's.
pub fn owner_for(me: usize, workers: usize, sid: i64) -> Option<usize> {
    if sid <= 0 || workers == 0 {
        return None;
    }
    let owner = ((sid - 1) % workers as i64) as usize;
    (owner != me).then_some(owner)
}

/// Sends `op` on session `sid` to the worker holding it, from any process
/// of the server (worker, task worker, user process); None when no other
/// worker does (the caller answers as for an unknown session).
pub fn forward(sid: i64, op: Op<'_>) -> Option<bool> {
    if super::vconn::active() {
        return to_master(sid, op);
    }
    let st = super::task::state()?;
    let owner = owner_for(st.worker_id, st.ipc.worker.len(), sid)?;
    let mut msg = Vec::new();
    match op {
        Op::Send(data) => {
            msg.extend_from_slice(&[SEND, 0, 0]);
            msg.extend_from_slice(data);
        }
        Op::Close(reset) => msg.extend_from_slice(&[CLOSE, u8::from(reset), 0]),
        Op::Push(opcode, flags, payload) => {
            msg.extend_from_slice(&[PUSH, opcode, flags]);
            msg.extend_from_slice(payload);
        }
        Op::Disconnect(payload) => {
            msg.extend_from_slice(&[DISCONNECT, 0, 0]);
            msg.extend_from_slice(payload);
        }
    }
    Some(super::task::send_proxy(owner, sid, &msg))
}

/// PROCESS mode: the master holds every session, so any process writes
/// to it directly (frames unmasked and uncompressed, valid for any client).
fn to_master(sid: i64, op: Op<'_>) -> Option<bool> {
    use super::vconn::to_master as put;
    use crate::server::master::wire::{BY_SERVER, CLOSE as W_CLOSE, DATA, RESET};
    let sid = u64::try_from(sid).ok().filter(|s| *s > 0)?;
    let ok = match op {
        Op::Send(data) => put(DATA, 0, sid, data).is_ok(),
        Op::Close(reset) => {
            let flags = BY_SERVER | if reset { RESET } else { 0 };
            put(W_CLOSE, flags, sid, &[]).is_ok()
        }
        Op::Push(opcode, flags, payload) => {
            let bytes = super::ws_api::encode(opcode, flags, payload, false);
            put(DATA, 0, sid, &bytes).is_ok()
        }
        Op::Disconnect(payload) => {
            let mut f = Vec::new();
            crate::http::websocket::encode(
                &mut f,
                crate::http::websocket::OP_CLOSE,
                crate::http::websocket::FLAG_FIN,
                payload,
            );
            put(DATA, 0, sid, &f).is_ok() && put(W_CLOSE, BY_SERVER, sid, &[]).is_ok()
        }
    };
    Some(ok)
}

/// In the owner: performs an operation another process sent (the message is
/// another process's: a short or unknown one is dropped).
pub fn deliver(sid: i64, msg: &[u8]) {
    let (Some(w), Some((&[op, a, b], data))) = (current_worker(), msg.split_first_chunk::<3>())
    else {
        return;
    };
    let Some(fd) = w.open_fd(sid) else {
        return;
    };
    match op {
        SEND if !data.is_empty() => {
            send_now(&w, fd, data);
        }
        CLOSE => {
            close_now(&w, fd, a != 0);
        }
        PUSH => {
            if let Some(c) = ws_conn(&w, fd) {
                let bytes = super::ws_api::encode(a, b, data, c.deflate);
                c.send(&bytes, w.cfg.buffer_output_size);
            }
        }
        DISCONNECT => {
            if let Some(c) = ws_conn(&w, fd) {
                c.close_with(data, w.cfg.buffer_output_size);
            }
        }
        _ => {}
    }
}

fn ws_conn(w: &Worker, fd: RawFd) -> Option<Rc<super::websocket::Conn>> {
    w.ws_conns.borrow().get(&fd).filter(|c| c.usable()).cloned()
}

/// Queues `data` on this worker's connection `fd` without waiting.
pub(super) fn send_now(w: &Rc<Worker>, fd: RawFd, data: &[u8]) -> bool {
    let out = w.conns.borrow().get(&fd).and_then(|c| c.out.clone());
    match out {
        Some(o) => o.send(data, w.cfg.buffer_output_size) == outbox::Sent::Done,
        None => io::write_all(fd, data).is_ok(),
    }
}

/// `close()` of this worker's connection `fd` (the local half of
/// `Server::close`).
pub(super) fn close_now(w: &Rc<Worker>, fd: RawFd, reset: bool) -> bool {
    let out = match w.conns.borrow().get(&fd) {
        None => return false,
        Some(c) => c.out.clone(),
    };
    match out {
        Some(out) => super::close_tcp(w, fd, out, reset),
        None => {
            io::shutdown(fd);
            true
        }
    }
}
