//! `Swoole\WebSocket\Server` (an `Http\Server` that upgrades), `Frame` and
//! `CloseFrame`: the handshake (or the application's `handshake` event),
//! `open`, `message` (each in a coroutine of its own), automatic pongs and
//! close replies as Swoole's `open_websocket_*_frame` settings say,
//! permessage-deflate, and `push`/`disconnect`/`ping`/`isEstablished`.
//!
//! BASE mode, as Swoole's: a worker can push to the connections it accepted;
//! another worker's fd is "not a websocket client" there. Writes to a
//! connection go through its outbox, so frames pushed by several coroutines
//! never interleave: a push writes at once when the socket has room and
//! otherwise queues (up to `buffer_output_size`) behind a flushing coroutine.

use std::cell::{Cell, RefCell};
use std::os::fd::RawFd;
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool};
use super::super::coroutine::spawn_native;
use super::super::error::{warn_docref, E_WARNING};
use super::super::value::zval_long;
use super::http::{new_object, set_slot};
use super::io::{read_some, write_all};
use super::listener::Listener;
use super::{call_as_new, current_worker, server_of, Worker};
use crate::http::websocket as ws;
use crate::syscall;

/// `Swoole\WebSocket\Frame` and `CloseFrame`, set at MINIT.
pub static FRAME_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\WebSocket\CloseFrame`.
pub static CLOSE_FRAME_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

// Frame's declared properties, in slot order: fd, data, opcode, flags,
// finish; CloseFrame adds code (5) and reason (6).

/// Swoole's `SWOOLE_WEBSOCKET_STATUS_*`.
const STATUS_ACTIVE: i64 = 3;

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
    deflate: bool,
    /// Bytes waiting for room in the socket.
    pending: RefCell<Vec<u8>>,
    /// A coroutine is writing `pending`.
    flushing: Cell<bool>,
    /// A write failed: the connection is going.
    broken: Cell<bool>,
    /// Close the connection once `pending` is out (`disconnect`).
    close_after: Cell<bool>,
}

impl Conn {
    /// Sends (or queues) bytes; false when the connection is gone or the
    /// queue would exceed `limit`.
    fn send(self: &Rc<Self>, bytes: &[u8], limit: usize) -> bool {
        if self.broken.get() {
            return false;
        }
        if self.flushing.get() || !self.pending.borrow().is_empty() {
            let mut p = self.pending.borrow_mut();
            if p.len().saturating_add(bytes.len()) > limit {
                drop(p);
                warn_docref(
                    E_WARNING,
                    &format!("socket#{} output buffer overflow", self.fd),
                );
                return false;
            }
            p.extend_from_slice(bytes);
            return true;
        }
        let sent = send_some(self.fd, bytes);
        let Some(n) = sent else {
            self.fail();
            return false;
        };
        if n < bytes.len() {
            self.pending.borrow_mut().extend_from_slice(&bytes[n..]);
            self.start_flush();
        } else if self.close_after.get() {
            self.shutdown();
        }
        true
    }

    fn start_flush(self: &Rc<Self>) {
        self.flushing.set(true);
        let me = self.clone();
        let spawned = spawn_native(move || {
            loop {
                let chunk = std::mem::take(&mut *me.pending.borrow_mut());
                if chunk.is_empty() {
                    break;
                }
                if write_all(me.fd, &chunk).is_err() {
                    me.fail();
                    break;
                }
            }
            me.flushing.set(false);
            if me.close_after.get() {
                me.shutdown();
            }
        });
        if spawned.is_err() {
            self.fail();
        }
    }

    fn fail(&self) {
        self.broken.set(true);
        self.pending.borrow_mut().clear();
        self.shutdown();
    }

    fn shutdown(&self) {
        // SAFETY: shutting down a connection this worker owns; its reading
        // coroutine then sees the end and finishes it.
        // shutdown: an error means the peer is already gone.
        let _ = unsafe { syscall!(shutdown(self.fd, libc::SHUT_RDWR)) };
    }

    /// Queues a close frame and closes once it is out.
    fn close_with(self: &Rc<Self>, payload: &[u8], limit: usize) -> bool {
        let mut f = Vec::new();
        ws::encode(&mut f, ws::OP_CLOSE, ws::FLAG_FIN, payload);
        self.close_after.set(true);
        let ok = self.send(&f, limit);
        if !self.flushing.get() {
            self.shutdown();
        }
        ok
    }
}

/// One non-blocking send: bytes written (0 when the socket is full), None
/// when the connection is broken.
fn send_some(fd: RawFd, bytes: &[u8]) -> Option<usize> {
    loop {
        // SAFETY: sending from a valid slice; MSG_NOSIGNAL: no SIGPIPE.
        match unsafe {
            syscall!(send(
                fd,
                bytes.as_ptr().cast(),
                bytes.len(),
                libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT
            ))
        } {
            Ok(n) => return Some(n as usize),
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => continue,
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => return Some(0),
            Err(_) => return None,
        }
    }
}

/// True when a request asks to become a WebSocket.
pub(super) fn wants_upgrade(head: &crate::http::Head) -> bool {
    head.header("upgrade")
        .is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"websocket"))
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
        // makes the connection a WebSocket (no `open` event: Swoole's).
        let alive = call_as_new(cb, vec![req.shallow_clone(), resp.shallow_clone()]);
        if !alive {
            return (false, false);
        }
        if !(super::response::is_ended(resp) && super::response::status_of(resp) == 101) {
            return (false, true);
        }
        return (true, run(w, l, fd, false, buf, &settings, cbs));
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

fn register(w: &Rc<Worker>, fd: RawFd, deflate: bool) -> Rc<Conn> {
    let conn = Rc::new(Conn {
        fd,
        deflate,
        pending: RefCell::new(Vec::new()),
        flushing: Cell::new(false),
        broken: Cell::new(false),
        close_after: Cell::new(false),
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
        if w.stopping.get() && buf.is_empty() {
            if let Some(c) = w.ws_conns.borrow().get(&fd).cloned() {
                c.close_with(
                    &ws::close_payload(1001, b"").unwrap_or_default(),
                    usize::MAX,
                );
            }
        }
        match read_some(fd, &mut buf, None) {
            Ok(0) | Err(_) => break true,
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
    let frame = make_frame(fd, m.opcode, m.flags, &m.payload);
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
    spawned.is_ok() && !super::super::coroutine::aborting()
}

fn bytes_zval(b: &[u8]) -> Zval {
    let mut z = Zval::new();
    z.set_binary(b.to_vec());
    z
}

fn bool_zval(b: bool) -> Zval {
    let mut z = Zval::new();
    z.set_bool(b);
    z
}

/// A Frame (CloseFrame for a close) as Swoole builds one for `message`.
fn make_frame(fd: RawFd, opcode: u8, flags: u8, payload: &[u8]) -> Zval {
    let mut flags = flags;
    if flags & ws::FLAG_RSV1 != 0 {
        flags |= ws::FLAG_COMPRESS;
    }
    let f = if opcode == ws::OP_CLOSE {
        let f = new_object(&CLOSE_FRAME_CE);
        let (code, reason) = ws::parse_close(payload);
        if let Some(c) = code {
            set_slot(&f, 5, zval_long(i64::from(c)));
            set_slot(&f, 6, bytes_zval(reason));
        }
        f
    } else {
        let f = new_object(&FRAME_CE);
        set_slot(&f, 1, bytes_zval(payload));
        f
    };
    set_slot(&f, 0, zval_long(i64::from(fd)));
    set_slot(&f, 2, zval_long(i64::from(opcode)));
    set_slot(&f, 3, zval_long(i64::from(flags)));
    set_slot(&f, 4, bool_zval(flags & ws::FLAG_FIN != 0));
    f
}

/// Reads a property of a Frame (by name: subclasses may add their own).
fn frame_prop(obj: &Zval, name: &str) -> Option<Zval> {
    let o = obj.object()?;
    o.get_property::<&Zval>(name)
        .ok()
        .map(|z| z.shallow_clone())
}

fn is_frame(z: &Zval) -> bool {
    let ce = FRAME_CE.load(Ordering::Relaxed);
    if ce.is_null() {
        return false;
    }
    // SAFETY: the class entry was set at MINIT and lives for the process.
    z.object().is_some_and(|o| o.instance_of(unsafe { &*ce }))
}

/// What a push/pack call sends: (opcode, flags, payload), from a Frame or
/// from the data and arguments; None (after a warning) when invalid.
fn frame_parts(data: &Zval, opcode: i64, flags: i64) -> Option<(u8, u8, Vec<u8>)> {
    let (opcode, mut flags, payload) = if is_frame(data) {
        let op = frame_prop(data, "opcode")
            .and_then(|z| z.long())
            .unwrap_or(i64::from(ws::OP_TEXT));
        let mut fl = frame_prop(data, "flags")
            .and_then(|z| z.long())
            .unwrap_or(0);
        if let Some(fin) = frame_prop(data, "finish").filter(|z| !z.is_null()) {
            if fin.coerce_to_bool() {
                fl |= i64::from(ws::FLAG_FIN);
            } else {
                fl &= !i64::from(ws::FLAG_FIN);
            }
        }
        let payload = if op == i64::from(ws::OP_CLOSE) {
            let code = frame_prop(data, "code")
                .and_then(|z| z.long())
                .unwrap_or(1000);
            let reason = frame_prop(data, "reason")
                .and_then(|z| z.binary::<u8>())
                .unwrap_or_default();
            match ws::close_payload(code as u16, &reason) {
                Some(p) => p,
                None => {
                    warn_docref(E_WARNING, "the max length of close reason is 125");
                    return None;
                }
            }
        } else {
            frame_prop(data, "data")
                .and_then(|z| {
                    z.binary::<u8>()
                        .or_else(|| z.coerce_to_string().map(String::into_bytes))
                })
                .unwrap_or_default()
        };
        (op, fl, payload)
    } else {
        let payload = data
            .binary::<u8>()
            .or_else(|| data.coerce_to_string().map(String::into_bytes))
            .unwrap_or_default();
        (opcode, flags, payload)
    };
    if !(0..=i64::from(ws::OP_PONG)).contains(&opcode) {
        warn_docref(
            E_WARNING,
            &format!("the maximum value of opcode is {}", ws::OP_PONG),
        );
        return None;
    }
    flags &= i64::from(ws::FLAGS_ALL);
    Some((opcode as u8, flags as u8, payload))
}

/// Encodes a frame, compressing it when asked (FLAG_COMPRESS) and agreed.
fn encode(opcode: u8, flags: u8, payload: &[u8], deflate: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if flags & ws::FLAG_COMPRESS != 0 && deflate && opcode <= ws::OP_BINARY {
        let z = ws::deflate(payload);
        ws::encode(&mut out, opcode, flags | ws::FLAG_RSV1, &z);
    } else {
        ws::encode(&mut out, opcode, flags & !ws::FLAG_RSV1, payload);
    }
    out
}

/// The connection `fd` of this worker, if it is an established WebSocket
/// (else Swoole's warning).
fn conn_of(fd: i64) -> Option<(Rc<Worker>, Rc<Conn>)> {
    if fd <= 0 {
        warn_docref(E_WARNING, &format!("fd[{fd}] is invalid"));
        return None;
    }
    let w = current_worker()?;
    let c = w.ws_conns.borrow().get(&(fd as RawFd)).cloned();
    match c {
        Some(c) if !c.broken.get() && !c.close_after.get() => Some((w, c)),
        _ => {
            super::super::swoole_error::set_last_error(crate::swerr::WEBSOCKET_UNCONNECTED);
            warn_docref(
                E_WARNING,
                &format!(
                    "the connected client of connection[{fd}] is not a websocket client or closed"
                ),
            );
            None
        }
    }
}

fn started(ex: &ExecuteData) -> bool {
    let ok = server_of(ex).is_some_and(|s| s.board.borrow().is_some());
    if !ok {
        warn_docref(E_WARNING, "server is not running");
    }
    ok
}

handler!(
    /// `push(int $fd, Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool`.
    push(ex, rv) {
        let f = "Swoole\\WebSocket\\Server::push";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(fd) = args::long(ex, 0, f, "fd", None) else { return };
        let Ok(opcode) = args::long(ex, 2, f, "opcode", Some(i64::from(ws::OP_TEXT))) else { return };
        let Ok(flags) = args::long(ex, 3, f, "flags", Some(i64::from(ws::FLAG_FIN))) else { return };
        let Some(data) = args::get(ex, 1).map(|z| z.shallow_clone()) else { return };
        if !started(ex) { ret_bool(rv, false); return; }
        let Some((op, fl, payload)) = frame_parts(&data, opcode, flags) else { ret_bool(rv, false); return };
        let Some((w, c)) = conn_of(fd) else { ret_bool(rv, false); return };
        let bytes = encode(op, fl, &payload, c.deflate);
        ret_bool(rv, c.send(&bytes, w.cfg.buffer_output_size));
    }
);

handler!(
    /// `disconnect(int $fd, int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ''): bool`
    /// — a close frame, then the connection is closed.
    disconnect(ex, rv) {
        let f = "Swoole\\WebSocket\\Server::disconnect";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(fd) = args::long(ex, 0, f, "fd", None) else { return };
        let Ok(code) = args::long(ex, 1, f, "code", Some(1000)) else { return };
        let reason = args::get(ex, 2).and_then(|z| z.binary::<u8>().or_else(|| z.coerce_to_string().map(String::into_bytes))).unwrap_or_default();
        if !started(ex) { ret_bool(rv, false); return; }
        let Some(payload) = ws::close_payload(code as u16, &reason) else {
            warn_docref(E_WARNING, "the max length of close reason is 125");
            ret_bool(rv, false);
            return;
        };
        let Some((w, c)) = conn_of(fd) else { ret_bool(rv, false); return };
        ret_bool(rv, c.close_with(&payload, w.cfg.buffer_output_size));
    }
);

handler!(
    /// `ping(int $fd, string $data = ''): bool`.
    ping(ex, rv) {
        let f = "Swoole\\WebSocket\\Server::ping";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(fd) = args::long(ex, 0, f, "fd", None) else { return };
        let data = args::get(ex, 1).and_then(|z| z.binary::<u8>().or_else(|| z.coerce_to_string().map(String::into_bytes))).unwrap_or_default();
        if !started(ex) { ret_bool(rv, false); return; }
        let Some((w, c)) = conn_of(fd) else { ret_bool(rv, false); return };
        let mut bytes = Vec::new();
        ws::encode(&mut bytes, ws::OP_PING, ws::FLAG_FIN, &data);
        ret_bool(rv, c.send(&bytes, w.cfg.buffer_output_size));
    }
);

handler!(
    /// `isEstablished(int $fd): bool`.
    is_established(ex, rv) {
        let Ok(fd) = args::long(ex, 0, "Swoole\\WebSocket\\Server::isEstablished", "fd", None) else { return };
        let ok = current_worker().is_some_and(|w| {
            w.ws_conns.borrow().get(&(fd as RawFd)).is_some_and(|c| !c.broken.get() && !c.close_after.get())
        });
        ret_bool(rv, ok);
    }
);

/// The `pack()` of Server and Frame.
fn pack_into(ex: &mut ExecuteData, rv: &mut Zval, f: &str) {
    if args::need(ex, 1, f).is_err() {
        return;
    }
    let Ok(opcode) = args::long(ex, 1, f, "opcode", Some(i64::from(ws::OP_TEXT))) else {
        return;
    };
    let Ok(flags) = args::long(ex, 2, f, "flags", Some(i64::from(ws::FLAG_FIN))) else {
        return;
    };
    let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else {
        return;
    };
    let bytes = match frame_parts(&data, opcode, flags) {
        Some((op, fl, payload)) => encode(op, fl, &payload, true),
        None => Vec::new(),
    };
    rv.set_binary(bytes);
}

/// The `unpack()` of Server and Frame: a Frame, or false.
fn unpack_into(ex: &mut ExecuteData, rv: &mut Zval, f: &str) {
    let Ok(data) = args::string(ex, 0, f, "data").map(|c| c.into_owned()) else {
        return;
    };
    match ws::decode_one(&data, usize::MAX) {
        Some((op, flags, payload, _)) => {
            let payload = if flags & ws::FLAG_RSV1 != 0 && op <= ws::OP_BINARY {
                ws::inflate(&payload, 64 << 20).unwrap_or(payload)
            } else {
                payload
            };
            *rv = make_frame(0, op, flags, &payload);
        }
        None => ret_bool(rv, false),
    }
}

handler!(
    /// `static pack(Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): string`.
    pack(ex, rv) {
        pack_into(ex, rv, "Swoole\\WebSocket\\Server::pack");
    }
);

handler!(
    /// `static unpack(string $data): Frame`.
    unpack(ex, rv) {
        unpack_into(ex, rv, "Swoole\\WebSocket\\Server::unpack");
    }
);

handler!(
    /// `Frame::pack(...)`.
    frame_pack(ex, rv) {
        pack_into(ex, rv, "Swoole\\WebSocket\\Frame::pack");
    }
);

handler!(
    /// `Frame::unpack(string $data): Frame`.
    frame_unpack(ex, rv) {
        unpack_into(ex, rv, "Swoole\\WebSocket\\Frame::unpack");
    }
);

handler!(
    /// `Frame::__toString(): string` — the frame packed.
    frame_to_string(ex, rv) {
        let this = ex.This.shallow_clone();
        let bytes = match frame_parts(&this, i64::from(ws::OP_TEXT), i64::from(ws::FLAG_FIN)) {
            Some((op, fl, payload)) => encode(op, fl, &payload, true),
            None => Vec::new(),
        };
        rv.set_binary(bytes);
    }
);

handler!(
    /// `WebSocket\Server::__construct(...)`: an HTTP server that upgrades.
    construct(ex, rv) {
        super::http_construct(ex, rv);
        if let Some(srv) = server_of(ex) {
            srv.websocket.set(true);
        }
    }
);

/// `Swoole\WebSocket\Server`'s own declarations (Swoole 6.2.2).
pub const SERVER_SIGNATURES: &[&str] = &[
    "push(int $fd, \\Swoole\\WebSocket\\Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool",
    "isEstablished(int $fd): bool",
    "pack(\\Swoole\\WebSocket\\Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): string",
    "unpack(string $data): \\Swoole\\WebSocket\\Frame",
    "disconnect(int $fd, int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ''): bool",
    "ping(int $fd, string $data = ''): bool",
];

/// `Swoole\WebSocket\Frame`'s declarations.
pub const FRAME_SIGNATURES: &[&str] = &[
    "__toString(): string",
    "pack(\\Swoole\\WebSocket\\Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): string",
    "unpack(string $data): \\Swoole\\WebSocket\\Frame",
];

/// Swoole's WebSocket constants (with and without the `SWOOLE_` prefix).
pub fn constants() -> Vec<(String, i64)> {
    let base: &[(&str, i64)] = &[
        ("OPCODE_CONTINUATION", 0),
        ("OPCODE_TEXT", 1),
        ("OPCODE_BINARY", 2),
        ("OPCODE_CLOSE", 8),
        ("OPCODE_PING", 9),
        ("OPCODE_PONG", 10),
        ("STATUS_CONNECTION", 1),
        ("STATUS_HANDSHAKE", 2),
        ("STATUS_ACTIVE", STATUS_ACTIVE),
        ("STATUS_CLOSING", 4),
        ("CLOSE_NORMAL", 1000),
        ("CLOSE_GOING_AWAY", 1001),
        ("CLOSE_PROTOCOL_ERROR", 1002),
        ("CLOSE_DATA_ERROR", 1003),
        ("CLOSE_STATUS_ERROR", 1005),
        ("CLOSE_ABNORMAL", 1006),
        ("CLOSE_MESSAGE_ERROR", 1007),
        ("CLOSE_POLICY_ERROR", 1008),
        ("CLOSE_MESSAGE_TOO_BIG", 1009),
        ("CLOSE_EXTENSION_MISSING", 1010),
        ("CLOSE_SERVER_ERROR", 1011),
        ("CLOSE_CLOSE_SERVICE_RESTART", 1012),
        ("CLOSE_TRY_AGAIN_LATER", 1013),
        ("CLOSE_BAD_GATEWAY", 1014),
        ("CLOSE_TLS", 1015),
    ];
    let mut v = Vec::new();
    for (n, x) in base {
        v.push((format!("SWOOLE_WEBSOCKET_{n}"), *x));
        v.push((format!("WEBSOCKET_{n}"), *x));
    }
    for (n, x) in [
        ("FLAG_FIN", ws::FLAG_FIN),
        ("FLAG_RSV1", ws::FLAG_RSV1),
        ("FLAG_RSV2", ws::FLAG_RSV2),
        ("FLAG_RSV3", ws::FLAG_RSV3),
        ("FLAG_MASK", ws::FLAG_MASK),
        ("FLAG_COMPRESS", ws::FLAG_COMPRESS),
    ] {
        v.push((format!("SWOOLE_WEBSOCKET_{n}"), i64::from(x)));
    }
    v.push(("WEBSOCKET_STATUS_FRAME".into(), STATUS_ACTIVE));
    v.push(("WEBSOCKET_STATUS_HANDSHAKE_FAILED".into(), 5));
    v
}
