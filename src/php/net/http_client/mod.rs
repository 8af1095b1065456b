//! `Swoole\Coroutine\Http\Client`: HTTP/1.1 requests whose waits yield the
//! coroutine, keep-alive between them, downloads to a file, uploads from
//! files, and WebSocket after `upgrade()`. The wire work is `http::client`
//! (requests written, responses read) and `http::websocket`; this module
//! keeps Swoole's object model: everything a request uses and a response
//! gives is a public property (`requestHeaders`, `statusCode`, `body`…).
//!
//! Split: here the object, its properties and the setters; `exec` the
//! request/response cycle; `ws` the WebSocket calls.

mod exec;
mod ws;

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::{zend_object, zend_object_handlers};
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool};
use super::super::error::warn_docref;
use super::super::object::{native_of, this, this_obj, Native};
use super::super::value::{zval_long, Callback};
use super::super::zarray::str_zval;
use super::err_text;
use super::socket::SocketObj;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Coroutine\Http\Client\Exception`, set at MINIT.
pub static EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order (Swoole's).
pub const PROPS: [&str; 19] = [
    "socket",
    "errCode",
    "errMsg",
    "connected",
    "host",
    "port",
    "ssl",
    "setting",
    "requestMethod",
    "requestHeaders",
    "requestBody",
    "uploadFiles",
    "downloadFile",
    "downloadOffset",
    "statusCode",
    "headers",
    "set_cookie_headers",
    "cookies",
    "body",
];

const P_SOCKET: usize = 0;
const P_ERRCODE: usize = 1;
const P_ERRMSG: usize = 2;
const P_CONNECTED: usize = 3;
const P_HOST: usize = 4;
const P_PORT: usize = 5;
const P_SSL: usize = 6;
const P_SETTING: usize = 7;
const P_METHOD: usize = 8;
const P_REQ_HEADERS: usize = 9;
const P_REQ_BODY: usize = 10;
const P_UPLOAD: usize = 11;
const P_DL_FILE: usize = 12;
const P_DL_OFFSET: usize = 13;
const P_STATUS: usize = 14;
const P_HEADERS: usize = 15;
const P_SET_COOKIE: usize = 16;
const P_COOKIES: usize = 17;
const P_BODY: usize = 18;

/// `SWOOLE_HTTP_CLIENT_ESTATUS_*`: statusCode when there is no response.
pub const ESTATUS_CONNECT_FAILED: i64 = -1;
/// The response did not come in time.
pub const ESTATUS_REQUEST_TIMEOUT: i64 = -2;
/// The connection broke (or the response was not HTTP).
pub const ESTATUS_SERVER_RESET: i64 = -3;
/// The request could not be sent.
pub const ESTATUS_SEND_FAILED: i64 = -4;

const E_WARNING: i32 = 2;

/// Settings the client itself reads (the socket ones go to the socket).
#[derive(Debug, Clone)]
struct Cfg {
    connect_timeout: f64,
    /// `timeout`: the whole response's.
    response_timeout: f64,
    max_retries: u8,
    defer: bool,
    lowercase_header: bool,
    keep_alive: bool,
    http_compression: bool,
    body_decompression: bool,
    ws_mask: bool,
    ws_compression: bool,
    open_close_frame: bool,
    open_ping_frame: bool,
    open_pong_frame: bool,
}

impl Default for Cfg {
    fn default() -> Self {
        Cfg {
            connect_timeout: 0.0,
            response_timeout: 0.0,
            max_retries: 0,
            defer: false,
            lowercase_header: true,
            keep_alive: true,
            http_compression: true,
            body_decompression: true,
            ws_mask: true,
            ws_compression: false,
            open_close_frame: false,
            open_ping_frame: false,
            open_pong_frame: false,
        }
    }
}

/// Rust side of a Client.
#[derive(Default)]
pub struct HttpObj {
    /// Host to connect to (a unix path for `unix:/…`).
    host: RefCell<String>,
    port: Cell<u16>,
    /// The port was not given (80/443 are then left out of `Host`).
    default_port: Cell<bool>,
    ssl: Cell<bool>,
    domain: Cell<i32>,
    cfg: RefCell<Cfg>,
    write_func: RefCell<Option<Callback>>,
    basic_auth: RefCell<Option<String>>,
    /// The Socket object while connected.
    socket: RefCell<Option<Zval>>,
    /// A request was sent and its response not read yet (defer).
    wait_response: Cell<bool>,
    /// The last request was HEAD.
    head_request: Cell<bool>,
    /// Upgraded to WebSocket.
    websocket: Cell<bool>,
    /// The server agreed to permessage-deflate.
    ws_deflate: Cell<bool>,
    /// Bytes read past the last response (frames after a 101).
    rbuf: RefCell<Vec<u8>>,
    /// A fragmented WebSocket message so far.
    ws_reader: RefCell<Option<crate::http::websocket::Reader>>,
    /// The last request's head, for getHeaderOut.
    header_out: RefCell<Option<Vec<u8>>>,
    /// The read buffer, kept between requests (taken out while reading).
    chunk: RefCell<Vec<u8>>,
    /// Inside write_func: close() waits for the read to end.
    in_callback: Cell<bool>,
    close_wait: Cell<bool>,
    /// The name resolvers' context of the current request (its cluster).
    resolve: crate::php::name_resolver::ResolveCtx,
}

impl HttpObj {
    /// A 64 KiB read buffer: this client's own, allocated once.
    fn take_chunk(&self) -> Vec<u8> {
        let mut c = std::mem::take(&mut *self.chunk.borrow_mut());
        if c.len() != 65536 {
            c = vec![0u8; 65536];
        }
        c
    }

    fn put_chunk(&self, c: Vec<u8>) {
        *self.chunk.borrow_mut() = c;
    }
}

impl Native for HttpObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

impl Drop for HttpObj {
    fn drop(&mut self) {
        if let Some(z) = self.socket.get_mut().take() {
            if let Some(s) = native_of::<SocketObj>(&z) {
                s.close();
            }
        }
    }
}

/// `$this` of a call: the object and its Rust side.
#[derive(Clone, Copy)]
struct Me {
    obj: *mut zend_object,
    o: &'static HttpObj,
}

impl Me {
    fn of(ex: &ExecuteData) -> Option<Me> {
        Some(Me {
            o: this::<HttpObj>(ex)?,
            obj: this_obj(ex),
        })
    }

    fn get(&self, n: usize) -> &'static Zval {
        // SAFETY: our own object's declared property slot n < PROPS.len();
        // the object outlives the call that reads it.
        unsafe { (*(super::super::object::prop_slot(self.obj, n) as *const Zval)).dereference() }
    }

    fn set(&self, n: usize, v: Zval) {
        // SAFETY: as in `get`; the old value is released as it is replaced.
        let slot = unsafe { &mut *(super::super::object::prop_slot(self.obj, n) as *mut Zval) };
        *slot.dereference_mut() = v;
    }

    fn set_bool(&self, n: usize, b: bool) {
        let mut z = Zval::new();
        z.set_bool(b);
        self.set(n, z);
    }

    fn set_null(&self, n: usize) {
        self.set(n, Zval::new());
    }

    /// errCode/errMsg (the system's or Swoole's text).
    fn set_err(&self, code: i32) {
        self.set_err_msg(code, &err_text(code));
    }

    fn set_err_msg(&self, code: i32, msg: &str) {
        self.set(P_ERRCODE, zval_long(i64::from(code)));
        self.set(P_ERRMSG, str_zval(msg.as_bytes()));
    }

    /// errCode/errMsg and statusCode together (Swoole's set_error).
    fn fail(&self, code: i32, status: i64) {
        self.set_err(code);
        self.set(P_STATUS, zval_long(status));
    }

    /// The Socket object's Rust side, while connected.
    fn sock(&self) -> Option<(&'static SocketObj, std::rc::Rc<crate::rt::net::Socket>)> {
        let s = self
            .o
            .socket
            .borrow()
            .as_ref()
            .and_then(native_of::<SocketObj>)?;
        s.socket().map(|k| (s, k))
    }

    /// Connected, else errCode SW_ERROR_CLIENT_NO_CONNECTION.
    fn available(&self) -> bool {
        if self.sock().is_some() {
            return true;
        }
        self.set_err(crate::swerr::CLIENT_NO_CONNECTION as i32);
        false
    }
}

fn bytes_of(v: &Zval) -> Vec<u8> {
    match v.zend_str() {
        Some(s) => s.as_bytes().to_vec(),
        None if v.array().is_some() => b"Array".to_vec(),
        None => v
            .coerce_to_string()
            .map(String::into_bytes)
            .unwrap_or_default(),
    }
}

fn num(v: &Zval) -> f64 {
    v.double()
        .or_else(|| v.long().map(|l| l as f64))
        .or_else(|| v.str().and_then(|s| s.trim().parse().ok()))
        .unwrap_or(0.0)
}

/// Reads the client's own settings from `ht` into the config.
fn apply_settings(me: Me, ht: &ZendHashTable) {
    let mut c = me.o.cfg.borrow_mut();
    let flag = |k: &str, d: &mut bool| {
        if let Some(v) = ht.get(k) {
            *d = v.coerce_to_bool();
        }
    };
    if let Some(v) = ht.get("connect_timeout") {
        c.connect_timeout = num(v);
    }
    if let Some(v) = ht.get("timeout") {
        c.response_timeout = num(v);
    }
    if let Some(v) = ht.get("max_retries") {
        c.max_retries = v.long().unwrap_or(0).clamp(0, 255) as u8;
    }
    flag("defer", &mut c.defer);
    flag("lowercase_header", &mut c.lowercase_header);
    flag("keep_alive", &mut c.keep_alive);
    flag("http_compression", &mut c.http_compression);
    flag("body_decompression", &mut c.body_decompression);
    flag("websocket_mask", &mut c.ws_mask);
    flag("websocket_compression", &mut c.ws_compression);
    flag("open_websocket_close_frame", &mut c.open_close_frame);
    flag("open_websocket_ping_frame", &mut c.open_ping_frame);
    flag("open_websocket_pong_frame", &mut c.open_pong_frame);
    drop(c);
    if let Some(f) = ht.get("write_func") {
        *me.o.write_func.borrow_mut() = if f.is_null() {
            None
        } else {
            match Callback::new(f, Vec::new()) {
                Ok(cb) => Some(cb),
                Err(e) => {
                    warn_docref(E_WARNING, &format!("write_func: {e}"));
                    None
                }
            }
        };
    }
}

/// The socket domain and the host to connect to, as Swoole reads a host:
/// `unix:/path` is a unix socket, a host with ':' is IPv6.
fn domain_of(host: &str) -> (i32, String) {
    if let Some(rest) = host.strip_prefix("unix:/") {
        let path = rest.trim_start_matches('/');
        return (libc::AF_UNIX, format!("/{path}"));
    }
    if host.contains(':') {
        return (libc::AF_INET6, host.to_owned());
    }
    (libc::AF_INET, host.to_owned())
}

handler!(
    /// `__construct(string $host, int $port = 0, bool $ssl = false)`.
    construct(ex, _rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::__construct";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| c.into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(ssl) = args::boolean(ex, 2, f, "ssl", false) else { return };
        let Some(me) = Me::of(ex) else { return };
        me.set(P_HOST, str_zval(&host));
        me.set(P_PORT, zval_long(port));
        me.set_bool(P_SSL, ssl);
        if host.is_empty() {
            super::super::error::throw_class(&EXCEPTION_CE, "host is empty", i64::from(libc::EINVAL));
            return;
        }
        let (domain, h) = domain_of(&String::from_utf8_lossy(&host));
        me.o.domain.set(domain);
        *me.o.host.borrow_mut() = h;
        me.o.default_port.set(port == 0);
        let port = if port == 0 { if ssl { 443 } else { 80 } } else { port };
        me.o.port.set(port.clamp(0, 65535) as u16);
        me.o.ssl.set(ssl);
    }
);

handler!(
    /// `__destruct()`.
    destruct(_ex, _rv) {}
);

handler!(
    /// `set(array $settings): bool` — merged into `$setting`.
    set(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::set";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(given) = z.array() else {
            super::super::error::throw_type_error(&format!("{f}(): Argument #1 ($settings) must be of type array, {} given", args::type_name(&z)));
            return;
        };
        let Some(me) = Me::of(ex) else { return };
        if given.is_empty() {
            ret_bool(rv, false);
            return;
        }
        let mz = super::super::zarray::merge_settings(me.get(P_SETTING).array(), given);
        me.set(P_SETTING, mz);
        apply_settings(me, given);
        if let Some((s, k)) = me.sock() {
            super::client::apply(s, &k, given);
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `getDefer(): bool`.
    get_defer(ex, rv) {
        let Some(me) = Me::of(ex) else { return };
        ret_bool(rv, me.o.cfg.borrow().defer);
    }
);

handler!(
    /// `setDefer(bool $defer = true): bool`.
    set_defer(ex, rv) {
        let Ok(d) = args::boolean(ex, 0, "Swoole\\Coroutine\\Http\\Client::setDefer", "defer", true) else { return };
        let Some(me) = Me::of(ex) else { return };
        me.o.cfg.borrow_mut().defer = d;
        ret_bool(rv, true);
    }
);

/// A setter of one property from argument 0 (`want_array`: must be an array).
fn set_prop(
    ex: &mut ExecuteData,
    rv: &mut Zval,
    name: &str,
    pname: &str,
    slot: usize,
    want: Option<&str>,
) {
    let f = format!("Swoole\\Coroutine\\Http\\Client::{name}");
    if args::need(ex, 1, &f).is_err() {
        return;
    }
    let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else {
        return;
    };
    let v = match want {
        Some("array") if z.array().is_none() => {
            super::super::error::throw_type_error(&format!(
                "{f}(): Argument #1 (${pname}) must be of type array, {} given",
                args::type_name(&z)
            ));
            return;
        }
        Some("string") => match args::string(ex, 0, &f, pname) {
            Ok(s) => str_zval(&s),
            Err(()) => return,
        },
        _ => z,
    };
    let Some(me) = Me::of(ex) else { return };
    me.set(slot, v);
    ret_bool(rv, true);
}

handler!(
    /// `setMethod(string $method): bool`.
    set_method(ex, rv) { set_prop(ex, rv, "setMethod", "method", P_METHOD, Some("string")); }
);

handler!(
    /// `setHeaders(array $headers): bool`.
    set_headers(ex, rv) { set_prop(ex, rv, "setHeaders", "headers", P_REQ_HEADERS, Some("array")); }
);

handler!(
    /// `setCookies(array $cookies): bool`.
    set_cookies(ex, rv) { set_prop(ex, rv, "setCookies", "cookies", P_COOKIES, Some("array")); }
);

handler!(
    /// `setData(array|string $data): bool`.
    set_data(ex, rv) { set_prop(ex, rv, "setData", "data", P_REQ_BODY, None); }
);

handler!(
    /// `setBasicAuth(string $username, string $password): void`.
    set_basic_auth(ex, _rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::setBasicAuth";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(user) = args::string(ex, 0, f, "username").map(|c| c.into_owned()) else { return };
        let Ok(pass) = args::string(ex, 1, f, "password").map(|c| c.into_owned()) else { return };
        use base64::Engine as _;
        let mut raw = user;
        raw.push(b':');
        raw.extend_from_slice(&pass);
        let Some(me) = Me::of(ex) else { return };
        *me.o.basic_auth.borrow_mut() =
            Some(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(raw)));
    }
);

/// Appends one entry to `uploadFiles`.
fn add_upload(me: Me, entry: ext_php_rs::boxed::ZBox<ZendHashTable>) -> bool {
    let mut list = ZendHashTable::new();
    if let Some(old) = me.get(P_UPLOAD).array() {
        for (k, v) in old.iter() {
            let _ = list.insert(k, v.shallow_clone());
        }
    }
    let mut e = Zval::new();
    e.set_hashtable(entry);
    let ok = list.push(e).is_ok();
    let mut z = Zval::new();
    z.set_hashtable(list);
    me.set(P_UPLOAD, z);
    ok
}

fn put(ht: &mut ZendHashTable, k: &str, v: Zval) {
    let _ = ht.insert(k, v);
}

fn opt_bytes(ex: &mut ExecuteData, i: usize, f: &str, p: &str) -> Result<Vec<u8>, ()> {
    match args::get(ex, i) {
        None => Ok(Vec::new()),
        Some(z) if z.is_null() => Ok(Vec::new()),
        Some(_) => args::string(ex, i, f, p).map(|c| c.into_owned()),
    }
}

handler!(
    /// `addFile(string $path, string $name, ?string $type = null, ?string $filename = null, int $offset = 0, int $length = 0): bool`.
    add_file(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::addFile";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(path) = args::string(ex, 0, f, "path").map(|c| c.into_owned()) else { return };
        let Ok(name) = args::string(ex, 1, f, "name").map(|c| c.into_owned()) else { return };
        let Ok(mut mime) = opt_bytes(ex, 2, f, "type") else { return };
        let Ok(mut filename) = opt_bytes(ex, 3, f, "filename") else { return };
        let Ok(offset) = args::long(ex, 4, f, "offset", Some(0)) else { return };
        let Ok(length) = args::long(ex, 5, f, "length", Some(0)) else { return };
        let (offset, mut length) = (offset.max(0), length.max(0));
        use std::os::unix::ffi::OsStrExt;
        let p = String::from_utf8_lossy(&path).into_owned();
        let size = match std::fs::metadata(std::ffi::OsStr::from_bytes(&path)) {
            Ok(m) => m.len() as i64,
            Err(e) => {
                warn_docref(E_WARNING, &format!("stat({p}) failed, Error: {}[{}]", super::super::error::os_error_text(&e), e.raw_os_error().unwrap_or(0)));
                ret_bool(rv, false);
                return;
            }
        };
        if size == 0 {
            warn_docref(E_WARNING, &format!("cannot send empty file[{}]", String::from_utf8_lossy(&filename)));
            ret_bool(rv, false);
            return;
        }
        if size <= offset {
            warn_docref(E_WARNING, &format!("parameter $offset[{offset}] exceeds the file size"));
            ret_bool(rv, false);
            return;
        }
        if length > size - offset {
            warn_docref(E_WARNING, &format!("parameter $length[{length}] exceeds the file size"));
            ret_bool(rv, false);
            return;
        }
        if length == 0 {
            length = size - offset;
        }
        if mime.is_empty() {
            mime = crate::http::mime::for_path(&p).as_bytes().to_vec();
        }
        if filename.is_empty() {
            filename = match path.iter().rposition(|&b| b == b'/') {
                Some(i) => path[i + 1..].to_vec(),
                None => path.clone(),
            };
        }
        let Some(me) = Me::of(ex) else { return };
        let mut e = ZendHashTable::new();
        put(&mut e, "path", str_zval(&path));
        put(&mut e, "name", str_zval(&name));
        put(&mut e, "filename", str_zval(&filename));
        put(&mut e, "type", str_zval(&mime));
        put(&mut e, "size", zval_long(length));
        put(&mut e, "offset", zval_long(offset));
        ret_bool(rv, add_upload(me, e));
    }
);

handler!(
    /// `addData(string $path, string $name, ?string $type = null, ?string $filename = null): bool`
    /// — `$path` is the data itself (Swoole's parameter name).
    add_data(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Client::addData";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(data) = args::string(ex, 0, f, "path").map(|c| c.into_owned()) else { return };
        let Ok(name) = args::string(ex, 1, f, "name").map(|c| c.into_owned()) else { return };
        let Ok(mut mime) = opt_bytes(ex, 2, f, "type") else { return };
        let Ok(mut filename) = opt_bytes(ex, 3, f, "filename") else { return };
        if mime.is_empty() {
            mime = b"application/octet-stream".to_vec();
        }
        if filename.is_empty() {
            filename = name.clone();
        }
        let Some(me) = Me::of(ex) else { return };
        let mut e = ZendHashTable::new();
        let n = data.len() as i64;
        put(&mut e, "content", str_zval(&data));
        put(&mut e, "name", str_zval(&name));
        put(&mut e, "filename", str_zval(&filename));
        put(&mut e, "type", str_zval(&mime));
        put(&mut e, "size", zval_long(n));
        ret_bool(rv, add_upload(me, e));
    }
);

/// A getter returning a property as it is.
fn get_prop(ex: &ExecuteData, rv: &mut Zval, slot: usize) {
    if let Some(me) = Me::of(ex) {
        *rv = me.get(slot).shallow_clone();
    }
}

handler!(
    /// `getBody(): false|string`.
    get_body(ex, rv) { get_prop(ex, rv, P_BODY); }
);

handler!(
    /// `getHeaders(): null|array|false`.
    get_headers(ex, rv) { get_prop(ex, rv, P_HEADERS); }
);

handler!(
    /// `getCookies(): null|array|false`.
    get_cookies(ex, rv) { get_prop(ex, rv, P_COOKIES); }
);

handler!(
    /// `getStatusCode(): false|int`.
    get_status_code(ex, rv) { get_prop(ex, rv, P_STATUS); }
);

handler!(
    /// `getHeaderOut(): false|string` — the last request's head, without
    /// its final CRLF CRLF (also after the connection closed).
    get_header_out(ex, rv) {
        let Some(me) = Me::of(ex) else { return };
        let h = me.o.header_out.borrow();
        match h.as_ref().and_then(|b| memchr::memmem::find(b, b"\r\n\r\n").filter(|&i| i > 0).map(|i| &b[..i])) {
            Some(b) => rv.set_binary(b.to_vec()),
            None => ret_bool(rv, false),
        }
    }
);

fn name_impl(ex: &ExecuteData, rv: &mut Zval, peer: bool) {
    let Some(me) = Me::of(ex) else { return };
    let Some((_, s)) = me.sock() else {
        ret_bool(rv, false);
        return;
    };
    match if peer { s.peer_addr() } else { s.local_addr() } {
        Ok(a) => *rv = super::addr_array(&a),
        Err(_) => ret_bool(rv, false),
    }
}

handler!(
    /// `getsockname(): array|false`.
    getsockname(ex, rv) { name_impl(ex, rv, false); }
);

handler!(
    /// `getpeername(): array|false`.
    getpeername(ex, rv) { name_impl(ex, rv, true); }
);

handler!(
    /// `getPeerCert(): false|string` — the server's certificate (PEM) of
    /// an https connection.
    get_peer_cert(ex, rv) {
        let Some(me) = Me::of(ex) else { return };
        match me.sock() {
            Some((_, s)) => match s.tls_peer_cert() {
                Some(pem) => rv.set_binary(pem),
                None => {
                    me.set_err(crate::swerr::SSL_EMPTY_PEER_CERTIFICATE as i32);
                    ret_bool(rv, false);
                }
            },
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `close(): bool` — false when not connected.
    close(ex, rv) {
        let Some(me) = Me::of(ex) else { return };
        ret_bool(rv, exec::close(me, true));
    }
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("__destruct", destruct),
    ("set", set),
    ("getDefer", get_defer),
    ("setDefer", set_defer),
    ("setMethod", set_method),
    ("setHeaders", set_headers),
    ("setBasicAuth", set_basic_auth),
    ("setCookies", set_cookies),
    ("setData", set_data),
    ("addFile", add_file),
    ("addData", add_data),
    ("execute", exec::execute),
    ("getsockname", getsockname),
    ("getpeername", getpeername),
    ("get", exec::get),
    ("post", exec::post),
    ("download", exec::download),
    ("getBody", get_body),
    ("getHeaders", get_headers),
    ("getCookies", get_cookies),
    ("getStatusCode", get_status_code),
    ("getHeaderOut", get_header_out),
    ("getPeerCert", get_peer_cert),
    ("upgrade", ws::upgrade),
    ("push", ws::push),
    ("recv", ws::recv),
    ("close", close),
    ("ping", ws::ping),
    ("disconnect", ws::disconnect),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(string $host, int $port = 0, bool $ssl = false)",
    "__destruct()",
    "set(array $settings): bool",
    "getDefer(): bool",
    "setDefer(bool $defer = true): bool",
    "setMethod(string $method): bool",
    "setHeaders(array $headers): bool",
    "setBasicAuth(string $username, string $password): void",
    "setCookies(array $cookies): bool",
    "setData(array|string $data): bool",
    "addFile(string $path, string $name, ?string $type = null, ?string $filename = null, int $offset = 0, int $length = 0): bool",
    "addData(string $path, string $name, ?string $type = null, ?string $filename = null): bool",
    "execute(string $path): bool",
    "getsockname(): array|false",
    "getpeername(): array|false",
    "get(string $path): bool",
    "post(string $path, mixed $data): bool",
    "download(string $path, string $file, int $offset = 0): bool",
    "getBody(): false|string",
    "getHeaders(): null|array|false",
    "getCookies(): null|array|false",
    "getStatusCode(): false|int",
    "getHeaderOut(): false|string",
    "getPeerCert(): false|string",
    "upgrade(string $path): bool",
    "push(mixed $data, int $opcode = SWOOLE_WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool",
    "recv(float $timeout = 0): \\Swoole\\WebSocket\\Frame|string|bool",
    "close(): bool",
    "ping(string $data = \"\"): bool",
    "disconnect(int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = \"\"): bool",
];

/// `SWOOLE_HTTP_CLIENT_ESTATUS_*`.
pub fn constants() -> [(&'static str, i64); 4] {
    [
        (
            "SWOOLE_HTTP_CLIENT_ESTATUS_CONNECT_FAILED",
            ESTATUS_CONNECT_FAILED,
        ),
        (
            "SWOOLE_HTTP_CLIENT_ESTATUS_REQUEST_TIMEOUT",
            ESTATUS_REQUEST_TIMEOUT,
        ),
        (
            "SWOOLE_HTTP_CLIENT_ESTATUS_SERVER_RESET",
            ESTATUS_SERVER_RESET,
        ),
        (
            "SWOOLE_HTTP_CLIENT_ESTATUS_SEND_FAILED",
            ESTATUS_SEND_FAILED,
        ),
    ]
}

/// The class (`Corust\Coroutine\Http\Client`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new("Corust\\Coroutine\\Http\\Client");
    for (n, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    for (i, p) in PROPS.iter().enumerate() {
        let default: fn() -> Zval = match i {
            P_ERRCODE | P_PORT | P_DL_OFFSET | P_STATUS => || zval_long(0),
            P_ERRMSG | P_HOST | P_BODY => || str_zval(b""),
            P_CONNECTED | P_SSL => || {
                let mut z = Zval::new();
                z.set_bool(false);
                z
            },
            _ => Zval::new,
        };
        cb = cb.property(super::super::classes::public_prop(p, default));
    }
    cb.registration(super::super::classes::native::<HttpObj>)
}

/// `Swoole\Coroutine\Http\Client\Exception`.
pub fn exception_class(parent: fn() -> &'static ClassEntry) -> ext_php_rs::builders::ClassBuilder {
    ext_php_rs::builders::ClassBuilder::new("Corust\\Coroutine\\Http\\Client\\Exception")
        .extends((parent, "Corust\\Exception"))
        .registration(|c, a| {
            EXCEPTION_CE.store(c, Ordering::Relaxed);
            super::super::classes::keep_arg_info(c, a);
        })
}
