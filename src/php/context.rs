//! Per-coroutine context: `Coroutine::getContext()` (a `Corust\Coroutine\Context`,
//! an `ArrayObject`) and the Hyperf-style static `Corust\Context` over the same
//! storage. Inside a coroutine both reach that coroutine's object, created on
//! first use and released when the coroutine ends (destructors of stored
//! objects run then); outside coroutines, one process-wide object.

use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{self, handler, ret_bool};
use super::runtime::{rt, state};
use crate::rt::Cid;

/// `Corust\Coroutine\Context`, set at MINIT.
pub static CONTEXT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

fn new_context() -> Zval {
    let mut z = Zval::new();
    let ce = CONTEXT_CE.load(Ordering::Relaxed);
    // SAFETY: our registered ArrayObject subclass; object_init_ex fills z.
    unsafe { super::sys::zend::object_init_ex(&mut z, ce.cast()) };
    z
}

/// The context object of `cid` (None = current), created on first use; None
/// when that coroutine does not exist.
pub fn context_of(cid: Option<Cid>) -> Option<Zval> {
    let cid = cid.unwrap_or_else(|| rt(|r| r.current()));
    if cid.is_main() {
        let mut slot = state().main_context.borrow_mut();
        let z = slot.get_or_insert_with(new_context);
        return Some(z.shallow_clone());
    }
    let existing = rt(|r| r.with_local(cid, |l| l.context.as_ref().map(|z| z.shallow_clone())))?;
    if let Some(z) = existing {
        return Some(z);
    }
    let z = new_context();
    let copy = z.shallow_clone();
    rt(|r| r.with_local(cid, move |l| l.context = Some(z)));
    Some(copy)
}

/// Reads an optional `?int $cid` argument (null or absent = current).
fn cid_arg(ex: &mut ExecuteData, i: usize, fname: &str) -> Result<Option<Cid>, ()> {
    match args::opt_long(ex, i, fname, "cid")? {
        None => Ok(None),
        Some(c) if c <= 0 => Ok(Some(rt(|r| r.current()))),
        Some(c) => Ok(Some(Cid(c as u64))),
    }
}

fn call(ctx: &Zval, method: &str, params: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) -> Zval {
    ctx.try_call_method(method, params).unwrap_or_default()
}

/// `isset($ctx[$id])` (Hyperf's `has`: a null value counts as absent).
fn has(ctx: &Zval, id: &Zval) -> bool {
    call(ctx, "offsetExists", vec![id]).bool() == Some(true)
        && !call(ctx, "offsetGet", vec![id]).is_null()
}

handler!(
    /// `Coroutine::getContext(int $cid = 0): ?Context`.
    get_context(ex, rv) {
        let Ok(c) = args::long(ex, 0, "Corust\\Coroutine::getContext", "cid", Some(0)) else { return };
        // Swoole's: 0 is the current coroutine; outside any, or for an id
        // that is not a live coroutine, null (CO_NOT_EXISTS). The main
        // context's object is only `Corust\Context`'s.
        let cid = match c {
            0 => rt(|r| r.current()),
            c if c < 0 => Cid::MAIN,
            c => Cid(c as u64),
        };
        match (!cid.is_main()).then(|| context_of(Some(cid))).flatten() {
            Some(z) => *rv = z,
            None => {
                super::swoole_error::set_last_error(crate::swerr::CO_NOT_EXISTS);
                rv.set_null();
            }
        }
    }
);

handler!(
    /// `Context::set(string $id, mixed $value, ?int $cid = null): mixed`.
    ctx_set(ex, rv) {
        if args::need(ex, 2, "Corust\\Context::set").is_err() { return; }
        let Ok(cid) = cid_arg(ex, 2, "Corust\\Context::set") else { return };
        let (Some(id), Some(v)) = (args::get(ex, 0).map(|z| z.shallow_clone()), args::get(ex, 1).map(|z| z.shallow_clone())) else { return };
        if let Some(ctx) = context_of(cid) {
            call(&ctx, "offsetSet", vec![&id, &v]);
        }
        *rv = v;
    }
);

handler!(
    /// `Context::get(string $id, mixed $default = null, ?int $cid = null): mixed`.
    ctx_get(ex, rv) {
        if args::need(ex, 1, "Corust\\Context::get").is_err() { return; }
        let Ok(cid) = cid_arg(ex, 2, "Corust\\Context::get") else { return };
        let Some(id) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let default = args::get(ex, 1).map(|z| z.shallow_clone()).unwrap_or_default();
        let Some(ctx) = context_of(cid) else {
            *rv = default;
            return;
        };
        *rv = if has(&ctx, &id) { call(&ctx, "offsetGet", vec![&id]) } else { default };
    }
);

handler!(
    /// `Context::has(string $id, ?int $cid = null): bool`.
    ctx_has(ex, rv) {
        if args::need(ex, 1, "Corust\\Context::has").is_err() { return; }
        let Ok(cid) = cid_arg(ex, 1, "Corust\\Context::has") else { return };
        let Some(id) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        ret_bool(rv, context_of(cid).is_some_and(|ctx| has(&ctx, &id)));
    }
);

handler!(
    /// `Context::destroy(string $id, ?int $cid = null): void`.
    ctx_destroy(ex, _rv) {
        if args::need(ex, 1, "Corust\\Context::destroy").is_err() { return; }
        let Ok(cid) = cid_arg(ex, 1, "Corust\\Context::destroy") else { return };
        let Some(id) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        if let Some(ctx) = context_of(cid) {
            if call(&ctx, "offsetExists", vec![&id]).bool() == Some(true) {
                call(&ctx, "offsetUnset", vec![&id]);
            }
        }
    }
);

fn call_value(f: &Zval, arg: Option<&Zval>) -> Zval {
    let args: Vec<Zval> = arg.map(|a| vec![a.shallow_clone()]).unwrap_or_default();
    match super::value::Callback::new(f, args) {
        Ok(mut cb) => {
            let mut out = Zval::new();
            cb.call(&mut out);
            out
        }
        Err(_) => f.shallow_clone(),
    }
}

handler!(
    /// `Context::override(string $id, callable $fn, ?int $cid = null): mixed`.
    ctx_override(ex, rv) {
        if args::need(ex, 2, "Corust\\Context::override").is_err() { return; }
        let Ok(cid) = cid_arg(ex, 2, "Corust\\Context::override") else { return };
        let (Some(id), Some(f)) = (args::get(ex, 0).map(|z| z.shallow_clone()), args::get(ex, 1).map(|z| z.shallow_clone())) else { return };
        let Some(ctx) = context_of(cid) else { return };
        let old = if has(&ctx, &id) { call(&ctx, "offsetGet", vec![&id]) } else { Zval::new() };
        let v = call_value(&f, Some(&old));
        call(&ctx, "offsetSet", vec![&id, &v]);
        *rv = v;
    }
);

handler!(
    /// `Context::getOrSet(string $id, mixed $value, ?int $cid = null): mixed`
    /// (a Closure value is called to make the value).
    ctx_get_or_set(ex, rv) {
        if args::need(ex, 2, "Corust\\Context::getOrSet").is_err() { return; }
        let Ok(cid) = cid_arg(ex, 2, "Corust\\Context::getOrSet") else { return };
        let (Some(id), Some(v)) = (args::get(ex, 0).map(|z| z.shallow_clone()), args::get(ex, 1).map(|z| z.shallow_clone())) else { return };
        let Some(ctx) = context_of(cid) else { return };
        if has(&ctx, &id) {
            *rv = call(&ctx, "offsetGet", vec![&id]);
            return;
        }
        let is_closure = v.object().is_some_and(|o| o.get_class_name().map(|n| n == "Closure").unwrap_or(false));
        let v = if is_closure { call_value(&v, None) } else { v };
        call(&ctx, "offsetSet", vec![&id, &v]);
        *rv = v;
    }
);

handler!(
    /// `Context::copy(int $fromCid, array $keys = []): void` — replaces the
    /// current context with (the given keys of) another coroutine's.
    ctx_copy(ex, _rv) {
        if args::need(ex, 1, "Corust\\Context::copy").is_err() { return; }
        let Ok(from) = args::long(ex, 0, "Corust\\Context::copy", "fromCid", None) else { return };
        let keys: Vec<Zval> = args::get(ex, 1)
            .and_then(|z| z.array().map(|a| a.values().map(|v| v.shallow_clone()).collect()))
            .unwrap_or_default();
        let from_cid = if from <= 0 { Cid::MAIN } else { Cid(from as u64) };
        let Some(src) = context_of(Some(from_cid)) else { return };
        let Some(dst) = context_of(None) else { return };
        let mut copy = call(&src, "getArrayCopy", vec![]);
        if !keys.is_empty() {
            let mut picked = ext_php_rs::types::ZendHashTable::new();
            if let Some(all) = copy.array() {
                for k in &keys {
                    let v = if let Some(s) = k.str() { all.get(s) } else { k.long().and_then(|i| all.get(i as u64)) };
                    if let Some(v) = v {
                        if let Some(s) = k.str() {
                            let _ = picked.insert(s, v.shallow_clone());
                        } else if let Some(i) = k.long() {
                            let _ = picked.insert_at_index(i, v.shallow_clone());
                        }
                    }
                }
            }
            copy = Zval::new();
            copy.set_hashtable(picked);
        }
        call(&dst, "exchangeArray", vec![&copy]);
    }
);

/// `Corust\Context`'s declarations (Hyperf's `Context` API; corust's own class).
pub const SIGNATURES: &[&str] = &[
    "set(string $id, mixed $value, ?int $cid = null): mixed",
    "get(string $id, mixed $default = null, ?int $cid = null): mixed",
    "has(string $id, ?int $cid = null): bool",
    "destroy(string $id, ?int $cid = null): void",
    "override(string $id, callable $callback, ?int $cid = null): mixed",
    "getOrSet(string $id, mixed $value, ?int $cid = null): mixed",
    "copy(int $fromCid, array $keys = []): void",
];
