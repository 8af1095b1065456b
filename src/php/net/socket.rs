//! `Swoole\Coroutine\Socket` over `rt::net::Socket`: the object, its
//! life (construct, bind, listen, accept, connect with names resolved on
//! the blocking pool, shutdown, cancel, close, import,
//! `swoole_coroutine_socketpair`), addresses, checkLiveness, getBoundCid,
//! and the registration; the data calls are in `socket_io`, the settings in
//! `socket_opts`. Also the socket over a `Swoole\Process` pipe that
//! `exportSocket()` makes.
//!
//! Swoole's conventions: a call's timeout of 0 uses the socket's own
//! (connect 10 s, read and write 60 s unless set), a negative one waits
//! forever; reads give '' at the peer's end and false on an error, with
//! `errCode`/`errMsg` (ETIMEDOUT, ECANCELED, …).

use std::cell::{Cell, RefCell};
use std::os::fd::{FromRawFd, OwnedFd, RawFd};
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::error::{throw_error, throw_socket_exception, warn_docref};
use super::super::object::{this, this_obj, Native};
use super::super::runtime::{propagate, rt};
use super::super::value::zval_long;
use super::super::zarray::str_zval;
use super::{err_text, socket_io as io, socket_opts as opts, Kind, Timeouts, Vm};
use crate::rt::driver::io::Dir;
use crate::rt::net::framing::{Protocol, ReadBuffer};
use crate::rt::net::{Deadline, NetError, Reactor, SockAddr, Socket};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Swoole\Coroutine\Socket`, set at MINIT.
pub static SOCKET_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order.
pub const PROPS: [&str; 6] = ["fd", "domain", "type", "protocol", "errCode", "errMsg"];

pub(super) const E_WARNING: i32 = 2;
/// `SWOOLE_EVENT_READ` / `SWOOLE_EVENT_WRITE`.
const EVENT_READ: i64 = 512;
const EVENT_WRITE: i64 = 1024;

/// Rust side of a Socket.
#[derive(Default)]
pub struct SocketObj {
    /// The socket; shared with the calls waiting on it, so `close` from
    /// another coroutine wakes them and the fd goes when the last is done.
    sock: RefCell<Option<Rc<Socket>>>,
    /// Bytes read ahead by recvPacket/recvLine/recvWithBuffer.
    pub(super) rbuf: RefCell<ReadBuffer>,
    /// setProtocol's framing.
    pub(super) proto: RefCell<Protocol>,
    /// The socket's own timeouts.
    pub(super) timeouts: Cell<Option<Timeouts>>,
    pub(super) domain: Cell<i32>,
    pub(super) ty: Cell<i32>,
    /// Connected (connect, accept, a pair or an imported fd), until both
    /// directions are shut down.
    pub(super) connected: Cell<bool>,
    shut_rd: Cell<bool>,
    shut_wr: Cell<bool>,
    /// setProtocol's package_length_func: the packet length of the
    /// buffered bytes (0: more needed, negative: malformed).
    pub(super) length_func: RefCell<Option<super::super::value::Callback>>,
    /// TLS (`open_ssl`, `SWOOLE_SSL`, an https client): the settings and
    /// side; the handshake runs at connect or `sslHandshake()`.
    pub(super) tls: RefCell<Option<super::tls::TlsState>>,
    /// `socks5_*` / `http_proxy_*`: the proxy connects go through.
    pub(super) proxy: RefCell<Option<crate::rt::net::proxy::ProxyConfig>>,
}

impl Native for SocketObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

impl Drop for SocketObj {
    fn drop(&mut self) {
        if let Some(s) = self.sock.get_mut().take() {
            Vm.forget(s.fd());
        }
    }
}

impl SocketObj {
    /// The socket, if open.
    pub fn socket(&self) -> Option<Rc<Socket>> {
        self.sock.borrow().clone()
    }

    /// The socket's timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts.get().unwrap_or_default()
    }

    /// Sets one of its timeouts.
    pub fn set_timeout(&self, k: Kind, secs: f64) {
        let mut t = self.timeouts();
        t.set(k, secs);
        self.timeouts.set(Some(t));
    }

    /// Sets the framing.
    pub fn set_protocol(&self, p: Protocol) {
        *self.proto.borrow_mut() = p;
    }

    /// The framing.
    pub fn protocol(&self) -> Protocol {
        self.proto.borrow().clone()
    }

    /// Closes the socket: coroutines waiting on it wake with ECANCELED.
    /// False when it was not open.
    pub fn close(&self) -> bool {
        let s = self.sock.borrow_mut().take();
        self.rbuf.borrow_mut().clear();
        match s {
            Some(s) => {
                s.tls_close_notify();
                Vm.forget(s.fd());
                true
            }
            None => false,
        }
    }

    /// Runs `f` with the read buffer taken out (a wait inside must not
    /// hold a borrow another coroutine's call would trip on).
    pub fn with_rbuf<R>(&self, f: impl FnOnce(&mut ReadBuffer) -> R) -> R {
        let mut b = std::mem::take(&mut *self.rbuf.borrow_mut());
        let r = f(&mut b);
        *self.rbuf.borrow_mut() = b;
        r
    }

    /// Turns TLS on with `cfg` (client side until `listen`), or updates
    /// its settings.
    pub fn enable_tls(&self, cfg: crate::rt::net::tls::TlsConfig) {
        let mut t = self.tls.borrow_mut();
        match t.as_mut() {
            Some(st) => st.reconfigure(cfg),
            None => {
                let mut st = super::tls::TlsState::client(cfg);
                // Turned on after listen(): the accepting side.
                st.server = self.socket().is_some_and(|s| {
                    s.option(libc::SOL_SOCKET, libc::SO_ACCEPTCONN).unwrap_or(0) == 1
                });
                *t = Some(st);
            }
        }
    }

    /// Whether TLS is on for this socket.
    pub fn tls_enabled(&self) -> bool {
        self.tls.borrow().is_some()
    }

    /// The TLS settings so far (defaults when TLS is off).
    pub fn tls_config(&self) -> crate::rt::net::tls::TlsConfig {
        self.tls
            .borrow()
            .as_ref()
            .map(|t| t.cfg.clone())
            .unwrap_or_default()
    }

    /// The TLS handshake on `s` when TLS is on (after connect, or from
    /// `sslHandshake()`); `sni`: the host connected to. The state is taken
    /// out for the wait and put back after.
    pub fn tls_handshake(
        &self,
        s: &Socket,
        sni: Option<&str>,
        dl: Deadline,
    ) -> Result<(), NetError> {
        let Some(mut st) = self.tls.borrow_mut().take() else {
            return Ok(());
        };
        let r = super::tls::handshake(&mut st, s, sni, dl);
        let mut slot = self.tls.borrow_mut();
        if slot.is_none() {
            *slot = Some(st);
        }
        r
    }
}

fn slot(obj: *mut ext_php_rs::ffi::zend_object, n: usize, v: Zval) {
    // SAFETY: a Socket object declares PROPS; n < PROPS.len(); the old
    // value is released as the slot's zval is replaced.
    unsafe { *(super::super::object::prop_slot(obj, n) as *mut Zval) = v };
}

/// Sets `errCode`/`errMsg` of a Socket object (0 clears them).
pub fn set_err_obj(obj: *mut ext_php_rs::ffi::zend_object, code: i32) {
    slot(obj, 4, zval_long(i64::from(code)));
    slot(obj, 5, str_zval(err_text(code).as_bytes()));
}

pub(super) fn set_err(ex: &ExecuteData, code: i32) {
    set_err_obj(this_obj(ex), code);
}

/// Sets `errCode` with a message of Swoole's own wording.
pub(super) fn set_err_msg(ex: &ExecuteData, code: i32, msg: &str) {
    let obj = this_obj(ex);
    slot(obj, 4, zval_long(i64::from(code)));
    slot(obj, 5, str_zval(msg.as_bytes()));
}

/// The errCode of a failed operation; a busy socket throws as Swoole does.
pub(super) fn fail(ex: &ExecuteData, e: &NetError) {
    if let NetError::Busy { holder } = e {
        super::super::error::throw_socket_bound(fd_prop(ex), *holder);
    }
    set_err(ex, e.errno());
}

fn fd_prop(ex: &ExecuteData) -> i64 {
    // SAFETY: reading our own object's property slot 0 (fd), an int.
    unsafe {
        (*super::super::object::prop_slot(this_obj(ex), 0))
            .value
            .lval
    }
}

/// Fills a fresh Socket object around `sock`.
fn init(
    obj: *mut ext_php_rs::ffi::zend_object,
    o: &SocketObj,
    sock: Socket,
    domain: i32,
    ty: i32,
    proto: i32,
) {
    slot(obj, 0, zval_long(i64::from(sock.fd())));
    slot(obj, 1, zval_long(i64::from(domain)));
    slot(obj, 2, zval_long(i64::from(ty)));
    slot(obj, 3, zval_long(i64::from(proto)));
    set_err_obj(obj, 0);
    o.domain.set(domain);
    o.ty.set(ty);
    o.connected.set(true);
    o.shut_rd.set(false);
    o.shut_wr.set(false);
    *o.sock.borrow_mut() = Some(Rc::new(sock));
}

/// A new Socket object (of the base class) over `sock`.
pub fn new_object(sock: Socket, domain: i32, ty: i32, proto: i32) -> Zval {
    let mut z = Zval::new();
    // SAFETY: our registered class; object_init_ex fills z.
    unsafe {
        super::super::sys::zend::object_init_ex(&mut z, SOCKET_CE.load(Ordering::Relaxed).cast())
    };
    if let Some(o) = super::super::object::native_of::<SocketObj>(&z) {
        init(super::super::object::obj_of(o), o, sock, domain, ty, proto);
    }
    z
}

/// A Socket object over `fd` (which it takes), as `exportSocket()` makes.
pub fn wrap(fd: OwnedFd, domain: i64, ty: i64) -> Zval {
    new_object(Socket::from_fd(fd), domain as i32, ty as i32, 0)
}

/// The open socket of `$this`, or errCode EBADF and false returned.
pub(super) fn open(ex: &ExecuteData, rv: &mut Zval) -> Option<(&'static SocketObj, Rc<Socket>)> {
    let o = this::<SocketObj>(ex)?;
    match o.socket() {
        Some(s) => Some((o, s)),
        None => {
            set_err(ex, libc::EBADF);
            ret_bool(rv, false);
            None
        }
    }
}

/// Returns bytes read: a string, '' at the end, false on an error (errCode set).
pub(super) fn ret_read(ex: &ExecuteData, rv: &mut Zval, r: Result<Vec<u8>, NetError>) {
    match r {
        Ok(b) => {
            set_err(ex, 0);
            rv.set_binary(b);
        }
        Err(e) => {
            fail(ex, &e);
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `__construct(int $domain, int $type, int $protocol = IPPROTO_IP)`.
    construct(ex, _rv) {
        let f = "Swoole\\Coroutine\\Socket::__construct";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(domain) = args::long(ex, 0, f, "domain", None) else { return };
        let Ok(ty) = args::long(ex, 1, f, "type", None) else { return };
        let Ok(proto) = args::long(ex, 2, f, "protocol", Some(0)) else { return };
        let Some(o) = this::<SocketObj>(ex) else { return };
        if o.sock.borrow().is_some() {
            throw_error("Constructor of Swoole\\Coroutine\\Socket can only be called once");
            return;
        }
        match Socket::new(domain as i32, ty as i32, proto as i32) {
            Ok(s) => {
                init(this_obj(ex), o, s, domain as i32, ty as i32, proto as i32);
                o.connected.set(false);
            }
            Err(e) => {
                let code = e.raw_os_error().unwrap_or(libc::EINVAL);
                set_err(ex, code);
                throw_socket_exception(&format!("new Socket() failed. Error: {} [{code}]", err_text(code)), code);
            }
        }
    }
);

/// An address to bind or send to: IP literals and unix paths (no lookup).
fn local_addr(domain: i32, host: &str, port: i64) -> Option<SockAddr> {
    SockAddr::literal(domain, host, port.clamp(0, 65535) as u16)
}

handler!(
    /// `bind(string $address, int $port = 0): bool`.
    bind(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::bind";
        let Ok(host) = args::string(ex, 0, f, "address").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let Some(a) = local_addr(o.domain.get(), &host, port) else {
            set_err(ex, libc::EINVAL);
            ret_bool(rv, false);
            return;
        };
        if o.domain.get() != libc::AF_UNIX {
            let _ = s.set_option(libc::SOL_SOCKET, libc::SO_REUSEADDR, 1);
        }
        let r = s.bind(&a);
        set_err(ex, r.as_ref().err().and_then(|e| e.raw_os_error()).unwrap_or(0));
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `listen(int $backlog = 512): bool`.
    listen(ex, rv) {
        let Ok(backlog) = args::long(ex, 0, "Swoole\\Coroutine\\Socket::listen", "backlog", Some(512)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let r = s.listen(backlog.clamp(0, i64::from(i32::MAX)) as i32);
        if r.is_ok() {
            if let Some(t) = o.tls.borrow_mut().as_mut() {
                t.server = true;
            }
        }
        set_err(ex, r.as_ref().err().and_then(|e| e.raw_os_error()).unwrap_or(0));
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `accept(float $timeout = 0): Socket|false`.
    accept(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Swoole\\Coroutine\\Socket::accept", "timeout", Some(0.0)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let dl = o.timeouts().deadline(Kind::Read, t);
        let r = s.accept(&Vm, dl);
        drop(s);
        propagate();
        match r {
            Ok((c, _peer)) => {
                set_err(ex, 0);
                // SAFETY: reading our own object's property slot 3 (protocol), an int.
                let proto = unsafe { (*super::super::object::prop_slot(this_obj(ex), 3)).value.lval } as i32;
                let z = new_object(c, o.domain.get(), o.ty.get(), proto);
                if let Some(n) = super::super::object::native_of::<SocketObj>(&z) {
                    n.set_protocol(o.protocol());
                    *n.length_func.borrow_mut() = o.length_func.borrow().as_ref().map(|f| f.duplicate());
                    n.timeouts.set(o.timeouts.get());
                    // As Swoole: an SSL listener's connection gets its session
                    // at once; the first read, write or sslHandshake() runs
                    // the handshake.
                    let ctx = o.tls.borrow_mut().as_mut().filter(|t| t.server).map(|t| t.context());
                    *n.tls.borrow_mut() = o.tls.borrow().as_ref().map(|t| t.for_accepted());
                    let attached = match (ctx, n.socket()) {
                        (Some(Ok(ctx)), Some(s)) => s.tls_attach(&ctx).map_err(|e| e.errno()),
                        (Some(Err(e)), _) => {
                            warn_docref(E_WARNING, &e.msg);
                            Err(e.code)
                        }
                        _ => Ok(()),
                    };
                    if let Err(code) = attached {
                        n.close();
                        set_err(ex, code);
                        ret_bool(rv, false);
                        return;
                    }
                }
                *rv = z;
            }
            Err(e) => {
                fail(ex, &e);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `connect(string $host, int $port = 0, float $timeout = 0): bool`.
    connect(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::connect";
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(t) = args::double(ex, 2, f, "timeout", Some(0.0)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let domain = o.domain.get();
        let ty = o.ty.get() & 0xf;
        if (domain == libc::AF_INET || domain == libc::AF_INET6) && (ty == libc::SOCK_STREAM || ty == libc::SOCK_DGRAM) {
            if args::count(ex) == 1 {
                warn_docref(E_WARNING, "Socket of type AF_INET/AF_INET6 requires port argument");
                ret_bool(rv, false);
                return;
            }
            if port <= 0 || port >= 65536 {
                warn_docref(E_WARNING, &format!("Invalid port argument[{port}]"));
                ret_bool(rv, false);
                return;
            }
        }
        let dl = o.timeouts().deadline(Kind::Connect, t);
        let r = super::proxy::connect_via(o, &s, domain, (&host, port as u16), dl, None, true).and_then(|()| {
            if let Some(st) = o.tls.borrow_mut().as_mut() {
                st.server = false;
            }
            o.tls_handshake(&s, Some(&host), o.timeouts().deadline(Kind::Read, 0.0))
                .map_err(|e| e.errno())
        });
        drop(s);
        propagate();
        match r {
            Ok(()) => {
                o.connected.set(true);
                set_err(ex, 0);
                ret_bool(rv, true);
            }
            Err(code) => {
                set_err(ex, code);
                ret_bool(rv, false);
            }
        }
    }
);

/// Resolves `host` by DNS and connects `s` to it: Err(errCode).
pub fn connect_to(s: &Socket, domain: i32, host: &str, port: u16, dl: Deadline) -> Result<(), i32> {
    let a = super::resolve(domain, host, port)?;
    if dl.expired() {
        return Err(libc::ETIMEDOUT);
    }
    s.connect(&Vm, &a, dl).map_err(|e| e.errno())
}

/// A coroutine client's connect: `host` resolved by the registered name
/// resolvers (with `ctx`, which a node's port may come from; a fresh
/// context when None), then DNS, as Swoole's coroutine socket does.
/// Err(errCode).
///
/// # Suspends
/// Runs the resolvers' PHP code, waits for DNS and the connection.
pub fn connect_named(
    s: &Socket,
    domain: i32,
    host: &str,
    port: u16,
    dl: Deadline,
    ctx: Option<&crate::php::name_resolver::ResolveCtx>,
) -> Result<(), i32> {
    let a = crate::php::name_resolver::resolve_addr(domain, host, port, ctx)?;
    if dl.expired() {
        return Err(libc::ETIMEDOUT);
    }
    s.connect(&Vm, &a, dl).map_err(|e| e.errno())
}

handler!(
    /// `checkLiveness(): bool`.
    check_liveness(ex, rv) {
        let Some((_, s)) = open(ex, rv) else { return };
        let alive = s.is_alive();
        set_err(ex, if alive { 0 } else { libc::ECONNRESET });
        ret_bool(rv, alive);
    }
);

handler!(
    /// `getBoundCid(int $event): int` — the coroutine waiting on it to read
    /// (SWOOLE_EVENT_READ) or write (SWOOLE_EVENT_WRITE), 0 when none.
    get_bound_cid(ex, rv) {
        let Ok(ev) = args::long(ex, 0, "Swoole\\Coroutine\\Socket::getBoundCid", "event", None) else { return };
        let Some((_, s)) = open(ex, rv) else { return };
        let dir = if ev == EVENT_WRITE { Dir::Write } else { Dir::Read };
        ret_long(rv, rt(|r| r.fd_holder(s.fd(), dir)).map_or(0, |c| c.0 as i64));
    }
);

handler!(
    /// `shutdown(int $how = 2): bool`.
    shutdown(ex, rv) {
        let Ok(how) = args::long(ex, 0, "Swoole\\Coroutine\\Socket::shutdown", "how", Some(2)) else { return };
        let Some((o, s)) = open(ex, rv) else { return };
        let how = how as i32;
        // As Swoole: a direction already shut (or no connection) is ENOTCONN.
        if !o.connected.get() || (how == libc::SHUT_RD && o.shut_rd.get()) || (how == libc::SHUT_WR && o.shut_wr.get()) {
            set_err(ex, libc::ENOTCONN);
            ret_bool(rv, false);
            return;
        }
        match s.shutdown(how) {
            Err(e) if e.raw_os_error() != Some(libc::ENOTCONN) => {
                set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
                ret_bool(rv, false);
            }
            r => {
                // ENOTCONN: the peer reset it; both directions are gone.
                let how = if r.is_err() { libc::SHUT_RDWR } else { how };
                if how != libc::SHUT_WR {
                    o.shut_rd.set(true);
                }
                if how != libc::SHUT_RD {
                    o.shut_wr.set(true);
                }
                if o.shut_rd.get() && o.shut_wr.get() {
                    o.connected.set(false);
                }
                set_err(ex, 0);
                ret_bool(rv, true);
            }
        }
    }
);

handler!(
    /// `close(): bool`.
    close(ex, rv) {
        let Some(o) = this::<SocketObj>(ex) else { return };
        // As Swoole: a writer then a reader waiting on it are canceled
        // (ECANCELED) and finish before close() returns.
        let canceled = o.socket().map_or(0, |s| super::cancel_waiters(s.fd(), &[Dir::Write, Dir::Read]));
        let had = o.close();
        if !had {
            set_err(ex, libc::EBADF);
        }
        if canceled > 0 {
            super::let_canceled_run();
        }
        ret_bool(rv, had);
    }
);

handler!(
    /// `cancel(int $event = SWOOLE_EVENT_READ): bool` — wakes the coroutine
    /// waiting on it in that direction (its call fails with ECANCELED).
    cancel(ex, rv) {
        let Ok(ev) = args::long(ex, 0, "Swoole\\Coroutine\\Socket::cancel", "event", Some(EVENT_READ)) else { return };
        let Some((_, s)) = open(ex, rv) else { return };
        let dir = if ev == EVENT_READ { Dir::Read } else { Dir::Write };
        let ok = super::cancel_waiters(s.fd(), &[dir]) > 0;
        drop(s);
        if ok {
            set_err(ex, libc::ECANCELED);
            // As Swoole: the canceled call finishes before cancel() returns.
            super::let_canceled_run();
        }
        ret_bool(rv, ok);
    }
);

fn name_impl(ex: &mut ExecuteData, rv: &mut Zval, peer: bool) {
    let Some((_, s)) = open(ex, rv) else {
        return;
    };
    match if peer { s.peer_addr() } else { s.local_addr() } {
        Ok(a) => *rv = super::addr_array(&a),
        Err(e) => {
            set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `getsockname(): false|array`.
    getsockname(ex, rv) { name_impl(ex, rv, false); }
);

handler!(
    /// `getpeername(): false|array`.
    getpeername(ex, rv) { name_impl(ex, rv, true); }
);

handler!(
    /// `isClosed(): bool`.
    is_closed(ex, rv) {
        let closed = this::<SocketObj>(ex).is_none_or(|o| o.sock.borrow().is_none());
        ret_bool(rv, closed);
    }
);

handler!(
    /// `static import($stream): Socket|false` — a Socket over (a duplicate
    /// of) the fd of a socket stream or ext-sockets Socket.
    import(ex, rv) {
        let f = "Swoole\\Coroutine\\Socket::import";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let fd: RawFd = match super::super::fd::fd_of(&z) {
            Ok(fd) if z.long().is_none() => fd,
            _ => {
                super::super::error::throw_type_error(&format!("{f}(): supplied argument is not a valid stream resource"));
                return;
            }
        };
        // SAFETY: dup(2) of an fd the stream owns; the copy is ours.
        let dup = match unsafe { crate::syscall!(fcntl(fd, libc::F_DUPFD_CLOEXEC, 0)) } {
            Ok(d) => d,
            Err(e) => {
                warn_docref(E_WARNING, &format!("dup() failed: {}", super::super::error::os_error_text(&e)));
                ret_bool(rv, false);
                return;
            }
        };
        // SAFETY: a fresh duplicate nobody else owns.
        let owned = unsafe { OwnedFd::from_raw_fd(dup) };
        let domain = crate::rt::net::socket::getsockopt_int(dup, libc::SOL_SOCKET, libc::SO_DOMAIN).unwrap_or(libc::AF_INET);
        let ty = crate::rt::net::socket::getsockopt_int(dup, libc::SOL_SOCKET, libc::SO_TYPE).unwrap_or(libc::SOCK_STREAM);
        *rv = new_object(Socket::from_fd(owned), domain, ty, 0);
    }
);

handler!(
    /// `swoole_coroutine_socketpair(int $domain, int $type, int $protocol): array|false`.
    socketpair(ex, rv) {
        let f = "swoole_coroutine_socketpair";
        let Ok(domain) = args::long(ex, 0, f, "domain", None) else { return };
        let Ok(ty) = args::long(ex, 1, f, "type", None) else { return };
        let Ok(_proto) = args::long(ex, 2, f, "protocol", None) else { return };
        if domain as i32 != libc::AF_UNIX {
            warn_docref(E_WARNING, "failed to create socket: Operation not supported");
            ret_bool(rv, false);
            return;
        }
        match Socket::pair(ty as i32) {
            Ok((a, b)) => {
                let mut arr = super::super::zarray::Arr::new(2);
                arr.set(b"0", new_object(a, domain as i32, ty as i32, 0));
                arr.set(b"1", new_object(b, domain as i32, ty as i32, 0));
                *rv = arr.into_zval();
            }
            Err(e) => {
                warn_docref(E_WARNING, &format!("failed to create socket: {}", super::super::error::os_error_text(&e)));
                ret_bool(rv, false);
            }
        }
    }
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("bind", bind),
    ("listen", listen),
    ("accept", accept),
    ("connect", connect),
    ("checkLiveness", check_liveness),
    ("getBoundCid", get_bound_cid),
    ("peek", io::peek),
    ("recv", io::recv),
    ("send", io::send),
    ("readVector", io::read_vector),
    ("readVectorAll", io::read_vector_all),
    ("writeVector", io::write_vector),
    ("writeVectorAll", io::write_vector_all),
    ("sendFile", io::send_file_m),
    ("recvAll", io::recv_all),
    ("sendAll", io::send_all),
    ("recvPacket", io::recv_packet),
    ("recvLine", io::recv_line),
    ("recvWithBuffer", io::recv_with_buffer),
    ("recvfrom", io::recvfrom),
    ("sendto", io::sendto),
    ("getOption", opts::get_option),
    ("setOption", opts::set_option),
    ("setProtocol", opts::set_protocol),
    ("sslHandshake", opts::ssl_handshake),
    ("shutdown", shutdown),
    ("close", close),
    ("cancel", cancel),
    ("getsockname", getsockname),
    ("getpeername", getpeername),
    ("isClosed", is_closed),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $domain, int $type, int $protocol = IPPROTO_IP)",
    "bind(string $address, int $port = 0): bool",
    "listen(int $backlog = 512): bool",
    "accept(float $timeout = 0): Swoole\\Coroutine\\Socket|false",
    "connect(string $host, int $port = 0, float $timeout = 0): bool",
    "checkLiveness(): bool",
    "getBoundCid(int $event): int",
    "peek(int $length = 65536): string|false",
    "recv(int $length = 65536, float $timeout = 0): string|false",
    "send(string $data, float $timeout = 0): int|false",
    "readVector(array $io_vector, float $timeout = 0): false|array",
    "readVectorAll(array $io_vector, float $timeout = 0): false|array",
    "writeVector(array $io_vector, float $timeout = 0): false|int",
    "writeVectorAll(array $io_vector, float $timeout = 0): false|int",
    "sendFile(string $file, int $offset = 0, int $length = 0): bool",
    "recvAll(int $length = 65536, float $timeout = 0): false|string",
    "sendAll(string $data, float $timeout = 0): int|false",
    "recvPacket(float $timeout = 0): false|string",
    "recvLine(int $length = 65536, float $timeout = 0): string|false",
    "recvWithBuffer(int $length = 65536, float $timeout = 0): string|false",
    "recvfrom(mixed &$peername, float $timeout = 0): string|false",
    "sendto(string $addr, int $port, string $data): int|false",
    "getOption(int $level, int $opt_name): mixed",
    "setOption(int $level, int $opt_name, mixed $opt_value): bool",
    "setProtocol(array $settings): bool",
    "sslHandshake(): bool",
    "shutdown(int $how = 2): bool",
    "close(): bool",
    "cancel(int $event = SWOOLE_EVENT_READ): bool",
    "getsockname(): false|array",
    "getpeername(): false|array",
    "isClosed(): bool",
    "import($stream): Swoole\\Coroutine\\Socket|false",
];

/// The class (`Corust\Coroutine\Socket`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new("Corust\\Coroutine\\Socket");
    for (n, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    cb = cb.method(
        FunctionBuilder::new("import", import),
        MethodFlags::Public | MethodFlags::Static,
    );
    for p in PROPS {
        cb = cb.property(super::super::classes::public_null_prop(p));
    }
    cb.registration(|c, a| {
        SOCKET_CE.store(c, Ordering::Relaxed);
        super::super::classes::native::<SocketObj>(c, a);
    })
}
