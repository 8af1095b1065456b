//! One request/response cycle of the HTTP client, Swoole's way: connect
//! (again) when the connection is gone, write the request from the
//! properties, read the response into `statusCode`, `headers`, `cookies`
//! and `body` (or a file, or `write_func`), then keep the connection for
//! the next request unless either side said close. `max_retries` repeats
//! a request that could not connect or got 502/503.

use std::io::{Seek as _, SeekFrom, Write as _};
use std::os::unix::ffi::OsStrExt;

use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};
use ext_php_rs::zend::ExecuteData;

use super::super::super::args::{self, handler, ret_bool};
use super::super::super::error::warn_docref;
use super::super::super::object::native_of;
use super::super::super::runtime::propagate;
use super::super::super::value::{zval_long, zval_str, Callback};
use super::super::super::zarray::str_zval;
use super::super::socket::{self, SocketObj};
use super::super::{default_timeout, Kind, Vm};
use super::*;
use crate::http::client::{request, Body, FilePart, Request, ResponseReader, Segment, Source};
use crate::rt::net::{Deadline, NetError};

/// Swoole's default connect timeout is the socket layer's.
fn connect(me: Me) -> bool {
    if me.o.socket.borrow().is_some() {
        return true;
    }
    let domain = me.o.domain.get();
    let sock = match crate::rt::net::Socket::new(domain, libc::SOCK_STREAM, 0) {
        Ok(s) => s,
        Err(e) => {
            me.fail(
                e.raw_os_error().unwrap_or(libc::EMFILE),
                ESTATUS_CONNECT_FAILED,
            );
            return false;
        }
    };
    let z = socket::new_object(sock, domain, libc::SOCK_STREAM, 0);
    let Some(so) = native_of::<SocketObj>(&z) else {
        return false;
    };
    so.connected.set(false);
    if me.o.ssl.get() {
        // No ALPN, as Swoole's client: servers pick HTTP/1.1 by default.
        so.enable_tls(Default::default());
    }
    let Some(s) = so.socket() else { return false };
    if let Some(ht) = me.get(P_SETTING).array() {
        if let Some(addr) = ht.get("bind_address").map(bytes_of) {
            let port = ht.get("bind_port").and_then(|v| v.long()).unwrap_or(0);
            let a = crate::rt::net::SockAddr::literal(
                domain,
                &String::from_utf8_lossy(&addr),
                port.clamp(0, 65535) as u16,
            );
            if let Err(code) = a.ok_or(libc::EINVAL).and_then(|a| {
                s.bind(&a)
                    .map_err(|e| e.raw_os_error().unwrap_or(libc::EINVAL))
            }) {
                me.fail(code, ESTATUS_CONNECT_FAILED);
                so.close();
                return false;
            }
        }
        super::super::client::apply(so, &s, ht);
    }
    // Swoole: the connect timeout is connect_timeout or the default, not
    // `timeout` (which is the response's).
    let ct = me.o.cfg.borrow().connect_timeout;
    so.set_timeout(
        Kind::Connect,
        if ct == 0.0 {
            default_timeout(Kind::Connect)
        } else {
            ct
        },
    );
    let dl = so.timeouts().deadline(Kind::Connect, 0.0);
    let host = me.o.host.borrow().clone();
    // A plain request to an HTTP proxy needs no tunnel: it goes with an
    // absolute URI (see `describe`); HTTPS and SOCKS5 go through one.
    let tunnel = me.o.ssl.get()
        || so.proxy.borrow().as_ref().map(|p| p.kind)
            != Some(crate::rt::net::proxy::ProxyKind::Http);
    let r = super::super::proxy::connect_via(
        so,
        &s,
        domain,
        (&host, me.o.port.get()),
        dl,
        Some(&me.o.resolve),
        tunnel,
    )
    .and_then(|()| {
        // The handshake waits as a read does (Swoole's ssl_handshake).
        let dl = so.timeouts().deadline(Kind::Read, 0.0);
        so.tls_handshake(&s, Some(&host), dl).map_err(|e| e.errno())
    });
    drop(s);
    propagate();
    if let Err(code) = r {
        me.fail(code, ESTATUS_CONNECT_FAILED);
        so.close();
        return false;
    }
    so.connected.set(true);
    me.o.websocket.set(false);
    me.o.ws_deflate.set(false);
    me.o.rbuf.borrow_mut().clear();
    me.set(P_SOCKET, z.shallow_clone());
    me.set_bool(P_CONNECTED, true);
    *me.o.socket.borrow_mut() = Some(z);
    true
}

/// A live connection, reconnecting when the old one died.
fn keep_liveness(me: Me) -> bool {
    if let Some((_, s)) = me.sock() {
        if s.is_alive() {
            return true;
        }
        me.fail(libc::ECONNRESET, ESTATUS_SERVER_RESET);
        close(me, false);
    }
    let tries = usize::from(me.o.cfg.borrow().max_retries) + 1;
    (0..tries).any(|_| connect(me))
}

/// Closes the connection; `reset` also forgets the request state. False
/// when there was none. Inside write_func the close waits for the read.
pub(super) fn close(me: Me, reset_state: bool) -> bool {
    if me.o.socket.borrow().is_none() {
        return false;
    }
    if me.o.in_callback.get() {
        me.o.close_wait.set(true);
        return true;
    }
    me.set_bool(P_CONNECTED, false);
    let z = me.o.socket.borrow_mut().take();
    if let Some(s) = z.as_ref().and_then(native_of::<SocketObj>) {
        s.close();
    }
    me.set_null(P_SOCKET);
    me.o.rbuf.borrow_mut().clear();
    *me.o.ws_reader.borrow_mut() = None;
    me.o.websocket.set(false);
    if reset_state {
        reset(me);
    }
    drop(z);
    true
}

/// Forgets what belonged to the last request.
fn reset(me: Me) {
    me.o.wait_response.set(false);
    if !me.get(P_UPLOAD).is_null() {
        me.set_null(P_UPLOAD);
    }
    if !me.get(P_DL_FILE).is_null() {
        me.set_null(P_DL_FILE);
        me.set(P_DL_OFFSET, zval_long(0));
    }
}

/// String-keyed entries of an array property, values as strings (null
/// values skipped).
fn pairs(v: &Zval) -> Vec<(Vec<u8>, Vec<u8>)> {
    let Some(ht) = v.array() else {
        return Vec::new();
    };
    ht.iter()
        .filter_map(|(k, v)| {
            let k = match k {
                ArrayKey::Long(_) => return None,
                ArrayKey::String(s) => s.into_bytes(),
                ArrayKey::Str(s) => s.as_bytes().to_vec(),
                ArrayKey::ZendString(s) => s.as_bytes().to_vec(),
            };
            let v = v.dereference();
            (!v.is_null()).then(|| (k, bytes_of(v)))
        })
        .collect()
}

fn uploads(v: &Zval) -> Vec<FilePart> {
    let Some(ht) = v.array() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (_, e) in ht.iter() {
        let Some(e) = e.array() else { continue };
        let field = |k: &str| e.get(k).map(bytes_of);
        let (Some(name), Some(filename), Some(mime), Some(size)) = (
            field("name"),
            field("filename"),
            field("type"),
            e.get("size").and_then(|z| z.long()),
        ) else {
            continue;
        };
        let source = match e.get("content") {
            Some(c) => Source::Memory(bytes_of(c)),
            None => {
                let (Some(path), Some(offset)) =
                    (field("path"), e.get("offset").and_then(|z| z.long()))
                else {
                    continue;
                };
                Source::Disk {
                    path,
                    offset: offset.max(0) as u64,
                    size: size.max(0) as u64,
                }
            }
        };
        out.push(FilePart {
            name,
            filename,
            mime,
            source,
        });
    }
    out
}

pub(super) use crate::rt::sys::random;

/// `http_build_query($data)`, as Swoole encodes an array body.
fn build_query(data: &Zval) -> Option<Vec<u8>> {
    let mut cb = Callback::new(&zval_str("http_build_query"), vec![data.shallow_clone()]).ok()?;
    let mut out = Zval::new();
    if !cb.call(&mut out) {
        return None;
    }
    out.zend_str().map(|s| s.as_bytes().to_vec())
}

/// The request the properties describe; None after a warning.
fn describe(me: Me) -> Option<Request> {
    let body_z = me.get(P_REQ_BODY);
    let files = uploads(me.get(P_UPLOAD));
    let method = match me.get(P_METHOD) {
        m if m.is_null() => {
            if body_z.is_null() {
                b"GET".to_vec()
            } else {
                b"POST".to_vec()
            }
        }
        m => bytes_of(m),
    };
    let body = if !files.is_empty() {
        // Swoole converts each field to a string twice (length, then
        // body): an array says "Array" with a warning each time.
        let arrays = body_z.array().map_or(0, |h| {
            h.values()
                .filter(|v| v.dereference().array().is_some())
                .count()
        });
        for _ in 0..arrays * 2 {
            super::super::super::error::warn(E_WARNING, "Array to string conversion");
        }
        Body::Multipart {
            boundary: request::boundary(&random::<21>()),
            fields: pairs(body_z),
            files,
        }
    } else if body_z.is_null() {
        Body::None
    } else if body_z.array().is_some() {
        match build_query(body_z) {
            Some(q) => Body::Form(q),
            None => {
                warn_docref(E_WARNING, "http_build_query failed");
                return None;
            }
        }
    } else {
        Body::Raw(bytes_of(body_z))
    };
    let cfg = me.o.cfg.borrow().clone();
    let host = me.o.host.borrow().clone();
    let port = me.o.port.get();
    let std_port = if me.o.ssl.get() { 443 } else { 80 };
    let host = if port != std_port {
        format!("{host}:{port}")
    } else {
        host
    };
    let cookies = me.get(P_COOKIES);
    Some(Request {
        method,
        path: Vec::new(),
        host: host.into_bytes(),
        headers: pairs(me.get(P_REQ_HEADERS)),
        basic_auth: me.o.basic_auth.borrow().clone(),
        keep_alive: cfg.keep_alive,
        accept_encoding: cfg.http_compression,
        cookies: cookies.array().map(|_| pairs(cookies)),
        body,
    })
}

/// A plain request through an HTTP proxy, as Swoole writes it: the
/// request line carries the absolute URI (`http://` + the Host header, or
/// host:port), and `Proxy-Authorization` the proxy's credentials.
fn via_http_proxy(me: Me, req: &mut Request) {
    if me.o.ssl.get() {
        return;
    }
    let proxy = me.sock().and_then(|(so, _)| so.proxy.borrow().clone());
    let Some(p) = proxy.filter(|p| p.kind == crate::rt::net::proxy::ProxyKind::Http) else {
        return;
    };
    let host = req
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(b"host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| me.o.host.borrow().as_bytes().to_vec());
    let mut uri = b"http://".to_vec();
    uri.extend_from_slice(&host);
    if !host.contains(&b':') {
        uri.extend_from_slice(format!(":{}", me.o.port.get()).as_bytes());
    }
    uri.extend_from_slice(&req.path);
    req.path = uri;
    if let Some(auth) = p.basic_auth() {
        req.headers
            .push((b"Proxy-Authorization".to_vec(), auth.into_bytes()));
    }
}

fn busy_error(e: &NetError, fd: i32) {
    if let NetError::Busy { holder } = e {
        super::super::super::error::throw_socket_bound(i64::from(fd), *holder);
    }
}

/// Writes the request; false (errCode, statusCode -4, closed) when it
/// could not.
fn send_request(me: Me, path: &[u8]) -> bool {
    if path.is_empty() {
        me.set_err(crate::swerr::INVALID_PARAMS as i32);
        return false;
    }
    me.set_null(P_HEADERS);
    me.set_null(P_SET_COOKIE);
    me.set(P_BODY, str_zval(b""));
    if !keep_liveness(me) {
        return false;
    }
    me.set_err(0);
    me.set(P_STATUS, zval_long(0));
    let Some(mut req) = describe(me) else {
        return false;
    };
    req.path = path.to_vec();
    via_http_proxy(me, &mut req);
    me.o.head_request
        .set(req.method.eq_ignore_ascii_case(b"HEAD"));
    let w = request::write(&req);
    if !w.keep_alive {
        me.o.cfg.borrow_mut().keep_alive = false;
    }
    if let Some(Segment::Bytes(h)) = w.segments.first() {
        *me.o.header_out.borrow_mut() = Some(h.clone());
    }
    let Some((so, s)) = me.sock() else {
        return false;
    };
    let dl = so.timeouts().deadline(Kind::Write, 0.0);
    let mut r: Result<(), i32> = Ok(());
    for seg in &w.segments {
        r = match seg {
            Segment::Bytes(b) => s.write_all(&Vm, b, dl).1.map_err(|e| {
                busy_error(&e, s.fd());
                e.errno()
            }),
            Segment::File { path, offset, size } => {
                if *size == 0 {
                    Ok(())
                } else {
                    super::super::socket_io::send_file(so, &s, path, *offset as i64, *size as i64)
                }
            }
        };
        if r.is_err() {
            break;
        }
    }
    drop(s);
    propagate();
    if let Err(code) = r {
        me.fail(code, ESTATUS_SEND_FAILED);
        close(me, true);
        return false;
    }
    me.o.wait_response.set(true);
    true
}

/// Where body bytes go: `write_func`, a download file, or `body`.
struct Sink {
    file: Option<std::fs::File>,
    path: Option<Vec<u8>>,
    offset: i64,
}

impl Sink {
    fn new(me: Me) -> Sink {
        let f = me.get(P_DL_FILE);
        Sink {
            file: None,
            path: (!f.is_null()).then(|| bytes_of(f)),
            offset: me.get(P_DL_OFFSET).long().unwrap_or(0),
        }
    }

    /// Passes `data` on (emptying it unless it is the body); Err(errno).
    fn take(&mut self, me: Me, this: &Zval, data: &mut Vec<u8>) -> Result<(), i32> {
        let wf = me.o.write_func.borrow().as_ref().map(Callback::share);
        if let Some(mut cb) = wf {
            cb.set_args([this.shallow_clone(), str_zval(data)]);
            data.clear();
            me.o.in_callback.set(true);
            let mut rv = Zval::new();
            let ok = cb.call(&mut rv);
            me.o.in_callback.set(false);
            if !ok || super::super::super::vm::has_exception() {
                return Err(libc::ECANCELED);
            }
            return Ok(());
        }
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.file.is_none() {
            let p = std::ffi::OsStr::from_bytes(path);
            let name = String::from_utf8_lossy(path).into_owned();
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(p)
                .map_err(|e| {
                    warn_docref(
                        E_WARNING,
                        &format!("open({name}, O_CREAT | O_WRONLY) failed"),
                    );
                    e.raw_os_error().unwrap_or(libc::EIO)
                })?;
            if self.offset == 0 {
                f.set_len(0)
                    .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
            } else {
                f.seek(SeekFrom::Start(self.offset.max(0) as u64))
                    .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
            }
            self.file = Some(f);
        }
        if let Some(f) = self.file.as_mut() {
            f.write_all(data)
                .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
        }
        data.clear();
        Ok(())
    }
}

/// The response head into `headers`, `set_cookie_headers`, `cookies`;
/// notes an accepted WebSocket upgrade. Returns `Connection: close`.
fn on_head(me: Me, head: &crate::http::client::ResponseHead) -> bool {
    let cfg = me.o.cfg.borrow().clone();
    let mut grouped: Vec<(String, Vec<Vec<u8>>)> = Vec::new();
    let mut cookies: Vec<(Option<Vec<u8>>, Vec<u8>)> = Vec::new();
    let mut set_cookie: Vec<Vec<u8>> = Vec::new();
    for (n, v) in &head.headers {
        let name = if cfg.lowercase_header {
            String::from_utf8_lossy(n).to_ascii_lowercase()
        } else {
            String::from_utf8_lossy(n).into_owned()
        };
        match grouped.iter_mut().find(|(k, _)| *k == name) {
            Some((_, vs)) => vs.push(v.clone()),
            None => grouped.push((name, vec![v.clone()])),
        }
        if n.eq_ignore_ascii_case(b"set-cookie") {
            let (key, rest) = match memchr::memchr(b'=', v) {
                Some(i) => (Some(v[..i].to_vec()), &v[i + 1..]),
                None => (None, &v[..]),
            };
            let raw = match memchr::memchr(b';', rest) {
                Some(i) => &rest[..i],
                None => rest,
            };
            let mut value = Vec::new();
            crate::http::form::decode_into(raw, true, &mut value);
            cookies.push((key.filter(|k| !k.is_empty()), value));
            set_cookie.push(v.clone());
        }
    }
    let mut hz = ZendHashTable::new();
    for (k, vs) in grouped {
        let v = if vs.len() == 1 {
            str_zval(&vs[0])
        } else {
            let mut list = ZendHashTable::new();
            for v in vs {
                let _ = list.push(str_zval(&v));
            }
            let mut z = Zval::new();
            z.set_hashtable(list);
            z
        };
        let _ = hz.insert(k.as_str(), v);
    }
    let mut z = Zval::new();
    z.set_hashtable(hz);
    me.set(P_HEADERS, z);
    if !set_cookie.is_empty() {
        let mut all = ZendHashTable::new();
        if let Some(old) = me.get(P_COOKIES).array() {
            for (k, v) in old.iter() {
                let _ = all.insert(k, v.shallow_clone());
            }
        }
        for (k, v) in cookies {
            let _ = match k {
                Some(k) => all.insert(String::from_utf8_lossy(&k).as_ref(), str_zval(&v)),
                None => all.push(str_zval(&v)),
            };
        }
        let mut cz = Zval::new();
        cz.set_hashtable(all);
        me.set(P_COOKIES, cz);
        let mut list = ZendHashTable::new();
        for v in set_cookie {
            let _ = list.push(str_zval(&v));
        }
        let mut lz = Zval::new();
        lz.set_hashtable(list);
        me.set(P_SET_COOKIE, lz);
    }
    if head.status == 101 {
        let ws = head.header("upgrade").is_some_and(|v| {
            v.split(|&b| b == b',')
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(b"websocket"))
        });
        me.o.websocket.set(ws);
        let deflate = ws
            && cfg.ws_compression
            && head.header("sec-websocket-extensions").is_some_and(|v| {
                memchr::memmem::find(&v.to_ascii_lowercase(), b"permessage-deflate").is_some()
            });
        me.o.ws_deflate.set(deflate);
    }
    head.header_starts("connection", "close")
}

/// A chunked response's trailer fields join `headers`, as Swoole's client
/// puts them there (a name already there takes the trailer's value).
fn add_trailers(me: Me, trailers: Vec<(String, Vec<u8>)>) {
    if trailers.is_empty() {
        return;
    }
    let mut hz = match me.get(P_HEADERS).array() {
        Some(old) => super::super::super::zarray::copy_of(old),
        None => ZendHashTable::new(),
    };
    for (k, v) in trailers {
        let _ = hz.insert(k.as_str(), str_zval(&v));
    }
    let mut z = Zval::new();
    z.set_hashtable(hz);
    me.set(P_HEADERS, z);
}

/// Reads the response to the request sent; false (errCode, statusCode
/// -2 or -3, closed) when it could not.
pub(super) fn recv_response(me: Me, this: &Zval, timeout: f64) -> bool {
    if !me.o.wait_response.get() {
        return false;
    }
    let Some((_, s)) = me.sock() else {
        return false;
    };
    let cfg = me.o.cfg.borrow().clone();
    let t = if timeout != 0.0 {
        timeout
    } else if cfg.response_timeout != 0.0 {
        cfg.response_timeout
    } else {
        default_timeout(Kind::Read)
    };
    let dl = if t < 0.0 {
        Deadline::NEVER
    } else {
        Deadline::from_secs(t)
    };
    let mut reader =
        ResponseReader::new(me.o.head_request.get(), cfg.body_decompression, usize::MAX);
    let mut buf = std::mem::take(&mut *me.o.rbuf.borrow_mut());
    let mut body = Vec::new();
    let mut sink = Sink::new(me);
    let mut connection_close = false;
    let mut total = buf.len();
    let mut chunk = me.o.take_chunk();
    me.o.close_wait.set(false);
    let r: Result<(), i32> = loop {
        match reader.feed(&buf, &mut body) {
            Ok(n) => {
                buf.drain(..n);
            }
            Err(_) => break Err(crate::swerr::HTTP_INVALID_PROTOCOL as i32),
        }
        if let Some(h) = reader.head() {
            if me.get(P_HEADERS).is_null() {
                let h = h.clone();
                connection_close = on_head(me, &h);
            }
        }
        if !body.is_empty() {
            if let Err(code) = sink.take(me, this, &mut body) {
                break Err(code);
            }
        }
        if me.o.close_wait.get() {
            break Err(libc::ECONNRESET);
        }
        if reader.is_done() {
            add_trailers(me, reader.trailers());
            break Ok(());
        }
        match s.read_some(&Vm, &mut chunk, dl) {
            Ok(0) => {
                if total > 0 && reader.eof(&mut body).is_ok() {
                    if let Err(code) = sink.take(me, this, &mut body) {
                        break Err(code);
                    }
                    break Ok(());
                }
                break Err(libc::ECONNRESET);
            }
            Ok(k) => {
                total += k;
                buf.extend_from_slice(&chunk[..k]);
            }
            Err(e) => {
                busy_error(&e, s.fd());
                break Err(e.errno());
            }
        }
    };
    drop(s);
    me.o.put_chunk(chunk);
    propagate();
    me.o.close_wait.set(false);
    if let Err(code) = r {
        me.fail(
            code,
            if code == libc::ETIMEDOUT {
                ESTATUS_REQUEST_TIMEOUT
            } else {
                ESTATUS_SERVER_RESET
            },
        );
        close(me, true);
        return false;
    }
    let status = reader.head().map_or(0, |h| i64::from(h.status));
    me.set(P_STATUS, zval_long(status));
    if sink.path.is_none() {
        me.set(P_BODY, str_zval(&body));
    }
    if me.o.websocket.get() {
        *me.o.rbuf.borrow_mut() = buf;
        let max = me
            .get(P_SETTING)
            .array()
            .and_then(|h| h.get("package_max_length").and_then(|v| v.long()))
            .filter(|&n| n > 0)
            .unwrap_or(2 * 1024 * 1024) as usize;
        *me.o.ws_reader.borrow_mut() = Some(crate::http::websocket::Reader::new(max));
        me.o.wait_response.set(false);
        return true;
    }
    // As Swoole: a read-to-close body leaves the (dead) connection to be
    // noticed by the next request.
    if !me.o.cfg.borrow().keep_alive || connection_close {
        close(me, true);
    } else {
        reset(me);
    }
    true
}

/// `execute()`'s work: send, then (unless deferred) receive, again on
/// 502/503 while retries are left.
pub(super) fn exec(me: Me, this: &Zval, path: &[u8]) -> bool {
    let retries = usize::from(me.o.cfg.borrow().max_retries);
    // Each request looks the host up afresh; its retries take the next
    // node of the cluster the name resolver gave (a node's port replaces
    // the default one, not one the constructor was given).
    me.o.resolve.reset(me.o.default_port.get());
    for _ in 0..=retries {
        if !send_request(me, path) {
            return false;
        }
        if me.o.cfg.borrow().defer {
            return true;
        }
        if !recv_response(me, this, 0.0) {
            return false;
        }
        let status = me.get(P_STATUS).long().unwrap_or(0);
        if retries > 0 && (status == 502 || status == 503) {
            close(me, true);
            continue;
        }
        return true;
    }
    false
}

fn path_arg(ex: &mut ExecuteData, name: &str) -> Option<Vec<u8>> {
    let f = format!("Swoole\\Coroutine\\Http\\Client::{name}");
    if args::need(ex, 1, &f).is_err() {
        return None;
    }
    args::string(ex, 0, &f, "path").ok().map(|c| c.into_owned())
}

handler!(
    /// `execute(string $path): bool`.
    execute(ex, rv) {
        let Some(path) = path_arg(ex, "execute") else { return };
        let Some(me) = Me::of(ex) else { return };
        let this = ex.This.shallow_clone();
        ret_bool(rv, exec(me, &this, &path));
    }
);

handler!(
    /// `get(string $path): bool`.
    get(ex, rv) {
        let Some(path) = path_arg(ex, "get") else { return };
        let Some(me) = Me::of(ex) else { return };
        me.set(P_METHOD, str_zval(b"GET"));
        let this = ex.This.shallow_clone();
        ret_bool(rv, exec(me, &this, &path));
    }
);

handler!(
    /// `post(string $path, mixed $data): bool`.
    post(ex, rv) {
        if args::need(ex, 2, "Swoole\\Coroutine\\Http\\Client::post").is_err() { return; }
        let Some(path) = path_arg(ex, "post") else { return };
        let Some(data) = args::get(ex, 1).map(|z| z.shallow_clone()) else { return };
        let Some(me) = Me::of(ex) else { return };
        me.set(P_METHOD, str_zval(b"POST"));
        me.set(P_REQ_BODY, data);
        let this = ex.This.shallow_clone();
        ret_bool(rv, exec(me, &this, &path));
    }
);

handler!(
    /// `download(string $path, string $file, int $offset = 0): bool`.
    download(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::download";
        if args::need(ex, 2, f).is_err() { return; }
        let Some(path) = path_arg(ex, "download") else { return };
        let Ok(file) = args::string(ex, 1, f, "file").map(|c| c.into_owned()) else { return };
        let Ok(offset) = args::long(ex, 2, f, "offset", Some(0)) else { return };
        let Some(me) = Me::of(ex) else { return };
        me.set(P_DL_FILE, str_zval(&file));
        me.set(P_DL_OFFSET, zval_long(offset));
        let this = ex.This.shallow_clone();
        ret_bool(rv, exec(me, &this, &path));
    }
);
