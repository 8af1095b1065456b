//! `Swoole\WebSocket\Server`'s connections (the PHP API is `ws_api.rs`): the handshake (or the application's `handshake` event),
//! `open`, `message` (each in a coroutine of its own), automatic pongs and
//! close replies as Swoole's `open_websocket_*_frame` settings say,
//! permessage-deflate, and `push`/`disconnect`/`ping`/`isEstablished`.
//!
//! BASE mode, as Swoole's: a worker can push to the connections it accepted;
//! another worker's fd is "not a websocket client" there. Writes to a
//! connection go through its outbox, so frames pushed by several coroutines
//! never interleave: a push writes at once when the socket has room and
//! otherwise queues (up to `buffer_output_size`) behind a flushing coroutine.

use std::os::fd::RawFd;
use std::rc::Rc;

use ext_php_rs::types::Zval;

use super::super::coroutine::spawn_native;
use super::super::error::{warn_docref, E_WARNING};
use super::io::read_some;
use super::listener::Listener;
use super::outbox::{Outbox, Sent};
use super::{call_as_new, Worker};
use crate::http::websocket as ws;

/// The WebSocket settings (Swoole's names).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Close frames reach `message` too (`open_websocket_close_frame`).
    pub open_close_frame: bool,
    /// Pings reach `message` instead of being answered (`open_websocket_ping_frame`).
    pub open_ping_frame: bool,
    /// Pongs reach `message` (`open_websocket_pong_frame`).
    pub open_pong_frame: bool,
    /// Take permessage-deflate when a client offers it (`websocket_compression`).
    pub compression: bool,
    /// `Sec-WebSocket-Protocol` sent in the handshake (`websocket_subprotocol`).
    pub subprotocol: Option<String>,
}

/// A worker's WebSocket callbacks, resolved at its start.
pub struct Callbacks {
    on_open: Option<Zval>,
    on_message: Option<Zval>,
    on_handshake: Option<Zval>,
    on_before_handshake: Option<Zval>,
    /// `disconnect`: instead of `close` for a connection never upgraded.
    pub on_disconnect: Option<Zval>,
}

impl Callbacks {
    /// The callbacks a port finds through `cb`.
    pub fn with(cb: &dyn Fn(&str) -> Option<Zval>) -> Callbacks {
        Callbacks {
            on_open: cb("open"),
            on_message: cb("message"),
            on_handshake: cb("handshake"),
            on_before_handshake: cb("beforehandshakeresponse"),
            on_disconnect: cb("disconnect"),
        }
    }
}

/// An upgraded connection's send side.
pub struct Conn {
    fd: RawFd,
    /// permessage-deflate was agreed.
    pub(super) deflate: bool,
    /// Its output buffer.
    pub(super) out: Rc<Outbox>,
}

impl Conn {
    /// Sends (or queues) bytes; false when the connection is gone or the
    /// queue is over `limit`.
    pub(super) fn send(&self, bytes: &[u8], limit: usize) -> bool {
        self.answer(self.out.send(bytes, limit))
    }

    /// What a send answers: true when queued; a full queue warns as Swoole.
    fn answer(&self, s: Sent) -> bool {
        match s {
            Sent::Done => true,
            Sent::Full => {
                warn_docref(
                    E_WARNING,
                    &format!("socket#{} output buffer overflow", self.fd),
                );
                false
            }
            Sent::Gone => false,
        }
    }

    /// `send`, but with `send_yield` (on by default with coroutines, as
    /// Swoole) a full queue makes the calling coroutine wait for room (up to
    /// `send_timeout`) instead of failing.
    pub(super) fn send_or_wait(&self, w: &Worker, bytes: &[u8]) -> bool {
        let limit = w.cfg.buffer_output_size;
        let may_wait = w.cfg.send_yield.unwrap_or(w.cfg.enable_coroutine)
            && !super::super::runtime::rt(|r| r.current()).is_main();
        if !may_wait {
            return self.send(bytes, limit);
        }
        self.answer(self.out.send_yield(bytes, limit, w.cfg.send_timeout))
    }

    /// False once a write failed or a close is queued.
    pub(super) fn usable(&self) -> bool {
        !self.out.broken() && !self.out.closing()
    }

    /// Queues a close frame and closes once it is out.
    pub(super) fn close_with(&self, payload: &[u8], limit: usize) -> bool {
        let mut f = Vec::new();
        ws::encode(&mut f, ws::OP_CLOSE, ws::FLAG_FIN, payload);
        let ok = self.send(&f, limit);
        self.out.close_when_sent();
        ok
    }
}

/// True when a request asks to become a WebSocket.
pub(super) fn wants_upgrade(head: &crate::http::Head) -> bool {
    // A token list (`Upgrade: websocket, h2c`), any case, as Swoole reads it.
    head.header("upgrade").is_some_and(|v| {
        v.split(|&b| b == b',')
            .any(|t| t.trim_ascii().eq_ignore_ascii_case(b"websocket"))
    })
}

/// Takes over connection `fd` whose request asked for an upgrade: the
/// handshake, `open`, then messages until the connection ends. `buf` holds
/// what the client sent after the request. Returns whether it became a
/// WebSocket (for `close` vs `disconnect`) and whether the worker goes on.
pub(super) fn serve(
    w: &Rc<Worker>,
    l: &Listener,
    fd: RawFd,
    head: &crate::http::Head,
    req: &Zval,
    resp: &Zval,
    buf: Vec<u8>,
) -> (bool, bool) {
    let Some(cbs) = l.ws.as_ref() else {
        return (false, true);
    };
    let settings = l.cfg.websocket.clone();
    let deflate = settings.compression
        && head
            .header("sec-websocket-extensions")
            .is_some_and(ws::offers_deflate);
    if let Some(cb) = &cbs.on_handshake {
        // The application answers the handshake itself; a 101 it sent
        // makes the connection a WebSocket (no `open` event: Swoole's). As
        // Swoole, compression the client offered is agreed on its 101 too.
        if deflate {
            super::response::offer_upgrade_extension(resp, ws::DEFLATE_RESPONSE);
        }
        let alive = call_as_new(cb, vec![req.shallow_clone(), resp.shallow_clone()]);
        if !alive {
            return (false, false);
        }
        if !(super::response::is_ended(resp) && super::response::status_of(resp) == 101) {
            return (false, true);
        }
        let agreed = deflate
            && super::response::extensions_of(resp)
                .is_some_and(|e| e.starts_with(b"permessage-deflate"));
        return (true, run(w, l, fd, agreed, buf, &settings, cbs));
    }
    let Some(accept) = head.header("sec-websocket-key").and_then(ws::accept_key) else {
        super::http::send_error(fd, 400);
        return (false, true);
    };
    let mut headers: Vec<(&[u8], &[u8])> = vec![
        (b"Upgrade", b"websocket"),
        (b"Connection", b"Upgrade"),
        (b"Sec-WebSocket-Accept", accept.as_bytes()),
        (b"Sec-WebSocket-Version", b"13"),
    ];
    if let Some(p) = &settings.subprotocol {
        headers.push((b"Sec-WebSocket-Protocol", p.as_bytes()));
    }
    if deflate {
        headers.push((b"Sec-WebSocket-Extensions", ws::DEFLATE_RESPONSE.as_bytes()));
    }
    super::response::set_upgrade(resp, &headers);
    if let Some(cb) = &cbs.on_before_handshake {
        if !call_as_new(
            cb,
            vec![
                w.server.shallow_clone(),
                req.shallow_clone(),
                resp.shallow_clone(),
            ],
        ) {
            return (false, false);
        }
    }
    let mut out = Vec::new();
    let (ok, _) = super::response::finish(resp, &mut out);
    if !ok {
        return (false, true);
    }
    let conn = register(w, fd, deflate);
    if let Some(cb) = &cbs.on_open {
        if !call_as_new(cb, vec![w.server.shallow_clone(), req.shallow_clone()]) {
            w.ws_conns.borrow_mut().remove(&fd);
            return (true, false);
        }
    }
    drop(conn);
    (true, read_loop(w, l, fd, buf, &settings, cbs))
}

/// PROCESS mode: a WebSocket session another process of this worker id
/// upgraded (it was replaced): messages until the session ends, then
/// `close` (no `open` here, that was the other process's).
pub(super) fn serve_adopted(w: Rc<Worker>, l: Rc<Listener>, fd: RawFd, deflate: bool) {
    super::super::runtime::rt(|r| r.detach());
    let mut alive = true;
    if let Some(cbs) = l.ws.as_ref() {
        let settings = l.cfg.websocket.clone();
        register(&w, fd, deflate);
        alive = read_loop(&w, &l, fd, Vec::new(), &settings, cbs);
    }
    if w.retire(fd).is_some() {
        if let Some(s) = w.slot() {
            s.closed();
        }
    }
    if alive && !super::vconn::abandoned(fd) {
        if let Some(cb) = &l.on_tcp[2] {
            call_as_new(
                cb,
                vec![
                    w.server.shallow_clone(),
                    super::super::value::zval_long(w.sid(fd)),
                    super::super::value::zval_long(0),
                ],
            );
        }
    }
    super::io::close(fd);
}

fn register(w: &Rc<Worker>, fd: RawFd, deflate: bool) -> Rc<Conn> {
    // PROCESS mode: the master cuts this session's bytes as frames now.
    super::vconn::upgraded(fd, deflate);
    let conn = Rc::new(Conn {
        fd,
        deflate,
        out: Outbox::new(fd),
    });
    w.ws_conns.borrow_mut().insert(fd, conn.clone());
    conn
}

fn run(
    w: &Rc<Worker>,
    l: &Listener,
    fd: RawFd,
    deflate: bool,
    buf: Vec<u8>,
    settings: &Settings,
    cbs: &Callbacks,
) -> bool {
    register(w, fd, deflate);
    read_loop(w, l, fd, buf, settings, cbs)
}

/// Reads frames until the connection ends; false when the worker is ending.
fn read_loop(
    w: &Rc<Worker>,
    l: &Listener,
    fd: RawFd,
    mut buf: Vec<u8>,
    settings: &Settings,
    cbs: &Callbacks,
) -> bool {
    let max = l.cfg.package_max_length;
    let limit = w.cfg.buffer_output_size;
    let mut reader = ws::Reader::new(max);
    let alive = 'conn: loop {
        loop {
            let Some(conn) = w.ws_conns.borrow().get(&fd).cloned() else {
                break 'conn true;
            };
            // Closed or disconnected by a handler: frames already read
            // for it are dropped, as Swoole drops them.
            if !conn.usable() {
                break 'conn true;
            }
            match reader.feed(&buf) {
                Ok((m, used)) => {
                    buf.drain(..used);
                    let Some(m) = m else {
                        if used == 0 {
                            break;
                        }
                        continue;
                    };
                    match m.opcode {
                        ws::OP_PING if !settings.open_ping_frame => {
                            let mut f = Vec::new();
                            ws::encode(&mut f, ws::OP_PONG, ws::FLAG_FIN, &m.payload);
                            conn.send(&f, limit);
                            continue;
                        }
                        ws::OP_PONG if !settings.open_pong_frame => continue,
                        ws::OP_CLOSE => {
                            if settings.open_close_frame {
                                dispatch(w, cbs, fd, &m, false);
                            }
                            // Answer with the same payload, then close.
                            conn.close_with(&m.payload, usize::MAX);
                            break 'conn true;
                        }
                        _ => {}
                    }
                    let mut m = m;
                    if m.flags & ws::FLAG_RSV1 != 0 && m.opcode <= ws::OP_BINARY {
                        if !conn.deflate {
                            conn.close_with(
                                &ws::close_payload(1002, b"").unwrap_or_default(),
                                usize::MAX,
                            );
                            break 'conn true;
                        }
                        match ws::inflate(&m.payload, max) {
                            Some(p) => m.payload = p,
                            None => {
                                conn.close_with(
                                    &ws::close_payload(1007, b"").unwrap_or_default(),
                                    usize::MAX,
                                );
                                break 'conn true;
                            }
                        }
                    }
                    if !dispatch(w, cbs, fd, &m, true) {
                        break 'conn false;
                    }
                }
                Err(e) => {
                    let code = if e == ws::WsError::TooBig { 1009 } else { 1002 };
                    conn.close_with(
                        &ws::close_payload(code, b"").unwrap_or_default(),
                        usize::MAX,
                    );
                    break 'conn true;
                }
            }
        }
        // A graceful stop (SIGTERM, reload, max_request) cancels the wait
        // (the connection is listed with the idle ones): the client gets
        // close 1001 "going away", and the connection ends.
        let going_away = |w: &Rc<Worker>| {
            if let Some(c) = w.ws_conns.borrow().get(&fd).cloned() {
                c.close_with(
                    &ws::close_payload(1001, b"").unwrap_or_default(),
                    usize::MAX,
                );
            }
        };
        // PROCESS mode: the session stays with the master for the next
        // process (no close frame).
        let left = super::vconn::abandoned(fd);
        if w.stopping.get() && !left {
            going_away(w);
            break true;
        }
        let me = super::super::runtime::rt(|r| r.current());
        w.idle.borrow_mut().insert(me);
        let r = read_some(fd, &mut buf, None);
        w.idle.borrow_mut().remove(&me);
        match r {
            Ok(0) => break true,
            Err(_) => {
                if w.stopping.get() && !super::vconn::abandoned(fd) {
                    going_away(w);
                }
                break true;
            }
            Ok(_) => w.touch(fd),
        }
    };
    w.ws_conns.borrow_mut().remove(&fd);
    alive
}

/// `message($server, $frame)` for `m`, in a coroutine of its own (`spawn`)
/// or on this one; false when it ended the worker.
fn dispatch(w: &Rc<Worker>, cbs: &Callbacks, fd: RawFd, m: &ws::Message, spawn: bool) -> bool {
    let Some(cb) = cbs.on_message.as_ref().map(|z| z.shallow_clone()) else {
        return true;
    };
    let frame = super::ws_api::make_frame(w.sid(fd), m.opcode, m.flags, &m.payload);
    let server = w.server.shallow_clone();
    if let Some(s) = w.slot() {
        s.begin();
    }
    if !spawn {
        let alive = call_as_new(&cb, vec![server, frame]);
        if let Some(s) = w.slot() {
            s.end();
        }
        return alive;
    }
    let w2 = w.clone();
    let spawned = spawn_native(move || {
        call_as_new(&cb, vec![server, frame]);
        if let Some(s) = w2.slot() {
            s.end();
        }
    });
    spawned.is_ok() && !super::super::runtime::aborting()
}
