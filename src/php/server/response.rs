//! `Corust\Http\Response` [`Swoole\Http\Response`]: status, headers and
//! cookies collected until the head goes out (src/http writes it), `write()`
//! in chunks, `end()`, `redirect()`; a response the handler left open is
//! ended empty by the connection loop (`finish`). The connection's write
//! buffer travels with the response and comes back to the loop.

use crate::php::error::warn_docref;
use std::cell::RefCell;
use std::os::fd::RawFd;
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool};
use super::super::error::{os_error_text, E_WARNING};
use super::super::object::{this, Native};
use super::super::value::zval_long;
use super::http::{new_object, set_slot};
use super::io::write_all;
use crate::http::{self, response::chunk, ResponseHead};

static RESP_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Corust\Http\Response`, set at MINIT.
pub static RESPONSE_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
/// Declared properties of Response, in slot order.
pub const RESPONSE_PROPS: [&str; 5] = ["fd", "socket", "header", "cookie", "trailer"];

/// Where a response stands.
struct RespState {
    /// The connection.
    fd: RawFd,
    /// Status, reason, headers.
    head: ResponseHead,
    /// The request asked to keep the connection.
    keep_alive: bool,
    /// Head already sent (chunked mode after `write()`).
    head_sent: bool,
    /// `end()` done.
    ended: bool,
    /// The write failed: the connection is gone.
    broken: bool,
    /// HEAD request: no body bytes.
    head_only: bool,
    /// Bytes being sent; the connection's buffer, reused request after request.
    out: Vec<u8>,
    /// `trailer()` lines, sent after the last chunk.
    trailers: Vec<(Vec<u8>, Vec<u8>)>,
    /// How `end()` may compress the body (`http_compression`).
    compress: Option<Compress>,
    /// Made by `Response::create($server, $fd)`: writes go to this session
    /// (its worker may be another one) instead of `fd`.
    session: Option<i64>,
    /// `detach()`: the request's end does not end it; whoever holds it (or a
    /// `Response::create()` for its session) answers later.
    detached: bool,
    /// A `handshake` callback's 101 gets this Sec-WebSocket-Extensions
    /// value unless it set one (compression the server agreed to).
    upgrade_extension: Option<&'static str>,
}

/// A response's compression: the encoding the client accepts and the
/// server's settings.
#[derive(Clone)]
pub(super) struct Compress {
    pub enc: http::compress::Encoding,
    pub level: i64,
    pub min_length: usize,
    pub types: Option<std::rc::Rc<[String]>>,
}

/// Rust side of a Response.
#[derive(Default)]
pub struct ResponseObj {
    /// None until the server attaches it to a connection.
    st: RefCell<Option<RespState>>,
}

impl Native for ResponseObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &RESP_HANDLERS
    }
}

/// A Response attached to connection `fd`, writing through `out`.
pub(super) fn new_response(
    fd: RawFd,
    keep_alive: bool,
    head_only: bool,
    out: Vec<u8>,
    compress: Option<Compress>,
) -> Zval {
    let resp = new_object(&RESPONSE_CE);
    set_slot(&resp, 0, zval_long(super::session_of(fd)));
    if let Some(o) = resp.object() {
        let p = o as *const _ as *mut ext_php_rs::ffi::zend_object;
        // SAFETY: resp is a ResponseObj (created from our class just above).
        let data = unsafe { &(*super::super::object::from_obj::<ResponseObj>(p)).data };
        *data.st.borrow_mut() = Some(RespState {
            fd,
            head: ResponseHead::new(200),
            keep_alive,
            head_sent: false,
            ended: false,
            broken: false,
            head_only,
            out,
            trailers: Vec::new(),
            compress,
            session: None,
            detached: false,
            upgrade_extension: None,
        });
    }
    resp
}

/// `Response::create($server, $fd)`: a response for session `sid`, written
/// through the server's `send` (to the worker that holds it).
fn new_session_response(sid: i64) -> Zval {
    let resp = new_response(-1, true, false, Vec::new(), None);
    set_slot(&resp, 0, zval_long(sid));
    if let Some(d) = data_of(&resp) {
        if let Some(s) = d.st.borrow_mut().as_mut() {
            s.session = Some(sid);
        }
    }
    resp
}

/// True once the handler called `detach()` on `resp`.
pub(super) fn is_detached(resp: &Zval) -> bool {
    data_of(resp).is_some_and(|d| d.st.borrow().as_ref().is_some_and(|s| s.detached))
}

/// Sets the status of a response not yet sent.
pub(super) fn set_status(resp: &Zval, code: u16) {
    let Some(o) = resp.object() else { return };
    let p = o as *const _ as *mut ext_php_rs::ffi::zend_object;
    // SAFETY: resp is a ResponseObj.
    let data = unsafe { &(*super::super::object::from_obj::<ResponseObj>(p)).data };
    if let Some(s) = data.st.borrow_mut().as_mut().filter(|s| !s.head_sent) {
        s.head.status = code;
    }
}

/// Ends a response the handler left open; (connection usable, must close),
/// and the connection's write buffer back.
pub(super) fn finish(resp: &Zval, out: &mut Vec<u8>) -> (bool, bool) {
    let Some(o) = resp.object() else {
        return (false, true);
    };
    let p = o as *const _ as *mut ext_php_rs::ffi::zend_object;
    // SAFETY: resp is a ResponseObj.
    let data = unsafe { &(*super::super::object::from_obj::<ResponseObj>(p)).data };
    if data.st.borrow().as_ref().is_some_and(|s| s.detached) {
        // Answered later by whoever holds it: the connection goes on.
        return (true, false);
    }
    if data.st.borrow().as_ref().is_some_and(|s| !s.ended) {
        end_response(data, &[]);
    }
    let mut st = data.st.borrow_mut();
    match st.as_mut() {
        Some(s) => {
            *out = std::mem::take(&mut s.out);
            let close = s
                .head
                .get(b"connection")
                .is_some_and(|v| v.eq_ignore_ascii_case(b"close"));
            (!s.broken, close)
        }
        None => (false, true),
    }
}

/// Headers the handler put in `$response->header` itself (TechEmpower's
/// `$response->header['Content-Type'] = …`), as Swoole sends them: each
/// replaces earlier lines of its name; an array value gives one line per
/// element; names are used as written; a bad line is skipped.
fn apply_header_prop(data: &ResponseObj, head: &mut ResponseHead) {
    let obj = super::super::object::obj_of(data);
    // SAFETY: a Response object: slot 2 is its declared `header` property.
    let prop = unsafe { &*(super::super::object::prop_slot(obj, 2) as *const Zval) };
    let Some(arr) = prop.dereference().array() else {
        return;
    };
    for (k, v) in arr.iter() {
        let name = match k {
            ext_php_rs::types::ArrayKey::Long(i) => i.to_string().into_bytes(),
            ext_php_rs::types::ArrayKey::String(s) => s.into_bytes(),
            ext_php_rs::types::ArrayKey::Str(s) => s.as_bytes().to_vec(),
            ext_php_rs::types::ArrayKey::ZendString(s) => s.as_bytes().to_vec(),
        };
        let values: Vec<Vec<u8>> = match v.array() {
            Some(list) => list.values().filter_map(header_bytes).collect(),
            None => header_bytes(v).into_iter().collect(),
        };
        if values
            .iter()
            .any(|v| !http::response::valid_header(&name, v))
        {
            continue;
        }
        head.remove(&name);
        for v in &values {
            head.add(&name, v);
        }
    }
}

/// Appends a Set-Cookie line to `$response->cookie`: Swoole keeps the lines
/// there and builds the head from the property, so a handler may read,
/// replace or extend them (FastCGI's Proxy assigns php-fpm's lines).
fn push_cookie_line(data: &ResponseObj, line: &str) {
    let obj = super::super::object::obj_of(data);
    // SAFETY: a Response object: slot 3 is its declared `cookie` property.
    let prop = unsafe { &mut *(super::super::object::prop_slot(obj, 3) as *mut Zval) };
    let prop = prop.dereference_mut();
    // A new array rather than a write into one the script may share.
    let mut lines = match prop.array() {
        Some(old) => super::super::zarray::copy_of(old),
        None => ext_php_rs::types::ZendHashTable::new(),
    };
    let _ = lines.push(line);
    prop.set_hashtable(lines);
}

/// The lines in `$response->cookie` as Set-Cookie headers, after the
/// handler's own headers (Swoole's order); values that are not strings or
/// hold a CR or LF are skipped, as Swoole skips them.
fn apply_cookie_prop(data: &ResponseObj, head: &mut ResponseHead) {
    let obj = super::super::object::obj_of(data);
    // SAFETY: a Response object: slot 3 is its declared `cookie` property.
    let prop = unsafe { &*(super::super::object::prop_slot(obj, 3) as *const Zval) };
    let Some(arr) = prop.dereference().array() else {
        return;
    };
    for v in arr.values() {
        if let Some(s) = v.zend_str() {
            let b = s.as_bytes();
            if !b.contains(&b'\r') && !b.contains(&b'\n') {
                head.add(b"Set-Cookie", b);
            }
        }
    }
}

/// A header value as bytes (scalars converted as PHP converts them).
fn header_bytes(v: &Zval) -> Option<Vec<u8>> {
    match v.zend_str() {
        Some(s) => Some(s.as_bytes().to_vec()),
        None => v.coerce_to_string().map(String::into_bytes),
    }
}

/// Serialises with `fill` into the response's buffer and writes it out; a
/// failed write marks the response broken. False when it was not writable.
fn send(data: &ResponseObj, fill: impl FnOnce(&mut RespState, &mut Vec<u8>)) -> bool {
    let (fd, session, mut out) = {
        let mut g = data.st.borrow_mut();
        let Some(s) = g.as_mut() else { return false };
        if s.ended || s.broken {
            return false;
        }
        let mut out = std::mem::take(&mut s.out);
        out.clear();
        if !s.head_sent {
            apply_header_prop(data, &mut s.head);
            apply_cookie_prop(data, &mut s.head);
        }
        fill(s, &mut out);
        (s.fd, s.session, out)
    };
    // No borrow is held while the write waits for the socket.
    let ok = match session {
        Some(sid) => super::send_to_session(sid, &out),
        None => write_all(fd, &out).is_ok(),
    };
    if let Some(s) = data.st.borrow_mut().as_mut() {
        s.broken |= !ok;
        out.clear();
        s.out = out;
    }
    ok
}

/// Sends the rest of a response (head + body, or the last chunks).
fn end_response(data: &ResponseObj, body: &[u8]) -> bool {
    send(data, |s, out| {
        s.ended = true;
        if s.head_sent {
            if !body.is_empty() {
                chunk(body, out);
            }
            if s.trailers.is_empty() {
                chunk(b"", out);
            } else {
                out.extend_from_slice(b"0\r\n");
                for (k, v) in &s.trailers {
                    out.extend_from_slice(k);
                    out.extend_from_slice(b": ");
                    out.extend_from_slice(v);
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(b"\r\n");
            }
        } else {
            let packed = s
                .compress
                .take()
                .and_then(|c| compressed(&mut s.head, &c, body));
            let body: &[u8] = packed.as_deref().unwrap_or(body);
            drop_empty_encoding(&mut s.head);
            if s.head.status == 101 {
                if let Some(ext) = s.upgrade_extension {
                    if s.head.get(b"sec-websocket-extensions").is_none() {
                        s.head.set(b"Sec-WebSocket-Extensions", ext.as_bytes());
                    }
                }
            }
            // As Swoole: a HEAD response without a body says nothing of its length.
            let len = if s.head_only && body.is_empty() {
                http::response::Length::Omitted
            } else {
                http::response::Length::Known(body.len())
            };
            s.head.write_with(len, s.keep_alive, out);
            if !s.head_only {
                out.extend_from_slice(body);
            }
            s.head_sent = true;
        }
    })
}

/// An empty Content-Encoding only said "do not compress": as Swoole, it
/// is not sent.
fn drop_empty_encoding(head: &mut ResponseHead) {
    if head.get(b"content-encoding").is_some_and(<[u8]>::is_empty) {
        head.remove(b"Content-Encoding");
    }
}

/// The body compressed as `c` allows (and its Content-Encoding set), if it
/// is to be: long enough, of a listed type, not already encoded.
fn compressed(head: &mut ResponseHead, c: &Compress, body: &[u8]) -> Option<Vec<u8>> {
    if body.len() < c.min_length.max(1) || head.get(b"content-encoding").is_some() {
        return None;
    }
    if let Some(types) = &c.types {
        let ct = head.get(b"content-type").unwrap_or(b"text/html");
        let ct = ct
            .split(|&b| b == b';')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        if !types.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(ct)) {
            return None;
        }
    }
    let z = http::compress::encode(c.enc, c.level, body)?;
    head.set(b"Content-Encoding", c.enc.name().as_bytes());
    Some(z)
}

fn resp_of(ex: &ExecuteData) -> Option<&'static ResponseObj> {
    this::<ResponseObj>(ex)
}

/// The connection `$this` (a Response) answers on.
pub(super) fn fd_of(ex: &ExecuteData) -> Option<RawFd> {
    resp_of(ex).and_then(|r| r.st.borrow().as_ref().map(|s| s.fd))
}

/// True while the response can still be written; else, as Swoole, false
/// with no warning and `swoole_last_error()` = HTTP_CONTEXT_UNAVAILABLE.
fn writable(r: &ResponseObj) -> bool {
    let ok =
        r.st.borrow()
            .as_ref()
            .is_some_and(|s| !s.ended && !s.broken);
    if !ok {
        crate::php::swoole_error::set_last_error(crate::swerr::HTTP_CONTEXT_UNAVAILABLE);
    }
    ok
}

handler!(
    /// `status(int $code, string $reason = ''): bool`.
    resp_status(ex, rv) {
        let Ok(code) = args::long(ex, 0, "Corust\\Http\\Response::status", "http_code", None) else { return };
        let reason = args::get(ex, 1).and_then(|z| z.string()).unwrap_or_default();
        let Some(r) = resp_of(ex) else { return };
        if !writable(r) { ret_bool(rv, false); return; }
        if let Some(s) = r.st.borrow_mut().as_mut() {
            if s.head_sent { ret_bool(rv, false); return; }
            s.head.status = code.clamp(100, 999) as u16;
            s.head.reason = reason;
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `header(string $key, string|array $value, bool $format = true): bool`;
    /// `$format` writes the name as `Content-Type` whatever its case; an
    /// array gives one header line per value (PSR-7 emitters pass arrays),
    /// replacing earlier lines of that name.
    resp_header(ex, rv) {
        if args::need(ex, 2, "Corust\\Http\\Response::header").is_err() { return; }
        let format = args::get(ex, 2).is_none_or(|z| z.coerce_to_bool());
        let k = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let values: Vec<Vec<u8>> = match args::get(ex, 1).and_then(|z| z.array()) {
            Some(arr) => arr
                .values()
                .map(|v| v.zend_str().map(|s| s.as_bytes().to_vec()).or_else(|| v.coerce_to_string().map(String::into_bytes)).unwrap_or_default())
                .collect(),
            None => vec![args::bytes(ex, 1).unwrap_or_default().into_owned()],
        };
        let Some(r) = resp_of(ex) else { return };
        if values.is_empty() || values.iter().any(|v| !http::response::valid_header(&k, v)) {
            warn_docref(E_WARNING, "invalid header name or value");
            ret_bool(rv, false);
            return;
        }
        if !writable(r) { ret_bool(rv, false); return; }
        if let Some(s) = r.st.borrow_mut().as_mut() {
            s.head.remove(&k);
            for v in &values {
                if format {
                    s.head.add_formatted(&k, v);
                } else {
                    s.head.add(&k, v);
                }
            }
        }
        ret_bool(rv, true);
    }
);

/// Bytes a cookie's name, raw value or attribute may not hold (Swoole's).
const ILLEGAL_COOKIE: &[char] = &[',', ';', ' ', '\t', '\r', '\n', '\x0b', '\x0c'];
const ILLEGAL_COOKIE_PRINT: &str =
    "\",\", \";\", \" \", \"\\t\", \"\\r\", \"\\n\", \"\\013\", or \"\\014\"";

/// A cookie's fields, as `cookie()` takes them or a `Swoole\Http\Cookie`
/// holds them.
#[derive(Debug, Clone, Default)]
pub struct CookieSpec {
    pub name: String,
    pub value: String,
    pub expires: i64,
    pub path: String,
    pub domain: String,
    pub secure: bool,
    pub httponly: bool,
    pub samesite: String,
    pub priority: String,
    pub partitioned: bool,
    /// Url-encode the value (`cookie()`; not `rawcookie()`).
    pub encode: bool,
}

impl CookieSpec {
    /// The Set-Cookie value as Swoole writes it, or Swoole's warning text.
    pub fn line(&self) -> Result<String, String> {
        let c = self;
        if c.name.is_empty() {
            return Err("The name cannot be empty".into());
        }
        if c.name.contains('=') || c.name.contains(ILLEGAL_COOKIE) {
            return Err(format!(
                "The name cannot contain \"=\", {ILLEGAL_COOKIE_PRINT}"
            ));
        }
        if !c.encode && c.value.contains(ILLEGAL_COOKIE) {
            return Err(format!("The value cannot contain {ILLEGAL_COOKIE_PRINT}"));
        }
        if c.path.contains(ILLEGAL_COOKIE) {
            return Err(format!(
                "The path option cannot contain {ILLEGAL_COOKIE_PRINT}"
            ));
        }
        if c.domain.contains(ILLEGAL_COOKIE) {
            return Err(format!(
                "The domain option cannot contain {ILLEGAL_COOKIE_PRINT}"
            ));
        }
        if c.expires >= 253_402_300_800 {
            return Err("The expires cannot have a year greater than 9999".into());
        }
        let mut out = format!("{}=", c.name);
        if c.value.is_empty() {
            out.push_str("deleted; expires=");
            out.push_str(std::str::from_utf8(&http::date::cookie_format(1)).unwrap_or_default());
            out.push_str("; Max-Age=0");
        } else {
            if c.encode {
                for b in c.value.bytes() {
                    if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                        out.push(b as char)
                    } else if b == b' ' {
                        out.push('+')
                    } else {
                        out.push_str(&format!("%{b:02X}"))
                    }
                }
            } else {
                out.push_str(&c.value);
            }
            if c.expires > 0 {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or(0);
                out.push_str("; expires=");
                out.push_str(
                    std::str::from_utf8(&http::date::cookie_format(c.expires as u64))
                        .unwrap_or_default(),
                );
                out.push_str(&format!("; Max-Age={}", (c.expires - now).max(0)));
            }
        }
        if !c.path.is_empty() {
            out.push_str(&format!("; path={}", c.path));
        }
        if !c.domain.is_empty() {
            out.push_str(&format!("; domain={}", c.domain));
        }
        if c.secure {
            out.push_str("; secure");
        }
        if c.httponly {
            out.push_str("; HttpOnly");
        }
        if !c.samesite.is_empty() {
            out.push_str(&format!("; SameSite={}", c.samesite));
        }
        if !c.priority.is_empty() {
            out.push_str(&format!("; Priority={}", c.priority));
        }
        if c.partitioned {
            out.push_str("; Partitioned");
        }
        Ok(out)
    }
}

/// `cookie()`/`rawcookie()` (and `setCookie`/`setRawCookie`): a
/// Set-Cookie line as Swoole writes it; `encode` url-encodes the value.
/// The first argument may be a `Swoole\Http\Cookie` instead.
fn set_cookie(ex: &mut ExecuteData, rv: &mut Zval, encode: bool) {
    let f = if encode {
        "Swoole\\Http\\Response::cookie"
    } else {
        "Swoole\\Http\\Response::rawcookie"
    };
    if args::need(ex, 1, f).is_err() {
        return;
    }
    let s = |ex: &mut ExecuteData, i: usize| {
        args::get(ex, i)
            .and_then(|z| z.coerce_to_string())
            .unwrap_or_default()
    };
    let object = args::get(ex, 0).and_then(|z| super::cookie_obj::spec_of(z));
    let spec = match object {
        Some(c) => c,
        None => {
            if args::get(ex, 0).is_some_and(|z| z.string().is_none()) {
                warn_docref(
                    E_WARNING,
                    "The first argument must be a string or an cookie object",
                );
                ret_bool(rv, false);
                return;
            }
            let Ok(expires) = args::long(ex, 2, f, "expires", Some(0)) else {
                return;
            };
            CookieSpec {
                name: s(ex, 0),
                value: s(ex, 1),
                expires,
                path: s(ex, 3),
                domain: s(ex, 4),
                secure: args::get(ex, 5).is_some_and(|z| z.coerce_to_bool()),
                httponly: args::get(ex, 6).is_some_and(|z| z.coerce_to_bool()),
                samesite: s(ex, 7),
                priority: s(ex, 8),
                partitioned: args::get(ex, 9).is_some_and(|z| z.coerce_to_bool()),
                encode,
            }
        }
    };
    let Some(r) = resp_of(ex) else { return };
    let line = match spec.line() {
        Ok(l) => l,
        Err(w) => {
            warn_docref(E_WARNING, &w);
            ret_bool(rv, false);
            return;
        }
    };
    if !writable(r) {
        ret_bool(rv, false);
        return;
    }
    push_cookie_line(r, &line);
    ret_bool(rv, true);
}

handler!(
    /// `cookie(string $name, string $value = '', int $expires = 0, string $path = '/', string $domain = '',
    /// bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool`.
    resp_cookie(ex, rv) {
        set_cookie(ex, rv, true);
    }
);

handler!(
    /// `rawcookie(...)`: as `cookie()`, the value sent as given.
    resp_rawcookie(ex, rv) {
        set_cookie(ex, rv, false);
    }
);

handler!(
    /// `trailer(string $key, string $value): bool` — sent after the last
    /// chunk of a chunked response (`write()`), as Swoole's.
    resp_trailer(ex, rv) {
        if args::need(ex, 2, "Swoole\\Http\\Response::trailer").is_err() { return; }
        let k = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let v = args::bytes(ex, 1).unwrap_or_default().into_owned();
        let Some(r) = resp_of(ex) else { return };
        if !http::response::valid_header(&k, &v) {
            warn_docref(E_WARNING, "invalid header name or value");
            ret_bool(rv, false);
            return;
        }
        if !writable(r) { ret_bool(rv, false); return; }
        // Swoole sends trailer names in lower case.
        if let Some(s) = r.st.borrow_mut().as_mut() {
            s.trailers.push((k.to_ascii_lowercase(), v));
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `write(string $data): bool` — sends a chunk (chunked encoding).
    resp_write(ex, rv) {
        if args::need(ex, 1, "Corust\\Http\\Response::write").is_err() { return; }
        let data = args::bytes(ex, 0).unwrap_or_default();
        let Some(r) = resp_of(ex) else { return };
        if !writable(r) { ret_bool(rv, false); return; }
        let ok = send(r, |s, out| {
            if !s.head_sent {
                drop_empty_encoding(&mut s.head);
                s.head.write(None, s.keep_alive, out);
                s.head_sent = true;
            }
            if !data.is_empty() {
                chunk(&data, out);
            }
        });
        ret_bool(rv, ok);
    }
);

handler!(
    /// `end(?string $content = null): bool`.
    resp_end(ex, rv) {
        let body = args::bytes(ex, 0).unwrap_or_default();
        let Some(r) = resp_of(ex) else { return };
        if !writable(r) { ret_bool(rv, false); return; }
        ret_bool(rv, end_response(r, &body));
    }
);

handler!(
    /// `redirect(string $location, int $http_code = 302): bool`.
    resp_redirect(ex, rv) {
        if args::need(ex, 1, "Corust\\Http\\Response::redirect").is_err() { return; }
        let url = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default();
        let Ok(code) = args::long(ex, 1, "Corust\\Http\\Response::redirect", "http_code", Some(302)) else { return };
        let Some(r) = resp_of(ex) else { return };
        if !http::response::valid_header(b"Location", url.as_bytes()) {
            warn_docref(E_WARNING, "invalid location (CR or LF)");
            ret_bool(rv, false);
            return;
        }
        if !writable(r) { ret_bool(rv, false); return; }
        if let Some(s) = r.st.borrow_mut().as_mut() {
            s.head.status = code.clamp(300, 399) as u16;
            s.head.set(b"Location", url.as_bytes());
        }
        ret_bool(rv, end_response(r, b""));
    }
);

/// Streams `len` bytes of `file` from `offset` to the socket (sendfile(2)
/// in the clear), waiting in the reactor when the socket is full.
pub(super) fn send_file_body(fd: RawFd, file: &std::fs::File, offset: u64, len: u64) -> bool {
    super::io::send_file(fd, file, offset, len)
}

handler!(
    /// `sendfile(string $filename, int $offset = 0, int $length = 0): bool` —
    /// the file as the whole body (`Content-Type` from its extension unless
    /// set), sent with sendfile(2).
    resp_sendfile(ex, rv) {
        let f = "Corust\\Http\\Response::sendfile";
        if args::need(ex, 1, f).is_err() { return; }
        let name = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let Ok(offset) = args::long(ex, 1, f, "offset", Some(0)) else { return };
        let Ok(length) = args::long(ex, 2, f, "length", Some(0)) else { return };
        let Some(r) = resp_of(ex) else { return };
        if !writable(r) { ret_bool(rv, false); return; }
        if r.st.borrow().as_ref().is_some_and(|s| s.head_sent) {
            warn_docref(E_WARNING, "can't use sendfile when HTTP chunk is enabled");
            ret_bool(rv, false);
            return;
        }
        let path = String::from_utf8_lossy(&name).into_owned();
        let opened = std::fs::File::open(&path).and_then(|file| {
            let m = file.metadata()?;
            if m.is_dir() { return Err(std::io::ErrorKind::IsADirectory.into()); }
            Ok((file, m.len()))
        });
        let (file, size) = match opened {
            Ok(x) => x,
            Err(e) => {
                let e = os_error_text(&e);
                warn_docref(E_WARNING, &format!("file[{path}] cannot be sent: {e}"));
                ret_bool(rv, false);
                return;
            }
        };
        if offset < 0 || length < 0 || offset as u64 > size {
            warn_docref(E_WARNING, &format!("offset {offset} or length {length} is out of the file's {size} bytes"));
            ret_bool(rv, false);
            return;
        }
        let rest = size - offset as u64;
        let len = if length == 0 { rest } else { (length as u64).min(rest) };
        let mut head_only = false;
        let mut fd = -1;
        let ok = send(r, |s, out| {
            if s.head.get(b"content-type").is_none() {
                s.head.set(b"Content-Type", http::mime::for_path(&path).as_bytes());
            }
            s.head.write(Some(len as usize), s.keep_alive, out);
            s.head_sent = true;
            s.ended = true;
            head_only = s.head_only;
            fd = s.fd;
        });
        let ok = ok && (head_only || send_file_body(fd, &file, offset as u64, len));
        if !ok {
            if let Some(s) = r.st.borrow_mut().as_mut() { s.broken = true; }
        }
        ret_bool(rv, ok);
    }
);

handler!(
    /// `isWritable(): bool`.
    resp_is_writable(ex, rv) {
        let ok = resp_of(ex).is_some_and(|r| r.st.borrow().as_ref().is_some_and(|s| !s.ended && !s.broken));
        ret_bool(rv, ok);
    }
);

handler!(
    /// `detach(): bool` — the request's end no longer ends this response;
    /// it is answered later (by this object, or by `Response::create()` for
    /// its session, from any worker or a task worker).
    resp_detach(ex, rv) {
        let Some(r) = resp_of(ex) else { ret_bool(rv, false); return };
        let mut g = r.st.borrow_mut();
        match g.as_mut() {
            Some(s) if !s.ended => {
                s.detached = true;
                ret_bool(rv, true);
            }
            _ => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `Response::create(object|array|int $server = -1, int $fd = -1): Response|false`
    /// — a response for a session of the running server (`$server, $fd`,
    /// or just the session id): its output goes through the server's `send`,
    /// so any worker or task worker may answer a request another worker
    /// detached; or a `Coroutine\Socket` (also as `[$socket, $request]`),
    /// which it writes to.
    resp_create(ex, rv) {
        let f = "Swoole\\Http\\Response::create";
        let Some(mut first) = args::get(ex, 0).map(|z| z.shallow_clone()) else { ret_bool(rv, false); return };
        // `[$server_or_socket, $request]`: the request must be a Request.
        if let Some(pair) = first.array() {
            let req_ok = pair.get_index(1).and_then(|r| r.object()).and_then(|o| o.get_class_name().ok()).is_some_and(|n| n.ends_with("Http\\Request"));
            if !req_ok {
                warn_docref(E_WARNING, "parameter $1.second must be instanceof Http\\Request");
                ret_bool(rv, false);
                return;
            }
            let Some(o) = pair.get_index(0).map(|z| z.shallow_clone()) else { ret_bool(rv, false); return };
            first = o;
        }
        let Ok(fd) = args::long(ex, 1, f, "fd", Some(-1)) else { return };
        // A Coroutine\Socket (a request parsed with Request::create over a
        // Coroutine\Server connection): the response writes to it.
        if let Some(sock) = super::super::object::native_of::<super::super::net::socket::SocketObj>(&first).and_then(|s| s.socket()) {
            *rv = new_response(sock.fd(), true, false, Vec::new(), None);
            return;
        }
        let sid = match first.long() {
            Some(n) if first.object().is_none() => n,
            _ => {
                let is_server = first.object().is_some_and(|o| {
                    o.get_class_name().is_ok_and(|_| super::server_obj_of(&first).is_some())
                });
                if !is_server {
                    warn_docref(E_WARNING, "parameter $1 must be instanceof Server or Coroutine\\Socket");
                    ret_bool(rv, false);
                    return;
                }
                fd
            }
        };
        if !super::session_known(sid) {
            warn_docref(E_WARNING, &format!("parameter $2 ({sid}) must be valid connection session_id"));
            ret_bool(rv, false);
            return;
        }
        *rv = new_session_response(sid);
    }
);

/// `Swoole\Http\Response`'s declarations (Swoole 6.2.2), for the methods corust has.
pub const SIGNATURES: &[&str] = &[
    "detach(): bool",
    "create(object|array|int $server = -1, int $fd = -1): Swoole\\Http\\Response|false",
    "write(string $content): bool",
    "end(?string $content = null): bool",
    "sendfile(string $filename, int $offset = 0, int $length = 0): bool",
    "redirect(string $location, int $http_code = 302): bool",
    "cookie(Swoole\\Http\\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool",
    "header(string $key, string|array $value, bool $format = true): bool",
    "isWritable(): bool",
    "upgrade(): bool",
    "recv(float $timeout = 0): \\Swoole\\WebSocket\\Frame|false|string",
    "push(\\Swoole\\WebSocket\\Frame|string $data, int $opcode = SWOOLE_WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool",
    "ping(string $data = ''): bool",
    "close(): bool",
    "disconnect(int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ''): bool",
    "status(int $http_code, string $reason = ''): bool",
    "rawcookie(Swoole\\Http\\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool",
    "setCookie(Swoole\\Http\\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool",
    "setRawCookie(Swoole\\Http\\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool",
    "setStatusCode(int $http_code, string $reason = ''): bool",
    "setHeader(string $key, string|array $value, bool $format = true): bool",
    "trailer(string $key, string $value): bool",
];

fn data_of(resp: &Zval) -> Option<&'static ResponseObj> {
    super::super::object::native_of::<ResponseObj>(resp)
}

/// The status a response has (or was sent with).
pub(super) fn status_of(resp: &Zval) -> u16 {
    data_of(resp)
        .and_then(|d| d.st.borrow().as_ref().map(|s| s.head.status))
        .unwrap_or(0)
}

/// True once the response went out (`end()` or the handshake's).
pub(super) fn is_ended(resp: &Zval) -> bool {
    data_of(resp).is_some_and(|d| d.st.borrow().as_ref().is_some_and(|s| s.ended))
}

/// Makes `resp` the WebSocket handshake's answer: 101 with its headers,
/// which `beforeHandshakeResponse` may still change before it is sent.
/// A 101 this response ends with (a `handshake` callback's) carries
/// `value` as its Sec-WebSocket-Extensions unless the callback set one.
pub(super) fn offer_upgrade_extension(resp: &Zval, value: &'static str) {
    if let Some(d) = data_of(resp) {
        if let Some(s) = d.st.borrow_mut().as_mut() {
            s.upgrade_extension = Some(value);
        }
    }
}

/// The response's Sec-WebSocket-Extensions header, as sent.
pub(super) fn extensions_of(resp: &Zval) -> Option<Vec<u8>> {
    let d = data_of(resp)?;
    let g = d.st.borrow();
    g.as_ref()?
        .head
        .get(b"sec-websocket-extensions")
        .map(<[u8]>::to_vec)
}

pub(super) fn set_upgrade(resp: &Zval, headers: &[(&[u8], &[u8])]) {
    if let Some(d) = data_of(resp) {
        if let Some(s) = d.st.borrow_mut().as_mut() {
            s.head.status = 101;
            for (k, v) in headers {
                s.head.set(k, v);
            }
        }
    }
}
