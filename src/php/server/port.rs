//! `Swoole\Server\Port`: a server's listening port. corust listens on one
//! port per server today, so `$server->ports` holds the primary port; its
//! `set()`, `on()` and `getCallback()` act on the server, as they do for
//! Swoole's primary port. `listen()`/`addListener()` of more ports are not
//! built yet: they warn and return false.

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
        let Some(srv) = this::<PortObj>(ex).and_then(server_of_port) else {
            ret_bool(rv, false);
            return;
        };
        ret_bool(rv, super::register_callback(srv, &name, cb));
    }
);

handler!(
    /// `Port::set(array $settings): void` — the primary port's settings are
    /// the server's.
    port_set(ex, _rv) {
        if args::need(ex, 1, "Corust\\Server\\Port::set").is_err() { return; }
        let Some(arr) = args::get(ex, 0).and_then(|z| z.array()).map(|a| a.to_owned()) else { return };
        let Some(srv) = this::<PortObj>(ex).and_then(server_of_port) else { return };
        super::apply_settings(srv, &arr);
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
        let Some(srv) = this::<PortObj>(ex).and_then(server_of_port) else { return };
        if let Some(cb) = srv.callbacks.borrow().get(&name) {
            *rv = cb.shallow_clone();
        }
    }
);

handler!(
    /// `Server::listen(string $host, int $port, int $sock_type): false|Port`
    /// (also `addListener`): more ports are not built yet.
    listen(_ex, rv) {
        warn_docref(E_WARNING, "listening on more than one port is not supported by corust yet");
        ret_bool(rv, false);
    }
);

/// `Swoole\Server\Port`'s declarations (Swoole 6.2.2).
pub const SIGNATURES: &[&str] = &[
    "set(array $settings): void",
    "on(string $event_name, callable $callback): bool",
    "getCallback(string $event_name): ?\\Closure",
];
