//! The HTTP client's WebSocket side: `upgrade()` (the handshake request),
//! `push()`, `recv()` (frames, or a deferred response), `ping()` and
//! `disconnect()`. Control frames are answered as Swoole does unless the
//! `open_websocket_*_frame` settings hand them to the caller.

use ext_php_rs::types::{ZendHashTable, Zval};

use super::super::super::args::{self, handler, ret_bool};
use super::super::super::error::warn_docref;
use super::super::super::runtime::propagate;
use super::super::super::server::ws_api;
use super::super::super::zarray::str_zval;
use super::super::{Kind, Vm};
use super::*;
use crate::http::websocket as wsp;

handler!(
    /// `upgrade(string $path): bool` — the handshake; true when a response
    /// came (`statusCode` 101 when upgraded).
    upgrade(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::upgrade";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(path) = args::string(ex, 0, f, "path").map(|c| c.into_owned()) else { return };
        let Some(me) = Me::of(ex) else { return };
        me.o.cfg.borrow_mut().defer = false;
        let mut h = ZendHashTable::new();
        if let Some(old) = me.get(P_REQ_HEADERS).array() {
            for (k, v) in old.iter() {
                let _ = h.insert(k, v.shallow_clone());
            }
        }
        let key = crate::http::client::websocket_key(&exec::random::<16>());
        for (k, v) in [
            ("Connection", "Upgrade"),
            ("Upgrade", "websocket"),
            ("Sec-WebSocket-Version", "13"),
            ("Sec-WebSocket-Key", key.as_str()),
        ] {
            let _ = h.insert(k, str_zval(v.as_bytes()));
        }
        if me.o.cfg.borrow().ws_compression {
            let _ = h.insert(
                "Sec-Websocket-Extensions",
                str_zval(b"permessage-deflate; client_no_context_takeover; server_no_context_takeover"),
            );
        }
        let mut hz = Zval::new();
        hz.set_hashtable(h);
        me.set(P_REQ_HEADERS, hz);
        me.set(P_METHOD, str_zval(b"GET"));
        let this = ex.This.shallow_clone();
        ret_bool(rv, exec::exec(me, &this, &path));
    }
);

/// Sends one frame; false (errCode, statusCode -3, closed) when it could not.
fn send_frame(me: Me, opcode: u8, flags: u8, payload: &[u8]) -> bool {
    if !me.o.websocket.get() {
        super::super::super::swoole_error::set_last_error(crate::swerr::WEBSOCKET_HANDSHAKE_FAILED);
        warn_docref(E_WARNING, "websocket handshake failed, cannot push data");
        // Swoole's warning helper leaves SW_ERROR_PHP_FATAL_ERROR as the
        // last error, and that is the errCode it sets.
        me.set_err_msg(503, "websocket handshake failed, cannot push data");
        me.set(
            P_STATUS,
            super::super::super::value::zval_long(ESTATUS_CONNECT_FAILED),
        );
        return false;
    }
    let Some((so, s)) = me.sock() else {
        return false;
    };
    let mut flags = flags;
    if me.o.cfg.borrow().ws_mask {
        flags |= wsp::FLAG_MASK;
    }
    if me.o.ws_deflate.get() {
        flags |= wsp::FLAG_COMPRESS;
    }
    let bytes = ws_api::encode(opcode, flags, payload, me.o.ws_deflate.get());
    let dl = so.timeouts().deadline(Kind::Write, 0.0);
    let (_, r) = s.write_all(&Vm, &bytes, dl);
    drop(s);
    propagate();
    match r {
        Ok(()) => true,
        Err(e) => {
            me.fail(e.errno(), ESTATUS_SERVER_RESET);
            exec::close(me, true);
            false
        }
    }
}

handler!(
    /// `push(mixed $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool`.
    push(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::push";
        let Some(me) = Me::of(ex) else { return };
        if !me.available() { ret_bool(rv, false); return; }
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(opcode) = args::long(ex, 1, f, "opcode", Some(i64::from(wsp::OP_TEXT))) else { return };
        let Ok(flags) = args::long(ex, 2, f, "flags", Some(i64::from(wsp::FLAG_FIN))) else { return };
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some((op, fl, payload)) = ws_api::frame_parts(&data, opcode, flags) else {
            me.set_err(crate::swerr::WEBSOCKET_PACK_FAILED as i32);
            ret_bool(rv, false);
            return;
        };
        ret_bool(rv, send_frame(me, op, fl, &payload));
    }
);

handler!(
    /// `ping(string $data = ""): bool`.
    ping(ex, rv) {
        let Some(me) = Me::of(ex) else { return };
        if !me.available() || !me.o.websocket.get() { ret_bool(rv, false); return; }
        let data = match args::get(ex, 0) {
            Some(_) => match args::string(ex, 0, "Swoole\\Coroutine\\Http\\Client::ping", "data") {
                Ok(d) => d.into_owned(),
                Err(()) => return,
            },
            None => Vec::new(),
        };
        ret_bool(rv, send_frame(me, wsp::OP_PING, wsp::FLAG_FIN, &data));
    }
);

handler!(
    /// `disconnect(int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ""): bool`
    /// — a close frame, then the connection is closed whatever happened.
    disconnect(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::disconnect";
        let Some(me) = Me::of(ex) else { return };
        if !me.available() || !me.o.websocket.get() { ret_bool(rv, false); return; }
        let Ok(code) = args::long(ex, 0, f, "code", Some(1000)) else { return };
        let reason = match args::get(ex, 1) {
            Some(_) => match args::string(ex, 1, f, "reason") {
                Ok(d) => d.into_owned(),
                Err(()) => return,
            },
            None => Vec::new(),
        };
        let ok = match wsp::close_payload(code.clamp(0, 65535) as u16, &reason) {
            Some(p) => send_frame(me, wsp::OP_CLOSE, wsp::FLAG_FIN, &p),
            None => {
                warn_docref(E_WARNING, "the max length of close reason is 125");
                false
            }
        };
        exec::close(me, true);
        ret_bool(rv, ok);
    }
);

/// What reading a frame ended with.
enum Got {
    Frame(wsp::Message),
    /// The peer closed the connection.
    Eof,
    /// A read failed (errno) or the frames were broken (Swoole code).
    Failed(i32),
}

/// The next message, answering control frames the caller does not see.
fn next_message(me: Me, timeout: f64) -> Got {
    let Some((so, s)) = me.sock() else {
        return Got::Failed(crate::swerr::CLIENT_NO_CONNECTION as i32);
    };
    let dl = so.timeouts().deadline(Kind::Read, timeout);
    let cfg = me.o.cfg.borrow().clone();
    let mut buf = std::mem::take(&mut *me.o.rbuf.borrow_mut());
    let mut reader =
        me.o.ws_reader
            .borrow_mut()
            .take()
            .unwrap_or_else(|| wsp::Reader::new(2 * 1024 * 1024));
    let mut chunk = me.o.take_chunk();
    let got = loop {
        match reader.feed(&buf) {
            Ok((m, n)) => {
                buf.drain(..n);
                if let Some(m) = m {
                    let (answer, show) = match m.opcode {
                        wsp::OP_PING => (Some(wsp::OP_PONG), cfg.open_ping_frame),
                        wsp::OP_PONG => (None, cfg.open_pong_frame),
                        wsp::OP_CLOSE => (Some(wsp::OP_CLOSE), cfg.open_close_frame),
                        _ => (None, true),
                    };
                    if show {
                        break Got::Frame(m);
                    }
                    if let Some(op) = answer {
                        let mut out = Vec::new();
                        let fl = wsp::FLAG_FIN | if cfg.ws_mask { wsp::FLAG_MASK } else { 0 };
                        wsp::encode(&mut out, op, fl, &m.payload);
                        let _ = s.write_all(&Vm, &out, dl);
                    }
                    continue;
                }
                if n > 0 {
                    continue;
                }
            }
            Err(e) => {
                if let Some(text) = wsp::fragment_warning(&e) {
                    crate::server::log::put(
                        crate::server::log::Who::Other,
                        0,
                        "WARNING",
                        &format!("websocket::recv_frame(): {text}"),
                    );
                }
                break Got::Failed(crate::swerr::PROTOCOL_ERROR as i32);
            }
        }
        match s.read_some(&Vm, &mut chunk, dl) {
            Ok(0) => break Got::Eof,
            Ok(k) => buf.extend_from_slice(&chunk[..k]),
            Err(e) => break Got::Failed(e.errno()),
        }
    };
    drop(s);
    me.o.put_chunk(chunk);
    *me.o.rbuf.borrow_mut() = buf;
    *me.o.ws_reader.borrow_mut() = Some(reader);
    propagate();
    got
}

handler!(
    /// `recv(float $timeout = 0): Frame|string|bool` — a WebSocket frame
    /// ('' when the peer closed), or a deferred response (true/false).
    recv(ex, rv) {
        let Some(me) = Me::of(ex) else { return };
        if !me.available() { ret_bool(rv, false); return; }
        let Ok(t) = args::double(ex, 0, "Swoole\\Coroutine\\Http\\Client::recv", "timeout", Some(0.0)) else { return };
        if !me.o.websocket.get() {
            let this = ex.This.shallow_clone();
            ret_bool(rv, exec::recv_response(me, &this, t));
            return;
        }
        let fd = me.sock().map_or(-1, |(_, s)| s.fd());
        match next_message(me, t) {
            Got::Frame(mut m) => {
                if m.flags & wsp::FLAG_RSV1 != 0 && me.o.ws_deflate.get() {
                    match wsp::inflate(&m.payload, 64 * 1024 * 1024) {
                        Some(p) => m.payload = p,
                        None => {
                            me.set_err(crate::swerr::PROTOCOL_ERROR as i32);
                            ret_bool(rv, false);
                            return;
                        }
                    }
                }
                *rv = ws_api::make_frame(i64::from(fd), m.opcode, m.flags, &m.payload);
            }
            Got::Eof => {
                exec::close(me, true);
                rv.set_binary(Vec::<u8>::new());
            }
            Got::Failed(code) => {
                me.fail(code, ESTATUS_SERVER_RESET);
                if code != libc::ETIMEDOUT {
                    exec::close(me, true);
                }
                ret_bool(rv, false);
            }
        }
    }
);
