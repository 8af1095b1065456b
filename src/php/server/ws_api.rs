//! `Swoole\WebSocket\Server`'s methods (`push`, `disconnect`, `ping`,
//! `isEstablished`, `pack`, `unpack`), `Frame` and `CloseFrame`, and the
//! `SWOOLE_WEBSOCKET_*` constants; the connections are `websocket.rs`'s.

use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool};
use super::super::error::{warn_docref, E_WARNING};
use super::super::value::zval_long;
use super::http::{new_object, set_slot};
use super::websocket::Conn;
use super::{current_worker, server_of, Worker};
use crate::http::websocket as ws;

/// `Swoole\WebSocket\Frame`, set at MINIT.
pub static FRAME_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\WebSocket\CloseFrame`.
pub static CLOSE_FRAME_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

// Frame's declared properties, in slot order: fd, data, opcode, flags,
// finish; CloseFrame adds code (5) and reason (6).

/// Swoole's `SWOOLE_WEBSOCKET_STATUS_*`.
const STATUS_ACTIVE: i64 = 3;

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
pub(crate) fn make_frame(fd: i64, opcode: u8, flags: u8, payload: &[u8]) -> Zval {
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
    set_slot(&f, 0, zval_long(fd));
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
pub(crate) fn frame_parts(data: &Zval, opcode: i64, flags: i64) -> Option<(u8, u8, Vec<u8>)> {
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

/// Encodes a frame as Swoole packs one: a whole (FIN) TEXT/BINARY frame
/// with FLAG_COMPRESS is compressed when the connection agreed to it;
/// control frames are never compressed and always FIN; anything else is
/// sent as given, RSV1 included, so a sender can split a message it
/// compressed itself into fragments.
pub(crate) fn encode(opcode: u8, flags: u8, payload: &[u8], deflate: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let control = opcode >= ws::OP_CLOSE;
    let flags = if control {
        (flags & !(ws::FLAG_COMPRESS | ws::FLAG_RSV1)) | ws::FLAG_FIN
    } else {
        flags
    };
    let whole = opcode != ws::OP_CONTINUATION && flags & ws::FLAG_FIN != 0;
    if !control && whole && flags & ws::FLAG_COMPRESS != 0 && deflate && !payload.is_empty() {
        let z = ws::deflate(payload);
        ws::encode(&mut out, opcode, flags | ws::FLAG_RSV1, &z);
    } else if !control && whole && flags & ws::FLAG_COMPRESS != 0 {
        // Compression asked for but not agreed (or nothing to compress).
        ws::encode(&mut out, opcode, flags & !ws::FLAG_RSV1, payload);
    } else {
        ws::encode(&mut out, opcode, flags, payload);
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
    let c = w
        .local_fd(fd)
        .and_then(|raw| w.ws_conns.borrow().get(&raw).cloned());
    match c {
        Some(c) if c.usable() => Some((w, c)),
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

/// A session this worker does not hold goes to the worker that does.
fn remote(sid: i64, op: super::proxy::Op<'_>) -> Option<bool> {
    if current_worker().is_some_and(|w| w.local_fd(sid).is_some()) {
        return None;
    }
    super::proxy::forward(sid, op)
}

fn started(ex: &ExecuteData) -> bool {
    server_of(ex).and_then(super::cluster::running).is_some()
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
        if let Some(ok) = remote(fd, super::proxy::Op::Push(op, fl, &payload)) {
            ret_bool(rv, ok);
            return;
        }
        let Some((w, c)) = conn_of(fd) else { ret_bool(rv, false); return };
        let bytes = encode(op, fl, &payload, c.deflate);
        ret_bool(rv, c.send_or_wait(&w, &bytes));
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
        if let Some(ok) = remote(fd, super::proxy::Op::Disconnect(&payload)) {
            ret_bool(rv, ok);
            return;
        }
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
        let local = current_worker().filter(|w| w.local_fd(fd).is_some());
        let ok = match local {
            Some(w) => w
                .local_fd(fd)
                .and_then(|raw| w.ws_conns.borrow().get(&raw).cloned())
                .is_some_and(|c| c.usable()),
            // PROCESS mode: another process's session, from the master's table.
            None => super::vconn::session(fd).is_some_and(|s| s.websocket),
        };
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
    /// `static pack(Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): string`
    /// (of Server and of Frame).
    pack(ex, rv) {
        let f = args::name_of(ex, "Swoole\\WebSocket\\Server::pack");
        pack_into(ex, rv, &f);
    }
);

handler!(
    /// `static unpack(string $data): Frame` (of Server and of Frame).
    unpack(ex, rv) {
        let f = args::name_of(ex, "Swoole\\WebSocket\\Server::unpack");
        unpack_into(ex, rv, &f);
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
