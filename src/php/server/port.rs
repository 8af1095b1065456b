//! `Swoole\Server\Port`: a server's listening port. `$server->ports` holds
//! the primary port (its `set()`, `on()` and `getCallback()` act on the
//! server, as Swoole's) and each port added by `listen()`/`addListener()`,
//! which keeps its own callbacks and settings (`listener.rs` says how a
//! worker serves them). TCP ports only: UDP and unix sockets are refused
//! with a warning.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ClassEntry;

use super::super::args::{self, handler, ret_bool};
use super::super::error::{warn_docref, E_WARNING};
use super::super::object::{this, Native};
use super::super::value::zval_long;
use super::http::{new_object, set_slot};
use super::ServerObj;

static PORT_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// `Corust\Server\Port`, set at MINIT.
pub static PORT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties of Port, in slot order.
pub const PORT_PROPS: [&str; 5] = ["host", "port", "type", "sock", "setting"];

/// The server a port belongs to: its object while it lives (null after),
/// shared with the server, which holds the port (so no reference back).
type ServerHandle = Rc<Cell<*mut ext_php_rs::ffi::zend_object>>;

/// Rust side of a Port: the server it belongs to.
#[derive(Default)]
pub struct PortObj {
    /// The owning server.
    server: RefCell<Option<ServerHandle>>,
    /// An added port's own state (None: the primary port).
    extra: RefCell<Option<Rc<super::listener::ExtraPort>>>,
}

impl Native for PortObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &PORT_HANDLERS
    }
}

/// The primary port of `server` (`$server->ports[0]`).
pub fn primary(server: ServerHandle, host: &str, port: u16, sock_type: i64, fd: i32) -> Zval {
    let p = new_object(&PORT_CE);
    set_slot(&p, 0, super::super::zarray::str_zval(host.as_bytes()));
    set_slot(&p, 1, zval_long(i64::from(port)));
    set_slot(&p, 2, zval_long(sock_type));
    set_slot(&p, 3, zval_long(i64::from(fd)));
    let mut setting = Zval::new();
    setting.set_hashtable(ZendHashTable::new());
    set_slot(&p, 4, setting);
    if let Some(o) = p.object() {
        let obj = o as *const _ as *mut ext_php_rs::ffi::zend_object;
        // SAFETY: p is a PortObj (created from our class just above).
        let data = unsafe { &(*super::super::object::from_obj::<PortObj>(obj)).data };
        *data.server.borrow_mut() = Some(server);
    }
    p
}

/// The server a port belongs to, while it lives.
fn server_of_port(port: &PortObj) -> Option<&'static ServerObj> {
    let obj = port.server.borrow().as_ref()?.get();
    if obj.is_null() {
        warn_docref(E_WARNING, "the server of this port is gone");
        return None;
    }
    // SAFETY: non-null: the server object is alive (its destructor clears
    // the handle), and it is a ServerObj.
    Some(unsafe { &(*super::super::object::from_obj::<ServerObj>(obj)).data })
}

handler!(
    /// `Port::on(string $event_name, callable $callback): bool`.
    port_on(ex, rv) {
        if args::need(ex, 2, "Corust\\Server\\Port::on").is_err() { return; }
        let name = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default();
        let Some(cb) = args::get(ex, 1).map(|z| z.shallow_clone()) else { return };
        let Some(port) = this::<PortObj>(ex) else { return };
        let Some(srv) = server_of_port(port) else {
            ret_bool(rv, false);
            return;
        };
        let extra = port.extra.borrow().clone();
        match extra {
            Some(p) => {
                let name = name.to_ascii_lowercase();
                if !super::EVENTS.contains(&name.as_str()) {
                    warn_docref(E_WARNING, &format!("unknown event types[{name}]"));
                    ret_bool(rv, false);
                    return;
                }
                p.callbacks.borrow_mut().insert(name, cb);
                ret_bool(rv, true);
            }
            None => ret_bool(rv, super::register_callback(srv, &name, cb)),
        }
    }
);

handler!(
    /// `Port::set(array $settings): void` — the primary port's settings are
    /// the server's.
    port_set(ex, _rv) {
        if args::need(ex, 1, "Corust\\Server\\Port::set").is_err() { return; }
        let Some(arr) = args::get(ex, 0).and_then(|z| z.array()).map(|a| a.to_owned()) else { return };
        let Some(port) = this::<PortObj>(ex) else { return };
        let Some(srv) = server_of_port(port) else { return };
        let extra = port.extra.borrow().clone();
        match extra {
            Some(p) => {
                // Settings accumulate over set() calls, as Swoole's.
                let mut cur = p.settings.borrow_mut();
                let merged = match cur.take() {
                    Some(mut old) => {
                        for (k, v) in arr.iter() {
                            let _ = match k {
                                ext_php_rs::types::ArrayKey::Long(i) => old.insert_at_index(i, v.shallow_clone()),
                                k => old.insert(k.to_string().as_str(), v.shallow_clone()),
                            };
                        }
                        old
                    }
                    None => arr.to_owned(),
                };
                *cur = Some(merged);
            }
            None => super::apply_settings(srv, &arr),
        }
        let mut z = Zval::new();
        z.set_hashtable(arr);
        // SAFETY: a Port object: slot 4 is its declared `setting` property.
        unsafe { *(super::super::object::prop_slot(super::super::object::this_obj(ex), 4) as *mut Zval) = z };
    }
);

handler!(
    /// `Port::getCallback(string $event_name): ?\Closure`.
    port_get_callback(ex, rv) {
        let name = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default().to_ascii_lowercase();
        let Some(port) = this::<PortObj>(ex) else { return };
        let Some(srv) = server_of_port(port) else { return };
        let own = port.extra.borrow().as_ref().and_then(|p| p.callbacks.borrow().get(&name).map(|z| z.shallow_clone()));
        if let Some(cb) = own.or_else(|| srv.callbacks.borrow().get(&name).map(|z| z.shallow_clone())) {
            *rv = cb;
        }
    }
);

handler!(
    /// `Server::listen(string $host, int $port, int $sock_type): false|Port`
    /// (also `addListener`): another TCP port, before `start()`.
    listen(ex, rv) {
        let f = "Swoole\\Server::listen";
        if args::need(ex, 3, f).is_err() { return; }
        let Ok(host) = args::string(ex, 0, f, "host").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Ok(port) = args::long(ex, 1, f, "port", None) else { return };
        let Ok(sock_type) = args::long(ex, 2, f, "sock_type", None) else { return };
        let Some(srv) = super::server_of(ex) else { return };
        if srv.board.borrow().is_some() {
            warn_docref(E_WARNING, "server is running, cannot add listener");
            ret_bool(rv, false);
            return;
        }
        // SWOOLE_SOCK_TCP/TCP6 and SWOOLE_SOCK_UDP/UDP6.
        let udp = super::listener::is_udp(sock_type);
        if !(1..=6).contains(&(sock_type & 0xff)) {
            // Swoole logs it (no PHP warning) and returns false.
            crate::server::log::put(
                crate::server::log::Who::Master,
                0,
                "WARNING",
                &format!("make_socket(): unknown socket type [{sock_type}]"),
            );
            ret_bool(rv, false);
            return;
        }
        if !(0..=65535).contains(&port) {
            warn_docref(E_WARNING, &format!("invalid port [{port}]"));
            ret_bool(rv, false);
            return;
        }
        let sock = super::listener::bind(&host, port as u16, sock_type);
        let fd = match sock {
            Ok(fd) => fd,
            Err(e) => {
                warn_docref(E_WARNING, &format!("failed to listen server port[{host}:{port}], Error: {e}"));
                ret_bool(rv, false);
                return;
            }
        };
        let bound = crate::server::process::local_port(fd).unwrap_or(port as u16);
        let extra = Rc::new(super::listener::ExtraPort {
            fd,
            port: bound,
            callbacks: RefCell::new(std::collections::HashMap::new()),
            settings: RefCell::new(None),
            udp,
            ssl: sock_type & super::SSL_FLAG != 0,
        });
        srv.extra_ports.borrow_mut().push(extra.clone());
        let p = primary(srv.handle.clone(), &host, bound, sock_type, fd);
        if let Some(o) = p.object() {
            let obj = o as *const _ as *mut ext_php_rs::ffi::zend_object;
            // SAFETY: p is a PortObj (made by primary() just above).
            let data = unsafe { &(*super::super::object::from_obj::<PortObj>(obj)).data };
            *data.extra.borrow_mut() = Some(extra);
        }
        // `$server->ports` lists it after the primary port.
        let obj = super::super::object::this_obj(ex);
        // SAFETY: a Server object: slot 10 is its declared `ports` property.
        let ports = unsafe { &mut *(super::super::object::prop_slot(obj, 10) as *mut Zval) };
        if let Some(arr) = ports.array_mut() {
            let _ = arr.push(p.shallow_clone());
        }
        *rv = p;
    }
);

handler!(
    /// `getSocket(): \Socket|false` — the port's listening socket as an
    /// ext-sockets `Socket` (over a duplicate fd; false without ext-sockets).
    port_get_socket(ex, rv) {
        let Some(port) = this::<PortObj>(ex) else { return };
        let Some(srv) = server_of_port(port) else { ret_bool(rv, false); return };
        let fd = port.extra.borrow().as_ref().map_or(srv.listen_fd.get(), |p| p.fd);
        match super::super::fd::socket_object(fd) {
            Some(z) => *rv = z,
            None => ret_bool(rv, false),
        }
    }
);

/// `Swoole\Server\Port`'s declarations (Swoole 6.2.2).
pub const SIGNATURES: &[&str] = &[
    "set(array $settings): void",
    "getSocket(): \\Socket|false",
    "on(string $event_name, callable $callback): bool",
    "getCallback(string $event_name): ?\\Closure",
];
