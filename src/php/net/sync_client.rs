//! `Swoole\Client`: the blocking TCP/UDP/unix client. It sits on the same
//! `rt::net` socket (a hidden `Coroutine\Socket` object) as
//! `Coroutine\Client`, but every wait blocks the process in poll(2), inside
//! a coroutine too, as Swoole's does. Swoole's conventions: `connect()`'s
//! timeout (0.5 s unless given) is also the read and write timeout; a
//! timed-out `recv()` fails with EAGAIN; `recv()` gives '' once the peer
//! closed; errors are warnings with `errCode` set.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::error::{throw_plain_error, throw_type_error, warn_docref};
use super::super::object::{native_of, this, this_obj, Native};
use super::super::value::zval_long;
use super::super::zarray::str_zval;
use super::client::{apply, socket_kind};
use super::socket::{self, SocketObj};
use super::{blocking, Kind, Vm};
use crate::rt::net::framing::Framing;
use crate::rt::net::{NetError, Socket};

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
static CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order (Swoole's).
pub const PROPS: [&str; 7] = [
    "errCode",
    "sock",
    "reuse",
    "reuseCount",
    "type",
    "id",
    "setting",
];
const ERR_CODE: usize = 0;
const SOCK: usize = 1;
const TYPE: usize = 4;
const ID: usize = 5;
const SETTING: usize = 6;

const E_WARNING: i32 = 2;
/// SW_ERROR_CLIENT_NO_CONNECTION.
const NO_CONNECTION: i32 = 5001;
/// Swoole's client type flags (not part of the socket type).
const FLAGS: i64 = (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);

/// Rust side of a `Swoole\Client`.
#[derive(Default)]
pub struct SyncClientObj {
    /// The socket object while connected.
    socket: RefCell<Option<Zval>>,
    /// SWOOLE_SOCK_TCP … SWOOLE_SOCK_UNIX_DGRAM.
    ty: Cell<i64>,
    /// SWOOLE_SSL: TLS from connect on.
    ssl: Cell<bool>,
    /// A unix datagram client's own socket file (removed with it).
    bound: RefCell<Option<String>>,
}

impl Native for SyncClientObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

impl Drop for SyncClientObj {
    fn drop(&mut self) {
        if let Some(z) = self.socket.get_mut().take() {
            if let Some(s) = native_of::<SocketObj>(&z) {
                s.close();
            }
        }
        if let Some(p) = self.bound.get_mut().take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn slot(ex: &ExecuteData, n: usize, v: Zval) {
    // SAFETY: a Swoole\Client object declares PROPS; n < PROPS.len().
    unsafe { *(super::super::object::prop_slot(this_obj(ex), n) as *mut Zval) = v };
}

fn prop(ex: &ExecuteData, n: usize) -> &'static Zval {
    // SAFETY: our own object's declared property slot n < PROPS.len().
    unsafe { &*(super::super::object::prop_slot(this_obj(ex), n) as *const Zval) }
}

fn set_err(ex: &ExecuteData, code: i32) {
    slot(ex, ERR_CODE, zval_long(i64::from(code)));
    super::super::swoole_error::set_last_error(i64::from(code));
}

/// The errno a blocking client reports for `e` (a timeout is EAGAIN, as
/// a socket timeout is for Swoole's).
fn errno_of(e: &NetError) -> i32 {
    match e {
        NetError::TimedOut => libc::EAGAIN,
        e => e.errno(),
    }
}

/// `msg, Error: <strerror>[errno]`, Swoole's system-error warning.
fn sys_warning(msg: &str, code: i32) {
    let text = std::io::Error::from_raw_os_error(code).to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    warn_docref(E_WARNING, &format!("{msg}, Error: {text}[{code}]"));
}

/// The socket object of a connected client, else Swoole's warning,
/// errCode 5001 and false.
fn connected(ex: &ExecuteData, rv: &mut Zval) -> Option<(&'static SocketObj, std::rc::Rc<Socket>)> {
    let o = this::<SyncClientObj>(ex)?;
    let sock = o.socket.borrow().as_ref().and_then(native_of::<SocketObj>);
    match sock.and_then(|s| s.socket().map(|k| (s, k))) {
        Some(x) => Some(x),
        None => {
            set_err(ex, NO_CONNECTION);
            warn_docref(E_WARNING, "client is not connected to server");
            ret_bool(rv, false);
            None
        }
    }
}

/// A new socket with the settings applied (None: errCode set).
fn make_socket(ex: &ExecuteData) -> Option<Zval> {
    let o = this::<SyncClientObj>(ex)?;
    let (domain, ty) = socket_kind(o.ty.get())?;
    let sock = match Socket::new(domain, ty, 0) {
        Ok(s) => s,
        Err(e) => {
            set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
            return None;
        }
    };
    let fd = sock.fd();
    if domain == libc::AF_UNIX && ty == libc::SOCK_DGRAM {
        // Swoole: a unix datagram client binds a file of its own so that
        // replies can reach it.
        // SAFETY: getpid has no preconditions.
        let path = format!("/tmp/swoole-client.{}.{fd}.sock", unsafe { libc::getpid() });
        let _ = std::fs::remove_file(&path);
        let bound = crate::rt::net::SockAddr::unix(path.as_bytes()).map(|a| sock.bind(&a));
        if !matches!(bound, Some(Ok(()))) {
            let code = match bound {
                Some(Err(e)) => e.raw_os_error().unwrap_or(libc::EINVAL),
                _ => libc::ENAMETOOLONG,
            };
            sys_warning(&format!("bind({path}) failed"), code);
            set_err(ex, code);
            sock.close(&Vm);
            return None;
        }
        *o.bound.borrow_mut() = Some(path);
    }
    let z = socket::new_object(sock, domain, ty, 0);
    let so = native_of::<SocketObj>(&z)?;
    so.connected.set(false);
    if o.ssl.get() {
        so.enable_tls(Default::default());
    }
    if let (Some(ht), Some(s)) = (prop(ex, SETTING).array(), so.socket()) {
        if !apply(so, &s, ht) {
            so.close();
            return None;
        }
    }
    slot(ex, SOCK, zval_long(i64::from(fd)));
    *o.socket.borrow_mut() = Some(z.shallow_clone());
    Some(z)
}

fn drop_socket(ex: &ExecuteData) {
    let Some(o) = this::<SyncClientObj>(ex) else {
        return;
    };
    let z = o.socket.borrow_mut().take();
    if let Some(s) = z.as_ref().and_then(native_of::<SocketObj>) {
        s.close();
    }
    if let Some(p) = o.bound.borrow_mut().take() {
        let _ = std::fs::remove_file(p);
    }
    slot(ex, SOCK, zval_long(-1));
}

handler!(
    /// `__construct(int $type, bool $async = SWOOLE_SOCK_SYNC, string $id = '')`.
    construct(ex, _rv) {
        let f = "Swoole\\Client::__construct";
        let Ok(ty) = args::long(ex, 0, f, "type", None) else {
            throw_plain_error("socket type param is required");
            return;
        };
        if args::get(ex, 1).is_some_and(|z| z.coerce_to_bool()) {
            throw_plain_error("The $async parameter is not supported");
            return;
        }
        if socket_kind(ty).is_none() {
            throw_type_error(&format!("{f}() expects parameter 1 to be client type, unknown type {ty} given"));
            return;
        }
        let id = args::get(ex, 2).and_then(|z| z.coerce_to_string()).filter(|s| !s.is_empty());
        let Some(o) = this::<SyncClientObj>(ex) else { return };
        o.ty.set(ty & !FLAGS);
        o.ssl.set(ty & super::client::SSL_FLAG != 0);
        slot(ex, ERR_CODE, zval_long(0));
        slot(ex, SOCK, zval_long(-1));
        let mut no = Zval::new();
        no.set_bool(false);
        slot(ex, 2, no);
        slot(ex, 3, zval_long(0));
        slot(ex, TYPE, zval_long(ty));
        if let Some(id) = id {
            slot(ex, ID, str_zval(id.as_bytes()));
        }
    }
);

handler!(
    /// `__destruct()`: closes the connection.
    destruct(ex, _rv) {
        drop_socket(ex);
    }
);

handler!(
    /// `set(array $settings): bool` — merged into `$setting`, used at the
    /// next connect.
    set(ex, rv) {
        if args::need(ex, 1, "Swoole\\Client::set").is_err() { return; }
        let Some(z) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(given) = z.array() else { ret_bool(rv, false); return };
        let mz = super::super::zarray::merge_settings(prop(ex, SETTING).array(), given);
        slot(ex, SETTING, mz);
        ret_bool(rv, true);
    }
);

handler!(
    /// `connect(string $host, int $port = 0, float $timeout = 0.5, int $sock_flag = 0): bool`.
    connect(ex, rv) {
        let f = "Swoole\\Client::connect";
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", Some(0)) else { return };
        let Ok(t) = args::double(ex, 2, f, "timeout", Some(0.5)) else { return };
        if host.is_empty() {
            warn_docref(E_WARNING, "The host is empty");
            ret_bool(rv, false);
            return;
        }
        let Some(o) = this::<SyncClientObj>(ex) else { return };
        if o.socket.borrow().is_some() {
            warn_docref(E_WARNING, "connection to the server has already been established");
            ret_bool(rv, false);
            return;
        }
        let Some((domain, ty)) = socket_kind(o.ty.get()) else { return };
        if domain != libc::AF_UNIX && ty == libc::SOCK_STREAM && !(0..=65535).contains(&port) {
            warn_docref(E_WARNING, "The port is invalid");
            super::super::swoole_error::set_last_error(crate::swerr::INVALID_PARAMS);
            ret_bool(rv, false);
            return;
        }
        let Some(z) = make_socket(ex) else { ret_bool(rv, false); return };
        let Some(so) = native_of::<SocketObj>(&z) else { return };
        let Some(s) = so.socket() else { return };
        // Swoole: the connect timeout is the socket's timeout for everything.
        let t = if t > 0.0 { t } else { -1.0 };
        for k in [Kind::Connect, Kind::Read, Kind::Write] {
            so.set_timeout(k, t);
        }
        let dl = so.timeouts().deadline(Kind::Connect, 0.0);
        let r = blocking(|| {
            socket::connect_to(&s, domain, &host, port.clamp(0, 65535) as u16, dl)
                .and_then(|()| so.tls_handshake(&s, Some(&host), dl).map_err(|e| e.errno()))
        });
        drop(s);
        match r {
            Ok(()) => {
                so.connected.set(true);
                set_err(ex, 0);
                ret_bool(rv, true);
            }
            Err(code) => {
                set_err(ex, code);
                let text = super::err_text(code);
                warn_docref(E_WARNING, &format!("connect to server[{host}:{port}] failed. Error: {text}[{code}]"));
                drop_socket(ex);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `send(string $data, int $flag = 0): int|false`.
    send(ex, rv) {
        let f = "Swoole\\Client::send";
        let Ok(data) = args::string(ex, 0, f, "data").map(|c| c.into_owned()) else { return };
        if data.is_empty() {
            warn_docref(E_WARNING, "data to send is empty");
            ret_bool(rv, false);
            return;
        }
        let Some((so, s)) = connected(ex, rv) else { return };
        let dl = so.timeouts().deadline(Kind::Write, 0.0);
        let (n, r) = blocking(|| s.write_all(&Vm, &data, dl));
        match r {
            Ok(()) => ret_long(rv, n as i64),
            Err(_) if n > 0 => ret_long(rv, n as i64),
            Err(e) => {
                let code = errno_of(&e);
                sys_warning(&format!("failed to send({}) {} bytes", s.fd(), data.len()), code);
                set_err(ex, code);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `recv(int $size = 65536, int $flag = 0): string|false` — one packet
    /// when framing is set; else what one read gives (at most 64 KiB), or
    /// `$size` bytes with `MSG_WAITALL` (fewer at the end of the stream);
    /// '' once the peer closed.
    recv(ex, rv) {
        let f = "Swoole\\Client::recv";
        let Ok(size) = args::long(ex, 0, f, "size", Some(65536)) else { return };
        let Ok(flag) = args::long(ex, 1, f, "flag", Some(0)) else { return };
        let Some((so, s)) = connected(ex, rv) else { return };
        let dl = so.timeouts().deadline(Kind::Read, 0.0);
        let waitall = flag == 1 || flag & i64::from(libc::MSG_WAITALL) != 0;
        let r: Result<Vec<u8>, (i32, bool)> = if so.protocol().framing != Framing::None {
            blocking(|| super::socket_io::read_packet(so, &s, dl))
                .map(Option::unwrap_or_default)
                .map_err(|(code, e)| (e.as_ref().map_or(code, errno_of), e.is_some()))
        } else {
            let cap = if waitall { size.clamp(1, 64 << 20) } else { size.clamp(1, 65535) } as usize;
            blocking(|| {
                so.with_rbuf(|b| {
                    let mut out = b.take(cap);
                    while out.len() < cap && (out.is_empty() || waitall) {
                        let mut buf = vec![0u8; cap - out.len()];
                        match s.read_some(&Vm, &mut buf, dl) {
                            Ok(0) => break,
                            Ok(k) => out.extend_from_slice(&buf[..k]),
                            Err(e) if out.is_empty() => return Err((errno_of(&e), true)),
                            Err(_) => break,
                        }
                    }
                    Ok(out)
                })
            })
        };
        match r {
            Ok(b) => rv.set_binary(b),
            Err((code, sys)) => {
                if sys {
                    sys_warning("recv() failed", code);
                }
                set_err(ex, code);
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `sendfile(string $filename, int $offset = 0, int $length = 0): bool`.
    sendfile(ex, rv) {
        let f = "Swoole\\Client::sendfile";
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
            warn_docref(E_WARNING, "dgram socket cannot use sendfile");
            ret_bool(rv, false);
            return;
        }
        let r = blocking(|| super::socket_io::send_file(so, &s, &path, offset, length));
        if let Err(code) = r {
            set_err(ex, code);
            warn_docref(E_WARNING, &format!("sendfile() failed. Error: {} [{code}]", super::err_text(code)));
        }
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `sendto(string $ip, int $port, string $data): bool` — a datagram
    /// (the socket is made at the first call).
    sendto(ex, rv) {
        let f = "Swoole\\Client::sendto";
        let Ok(host) = args::string(ex, 0, f, "ip").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", None) else { return };
        let Ok(data) = args::string(ex, 2, f, "data").map(|c| c.into_owned()) else { return };
        if data.is_empty() {
            warn_docref(E_WARNING, "data to send is empty");
            ret_bool(rv, false);
            return;
        }
        let Some(o) = this::<SyncClientObj>(ex) else { return };
        if o.socket.borrow().is_none() && make_socket(ex).is_none() {
            ret_bool(rv, false);
            return;
        }
        let Some((so, s)) = connected(ex, rv) else { return };
        let Some((domain, _)) = socket_kind(o.ty.get()) else { return };
        let dl = so.timeouts().deadline(Kind::Write, 0.0);
        let r = super::resolve(domain, &host, port.clamp(0, 65535) as u16)
            .and_then(|a| blocking(|| s.send_to(&Vm, &data, &a, dl)).map_err(|e| errno_of(&e)));
        if let Err(code) = r {
            set_err(ex, code);
        }
        ret_bool(rv, r.is_ok());
    }
);

handler!(
    /// `isConnected(): bool`.
    is_connected(ex, rv) {
        let c = this::<SyncClientObj>(ex).is_some_and(|o| {
            o.socket.borrow().as_ref().and_then(native_of::<SocketObj>).is_some_and(|s| s.connected.get() && s.socket().is_some())
        });
        ret_bool(rv, c);
    }
);

handler!(
    /// `getSocket(): \Socket|false` — the connection as an ext-sockets
    /// `Socket` (over a duplicate fd; false when not connected or without
    /// ext-sockets).
    get_socket(ex, rv) {
        let fd = this::<SyncClientObj>(ex).and_then(|o| {
            o.socket.borrow().as_ref().and_then(native_of::<SocketObj>).and_then(|s| s.socket().map(|s| s.fd()))
        });
        match fd.and_then(super::super::fd::socket_object) {
            Some(z) => *rv = z,
            None => ret_bool(rv, false),
        }
    }
);

fn name_impl(ex: &mut ExecuteData, rv: &mut Zval, peer: bool) {
    let Some((_, s)) = connected(ex, rv) else {
        return;
    };
    match if peer { s.peer_addr() } else { s.local_addr() } {
        Ok(a) => {
            let (host, port) = a.host_port();
            let mut arr = super::super::zarray::Arr::new(2);
            arr.set(b"port", zval_long(i64::from(port)));
            arr.set(b"host", str_zval(host.as_bytes()));
            *rv = arr.into_zval();
        }
        Err(e) => {
            let code = e.raw_os_error().unwrap_or(libc::EINVAL);
            sys_warning(
                if peer {
                    "getpeername() failed"
                } else {
                    "getsockname() failed"
                },
                code,
            );
            set_err(ex, code);
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `getsockname(): array|false` (`port`, `host`).
    getsockname(ex, rv) { name_impl(ex, rv, false); }
);

handler!(
    /// `getpeername(): array|false` (`port`, `host`).
    getpeername(ex, rv) { name_impl(ex, rv, true); }
);

handler!(
    /// `close(bool $force = false): bool`.
    close(ex, rv) {
        let open = this::<SyncClientObj>(ex).is_some_and(|o| o.socket.borrow().is_some());
        if !open {
            warn_docref(E_WARNING, "client is not connected to the server");
            ret_bool(rv, false);
            return;
        }
        drop_socket(ex);
        ret_bool(rv, true);
    }
);

handler!(
    /// `shutdown(int $how): bool`.
    shutdown(ex, rv) {
        let Ok(how) = args::long(ex, 0, "Swoole\\Client::shutdown", "how", None) else { return };
        let Some((_, s)) = connected(ex, rv) else { return };
        match s.shutdown(how.clamp(0, 2) as i32) {
            Ok(()) => ret_bool(rv, true),
            Err(e) => {
                set_err(ex, e.raw_os_error().unwrap_or(libc::EINVAL));
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `enableSSL(?callable $onSslReady = null): bool` — TLS on the
    /// connected stream from now on (no callback: the client is blocking).
    enable_ssl(ex, rv) {
        if args::get(ex, 0).is_some_and(|z| !z.is_null()) {
            super::super::error::throw_class(
                &super::super::error::EXCEPTION_CE,
                "sync client does not support `onSslReady` callback",
                crate::swerr::INVALID_PARAMS,
            );
            return;
        }
        let Some((so, s)) = connected(ex, rv) else { return };
        if s.is_tls() {
            warn_docref(E_WARNING, "SSL has been enabled");
            ret_bool(rv, false);
            return;
        }
        let Some(o) = this::<SyncClientObj>(ex) else { return };
        let code = blocking(|| super::client::enable_ssl_on(so, &s, o.ty.get(), prop(ex, SETTING).array()));
        drop(s);
        if code != 0 {
            set_err(ex, code);
        }
        ret_bool(rv, code == 0);
    }
);

handler!(
    /// `getPeerCert(): string|bool` — the peer's certificate, PEM.
    get_peer_cert(ex, rv) {
        let Some((_, s)) = connected(ex, rv) else { return };
        match super::client::peer_cert(&s) {
            Ok(Some(pem)) => rv.set_binary(pem),
            Ok(None) => ret_bool(rv, false),
            Err(_) => {
                warn_docref(E_WARNING, "SSL is not ready");
                ret_bool(rv, false);
            }
        }
    }
);

handler!(
    /// `verifyPeerCert(): bool` — Swoole's check of the peer (it reads an
    /// undeclared `$allow_self_signed` flag).
    verify_peer_cert(ex, rv) {
        let allow = args::get(ex, 0).is_some_and(|z| z.coerce_to_bool());
        let Some((_, s)) = connected(ex, rv) else { return };
        match super::client::verify_peer(&s, allow) {
            Ok(ok) => ret_bool(rv, ok),
            Err(_) => {
                warn_docref(E_WARNING, "SSL is not ready");
                ret_bool(rv, false);
            }
        }
    }
);

const METHODS: &[(&str, super::client::Handler)] = &[
    ("__construct", construct),
    ("__destruct", destruct),
    ("set", set),
    ("connect", connect),
    ("recv", recv),
    ("send", send),
    ("sendfile", sendfile),
    ("sendto", sendto),
    ("enableSSL", enable_ssl),
    ("getPeerCert", get_peer_cert),
    ("verifyPeerCert", verify_peer_cert),
    ("isConnected", is_connected),
    ("getSocket", get_socket),
    ("getsockname", getsockname),
    ("getpeername", getpeername),
    ("close", close),
    ("shutdown", shutdown),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(int $type, bool $async = SWOOLE_SOCK_SYNC, string $id = '')",
    "__destruct()",
    "set(array $settings): bool",
    "connect(string $host, int $port = 0, float $timeout = 0.5, int $sock_flag = 0): bool",
    "recv(int $size = 65536, int $flag = 0): string|false",
    "send(string $data, int $flag = 0): false|int",
    "sendfile(string $filename, int $offset = 0, int $length = 0): bool",
    "sendto(string $ip, int $port, string $data): bool",
    "enableSSL(?callable $onSslReady = null): bool",
    "getPeerCert(): string|bool",
    "verifyPeerCert(): bool",
    "isConnected(): bool",
    "getSocket(): \\Socket|false",
    "getsockname(): array|false",
    "getpeername(): array|false",
    "close(bool $force = false): bool",
    "shutdown(int $how): bool",
];

/// The class (`Corust\Client`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    let mut consts = super::client::MSG_FLAGS.to_vec();
    consts.extend([
        ("SHUT_RDWR", libc::SHUT_RDWR),
        ("SHUT_RD", libc::SHUT_RD),
        ("SHUT_WR", libc::SHUT_WR),
    ]);
    let cb = super::client::build("Corust\\Client", METHODS, &PROPS, &consts);
    cb.registration(|c, a| {
        CE.store(c, Ordering::Relaxed);
        super::super::classes::native::<SyncClientObj>(c, a);
    })
}
