//! `Swoole\Coroutine\Http\Server`: an HTTP/1.1 server inside a coroutine
//! (no processes): `handle($pattern, $callback)` routes by path prefix,
//! `start()` accepts until `shutdown()`, each connection is served in a
//! coroutine of its own with the same request reader, Request and Response
//! objects as the process server (`http.rs`, `response.rs`); a path no
//! pattern takes gets 404. Settings are the server's (`set()`:
//! `http_parse_post`, `http_compression`, `package_max_length`, …).

use std::cell::{Cell, RefCell};
use std::os::fd::RawFd;
use std::rc::Rc;
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler, ret_bool};
use super::super::coroutine::{run_as_new, spawn_native};
use super::super::error::{throw_class, warn_docref, E_WARNING};
use super::super::net::Vm;
use super::super::object::{this, this_obj, Native};
use super::super::runtime::{propagate, rt};
use super::super::value::{zval_long, Callback};
use super::super::zarray::str_zval;
use super::config::apply_to;
use super::http::{self as h1, Owner};
use super::Config;
use crate::rt::driver::io::Dir;
use crate::rt::net::{Deadline, NetError, SockAddr, Socket};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order (Swoole's).
pub const PROPS: [&str; 7] = ["fd", "host", "port", "ssl", "settings", "errCode", "errMsg"];
const FD: usize = 0;
const HOST: usize = 1;
const PORT: usize = 2;
const SSL: usize = 3;
const SETTINGS: usize = 4;
const ERR_CODE: usize = 5;
const ERR_MSG: usize = 6;

/// The server's state, shared with its connections' coroutines.
#[derive(Default)]
pub struct State {
    /// The listening socket.
    sock: RefCell<Option<Rc<Socket>>>,
    /// Patterns and their callbacks, in the order given.
    routes: RefCell<Vec<(String, Zval)>>,
    /// Between start() and shutdown().
    running: Cell<bool>,
    /// Connections waiting for their next request (fd by coroutine).
    idle: RefCell<crate::rt::idmap::IdMap<crate::rt::Cid, RawFd>>,
}

/// Rust side of a `Coroutine\Http\Server`.
#[derive(Default)]
pub struct CoHttpServerObj {
    state: Rc<State>,
}

impl Native for CoHttpServerObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

impl Drop for CoHttpServerObj {
    fn drop(&mut self) {
        if let Some(s) = self.state.sock.borrow_mut().take() {
            if let Ok(s) = Rc::try_unwrap(s) {
                s.close(&Vm);
            }
        }
    }
}

impl State {
    /// The callback for `path`: the longest pattern it starts with
    /// (case-insensitive), else the one for `/`.
    fn route(&self, path: &str) -> Option<Zval> {
        let routes = self.routes.borrow();
        routes
            .iter()
            .filter(|(p, _)| {
                p != "/"
                    && path.len() >= p.len()
                    && path.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
            .max_by_key(|(p, _)| p.len())
            .or_else(|| routes.iter().find(|(p, _)| p == "/"))
            .map(|(_, cb)| cb.shallow_clone())
    }
}

/// A connection's owner as the request reader sees it.
struct Conn<'a>(&'a State);

impl Owner for Conn<'_> {
    fn stopping(&self) -> bool {
        !self.0.running.get()
    }

    fn waiting(&self, idle: bool) {
        if idle {
            if let Some(fd) = self.fd() {
                self.0.idle.borrow_mut().insert(rt(|r| r.current()), fd);
            }
        }
    }

    fn done_waiting(&self, idle: bool) {
        if idle {
            self.0.idle.borrow_mut().remove(&rt(|r| r.current()));
        }
    }
}

impl Conn<'_> {
    fn fd(&self) -> Option<RawFd> {
        CONN_FD.with(|f| f.get())
    }
}

thread_local! {
    /// The fd of the connection the running coroutine serves (set around
    /// its reads, for `shutdown()` to cancel an idle one).
    static CONN_FD: Cell<Option<RawFd>> = const { Cell::new(None) };
}

fn slot(ex: &ExecuteData, n: usize, v: Zval) {
    // SAFETY: a Coroutine\Http\Server object declares PROPS; n < PROPS.len().
    unsafe { *(super::super::object::prop_slot(this_obj(ex), n) as *mut Zval) = v };
}

fn prop(ex: &ExecuteData, n: usize) -> &'static Zval {
    // SAFETY: our own object's declared property slot n < PROPS.len().
    unsafe { &*(super::super::object::prop_slot(this_obj(ex), n) as *const Zval) }
}

fn set_err(ex: &ExecuteData, code: i32) {
    slot(ex, ERR_CODE, zval_long(i64::from(code)));
    slot(
        ex,
        ERR_MSG,
        str_zval(super::super::net::err_text(code).as_bytes()),
    );
}

/// (domain, address) Swoole binds for `host`: `unix:/path`, an IPv6
/// literal (it has ':'), else IPv4.
fn bind_addr(host: &str, port: u16) -> Option<(i32, SockAddr)> {
    if let Some(path) = host.strip_prefix("unix:") {
        let path = path.trim_start_matches("//");
        return SockAddr::unix(path.as_bytes()).map(|a| (libc::AF_UNIX, a));
    }
    let domain = if host.contains(':') {
        libc::AF_INET6
    } else {
        libc::AF_INET
    };
    SockAddr::literal(domain, host, port).map(|a| (domain, a))
}

handler!(
    /// `__construct(string $host, int $port = 0, bool $ssl = false, bool $reuse_port = false)`.
    construct(ex, _rv) {
        let f = "Swoole\\Coroutine\\Http\\Server::__construct";
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let ssl = args::get(ex, 2).is_some_and(|z| z.coerce_to_bool());
        let reuse_port = args::get(ex, 3).is_some_and(|z| z.coerce_to_bool());
        slot(ex, HOST, str_zval(host.as_bytes()));
        let mut b = Zval::new();
        b.set_bool(ssl);
        slot(ex, SSL, b);
        slot(ex, FD, zval_long(-1));
        slot(ex, PORT, zval_long(-1));
        slot(ex, ERR_CODE, zval_long(0));
        slot(ex, ERR_MSG, str_zval(b""));
        let exc = &super::super::error::EXCEPTION_CE;
        if host.is_empty() {
            throw_class(exc, "host is empty", i64::from(libc::EINVAL));
            return;
        }
        let Some((domain, addr)) = bind_addr(&host, port.clamp(0, 65535) as u16) else {
            set_err(ex, libc::EINVAL);
            throw_class(exc, &format!("bind({host}:{port}) failed"), i64::from(libc::EINVAL));
            return;
        };
        let sock = match Socket::new(domain, libc::SOCK_STREAM, 0) {
            Ok(s) => s,
            Err(e) => {
                let code = e.raw_os_error().unwrap_or(libc::EINVAL);
                set_err(ex, code);
                throw_class(exc, &format!("bind({host}:{port}) failed"), i64::from(code));
                return;
            }
        };
        if domain != libc::AF_UNIX {
            let _ = sock.set_option(libc::SOL_SOCKET, libc::SO_REUSEADDR, 1);
            if reuse_port {
                let _ = sock.set_option(libc::SOL_SOCKET, libc::SO_REUSEPORT, 1);
            }
        }
        if let Err(e) = sock.bind(&addr) {
            let code = e.raw_os_error().unwrap_or(libc::EINVAL);
            set_err(ex, code);
            sock.close(&Vm);
            throw_class(exc, &format!("bind({host}:{port}) failed"), i64::from(code));
            return;
        }
        if let Err(e) = sock.listen(512) {
            let code = e.raw_os_error().unwrap_or(libc::EINVAL);
            set_err(ex, code);
            sock.close(&Vm);
            throw_class(exc, "listen() failed", i64::from(code));
            return;
        }
        let bound = sock.local_addr().map(|a| a.host_port().1).unwrap_or(0);
        slot(ex, FD, zval_long(i64::from(sock.fd())));
        slot(ex, PORT, zval_long(i64::from(bound)));
        let Some(o) = this::<CoHttpServerObj>(ex) else { return };
        *o.state.sock.borrow_mut() = Some(Rc::new(sock));
    }
);

handler!(
    /// `__destruct()`.
    destruct(_ex, _rv) {}
);

handler!(
    /// `set(array $settings): bool` — merged into `$settings`.
    set(ex, rv) {
        if args::need(ex, 1, "Swoole\\Coroutine\\Http\\Server::set").is_err() { return; }
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(given) = z.array().filter(|a| !a.is_empty()) else { ret_bool(rv, false); return };
        let mz = super::super::zarray::merge_settings(prop(ex, SETTINGS).array(), given);
        slot(ex, SETTINGS, mz);
        ret_bool(rv, true);
    }
);

handler!(
    /// `handle(string $pattern, callable $callback): bool`.
    handle(ex, rv) {
        let f = "Swoole\\Coroutine\\Http\\Server::handle";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(pattern) = args::string(ex, 0, f, "pattern").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Some(cb) = args::get(ex, 1).map(|z| z.shallow_clone()) else { return };
        if !cb.is_callable() {
            ret_bool(rv, false);
            return;
        }
        let Some(o) = this::<CoHttpServerObj>(ex) else { return };
        let mut routes = o.state.routes.borrow_mut();
        match routes.iter_mut().find(|(p, _)| *p == pattern) {
            Some(r) => r.1 = cb,
            None => routes.push((pattern, cb)),
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `start(): bool` — accepts until `shutdown()`, each connection in a
    /// coroutine of its own.
    start(ex, rv) {
        if rt(|r| r.current()).is_main() {
            throw_class(&super::super::error::ERROR_CE, "API must be called in the coroutine", 0);
            return;
        }
        let Some(o) = this::<CoHttpServerObj>(ex) else { return };
        let state = o.state.clone();
        let Some(sock) = state.sock.borrow().clone() else { ret_bool(rv, false); return };
        let mut cfg = Config::default();
        if let Some(ht) = prop(ex, SETTINGS).array() {
            apply_to(&mut cfg, ht);
        }
        cfg.port = prop(ex, PORT).long().unwrap_or(0).clamp(0, 65535) as u16;
        // An https server: one context for its connections, each of which
        // starts with the handshake.
        let tls = if prop(ex, SSL).bool().unwrap_or(false) {
            match crate::rt::net::tls::TlsContext::new(&cfg.tls, true) {
                Ok(c) => Some(Rc::new(c)),
                Err(e) => {
                    warn_docref(E_WARNING, &e.msg);
                    set_err(ex, e.code);
                    ret_bool(rv, false);
                    return;
                }
            }
        } else {
            None
        };
        let cfg = Rc::new(cfg);
        state.running.set(true);
        while state.running.get() {
            match sock.accept(&Vm, Deadline::NEVER) {
                Ok((conn, peer)) => {
                    let fd = conn.into_raw_fd(&Vm);
                    let (st, cfg, tls) = (state.clone(), cfg.clone(), tls.clone());
                    let spawned = spawn_native(move || {
                        if let Some(ctx) = tls {
                            let t = std::time::Duration::from_secs(10);
                            if let Err(e) = super::io::tls_accept(fd, &ctx, t) {
                                if let super::io::AcceptError::Tls(t) = e {
                                    super::io::log_bad_client(crate::server::log::Who::Other, 0, &peer.host_port(), &t);
                                }
                                super::io::close(fd);
                                return;
                            }
                        }
                        serve(&st, &cfg, fd, &peer)
                    });
                    if spawned.is_err() {
                        super::io::close(fd);
                        let _ = rt(|r| r.sleep(std::time::Duration::from_secs(1)));
                    }
                }
                Err(NetError::Io(e)) if matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE)) => {
                    let _ = rt(|r| r.sleep(std::time::Duration::from_secs(1)));
                }
                Err(e) => {
                    let code = e.errno();
                    set_err(ex, code);
                    if !matches!(e, NetError::Canceled) && state.running.get() {
                        warn_docref(E_WARNING, &format!("accept failed, Error: {}[{code}]", super::super::net::err_text(code)));
                    }
                    break;
                }
            }
            propagate();
        }
        state.running.set(false);
        ret_bool(rv, true);
    }
);

handler!(
    /// `shutdown(): void` — stops accepting; connections waiting for their
    /// next request are closed, requests in flight finish.
    shutdown(ex, _rv) {
        let Some(o) = this::<CoHttpServerObj>(ex) else { return };
        let state = o.state.clone();
        state.running.set(false);
        if let Some(s) = state.sock.borrow().as_ref() {
            super::super::net::cancel_waiters(s.fd(), &[Dir::Read]);
        }
        let idle: Vec<RawFd> = state.idle.borrow_mut().drain().map(|(_, fd)| fd).collect();
        for fd in idle {
            super::super::net::cancel_waiters(fd, &[Dir::Read]);
        }
    }
);

handler!(
    /// `onAccept(Swoole\Coroutine\Socket $conn): void` (private; start()
    /// serves connections itself).
    on_accept(_ex, _rv) {}
);

/// One connection: requests read, routed and answered until it closes.
fn serve(state: &State, cfg: &Config, fd: RawFd, peer: &SockAddr) {
    let peer_ip = peer
        .socket_addr()
        .unwrap_or_else(|| std::net::SocketAddr::from(([0, 0, 0, 0], 0)));
    let peer = h1::Peer::new(&peer_ip, fd);
    let mut head = crate::http::Head::default();
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut out: Vec<u8> = Vec::with_capacity(512);
    let mut served = 0u64;
    loop {
        CONN_FD.with(|f| f.set(Some(fd)));
        let body = h1::read_request(fd, &mut buf, &mut head, cfg, served > 0, &Conn(state));
        CONN_FD.with(|f| f.set(None));
        let Some(body) = body else { break };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let Ok((req, resp, tmpfiles)) =
            h1::make_objects(fd, &peer, cfg, &head, body, std::mem::take(&mut out), now)
        else {
            h1::send_error(fd, 400);
            break;
        };
        let keep_alive = head.keep_alive;
        let ws_offer = super::websocket::wants_upgrade(&head);
        if ws_offer {
            super::co_ws::offer(fd, &head, std::mem::take(&mut buf), cfg);
        }
        let alive = match state.route(head.path()) {
            Some(cb) => match Callback::new(&cb, vec![req.shallow_clone(), resp.shallow_clone()]) {
                Ok(mut cb) => run_as_new(&mut cb),
                Err(_) => true,
            },
            None => {
                super::response::set_status(&resp, 404);
                true
            }
        };
        for t in tmpfiles {
            let _ = std::fs::remove_file(t);
        }
        if ws_offer {
            match super::co_ws::settle(fd) {
                Ok(left) => buf = left,
                // The handler's WebSocket is over: so is the connection.
                Err(()) => break,
            }
        }
        if !alive {
            break;
        }
        let (ok, close) = super::response::finish(&resp, &mut out);
        served += 1;
        if !ok || close || !keep_alive || !state.running.get() {
            break;
        }
    }
    super::io::close(fd);
}

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("__destruct", destruct),
    ("set", set),
    ("handle", handle),
    ("start", start),
    ("shutdown", shutdown),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(string $host, int $port = 0, bool $ssl = false, bool $reuse_port = false)",
    "__destruct()",
    "set(array $settings): bool",
    "handle(string $pattern, callable $callback): bool",
    "start(): bool",
    "shutdown(): void",
    "onAccept(\\Swoole\\Coroutine\\Socket $conn): void",
];

/// The class (`Corust\Coroutine\Http\Server`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::{ClassFlags, MethodFlags};
    let mut cb = ClassBuilder::new("Corust\\Coroutine\\Http\\Server").flags(ClassFlags::Final);
    for (n, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    cb = cb.method(
        FunctionBuilder::new("onAccept", on_accept),
        MethodFlags::Private,
    );
    for p in PROPS {
        cb = cb.property(super::super::classes::public_null_prop(p));
    }
    cb.registration(|c, a| {
        super::super::classes::native::<CoHttpServerObj>(c, a);
    })
}
