//! `Swoole\Coroutine\Client`: a TCP, UDP or unix client whose waits yield
//! the coroutine, on a `Swoole\Coroutine\Socket` it creates at connect
//! (`exportSocket()` hands that object out). `set()` takes Swoole's
//! client settings: timeout/connect_timeout/read_timeout/write_timeout,
//! bind_address/bind_port, socket_buffer_size, open_tcp_nodelay and the
//! length/EOF framing that `recv()` then returns one packet of.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::error::{throw_type_error, warn_docref};
use super::super::object::{native_of, this, this_obj, Native};
use super::super::runtime::propagate;
use super::super::value::zval_long;
use super::super::zarray::str_zval;
use super::socket::{self, SocketObj};
use super::{err_text, Kind, Vm};
use crate::rt::driver::io::Dir;
use crate::rt::net::framing::Framing;
use crate::rt::net::{NetError, Socket};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
static CLIENT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order (Swoole's).
pub const PROPS: [&str; 7] = [
    "errCode",
    "errMsg",
    "fd",
    "socket",
    "type",
    "setting",
    "connected",
];

const E_WARNING: i32 = 2;
/// SW_ERROR_CO_SOCKET_CLOSE_WAIT.
const CLOSE_WAIT: i32 = 10019;
/// SW_ERROR_CLIENT_NO_CONNECTION.
const NO_CONNECTION: i32 = 5001;
/// Swoole's client type flags (not part of the socket type).
const FLAGS: i64 = (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);
/// SWOOLE_SSL.
pub(super) const SSL_FLAG: i64 = 1 << 9;

/// Rust side of a Client.
#[derive(Default)]
pub struct ClientObj {
    /// The Socket object while connected.
    socket: RefCell<Option<Zval>>,
    /// SWOOLE_SOCK_TCP … SWOOLE_SOCK_UNIX_DGRAM.
    ty: Cell<i64>,
    /// SWOOLE_SSL: TLS from connect on.
    ssl: Cell<bool>,
}

impl Native for ClientObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

impl Drop for ClientObj {
    fn drop(&mut self) {
        if let Some(z) = self.socket.get_mut().take() {
            if let Some(s) = native_of::<SocketObj>(&z) {
                s.close();
            }
        }
    }
}

fn slot(obj: *mut ext_php_rs::ffi::zend_object, n: usize, v: Zval) {
    // SAFETY: a Client object declares PROPS; n < PROPS.len().
    unsafe { *(super::super::object::prop_slot(obj, n) as *mut Zval) = v };
}

fn prop(ex: &ExecuteData, n: usize) -> &'static Zval {
    // SAFETY: our own object's declared property slot n < PROPS.len().
    unsafe { &*(super::super::object::prop_slot(this_obj(ex), n) as *const Zval) }
}

fn set_err(ex: &ExecuteData, code: i32) {
    let obj = this_obj(ex);
    slot(obj, 0, zval_long(i64::from(code)));
    slot(obj, 1, str_zval(err_text(code).as_bytes()));
}

/// (domain, socket type) of a Swoole client type.
pub(super) fn socket_kind(ty: i64) -> Option<(i32, i32)> {
    Some(match ty & !FLAGS {
        1 => (libc::AF_INET, libc::SOCK_STREAM),
        2 => (libc::AF_INET, libc::SOCK_DGRAM),
        3 => (libc::AF_INET6, libc::SOCK_STREAM),
        4 => (libc::AF_INET6, libc::SOCK_DGRAM),
        5 => (libc::AF_UNIX, libc::SOCK_STREAM),
        6 => (libc::AF_UNIX, libc::SOCK_DGRAM),
        _ => return None,
    })
}

/// The connected Socket object of `$this`, or errCode 5001 and false.
fn connected(ex: &ExecuteData, rv: &mut Zval) -> Option<(&'static SocketObj, std::rc::Rc<Socket>)> {
    let o = this::<ClientObj>(ex)?;
    let sock = o.socket.borrow().as_ref().and_then(native_of::<SocketObj>);
    match sock.and_then(|s| s.socket().map(|k| (s, k))) {
        Some(x) => Some(x),
        None => {
            set_err(ex, NO_CONNECTION);
            ret_bool(rv, false);
            None
        }
    }
}

fn num(v: &Zval) -> f64 {
    v.double()
        .or_else(|| v.long().map(|l| l as f64))
        .unwrap_or(0.0)
}

/// Applies client settings to a connected socket: false when one failed.
pub(super) fn apply(s: &SocketObj, sock: &Socket, ht: &ZendHashTable) -> bool {
    let mut ok = true;
    if s.tls_enabled() {
        let mut cfg = s.tls_config();
        super::tls::apply_settings(ht, &mut cfg);
        s.enable_tls(cfg);
    }
    // Swoole: a timeout of 0 leaves the current one.
    let t = |k: &str| ht.get(k).map(num).filter(|t| *t != 0.0);
    if let Some(v) = t("timeout") {
        for k in [Kind::Connect, Kind::Read, Kind::Write] {
            s.set_timeout(k, v);
        }
    }
    if let Some(v) = t("connect_timeout") {
        s.set_timeout(Kind::Connect, v);
    }
    if let Some(v) = t("read_timeout") {
        s.set_timeout(Kind::Read, v);
    }
    if let Some(v) = t("write_timeout") {
        s.set_timeout(Kind::Write, v);
    }
    if let Some(v) = ht.get("socket_buffer_size") {
        let n = v.long().unwrap_or(0);
        if n <= 0 {
            warn_docref(
                E_WARNING,
                &format!("socket buffer size must be greater than 0, got {n}"),
            );
            ok = false;
        } else {
            let n = n.min(i64::from(i32::MAX)) as i32;
            let _ = sock.set_option(libc::SOL_SOCKET, libc::SO_RCVBUF, n);
            let _ = sock.set_option(libc::SOL_SOCKET, libc::SO_SNDBUF, n);
        }
    }
    if let Some(v) = ht.get("open_tcp_nodelay") {
        if sock.is_stream() {
            let _ = sock.set_option(
                libc::IPPROTO_TCP,
                libc::TCP_NODELAY,
                i32::from(v.coerce_to_bool()),
            );
        }
    }
    match super::socket_opts::parse_protocol(ht, &s.protocol()) {
        Ok(p) => {
            s.set_protocol(p);
            super::socket_opts::set_length_func(s, ht);
        }
        Err(()) => ok = false,
    }
    ok &= super::proxy::parse_proxy(ht, s);
    ok
}

/// Makes the Socket object for a connect or a first sendto/recvfrom, with
/// the settings applied. None (errCode set) when it cannot.
fn make_socket(ex: &ExecuteData) -> Option<Zval> {
    let o = this::<ClientObj>(ex)?;
    let (domain, ty) = socket_kind(o.ty.get())?;
    let sock = match Socket::new(domain, ty, 0) {
        Ok(s) => s,
        Err(e) => {
            set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
            return None;
        }
    };
    let fd = sock.fd();
    let z = socket::new_object(sock, domain, ty, 0);
    let so = native_of::<SocketObj>(&z)?;
    so.connected.set(false);
    if o.ssl.get() {
        so.enable_tls(Default::default());
    }
    let s = so.socket()?;
    if let Some(ht) = prop(ex, 5).array() {
        // Swoole binds first when bind_address is set.
        if let Some(addr) = ht.get("bind_address").and_then(|v| v.coerce_to_string()) {
            let port = ht.get("bind_port").and_then(|v| v.long()).unwrap_or(0);
            match crate::rt::net::SockAddr::literal(domain, &addr, port.clamp(0, 65535) as u16) {
                Some(a) => {
                    if let Err(e) = s.bind(&a) {
                        set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
                        so.close();
                        return None;
                    }
                }
                None => {
                    set_err(ex, libc::EINVAL);
                    so.close();
                    return None;
                }
            }
        }
        apply(so, &s, ht);
    }
    let obj = this_obj(ex);
    slot(obj, 2, zval_long(i64::from(fd)));
    slot(obj, 3, z.shallow_clone());
    *o.socket.borrow_mut() = Some(z.shallow_clone());
    Some(z)
}

/// Forgets the socket (closed): properties back to unconnected.
fn drop_socket(ex: &ExecuteData) {
    let Some(o) = this::<ClientObj>(ex) else {
        return;
    };
    let z = o.socket.borrow_mut().take();
    if let Some(s) = z.as_ref().and_then(native_of::<SocketObj>) {
        s.close();
    }
    let obj = this_obj(ex);
    slot(obj, 3, Zval::new());
    let mut f = Zval::new();
    f.set_bool(false);
    slot(obj, 6, f);
    drop(z);
}

handler!(
    /// `__construct(int $type)`.
    construct(ex, _rv) {
        let f = "Swoole\\Coroutine\\Client::__construct";
        let Ok(ty) = args::long(ex, 0, f, "type", None) else {
            let _ = args::need(ex, 1, f);
            return;
        };
        if socket_kind(ty).is_none() {
            throw_type_error(&format!("{f}() expects parameter 1 to be client type, unknown type {ty} given"));
            return;
        }
        let Some(o) = this::<ClientObj>(ex) else { return };
        o.ty.set(ty & !FLAGS);
        o.ssl.set(ty & SSL_FLAG != 0);
        let obj = this_obj(ex);
        slot(obj, 0, zval_long(0));
        slot(obj, 1, str_zval(b""));
        slot(obj, 2, zval_long(-1));
        slot(obj, 4, zval_long(ty));
        let mut f = Zval::new();
        f.set_bool(false);
        slot(obj, 6, f);
    }
);

handler!(
    /// `__destruct()`.
    destruct(_ex, _rv) {}
);

handler!(
    /// `set(array $settings): bool` — merged into `$setting`; applied now
    /// when connected, else at connect.
    set(ex, rv) {
        let f = "Swoole\\Coroutine\\Client::set";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(given) = z.array() else {
            throw_type_error(&format!("{f}(): Argument #1 ($settings) must be of type array, {} given", args::type_name(&z)));
            return;
        };
        if given.is_empty() {
            ret_bool(rv, false);
            return;
        }
        let mz = super::super::zarray::merge_settings(prop(ex, 5).array(), given);
        slot(this_obj(ex), 5, mz);
        let Some(o) = this::<ClientObj>(ex) else { return };
        let sock = o.socket.borrow().as_ref().and_then(native_of::<SocketObj>);
        let ok = match sock.and_then(|s| s.socket().map(|k| (s, k))) {
            Some((s, k)) => apply(s, &k, given),
            None => true,
        };
        ret_bool(rv, ok);
    }
);

handler!(
    /// `connect(string $host, int $port = 0, float $timeout = 0, int $sock_flag = 0): bool`.
    connect(ex, rv) {
        let f = "Swoole\\Coroutine\\Client::connect";
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(t) = args::double(ex, 2, f, "timeout", Some(0.0)) else { return };
        let Ok(_flag) = args::long(ex, 3, f, "sock_flag", Some(0)) else { return };
        if host.is_empty() {
            warn_docref(E_WARNING, "The host is empty");
            ret_bool(rv, false);
            return;
        }
        let Some(o) = this::<ClientObj>(ex) else { return };
        if o.socket.borrow().is_some() {
            set_err(ex, libc::EISCONN);
            ret_bool(rv, false);
            return;
        }
        let Some((domain, ty)) = socket_kind(o.ty.get()) else { return };
        if ty == libc::SOCK_STREAM && domain != libc::AF_UNIX && !(1..=65535).contains(&port) {
            warn_docref(E_WARNING, "The port is invalid");
            ret_bool(rv, false);
            return;
        }
        let Some(z) = make_socket(ex) else { ret_bool(rv, false); return };
        let Some(so) = native_of::<SocketObj>(&z) else { return };
        let Some(s) = so.socket() else { return };
        if t != 0.0 {
            so.set_timeout(Kind::Connect, t);
        }
        let dl = so.timeouts().deadline(Kind::Connect, 0.0);
        let r = super::proxy::connect_via(so, &s, domain, (&host, port.clamp(0, 65535) as u16), dl, None, true)
            .and_then(|()| {
                let dl = if t != 0.0 { dl } else { so.timeouts().deadline(Kind::Read, 0.0) };
                so.tls_handshake(&s, Some(&host), dl).map_err(|e| e.errno())
            });
        drop(s);
        propagate();
        match r {
            Ok(()) => {
                so.connected.set(true);
                // Swoole: the connect timeout also becomes the read/write one.
                if t != 0.0 {
                    so.set_timeout(Kind::Read, t);
                    so.set_timeout(Kind::Write, t);
                }
                set_err(ex, 0);
                let mut tz = Zval::new();
                tz.set_bool(true);
                slot(this_obj(ex), 6, tz);
                ret_bool(rv, true);
            }
            Err(code) => {
                set_err(ex, code);
                drop_socket(ex);
                ret_bool(rv, false);
            }
        }
    }
);

fn net_fail(ex: &ExecuteData, rv: &mut Zval, e: &NetError) {
    if let NetError::Busy { holder } = e {
        super::super::error::throw_socket_bound(prop(ex, 2).long().unwrap_or(-1), *holder);
    }
    set_err(ex, e.errno());
    ret_bool(rv, false);
}

handler!(
    /// `recv(float $timeout = 0): string|false` — one packet when framing
    /// is set, else what one read gives; '' when the peer closed.
    recv(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Swoole\\Coroutine\\Client::recv", "timeout", Some(0.0)) else { return };
        let Some((so, s)) = connected(ex, rv) else { return };
        let dl = so.timeouts().deadline(Kind::Read, t);
        if so.protocol().framing != Framing::None {
            let r = super::socket_io::read_packet(so, &s, dl);
            drop(s);
            propagate();
            match r {
                Ok(p) => {
                    set_err(ex, 0);
                    rv.set_binary(p.unwrap_or_default());
                }
                Err((_, Some(e))) => net_fail(ex, rv, &e),
                Err((code, None)) => {
                    set_err(ex, code);
                    ret_bool(rv, false);
                }
            }
            return;
        }
        let r = so.with_rbuf(|b| {
            if !b.pending().is_empty() {
                return Ok(b.take(65535));
            }
            let mut buf = vec![0u8; 65535];
            s.read_some(&Vm, &mut buf, dl).map(|k| {
                buf.truncate(k);
                buf
            })
        });
        drop(s);
        propagate();
        match r {
            Ok(b) => {
                set_err(ex, 0);
                rv.set_binary(b);
            }
            Err(e) => net_fail(ex, rv, &e),
        }
    }
);

handler!(
    /// `peek(int $length = 65535): string|false`.
    peek(ex, rv) {
        let Ok(n) = args::long(ex, 0, "Swoole\\Coroutine\\Client::peek", "length", Some(65535)) else { return };
        let Some((_, s)) = connected(ex, rv) else { return };
        let mut buf = vec![0u8; n.clamp(1, 1 << 20) as usize];
        match s.peek(&mut buf) {
            Ok(k) => {
                buf.truncate(k);
                rv.set_binary(buf);
            }
            Err(e) => {
                set_err(ex, e.raw_os_error().unwrap_or(libc::EIO));
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `send(string $data, float $timeout = 0): int|false`.
    send(ex, rv) {
        let f = "Swoole\\Coroutine\\Client::send";
        let Ok(data) = args::string(ex, 0, f, "data").map(|c| c.into_owned()) else { return };
        let Ok(t) = args::double(ex, 1, f, "timeout", Some(0.0)) else { return };
        if data.is_empty() {
            warn_docref(E_WARNING, "data to send is empty");
            ret_bool(rv, false);
            return;
        }
        let Some((so, s)) = connected(ex, rv) else { return };
        let dl = so.timeouts().deadline(Kind::Write, t);
        let (n, r) = s.write_all(&Vm, &data, dl);
        drop(s);
        propagate();
        match r {
            Ok(()) => ret_long(rv, n as i64),
            Err(e) if n > 0 => {
                set_err(ex, e.errno());
                ret_long(rv, n as i64);
            }
            Err(e) => net_fail(ex, rv, &e),
        }
    }
);

handler!(
    /// `sendfile(string $filename, int $offset = 0, int $length = 0): bool`.
    sendfile(ex, rv) {
        let f = "Swoole\\Coroutine\\Client::sendfile";
        let Ok(path) = args::string(ex, 0, f, "filename").map(|c| c.into_owned()) else { return };
        let Ok(offset) = args::long(ex, 1, f, "offset", Some(0)) else { return };
        let Ok(length) = args::long(ex, 2, f, "length", Some(0)) else { return };
        if path.is_empty() {
            warn_docref(E_WARNING, "file to send is empty");
            ret_bool(rv, false);
            return;
        }
        let Some((so, s)) = connected(ex, rv) else { return };
        if !s.is_stream() {
            let obj = this_obj(ex);
            slot(obj, 0, zval_long(i64::from(libc::EINVAL)));
            slot(obj, 1, str_zval(b"dgram socket cannot use sendfile"));
            ret_bool(rv, false);
            return;
        }
        let r = super::socket_io::send_file(so, &s, &path, offset, length);
        drop(s);
        propagate();
        if let Err(code) = r {
            set_err(ex, code);
        }
        ret_bool(rv, r.is_ok());
    }
);

/// The socket for sendto/recvfrom: the connected one, or a new one.
fn dgram_socket(ex: &ExecuteData) -> Option<(&'static SocketObj, std::rc::Rc<Socket>)> {
    let o = this::<ClientObj>(ex)?;
    let has = o.socket.borrow().is_some();
    if !has {
        make_socket(ex)?;
    }
    let so = o
        .socket
        .borrow()
        .as_ref()
        .and_then(native_of::<SocketObj>)?;
    so.socket().map(|s| (so, s))
}

handler!(
    /// `sendto(string $address, int $port, string $data): bool`.
    sendto(ex, rv) {
        let f = "Swoole\\Coroutine\\Client::sendto";
        let Ok(host) = args::string(ex, 0, f, "address").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", None) else { return };
        let Ok(data) = args::string(ex, 2, f, "data").map(|c| c.into_owned()) else { return };
        if data.is_empty() {
            ret_bool(rv, false);
            return;
        }
        let Some((so, s)) = dgram_socket(ex) else { ret_bool(rv, false); return };
        let Some(o) = this::<ClientObj>(ex) else { return };
        let Some((domain, _)) = socket_kind(o.ty.get()) else { return };
        let dl = so.timeouts().deadline(Kind::Write, 0.0);
        let r = super::resolve(domain, &host, port.clamp(0, 65535) as u16)
            .and_then(|a| s.send_to(&Vm, &data, &a, dl).map_err(|e| e.errno()));
        drop(s);
        propagate();
        if let Err(code) = r {
            set_err(ex, code);
        }
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `recvfrom(int $length, mixed &$address, mixed &$port = 0): false|string`.
    recvfrom(ex, rv) {
        let f = "Swoole\\Coroutine\\Client::recvfrom";
        let Ok(n) = args::long(ex, 0, f, "length", None) else { let _ = args::need(ex, 2, f); return };
        if args::need(ex, 2, f).is_err() { return; }
        if n <= 0 {
            ret_bool(rv, false);
            return;
        }
        let Some((so, s)) = dgram_socket(ex) else { ret_bool(rv, false); return };
        let dl = so.timeouts().deadline(Kind::Read, 0.0);
        let mut buf = vec![0u8; (n as usize).min(1 << 20)];
        let r = s.recv_from(&Vm, &mut buf, dl);
        drop(s);
        propagate();
        match r {
            Ok((k, from)) => {
                let (host, port) = from.host_port();
                if let Some(z) = args::get(ex, 1) {
                    *z = str_zval(host.as_bytes());
                }
                if let Some(z) = args::get(ex, 2) {
                    *z = zval_long(i64::from(port));
                }
                buf.truncate(k);
                rv.set_binary(buf);
            }
            Err(e) => net_fail(ex, rv, &e),
        }
    }
);

handler!(
    /// `enableSSL(): bool` — TLS on the connected stream from now on, with
    /// the `ssl_*` settings given so far.
    enable_ssl(ex, rv) {
        let Some((so, s)) = connected(ex, rv) else { return };
        let Some(o) = this::<ClientObj>(ex) else { return };
        let code = enable_ssl_on(so, &s, o.ty.get(), prop(ex, 5).array());
        drop(s);
        propagate();
        set_err(ex, code);
        ret_bool(rv, code == 0);
    }
);

/// enableSSL for both clients: 0 or the errCode.
pub(super) fn enable_ssl_on(
    so: &SocketObj,
    s: &Socket,
    ty: i64,
    settings: Option<&ZendHashTable>,
) -> i32 {
    if !matches!(ty & !FLAGS, 1 | 3) {
        return libc::ESOCKTNOSUPPORT;
    }
    if s.is_tls() {
        return libc::EISCONN;
    }
    let mut cfg = Default::default();
    if let Some(ht) = settings {
        super::tls::apply_settings(ht, &mut cfg);
    }
    so.enable_tls(cfg);
    let host = s.peer_addr().ok().map(|a| a.host_port().0);
    let dl = so.timeouts().deadline(Kind::Read, 0.0);
    match so.tls_handshake(s, host.as_deref(), dl) {
        Ok(()) => 0,
        Err(e) => e.errno(),
    }
}

/// getPeerCert for both clients: the PEM, or the errCode.
pub(super) fn peer_cert(s: &Socket) -> Result<Option<Vec<u8>>, i32> {
    if !s.is_tls() {
        return Err(libc::EISCONN);
    }
    Ok(s.tls_peer_cert())
}

/// verifyPeerCert for both clients: Err(errCode) without TLS.
pub(super) fn verify_peer(s: &Socket, allow_self_signed: bool) -> Result<bool, i32> {
    if !s.is_tls() {
        return Err(libc::ENOTCONN);
    }
    Ok(super::tls::verify(s, allow_self_signed).is_ok())
}

handler!(
    /// `getPeerCert(): false|string` — the peer's certificate, PEM.
    get_peer_cert(ex, rv) {
        let Some((_, s)) = connected(ex, rv) else { return };
        match peer_cert(&s) {
            Ok(Some(pem)) => rv.set_binary(pem),
            Ok(None) => ret_bool(rv, false),
            Err(code) => {
                set_err(ex, code);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `verifyPeerCert(bool $allow_self_signed = false): bool` — Swoole's
    /// check of the chain (and of `ssl_host_name` when verification is on).
    verify_peer_cert(ex, rv) {
        let Ok(allow) = args::boolean(ex, 0, "Swoole\\Coroutine\\Client::verifyPeerCert", "allow_self_signed", false) else { return };
        let Some((_, s)) = connected(ex, rv) else { return };
        match verify_peer(&s, allow) {
            Ok(ok) => ret_bool(rv, ok),
            Err(code) => {
                set_err(ex, code);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `exportSocket(): Swoole\Coroutine\Socket|false`.
    export_socket(ex, rv) {
        let Some(o) = this::<ClientObj>(ex) else { return };
        match o.socket.borrow().as_ref() {
            Some(z) => *rv = z.shallow_clone(),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `isConnected(): bool`.
    is_connected(ex, rv) {
        let c = prop(ex, 6).bool().unwrap_or(false)
            && this::<ClientObj>(ex).is_some_and(|o| o.socket.borrow().as_ref().and_then(native_of::<SocketObj>).is_some_and(|s| s.socket().is_some()));
        ret_bool(rv, c);
    }
);

fn name_impl(ex: &mut ExecuteData, rv: &mut Zval, peer: bool) {
    let Some((_, s)) = connected(ex, rv) else {
        return;
    };
    match if peer { s.peer_addr() } else { s.local_addr() } {
        Ok(a) => {
            let (host, port) = a.host_port();
            let mut arr = super::super::zarray::Arr::new(3);
            arr.set(b"host", str_zval(host.as_bytes()));
            arr.set(b"address", str_zval(host.as_bytes()));
            arr.set(b"port", zval_long(i64::from(port)));
            *rv = arr.into_zval();
        }
        Err(e) => {
            set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
            ret_bool(rv, false);
        }
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
    /// `close(): bool` — false with SW_ERROR_CO_SOCKET_CLOSE_WAIT while
    /// another coroutine reads or writes it: that call is canceled (and
    /// runs before this returns), and closing is left to it, as Swoole.
    close(ex, rv) {
        let Some((_, s)) = connected(ex, rv) else { return };
        let fd = s.fd();
        drop(s);
        if super::cancel_waiters(fd, &[Dir::Write, Dir::Read]) == 0 {
            drop_socket(ex);
            ret_bool(rv, true);
            return;
        }
        super::let_canceled_run();
        set_err(ex, CLOSE_WAIT);
        ret_bool(rv, false);
    }
);

pub(super) type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("__destruct", destruct),
    ("set", set),
    ("connect", connect),
    ("recv", recv),
    ("peek", peek),
    ("send", send),
    ("sendfile", sendfile),
    ("sendto", sendto),
    ("recvfrom", recvfrom),
    ("enableSSL", enable_ssl),
    ("getPeerCert", get_peer_cert),
    ("verifyPeerCert", verify_peer_cert),
    ("exportSocket", export_socket),
    ("isConnected", is_connected),
    ("getsockname", getsockname),
    ("getpeername", getpeername),
    ("close", close),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $type)",
    "__destruct()",
    "set(array $settings): bool",
    "connect(string $host, int $port = 0, float $timeout = 0, int $sock_flag = 0): bool",
    "recv(float $timeout = 0): string|false",
    "peek(int $length = 65535): string|false",
    "send(string $data, float $timeout = 0): int|false",
    "sendfile(string $filename, int $offset = 0, int $length = 0): bool",
    "sendto(string $address, int $port, string $data): bool",
    "recvfrom(int $length, mixed &$address, mixed &$port = 0): false|string",
    "enableSSL(): bool",
    "getPeerCert(): false|string",
    "verifyPeerCert(bool $allow_self_signed = false): bool",
    "exportSocket(): Swoole\\Coroutine\\Socket|false",
    "isConnected(): bool",
    "getsockname(): array|false",
    "getpeername(): array|false",
    "close(): bool",
];

/// A client class: public methods, null-default properties and integer
/// class constants (the coroutine and the blocking client share it).
pub(super) fn build(
    name: &'static str,
    methods: &[(&str, Handler)],
    props: &[&str],
    consts: &[(&str, i32)],
) -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new(name);
    for (n, h) in methods {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    for p in props {
        cb = cb.property(super::super::classes::public_null_prop(p));
    }
    for (n, v) in consts {
        cb = match cb.constant(
            *n,
            i64::from(*v),
            &[],
            ext_php_rs::flags::ConstantFlags::Public,
        ) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new(name),
        };
    }
    cb
}

/// Socket flags both clients declare.
pub(super) const MSG_FLAGS: [(&str, i32); 4] = [
    ("MSG_OOB", libc::MSG_OOB),
    ("MSG_PEEK", libc::MSG_PEEK),
    ("MSG_DONTWAIT", libc::MSG_DONTWAIT),
    ("MSG_WAITALL", libc::MSG_WAITALL),
];

/// The class (`Corust\Coroutine\Client`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    let cb = build("Corust\\Coroutine\\Client", METHODS, &PROPS, &MSG_FLAGS);
    cb.registration(|c, a| {
        CLIENT_CE.store(c, Ordering::Relaxed);
        super::super::classes::native::<ClientObj>(c, a);
    })
}
