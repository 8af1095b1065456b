//! `Swoole\Connection\Iterator` (`$server->connections`): the connections
//! of this worker (BASE mode: each worker knows those it accepted, as
//! Swoole's), iterated in fd order as they were at `rewind()`; `count()`,
//! `isset($server->connections[$fd])`, `$server->connections[$fd]` (its
//! `getClientInfo()`).

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::error::throw_error;
use super::super::object::{this, Native};
use super::current_worker;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
/// The class, set at MINIT.
pub static ITER_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Rust side of the iterator.
#[derive(Default)]
pub struct ConnIter {
    fds: RefCell<Vec<i64>>,
    pos: Cell<usize>,
    /// Made by the server (not by `new`).
    real: Cell<bool>,
}

impl Native for ConnIter {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

/// A fresh iterator for `$server->connections`.
pub fn make() -> Zval {
    let z = super::http::new_object(&ITER_CE);
    if let Some(o) = super::super::object::native_of::<ConnIter>(&z) {
        o.real.set(true);
    }
    z
}

fn it(ex: &ExecuteData) -> Option<&'static ConnIter> {
    this::<ConnIter>(ex).filter(|o| o.real.get())
}

/// Session `fd` is open: this worker's own, or (PROCESS mode) another's in
/// the master's table.
fn is_open(fd: i64) -> bool {
    match current_worker().filter(|w| w.local_fd(fd).is_some()) {
        Some(w) => w.open_fd(fd).is_some(),
        None => super::vconn::session(fd).is_some(),
    }
}

fn live_fds() -> Vec<i64> {
    if let Some(all) = super::vconn::session_list(0, usize::MAX) {
        return all;
    }
    let mut v: Vec<i64> = current_worker()
        .map(|w| w.conns.borrow().keys().map(|&fd| w.sid(fd)).collect())
        .unwrap_or_default();
    v.sort_unstable();
    v
}

handler!(
    /// `__construct()`: only the server makes these.
    construct(_ex, _rv) {
        throw_error("please use the Swoole\\Server->connections");
    }
);

handler!(
    /// `rewind(): void`.
    rewind(ex, _rv) {
        let Some(o) = it(ex) else { return };
        *o.fds.borrow_mut() = live_fds();
        o.pos.set(0);
    }
);

handler!(
    /// `next(): void`.
    next(ex, _rv) {
        let Some(o) = it(ex) else { return };
        o.pos.set(o.pos.get() + 1);
    }
);

handler!(
    /// `valid(): bool` — skips connections closed since `rewind()`.
    valid(ex, rv) {
        let Some(o) = it(ex) else { ret_bool(rv, false); return };
        let fds = o.fds.borrow();
        let mut p = o.pos.get();
        while let Some(&fd) = fds.get(p) {
            if is_open(fd) {
                break;
            }
            p += 1;
        }
        o.pos.set(p);
        ret_bool(rv, p < fds.len());
    }
);

handler!(
    /// `current(): mixed` — the fd.
    current(ex, rv) {
        let Some(o) = it(ex) else { return };
        if let Some(&fd) = o.fds.borrow().get(o.pos.get()) {
            ret_long(rv, fd);
        }
    }
);

handler!(
    /// `key(): mixed` — the position.
    key(ex, rv) {
        let Some(o) = it(ex) else { return };
        ret_long(rv, o.pos.get() as i64);
    }
);

handler!(
    /// `count(): int`.
    count(ex, rv) {
        let _ = it(ex);
        let n = super::vconn::session_count()
            .unwrap_or_else(|| current_worker().map_or(0, |w| w.conns.borrow().len()));
        ret_long(rv, n as i64);
    }
);

fn fd_arg(ex: &mut ExecuteData) -> Option<i64> {
    args::get(ex, 0).and_then(|z| z.long().or_else(|| z.str().and_then(|s| s.parse().ok())))
}

handler!(
    /// `offsetExists(mixed $fd): bool`.
    offset_exists(ex, rv) {
        let fd = fd_arg(ex).unwrap_or(-1);
        ret_bool(rv, is_open(fd));
    }
);

handler!(
    /// `offsetGet(mixed $fd): mixed` — the server's `getClientInfo($fd)`.
    offset_get(ex, rv) {
        let fd = fd_arg(ex).unwrap_or(-1);
        let Some(w) = current_worker() else { ret_bool(rv, false); return };
        match w.server.try_call_method("getClientInfo", vec![&fd]) {
            Ok(z) => *rv = z,
            Err(_) => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `offsetSet(mixed $fd, mixed $value): void` — ignored, as Swoole's.
    offset_set(_ex, _rv) {}
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// A method: name, handler, return type (and whether it is nullable).
type Method = (
    &'static str,
    Handler,
    Option<(ext_php_rs::flags::DataType, bool)>,
);

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct()",
    "rewind(): void",
    "next(): void",
    "current(): mixed",
    "key(): mixed",
    "valid(): bool",
    "count(): int",
    "offsetExists(mixed $fd): bool",
    "offsetGet(mixed $fd): mixed",
    "offsetSet(mixed $fd, mixed $value): void",
    "offsetUnset(mixed $fd): void",
];

/// The class (`Corust\Connection\Iterator`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::{DataType, MethodFlags};
    let methods: &[Method] = &[
        ("__construct", construct, None),
        ("rewind", rewind, Some((DataType::Void, false))),
        ("next", next, Some((DataType::Void, false))),
        ("current", current, Some((DataType::Mixed, true))),
        ("key", key, Some((DataType::Mixed, true))),
        ("valid", valid, Some((DataType::Bool, false))),
        ("count", count, Some((DataType::Long, false))),
        ("offsetExists", offset_exists, Some((DataType::Bool, false))),
        ("offsetGet", offset_get, Some((DataType::Mixed, true))),
        ("offsetSet", offset_set, Some((DataType::Void, false))),
        ("offsetUnset", offset_set, Some((DataType::Void, false))),
    ];
    let mut cb = ClassBuilder::new("Corust\\Connection\\Iterator")
        .implements((ext_php_rs::zend::ce::iterator, "Iterator"))
        .implements((ext_php_rs::zend::ce::countable, "Countable"))
        .implements((ext_php_rs::zend::ce::arrayaccess, "ArrayAccess"));
    for (n, h, ret) in methods {
        let mut f = FunctionBuilder::new(*n, *h);
        if let Some((t, nullable)) = ret {
            f = f.returns(*t, false, *nullable);
        }
        if n.starts_with("offset") {
            f = f.arg(ext_php_rs::args::Arg::new("fd", DataType::Mixed));
            if *n == "offsetSet" {
                f = f.arg(ext_php_rs::args::Arg::new("value", DataType::Mixed));
            }
        }
        cb = cb.method(f, MethodFlags::Public);
    }
    cb.registration(|c, a| {
        ITER_CE.store(c, Ordering::Relaxed);
        super::super::classes::native::<ConnIter>(c, a);
    })
}
