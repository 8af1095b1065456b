//! WebSocket on `Coroutine\Http\Server` connections, as Swoole's: inside
//! the request handler, `$response->upgrade()` answers the handshake, then
//! `recv($timeout)` returns each message as a `WebSocket\Frame` (pings
//! answered and closes echoed unless `open_websocket_*_frame` hands them to
//! the caller; '' once the peer closed; false on timeout), `push()`,
//! `ping()`, `close()`/`disconnect()`. The connection ends with the handler.
//! The frames are `http::websocket`'s (fuzzed), permessage-deflate with
//! `websocket_compression`.

use std::cell::RefCell;
use std::os::fd::RawFd;
use std::rc::Rc;

use ext_php_rs::types::Zval;

use super::super::args::{self, handler, ret_bool};
use super::super::error::{warn_docref, E_WARNING};
use super::io::{read_some, write_all};
use super::websocket::Settings;
use crate::http::websocket as ws;
use crate::rt::idmap::IdMap;

/// A request that may become a WebSocket, while its handler runs.
struct Offer {
    /// `Sec-WebSocket-Key`.
    key: Option<Vec<u8>>,
    /// The client offered permessage-deflate.
    deflate: bool,
    /// Bytes read after the request (the first frames, maybe).
    leftover: Vec<u8>,
    settings: Settings,
    max: usize,
}

/// An upgraded connection.
struct Conn {
    deflate: bool,
    settings: Settings,
    buf: RefCell<Vec<u8>>,
    reader: RefCell<ws::Reader>,
}

thread_local! {
    static OFFERS: RefCell<IdMap<RawFd, Offer>> = RefCell::new(IdMap::default());
    static CONNS: RefCell<IdMap<RawFd, Rc<Conn>>> = RefCell::new(IdMap::default());
}

/// Before the handler of an upgrade request runs: what `upgrade()` needs.
pub(super) fn offer(fd: RawFd, head: &crate::http::Head, leftover: Vec<u8>, cfg: &super::Config) {
    let offer = Offer {
        key: head.header("sec-websocket-key").map(<[u8]>::to_vec),
        deflate: head
            .header("sec-websocket-extensions")
            .is_some_and(ws::offers_deflate),
        leftover,
        settings: cfg.websocket.clone(),
        max: cfg.package_max_length,
    };
    OFFERS.with(|o| o.borrow_mut().insert(fd, offer));
}

/// After the handler: Err(()) when the connection became a WebSocket (it
/// closes now), else the bytes the offer held.
pub(super) fn settle(fd: RawFd) -> Result<Vec<u8>, ()> {
    let upgraded = CONNS.with(|c| c.borrow_mut().remove(&fd)).is_some();
    let offer = OFFERS.with(|o| o.borrow_mut().remove(&fd));
    if upgraded {
        return Err(());
    }
    Ok(offer.map(|o| o.leftover).unwrap_or_default())
}

fn conn(fd: RawFd) -> Option<Rc<Conn>> {
    CONNS.with(|c| c.borrow().get(&fd).cloned())
}

/// The connection of `$this` (a Response), or Swoole's warning and false.
fn upgraded(ex: &ext_php_rs::zend::ExecuteData, rv: &mut Zval) -> Option<(RawFd, Rc<Conn>)> {
    let fd = super::response::fd_of(ex)?;
    match conn(fd) {
        Some(c) => Some((fd, c)),
        None => {
            warn_docref(
                E_WARNING,
                &format!("fd[{fd}] is not a websocket conncetion"),
            );
            ret_bool(rv, false);
            None
        }
    }
}

fn send(fd: RawFd, c: &Conn, opcode: u8, flags: u8, payload: &[u8]) -> bool {
    let flags = if c.deflate {
        flags
    } else {
        flags & !ws::FLAG_COMPRESS
    };
    let bytes = super::ws_api::encode(opcode, flags, payload, c.deflate);
    write_all(fd, &bytes).is_ok()
}

handler!(
    /// `upgrade(): bool` — answers the WebSocket handshake (101).
    resp_upgrade(ex, rv) {
        let Some(fd) = super::response::fd_of(ex) else { ret_bool(rv, false); return };
        let this = ex.This.shallow_clone();
        // Swoole: a request that is no WebSocket handshake gets 400.
        let bad_request = |rv: &mut Zval| {
            super::response::set_status(&this, 400);
            let _ = super::response::finish(&this, &mut Vec::new());
            ret_bool(rv, false);
        };
        let Some(offer) = OFFERS.with(|o| o.borrow_mut().remove(&fd)) else {
            bad_request(rv);
            return;
        };
        let Some(accept) = offer.key.as_deref().and_then(ws::accept_key) else {
            OFFERS.with(|o| o.borrow_mut().insert(fd, offer));
            bad_request(rv);
            return;
        };
        let deflate = offer.deflate && offer.settings.compression;
        let mut headers: Vec<(&[u8], &[u8])> = vec![
            (b"Upgrade", b"websocket"),
            (b"Connection", b"Upgrade"),
            (b"Sec-WebSocket-Accept", accept.as_bytes()),
            (b"Sec-WebSocket-Version", b"13"),
        ];
        if deflate {
            headers.push((b"Sec-WebSocket-Extensions", ws::DEFLATE_RESPONSE.as_bytes()));
        }
        super::response::set_upgrade(&this, &headers);
        let mut out = Vec::new();
        let (ok, _) = super::response::finish(&this, &mut out);
        if !ok {
            ret_bool(rv, false);
            return;
        }
        let c = Conn {
            deflate,
            settings: offer.settings,
            buf: RefCell::new(offer.leftover),
            reader: RefCell::new(ws::Reader::new(offer.max)),
        };
        CONNS.with(|m| m.borrow_mut().insert(fd, Rc::new(c)));
        ret_bool(rv, true);
    }
);

/// What reading a message ended with.
enum Got {
    Message(ws::Message),
    Eof,
    TimedOut,
    Failed,
}

fn next_message(fd: RawFd, c: &Conn, timeout: Option<std::time::Duration>) -> Got {
    let mut buf = c.buf.borrow_mut().split_off(0);
    let got = loop {
        let fed = c.reader.borrow_mut().feed(&buf);
        match fed {
            Ok((m, n)) => {
                buf.drain(..n);
                if let Some(m) = m {
                    let s = &c.settings;
                    let (answer, show) = match m.opcode {
                        ws::OP_PING => (Some(ws::OP_PONG), s.open_ping_frame),
                        ws::OP_PONG => (None, s.open_pong_frame),
                        ws::OP_CLOSE => (Some(ws::OP_CLOSE), s.open_close_frame),
                        _ => (None, true),
                    };
                    if let Some(op) = answer.filter(|_| !show) {
                        send(fd, c, op, ws::FLAG_FIN, &m.payload);
                        if op == ws::OP_CLOSE {
                            break Got::Eof;
                        }
                    }
                    if show {
                        break Got::Message(m);
                    }
                    continue;
                }
                if n > 0 {
                    continue;
                }
            }
            Err(e) => {
                if let Some(text) = ws::fragment_warning(&e) {
                    crate::server::log::put(
                        crate::server::log::Who::Other,
                        0,
                        "WARNING",
                        &format!("websocket::recv_frame(): {text}"),
                    );
                }
                break Got::Failed;
            }
        }
        match read_some(fd, &mut buf, timeout) {
            Ok(0) => break Got::Eof,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => break Got::TimedOut,
            Err(_) => break Got::Failed,
        }
    };
    *c.buf.borrow_mut() = buf;
    got
}

handler!(
    /// `recv(float $timeout = 0): Frame|false|string`.
    resp_recv(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Swoole\\Http\\Response::recv", "timeout", Some(0.0)) else { return };
        let Some((fd, c)) = upgraded(ex, rv) else { return };
        let timeout = (t > 0.0).then(|| std::time::Duration::from_secs_f64(t.min(1e9)));
        match next_message(fd, &c, timeout) {
            Got::Message(mut m) => {
                if m.flags & ws::FLAG_RSV1 != 0 && c.deflate {
                    match ws::inflate(&m.payload, 64 * 1024 * 1024) {
                        Some(p) => m.payload = p,
                        None => {
                            ret_bool(rv, false);
                            return;
                        }
                    }
                }
                *rv = super::ws_api::make_frame(i64::from(fd), m.opcode, m.flags & !ws::FLAG_RSV1, &m.payload);
            }
            Got::Eof => rv.set_binary(Vec::<u8>::new()),
            Got::TimedOut | Got::Failed => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `push(Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool`.
    resp_push(ex, rv) {
        let f = "Swoole\\Http\\Response::push";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(opcode) = args::long(ex, 1, f, "opcode", Some(i64::from(ws::OP_TEXT))) else { return };
        let Ok(flags) = args::long(ex, 2, f, "flags", Some(i64::from(ws::FLAG_FIN))) else { return };
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some((fd, c)) = upgraded(ex, rv) else { return };
        let Some((op, fl, payload)) = super::ws_api::frame_parts(&data, opcode, flags) else {
            ret_bool(rv, false);
            return;
        };
        ret_bool(rv, send(fd, &c, op, fl, &payload));
    }
);

handler!(
    /// `ping(string $data = ''): bool`.
    resp_ping(ex, rv) {
        let data = args::bytes(ex, 0).map(|d| d.into_owned()).unwrap_or_default();
        let Some((fd, c)) = upgraded(ex, rv) else { return };
        ret_bool(rv, send(fd, &c, ws::OP_PING, ws::FLAG_FIN, &data));
    }
);

handler!(
    /// `disconnect(int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ''): bool`
    /// — a close frame, then the connection is shut.
    resp_disconnect(ex, rv) {
        let f = "Swoole\\Http\\Response::disconnect";
        let Ok(code) = args::long(ex, 0, f, "code", Some(1000)) else { return };
        let reason = args::bytes(ex, 1).map(|d| d.into_owned()).unwrap_or_default();
        let Some((fd, c)) = upgraded(ex, rv) else { return };
        let ok = match ws::close_payload(code.clamp(0, 65535) as u16, &reason) {
            Some(p) => send(fd, &c, ws::OP_CLOSE, ws::FLAG_FIN, &p),
            None => false,
        };
        super::io::shutdown(fd);
        ret_bool(rv, ok);
    }
);

handler!(
    /// `close(): bool` — closes the connection (a WebSocket: without a
    /// close frame, as Swoole's).
    resp_close(ex, rv) {
        let Some(fd) = super::response::fd_of(ex) else { ret_bool(rv, false); return };
        super::io::shutdown(fd);
        ret_bool(rv, true);
    }
);
