//! `Corust\Http\Request` and the HTTP/1.1 connection loop of a worker: parse
//! (src/http), build the request objects, run `onRequest` as a coroutine of
//! its own per request, end the response (`response.rs`); keep-alive and
//! pipelining; a malformed request gets 400 (an oversized one 413) and the
//! connection is closed without the callback ever seeing it.

use std::cell::RefCell;
use std::os::fd::RawFd;
use std::rc::Rc;
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ClassEntry;

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::coroutine::run_as_new;
use super::super::object::{prop_slot, this, Native};
use super::super::runtime::rt;
use super::super::value::zval_long;
use super::super::zarray::{str_zval, Arr, K};
use super::io::{read_some, write_all};
use super::response::{finish, new_response};
use super::vars;
use super::Worker;
use crate::http::{self, ParseError, ResponseHead};

static REQ_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Corust\Http\Request`, set at MINIT.
pub static REQUEST_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties of Request, in slot order.
pub const REQUEST_PROPS: [&str; 8] = [
    "fd", "header", "server", "cookie", "get", "files", "post", "tmpfiles",
];

/// Rust side of a Request.
#[derive(Default)]
pub struct RequestObj {
    /// Raw body.
    body: RefCell<Vec<u8>>,
    /// Method.
    method: RefCell<Zval>,
    /// Made by `Request::create()`: the bytes `parse()` was given.
    standalone: RefCell<Option<Standalone>>,
}

/// A request `Request::create()` made, fed by `parse()`.
struct Standalone {
    /// Everything parsed so far (`getData()`).
    data: Vec<u8>,
    /// The request is whole.
    completed: bool,
    /// `parse_cookie`, `parse_body` and the like, as a server's settings.
    cfg: super::Config,
    /// The head, once whole.
    head: Option<http::Head>,
    /// A chunked body's decoder.
    chunked: Option<http::Chunked>,
}

impl Standalone {
    /// Feeds `input`: how many of its bytes belong to this request, Some
    /// body once it is whole; Err on a malformed request.
    fn feed(&mut self, input: &[u8]) -> Result<(usize, Option<Vec<u8>>), ParseError> {
        let max = self.cfg.package_max_length;
        let before = self.data.len();
        self.data.extend_from_slice(input);
        let mut from = before;
        if self.head.is_none() {
            match http::request::parse(&self.data, max) {
                Err(e) => {
                    self.data.truncate(before);
                    return Err(e);
                }
                Ok(None) => return Ok((input.len(), None)),
                Ok(Some(h)) => {
                    from = h.head_len;
                    self.head = Some(h);
                }
            }
        }
        let Some(head) = self.head.as_ref() else {
            return Ok((input.len(), None));
        };
        let (end, body) = match head.body {
            http::request::Body::Length(n) => {
                let end = head.head_len.saturating_add(n);
                if self.data.len() < end {
                    return Ok((input.len(), None));
                }
                (end, self.data[head.head_len..end].to_vec())
            }
            http::request::Body::Chunked => {
                let dec = self.chunked.get_or_insert_with(Default::default);
                let used = dec.feed(&self.data[from..], max)?;
                if !dec.done() {
                    return Ok((input.len(), None));
                }
                (from + used, std::mem::take(&mut dec.body))
            }
        };
        self.data.truncate(end);
        self.completed = true;
        Ok((end.saturating_sub(before).min(input.len()), Some(body)))
    }
}

impl Native for RequestObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &REQ_HANDLERS
    }
}

pub(super) fn new_object(ce: &AtomicPtr<ClassEntry>) -> Zval {
    let mut z = Zval::new();
    // SAFETY: our registered class; object_init_ex fills z.
    unsafe {
        super::super::sys::zend::object_init_ex(
            &mut z,
            ce.load(std::sync::atomic::Ordering::Relaxed).cast(),
        )
    };
    z
}

pub(super) fn set_slot(obj: &Zval, slot: usize, v: Zval) {
    if let Some(o) = obj.object() {
        let p = o as *const _ as *mut ext_php_rs::ffi::zend_object;
        // SAFETY: our classes declare at least slot+1 properties.
        unsafe { *(prop_slot(p, slot) as *mut Zval) = v };
    }
}

/// Writes an uploaded file to a fresh temp file; its path.
fn save_upload(data: &[u8]) -> Option<String> {
    use std::io::Write;
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = std::env::temp_dir();
    for _ in 0..16 {
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        // SAFETY: getpid has no preconditions.
        let pid = unsafe { libc::getpid() };
        // Swoole's prefix (its tests and some apps match on it).
        let path = dir.join(format!("swoole.upfile.{pid}{n:x}{nanos:x}"));
        let Ok(mut f) = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        else {
            continue;
        };
        if f.write_all(data).is_err() {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        return Some(path.to_string_lossy().into_owned());
    }
    None
}

/// The last path component of a client's file name, as PHP's upload code
/// keeps it (`../../etc/passwd` is `passwd`, `C:\\x\\y.txt` is `y.txt`).
fn basename(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Files an upload's entry under its field name with PHP's name rules, as
/// Swoole does: `a.b` is `a_b`, `f[x]` nests the entry under `f`, or with
/// `spread` (`http_parse_files`) lays it out as `$_FILES` does:
/// `f[name][x]`, `f[type][x]`, … .
fn register_upload(
    files: &mut Zval,
    name: &[u8],
    entry: ext_php_rs::boxed::ZBox<ZendHashTable>,
    spread: bool,
) {
    match name
        .iter()
        .position(|&b| b == b'[')
        .filter(|&i| i > 0 && spread)
    {
        Some(i) => {
            let (base, path) = name.split_at(i);
            for key in ["name", "type", "tmp_name", "error", "size"] {
                let Some(v) = entry.get(key) else { continue };
                let mut meta = base.to_vec();
                meta.push(b'[');
                meta.extend_from_slice(key.as_bytes());
                meta.push(b']');
                meta.extend_from_slice(path);
                vars::register_zval(files, &meta, v.shallow_clone());
            }
        }
        None => {
            let mut z = Zval::new();
            z.set_hashtable(entry);
            vars::register_zval(files, name, z);
        }
    }
}

/// `multipart/form-data`: fields into `post` (registered as PHP registers
/// `$_POST`), uploads into temp files listed in `files` and `tmpfiles`;
/// fields and files together count against `max_input_vars`.
/// Err: malformed.
fn multipart(
    req: &Zval,
    boundary: &str,
    body: &[u8],
    spread: bool,
) -> Result<Vec<String>, ParseError> {
    let parts = http::multipart::parse(body, boundary)?;
    let mut fields = vars::FieldSink::new();
    let mut files = vars::empty_array();
    let mut any_file = false;
    let mut tmp = Vec::new();
    for p in parts {
        if !fields.admit() {
            break;
        }
        match &p.filename {
            None => fields.field(p.name.as_bytes(), &p.data),
            Some(fname) => {
                // Swoole's key order: type, tmp_name, size, name, error.
                let mut f = ZendHashTable::new();
                if fname.is_empty() {
                    // A file input left empty (filename=""): nothing is
                    // saved, UPLOAD_ERR_NO_FILE, as PHP and Swoole report it.
                    let _ = f.insert("type", "");
                    let _ = f.insert("tmp_name", "");
                    let _ = f.insert("size", 0i64);
                    let _ = f.insert("name", "");
                    let _ = f.insert("error", 4i64);
                    any_file = true;
                    register_upload(&mut files, p.name.as_bytes(), f, spread);
                    continue;
                }
                // A part without Content-Type has type "" (Swoole's, PHP's).
                let _ = f.insert("type", p.content_type.as_deref().unwrap_or(""));
                let saved = save_upload(&p.data);
                let _ = f.insert("tmp_name", saved.as_deref().unwrap_or(""));
                let _ = f.insert("size", p.data.len() as i64);
                let _ = f.insert("name", basename(fname));
                // 7: UPLOAD_ERR_CANT_WRITE.
                let _ = f.insert("error", if saved.is_some() { 0i64 } else { 7 });
                if let Some(path) = saved {
                    tmp.push(path);
                }
                any_file = true;
                register_upload(&mut files, p.name.as_bytes(), f, spread);
            }
        }
    }
    if let Some(post) = fields.finish() {
        set_slot(req, 6, post);
    }
    if any_file {
        set_slot(req, 5, files);
        let mut t = ZendHashTable::new();
        for p in &tmp {
            let _ = t.push(p.as_str());
        }
        let mut tz = Zval::new();
        tz.set_hashtable(t);
        set_slot(req, 7, tz);
    }
    Ok(tmp)
}

/// What a connection knows about its two ends, made once per connection.
pub struct Peer {
    /// `remote_addr` (a PHP string, shared by every request's `server`).
    addr: Zval,
    /// `remote_port`.
    port: u16,
    /// `server_addr`: the address the connection came in on.
    local: Zval,
}

impl Peer {
    /// The peer `a` of connection `fd` as requests show it.
    pub(super) fn new(a: &std::net::SocketAddr, fd: RawFd) -> Peer {
        let addr = a.ip().to_string();
        // Swoole: a loopback peer came in on the loopback address.
        let local = if a.ip().is_loopback() {
            addr.clone()
        } else {
            local_ip(fd)
        };
        Peer {
            addr: str_zval(addr.as_bytes()),
            port: a.port(),
            local: str_zval(local.as_bytes()),
        }
    }
}

/// The local address of a connection, as text ('' when unknown).
pub(super) fn local_ip(fd: RawFd) -> String {
    crate::rt::net::socket::sock_name(fd)
        .ok()
        .and_then(|a| a.socket_addr())
        .map_or_else(String::new, |a| a.ip().to_string())
}

/// Builds the Request and Response objects for one request, and the temp
/// files of its uploads. Err: a malformed multipart body.
pub(super) fn make_objects(
    fd: RawFd,
    peer: &Peer,
    cfg: &super::Config,
    head: &http::Head,
    body: Vec<u8>,
    out: Vec<u8>,
    now: std::time::Duration,
) -> Result<(Zval, Zval, Vec<String>), ParseError> {
    let req = new_object(&REQUEST_CE);
    let tmpfiles = fill_request(&req, fd, peer, cfg, head, body, now)?;
    let compress = if cfg.http_compression {
        head.header("accept-encoding")
            .and_then(http::compress::choose)
            .map(|enc| super::response::Compress {
                enc,
                level: cfg.http_compression_level,
                min_length: cfg.http_compression_min_length,
                types: cfg.http_compression_types.clone(),
            })
    } else {
        None
    };
    let head_only = head.method().eq_ignore_ascii_case("HEAD");
    let resp = new_response(fd, head.keep_alive, head_only, out, compress);
    Ok((req, resp, tmpfiles))
}

/// Fills Request object `req` from a parsed head and body (its uploads'
/// temp files returned). Err: a malformed multipart body.
fn fill_request(
    req: &Zval,
    fd: RawFd,
    peer: &Peer,
    cfg: &super::Config,
    head: &http::Head,
    body: Vec<u8>,
    now: std::time::Duration,
) -> Result<Vec<String>, ParseError> {
    let req = req.shallow_clone();
    let mut headers = Arr::new(head.header_count() as u32);
    for (k, v) in head.headers() {
        // As Swoole: a Cookie header that is parsed into `$request->cookie`
        // is not also in `$request->header`.
        if cfg.http_parse_cookie && k.eq_ignore_ascii_case(b"cookie") {
            continue;
        }
        headers.set(k, str_zval(v));
    }
    let mut server = Arr::new(12);
    let (method_s, query) = (head.method(), head.query());
    // Swoole's order: query_string first, when there is one.
    if !query.is_empty() {
        server.add_new(K::query_string, str_zval(query.as_bytes()));
    }
    let method = match K::method(method_s) {
        Some(k) => k.zval(),
        None => str_zval(method_s.as_bytes()),
    };
    server.add_new(K::request_method, method.shallow_clone());
    let path = str_zval(head.path().as_bytes());
    server.add_new(K::request_uri, path.shallow_clone());
    server.add_new(K::path_info, path);
    server.add_new(K::request_time, zval_long(now.as_secs() as i64));
    let mut t = Zval::new();
    t.set_double(now.as_secs_f64());
    server.add_new(K::request_time_float, t);
    let proto = if head.minor_version == 0 {
        K::http_1_0
    } else {
        K::http_1_1
    };
    server.add_new(K::server_protocol, proto.zval());
    server.add_new(K::server_port, zval_long(i64::from(cfg.port)));
    server.add_new(K::remote_port, zval_long(peer.port as i64));
    server.add_new(K::server_addr, peer.local.shallow_clone());
    server.add_new(K::remote_addr, peer.addr.shallow_clone());
    server.add_new(K::master_time, zval_long(now.as_secs() as i64));
    set_slot(&req, 0, zval_long(super::session_of(fd)));
    set_slot(&req, 1, headers.into_zval());
    set_slot(&req, 2, server.into_zval());
    if let Some(c) = head.header("cookie").filter(|_| cfg.http_parse_cookie) {
        set_slot(&req, 3, vars::parse_cookies(c));
    }
    if !query.is_empty() {
        set_slot(&req, 4, vars::parse_form(query.as_bytes()));
    }
    let ctype = head.header("content-type").unwrap_or_default();
    let form =
        ctype.len() >= 33 && ctype[..33].eq_ignore_ascii_case(b"application/x-www-form-urlencoded");
    let multipart_boundary = std::str::from_utf8(ctype)
        .ok()
        .and_then(http::multipart::boundary);
    let is_multipart =
        ctype.len() >= 19 && ctype[..19].eq_ignore_ascii_case(b"multipart/form-data");
    if is_multipart && multipart_boundary.is_none() && cfg.http_parse_post {
        // As Swoole: a multipart body with no boundary is a bad request.
        return Err(ParseError::Bad("multipart boundary missing"));
    }
    let parse_body = (form || multipart_boundary.is_some())
        && !body.is_empty()
        && cfg.http_parse_post
        && vars::post_fits(body.len());
    let mut tmpfiles = Vec::new();
    if parse_body {
        match multipart_boundary {
            Some(b) => tmpfiles = multipart(&req, &b, &body, cfg.http_parse_files)?,
            None => set_slot(&req, 6, vars::parse_form(&body)),
        }
    }
    if let Some(o) = req.object() {
        let p = o as *const _ as *mut ext_php_rs::ffi::zend_object;
        // SAFETY: req is a RequestObj (created from our class just above).
        let data = unsafe { &(*super::super::object::from_obj::<RequestObj>(p)).data };
        *data.body.borrow_mut() = body;
        *data.method.borrow_mut() = method;
    }
    Ok(tmpfiles)
}

/// Writes a whole error response and reports the connection as done.
pub(super) fn send_error(fd: RawFd, code: u16) {
    if code == 413 {
        // Swoole's exact answer to a body over package_max_length (its
        // tests, and clients that read it, expect no body).
        let _ = write_all(fd, b"HTTP/1.1 413 Request Entity Too Large\r\n\r\n");
        return;
    }
    let head = ResponseHead::new(code);
    let body = format!("<h1>{} {}</h1>", code, http::reason(code));
    let mut out = Vec::new();
    head.write(Some(body.len()), false, &mut out);
    out.extend_from_slice(body.as_bytes());
    let _ = write_all(fd, &out);
}

/// Reads more of a request body; false when the connection is done (the
/// client left, or sent nothing within `timeout`: then it got a 408).
fn read_more(fd: RawFd, buf: &mut Vec<u8>, timeout: Option<std::time::Duration>) -> bool {
    match read_some(fd, buf, timeout) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => {
            if e.kind() == std::io::ErrorKind::TimedOut {
                send_error(fd, 408);
            }
            false
        }
    }
}

/// What the owner of an HTTP connection says while the next request is
/// read: a worker (graceful stops close idle keep-alive connections) or a
/// coroutine server.
pub(super) trait Owner {
    /// A connection between requests closes instead of waiting.
    fn stopping(&self) -> bool;
    /// The running coroutine waits for bytes; `idle`: between requests (a
    /// stop may cancel that wait).
    fn waiting(&self, idle: bool);
    /// The wait (`idle` as given to `waiting`) is over.
    fn done_waiting(&self, idle: bool);
}

impl Owner for Worker {
    fn stopping(&self) -> bool {
        self.stopping.get()
    }

    fn waiting(&self, idle: bool) {
        if idle {
            self.idle.borrow_mut().insert(rt(|r| r.current()));
        }
    }

    fn done_waiting(&self, idle: bool) {
        if idle {
            self.idle.borrow_mut().remove(&rt(|r| r.current()));
        }
    }
}

/// Reads the next request of a connection into `head` (and its body,
/// returned): None when the connection is done (closed by the client, or
/// answered with an error here). `buf` keeps what follows (pipelining).
pub(super) fn read_request(
    fd: RawFd,
    buf: &mut Vec<u8>,
    head: &mut http::Head,
    cfg: &super::Config,
    keep_alive_wait: bool,
    owner: &dyn Owner,
) -> Option<Vec<u8>> {
    let max = cfg.package_max_length;
    // When the head being read began to arrive (its timeout runs from there).
    let mut head_started: Option<std::time::Instant> = None;
    loop {
        match http::parse_into(buf, max, head) {
            Ok(true) => break,
            Ok(false) => {}
            Err(ParseError::Bad(_)) => {
                send_error(fd, 400);
                return None;
            }
            Err(ParseError::HeadTooLarge) => {
                send_error(fd, 431);
                return None;
            }
            Err(ParseError::TooLarge) => {
                send_error(fd, 413);
                return None;
            }
        }
        let idle = buf.is_empty() && keep_alive_wait;
        if idle && owner.stopping() {
            return None;
        }
        // Between requests a connection may wait as long as it likes (as
        // in Swoole); a head that has begun must be whole in time.
        let timeout = match (buf.is_empty(), cfg.http_header_timeout) {
            (false, Some(limit)) => {
                let started = *head_started.get_or_insert_with(std::time::Instant::now);
                match limit.checked_sub(started.elapsed()) {
                    Some(left) if !left.is_zero() => Some(left),
                    _ => {
                        send_error(fd, 408);
                        return None;
                    }
                }
            }
            _ => None,
        };
        owner.waiting(idle);
        let r = read_some(fd, buf, timeout);
        owner.done_waiting(idle);
        match r {
            Ok(0) => return None,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                send_error(fd, 408);
                return None;
            }
            Err(_) => return None,
            Ok(_) => {}
        }
    }
    buf.drain(..head.head_len);
    // Each wait for more of the body is bounded (http_body_timeout).
    let body_timeout = cfg.http_body_timeout;
    match head.body {
        http::request::Body::Length(n) => {
            while buf.len() < n {
                if !read_more(fd, buf, body_timeout) {
                    return None;
                }
            }
            Some(buf.drain(..n).collect::<Vec<u8>>())
        }
        http::request::Body::Chunked => {
            // Each read is fed once and consumed: linear in the body.
            let mut dec = http::Chunked::default();
            loop {
                match dec.feed(buf, max) {
                    Ok(used) => {
                        buf.drain(..used);
                        if dec.done() {
                            break Some(std::mem::take(&mut dec.body));
                        }
                    }
                    Err(ParseError::Bad(_)) => {
                        send_error(fd, 400);
                        return None;
                    }
                    Err(_) => {
                        send_error(fd, 413);
                        return None;
                    }
                }
                if !read_more(fd, buf, body_timeout) {
                    return None;
                }
            }
        }
    }
}

/// Serves one connection until it closes. Runs in its own coroutine.
pub fn serve(
    w: Rc<Worker>,
    l: Rc<super::listener::Listener>,
    fd: RawFd,
    peer: std::net::SocketAddr,
) {
    let peer = Peer::new(&peer, fd);
    // Requests run on this coroutine as coroutines of their own (run_as_new),
    // started by the event loop: no parent.
    rt(|r| r.detach());
    // Reused by every request of the connection: the parsed head, the
    // response buffer and the onRequest call (its arguments replaced).
    let mut head = http::Head::default();
    let mut out: Vec<u8> = Vec::with_capacity(512);
    let mut cb = l
        .on_request
        .as_ref()
        .map(|cb| cb.with_args(Vec::with_capacity(2)));
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    // A connection counts as idle (closed at a graceful stop) only between
    // keep-alive requests: a fresh one still gets its first request served.
    let mut served = 0u64;
    // Became a WebSocket (its end is `close`, else `disconnect` when set);
    // the worker is still running (no close event after an exit).
    let mut websocket = false;
    let mut worker_alive = true;
    let adopted = super::vconn::adopted(fd);
    if let Some(cb) = l.on_tcp[0].as_ref().filter(|_| !adopted) {
        if !super::call_as_new(
            cb,
            vec![w.server.shallow_clone(), zval_long(w.sid(fd)), zval_long(0)],
        ) {
            worker_alive = false;
        }
    }
    'conn: loop {
        if !worker_alive {
            break;
        }
        let Some(body) = read_request(fd, &mut buf, &mut head, &l.cfg, served > 0, &*w) else {
            break 'conn;
        };
        // Swoole's static handler answers bodiless requests it takes
        // before anything else sees them.
        if let (Some(st), http::request::Body::Length(0)) = (&l.statics, &head.body) {
            match super::static_serve::serve(st, fd, &head) {
                super::static_serve::Served::No => {}
                super::static_serve::Served::KeepAlive => {
                    w.touch(fd);
                    served += 1;
                    if w.stopping.get() {
                        break 'conn;
                    }
                    continue 'conn;
                }
                super::static_serve::Served::Close => break 'conn,
            }
        }
        // One clock read per request: request_time and the connection's last_time.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let made = make_objects(
            fd,
            &peer,
            &l.cfg,
            &head,
            body,
            std::mem::take(&mut out),
            now,
        );
        let Ok((req, resp, tmpfiles)) = made else {
            // Malformed multipart body.
            send_error(fd, 400);
            break 'conn;
        };
        let keep_alive = head.keep_alive;
        if l.ws.is_some() && super::websocket::wants_upgrade(&head) {
            let (upgraded, alive) =
                super::websocket::serve(&w, &l, fd, &head, &req, &resp, std::mem::take(&mut buf));
            websocket = upgraded;
            worker_alive = alive;
            break 'conn;
        }
        let Some(cb) = cb.as_mut() else {
            // A WebSocket server without onRequest answers plain HTTP with 400.
            send_error(fd, if l.ws.is_some() { 400 } else { 404 });
            break 'conn;
        };
        cb.set_args([req.shallow_clone(), resp.shallow_clone()]);
        if let Some(s) = w.slot() {
            s.begin();
        }
        w.touch_at(fd, now.as_secs_f64());
        let alive = run_as_new(cb);
        // Uploads the handler did not move away are removed.
        for t in tmpfiles {
            let _ = std::fs::remove_file(t);
        }
        if !alive {
            // exit() or a fatal error: the worker is ending.
            worker_alive = false;
            break 'conn;
        }
        // Not ended by the handler: end it now (empty body) — unless it was
        // detached: then it is answered later and the connection stays.
        let (ok, close) = finish(&resp, &mut out);
        let detached = super::response::is_detached(&resp);
        drop(req);
        drop(resp);
        w.served_one();
        served += 1;
        if !ok || (!detached && (close || !keep_alive)) || w.stopping.get() {
            break 'conn;
        }
    }
    if w.retire(fd).is_some() {
        if let Some(s) = w.slot() {
            s.closed();
        }
    }
    // As Swoole: `close($server, $fd, $reactorId)` for every connection;
    // on a WebSocket server one never upgraded gets `disconnect` if set.
    // A session left to the next process (PROCESS mode) has not ended.
    if worker_alive && !super::vconn::abandoned(fd) {
        let disconnect =
            l.ws.as_ref()
                .and_then(|c| c.on_disconnect.as_ref())
                .filter(|_| !websocket);
        if let Some(cb) = disconnect.or(l.on_tcp[2].as_ref()) {
            super::call_as_new(
                cb,
                vec![w.server.shallow_clone(), zval_long(w.sid(fd)), zval_long(0)],
            );
        }
    }
    super::io::close(fd);
}

handler!(
    /// `Request::getContent(): string|false` (also `rawContent`).
    req_content(ex, rv) {
        match this::<RequestObj>(ex) {
            Some(r) => {
                let b = r.body.borrow();
                rv.set_binary(b.clone());
            }
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `Request::getMethod(): string|false`.
    req_method(ex, rv) {
        let Some(r) = this::<RequestObj>(ex) else { ret_bool(rv, false); return };
        let m = r.method.borrow().shallow_clone();
        // A request still being parse()d has its method once the request
        // line's first word is in (as Swoole's incremental parser).
        let early = m.is_null().then(|| {
            r.standalone.borrow().as_ref().and_then(|s| {
                let sp = s.data.iter().position(|&b| b == b' ')?;
                let word = &s.data[..sp];
                (!word.is_empty() && word.iter().all(u8::is_ascii_alphabetic)).then(|| word.to_vec())
            })
        });
        match early.flatten() {
            Some(w) => *rv = str_zval(&w),
            None => *rv = m,
        }
    }
);

handler!(
    /// `Request::create(array $options = []): Request` — a request to fill
    /// with `parse()` (a protocol served over a `Coroutine\Server`, say).
    /// Options: `parse_cookie`, `parse_body`, `max_request_size` /
    /// `package_max_length`.
    req_create(ex, rv) {
        let mut cfg = super::Config { http_parse_files: true, ..Default::default() };
        if let Some(o) = args::get(ex, 0).and_then(|z| z.array()) {
            if let Some(v) = o.get("parse_cookie") { cfg.http_parse_cookie = v.coerce_to_bool(); }
            if let Some(v) = o.get("parse_files") { cfg.http_parse_files = v.coerce_to_bool(); }
            if let Some(v) = o.get("parse_body") { cfg.http_parse_post = v.coerce_to_bool(); }
            if let Some(n) = o.get("max_request_size").or_else(|| o.get("package_max_length")).and_then(|v| v.long()) {
                cfg.package_max_length = usize::try_from(n).unwrap_or(0).max(1024);
            }
        }
        let req = new_object(&REQUEST_CE);
        set_slot(&req, 1, Arr::new(0).into_zval());
        if let Some(r) = super::super::object::native_of::<RequestObj>(&req) {
            *r.standalone.borrow_mut() = Some(Standalone { data: Vec::new(), completed: false, cfg, head: None, chunked: None });
        }
        *rv = req;
    }
);

handler!(
    /// `parse(string $data): int|false` — feeds bytes to a request made by
    /// `create()`: how many belong to it (fewer than given once it is
    /// whole), false when it is malformed or already whole.
    req_parse(ex, rv) {
        let f = "Swoole\\Http\\Request::parse";
        if args::need(ex, 1, f).is_err() { return; }
        let data = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let Some(r) = this::<RequestObj>(ex) else { ret_bool(rv, false); return };
        let fed = {
            let mut g = r.standalone.borrow_mut();
            match g.as_mut() {
                Some(st) if !st.completed => st.feed(&data),
                _ => { ret_bool(rv, false); return; }
            }
        };
        let (used, body) = match fed {
            Ok(x) => x,
            Err(_) => { ret_bool(rv, false); return; }
        };
        if let Some(body) = body {
            let (head, cfg) = {
                let mut g = r.standalone.borrow_mut();
                let Some(st) = g.as_mut() else { return };
                (st.head.take(), st.cfg.clone())
            };
            if let Some(head) = head {
                let mut me = Zval::new();
                // SAFETY: `This` is our live Request object; the zval holds a
                // reference of its own while we fill it.
                unsafe { me.set_object(&mut *super::super::object::this_obj(ex)) };
                let peer = Peer { addr: str_zval(b""), port: 0, local: str_zval(b"") };
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
                if fill_request(&me, -1, &peer, &cfg, &head, body, now).is_err() {
                    ret_bool(rv, false);
                    return;
                }
            }
        }
        ret_long(rv, used as i64);
    }
);

handler!(
    /// `isCompleted(): bool` — a `create()`d request has been parsed whole.
    req_is_completed(ex, rv) {
        let done = this::<RequestObj>(ex).is_some_and(|r| r.standalone.borrow().as_ref().is_some_and(|s| s.completed));
        ret_bool(rv, done);
    }
);

handler!(
    /// `getData(): string|false` — the bytes a `create()`d request was
    /// parsed from (false for a server's own request: corust keeps only its
    /// parts).
    req_get_data(ex, rv) {
        match this::<RequestObj>(ex).and_then(|r| r.standalone.borrow().as_ref().map(|s| s.data.clone())) {
            Some(d) => rv.set_binary(d),
            None => ret_bool(rv, false),
        }
    }
);

/// `Swoole\Http\Request`'s declarations (Swoole 6.2.2; `rawContent` is its older name of `getContent`).
pub const SIGNATURES: &[&str] = &[
    "create(array $options = []): Swoole\\Http\\Request",
    "parse(string $data): int|false",
    "isCompleted(): bool",
    "getData(): string|false",
    "getContent(): string|false",
    "rawContent(): string|false",
    "getMethod(): string|false",
];
