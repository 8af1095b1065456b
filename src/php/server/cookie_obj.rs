//! `Swoole\Http\Cookie`: a cookie built with `with*()` calls (each returns
//! the object), given to `Response::cookie()` in place of the name, or
//! formatted with `toString()` (Swoole's warnings and false when a field is
//! invalid, which also resets it); `toArray()`, `reset()`.

use std::cell::RefCell;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::super::args::{self, handler};
use super::super::error::{warn_docref, E_WARNING};
use super::super::object::{native_of, this, Native};
use super::response::CookieSpec;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());
static CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Rust side of a Cookie.
pub struct CookieObj {
    spec: RefCell<CookieSpec>,
}

impl Default for CookieObj {
    fn default() -> Self {
        CookieObj {
            spec: RefCell::new(fresh(true)),
        }
    }
}

impl Native for CookieObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }
}

fn fresh(encode: bool) -> CookieSpec {
    CookieSpec {
        encode,
        ..CookieSpec::default()
    }
}

/// The fields of a Cookie object (None for anything else).
pub fn spec_of(z: &Zval) -> Option<CookieSpec> {
    native_of::<CookieObj>(z).map(|c| c.spec.borrow().clone())
}

fn with(ex: &mut ExecuteData, rv: &mut Zval, set: impl FnOnce(&mut ExecuteData, &mut CookieSpec)) {
    let Some(c) = this::<CookieObj>(ex) else {
        return;
    };
    let mut spec = c.spec.borrow().clone();
    set(ex, &mut spec);
    *c.spec.borrow_mut() = spec;
    *rv = ex.This.shallow_clone();
}

fn text(ex: &mut ExecuteData, i: usize, default: &str) -> String {
    args::get(ex, i)
        .and_then(|z| z.coerce_to_string())
        .unwrap_or_else(|| default.to_string())
}

fn flag(ex: &mut ExecuteData, i: usize) -> bool {
    args::get(ex, i).is_some_and(|z| z.coerce_to_bool())
}

handler!(
    /// `__construct(bool $encode = true)`.
    construct(ex, _rv) {
        let encode = args::get(ex, 0).is_none_or(|z| z.coerce_to_bool());
        if let Some(c) = this::<CookieObj>(ex) {
            *c.spec.borrow_mut() = fresh(encode);
        }
    }
);

handler!(
    /// `withName(string $name): Cookie`.
    with_name(ex, rv) { with(ex, rv, |ex, s| s.name = text(ex, 0, "")); }
);
handler!(
    /// `withValue(string $value = ''): Cookie`.
    with_value(ex, rv) { with(ex, rv, |ex, s| s.value = text(ex, 0, "")); }
);
handler!(
    /// `withExpires(int $expires = 0): Cookie`.
    with_expires(ex, rv) {
        with(ex, rv, |ex, s| s.expires = args::get(ex, 0).and_then(|z| z.long()).unwrap_or(0));
    }
);
handler!(
    /// `withPath(string $path = '/'): Cookie`.
    with_path(ex, rv) { with(ex, rv, |ex, s| s.path = text(ex, 0, "/")); }
);
handler!(
    /// `withDomain(string $domain = ''): Cookie`.
    with_domain(ex, rv) { with(ex, rv, |ex, s| s.domain = text(ex, 0, "")); }
);
handler!(
    /// `withSecure(bool $secure = false): Cookie`.
    with_secure(ex, rv) { with(ex, rv, |ex, s| s.secure = flag(ex, 0)); }
);
handler!(
    /// `withHttpOnly(bool $httpOnly = false): Cookie`.
    with_http_only(ex, rv) { with(ex, rv, |ex, s| s.httponly = flag(ex, 0)); }
);
handler!(
    /// `withSameSite(string $sameSite = ''): Cookie`.
    with_same_site(ex, rv) { with(ex, rv, |ex, s| s.samesite = text(ex, 0, "")); }
);
handler!(
    /// `withPriority(string $priority = ''): Cookie`.
    with_priority(ex, rv) { with(ex, rv, |ex, s| s.priority = text(ex, 0, "")); }
);
handler!(
    /// `withPartitioned(bool $partitioned = false): Cookie`.
    with_partitioned(ex, rv) { with(ex, rv, |ex, s| s.partitioned = flag(ex, 0)); }
);

handler!(
    /// `toArray(): array` (Swoole's keys and order).
    to_array(ex, rv) {
        let Some(c) = this::<CookieObj>(ex) else { return };
        let s = c.spec.borrow();
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("name", s.name.as_str());
        let _ = ht.insert("value", s.value.as_str());
        let _ = ht.insert("path", s.path.as_str());
        let _ = ht.insert("domain", s.domain.as_str());
        let _ = ht.insert("sameSite", s.samesite.as_str());
        let _ = ht.insert("priority", s.priority.as_str());
        let _ = ht.insert("encode", s.encode);
        let _ = ht.insert("expires", s.expires);
        let _ = ht.insert("secure", s.secure);
        let _ = ht.insert("httpOnly", s.httponly);
        let _ = ht.insert("partitioned", s.partitioned);
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `toString(): string|false` — the Set-Cookie value; an invalid cookie
    /// warns, is reset and gives false.
    to_string(ex, rv) {
        let Some(c) = this::<CookieObj>(ex) else { return };
        let line = c.spec.borrow().line();
        match line {
            Ok(l) => { let _ = rv.set_string(&l, false); }
            Err(w) => {
                warn_docref(E_WARNING, &w);
                let encode = c.spec.borrow().encode;
                *c.spec.borrow_mut() = fresh(encode);
                rv.set_bool(false);
            }
        }
    }
);

handler!(
    /// `reset(): void` — every field back to its default.
    reset(ex, _rv) {
        if let Some(c) = this::<CookieObj>(ex) {
            let encode = c.spec.borrow().encode;
            *c.spec.borrow_mut() = fresh(encode);
        }
    }
);

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

const METHODS: &[(&str, Handler)] = &[
    ("__construct", construct),
    ("withName", with_name),
    ("withValue", with_value),
    ("withExpires", with_expires),
    ("withPath", with_path),
    ("withDomain", with_domain),
    ("withSecure", with_secure),
    ("withHttpOnly", with_http_only),
    ("withSameSite", with_same_site),
    ("withPriority", with_priority),
    ("withPartitioned", with_partitioned),
    ("toArray", to_array),
    ("toString", to_string),
    ("reset", reset),
];

/// Swoole 6.2.2's declarations.
pub const SIGNATURES: &[&str] = &[
    "__construct(bool $encode = true)",
    "withName(string $name): \\Swoole\\Http\\Cookie",
    "withValue(string $value = ''): \\Swoole\\Http\\Cookie",
    "withExpires(int $expires = 0): \\Swoole\\Http\\Cookie",
    "withPath(string $path = '/'): \\Swoole\\Http\\Cookie",
    "withDomain(string $domain = ''): \\Swoole\\Http\\Cookie",
    "withSecure(bool $secure = false): \\Swoole\\Http\\Cookie",
    "withHttpOnly(bool $httpOnly = false): \\Swoole\\Http\\Cookie",
    "withSameSite(string $sameSite = ''): \\Swoole\\Http\\Cookie",
    "withPriority(string $priority = ''): \\Swoole\\Http\\Cookie",
    "withPartitioned(bool $partitioned = false): \\Swoole\\Http\\Cookie",
    "toArray(): array",
    "toString(): string|false",
    "reset(): void",
];

/// The class (`Corust\Http\Cookie`; Swoole's name at MINIT).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let mut cb = ClassBuilder::new("Corust\\Http\\Cookie");
    for (n, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*n, *h), MethodFlags::Public);
    }
    cb.registration(|c, a| {
        CE.store(c, Ordering::Relaxed);
        super::super::classes::native::<CookieObj>(c, a);
    })
}
