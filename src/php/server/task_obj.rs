//! `Swoole\Server\Task`: what onTask gets with `task_enable_coroutine` (or
//! `task_object`): the task's `data`, `id`, the `worker_id` that sent it,
//! `dispatch_time`, `flags`, and `finish()` answering that very task from
//! any coroutine.

use std::cell::Cell;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ClassEntry;

use super::super::args::{self, handler, ret_bool};
use super::super::object::{this, Native};
use super::super::value::zval_long;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
static CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Declared properties, in slot order (Swoole's).
pub const PROPS: [&str; 5] = ["data", "dispatch_time", "id", "worker_id", "flags"];

/// Rust side of a Task: which task of which worker it answers.
#[derive(Default)]
pub struct TaskObj {
    src: Cell<u32>,
    id: Cell<u64>,
}

impl Native for TaskObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

/// A Task for task `id` sent by worker `src`, carrying `data`.
pub fn new(src: u32, id: u64, data: Zval) -> Zval {
    let t = super::http::new_object(&CE);
    let mut time = Zval::new();
    time.set_double(super::unix_now());
    for (slot, v) in [
        (0, data),
        (1, time),
        (2, zval_long(id as i64)),
        (3, zval_long(i64::from(src))),
        (4, zval_long(0)),
    ] {
        super::http::set_slot(&t, slot, v);
    }
    if let Some(o) = t.object() {
        let p = o as *const _ as *mut ext_php_rs::ffi::zend_object;
        // SAFETY: t is a TaskObj (created from our class just above).
        let data = unsafe { &(*super::super::object::from_obj::<TaskObj>(p)).data };
        data.src.set(src);
        data.id.set(id);
    }
    t
}

handler!(
    /// `finish(mixed $data): bool` — answers this task.
    finish(ex, rv) {
        if args::need(ex, 1, "Swoole\\Server\\Task::finish").is_err() { return; }
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let Some(t) = this::<TaskObj>(ex) else { return };
        ret_bool(rv, super::task::finish_task(t.src.get(), t.id.get(), &data));
    }
);

handler!(
    /// `pack(mixed $data): string|false` — the task payload (serialized).
    pack(ex, rv) {
        if args::need(ex, 1, "Swoole\\Server\\Task::pack").is_err() { return; }
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        *rv = super::task::call_php("serialize", data);
    }
);

handler!(
    /// `unpack(string $data): mixed`.
    unpack(ex, rv) {
        if args::need(ex, 1, "Swoole\\Server\\Task::unpack").is_err() { return; }
        let Some(data) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        *rv = super::task::call_php("unserialize", data);
    }
);

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "finish(mixed $data): bool",
    "pack(mixed $data): string|false",
    "unpack(string $data): mixed",
];

/// The class (`Corust\Server\Task`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::{ClassFlags, MethodFlags};
    let mut cb = ClassBuilder::new("Corust\\Server\\Task").flags(ClassFlags::Final);
    cb = cb.method(FunctionBuilder::new("finish", finish), MethodFlags::Public);
    cb = cb.method(
        FunctionBuilder::new("pack", pack),
        MethodFlags::Public | MethodFlags::Static,
    );
    cb = cb.method(
        FunctionBuilder::new("unpack", unpack),
        MethodFlags::Public | MethodFlags::Static,
    );
    for p in PROPS {
        cb = cb.property(super::super::classes::public_null_prop(p));
    }
    cb.registration(|c, a| {
        CE.store(c, Ordering::Relaxed);
        super::super::classes::native::<TaskObj>(c, a);
    })
}
