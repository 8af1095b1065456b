//! Building PHP arrays and strings on hot paths (one HTTP request builds two
//! arrays and a dozen strings): keys known in advance are interned once at
//! MINIT with their hash computed, tables are created at their final size, and
//! values move into the table without a copy or a refcount round trip.

use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::{
    _zend_new_array, zend_array, zend_array_destroy, zend_hash_add_new, zend_hash_str_update,
    zend_hash_update, zend_string,
};
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};

/// `IS_STRING` without the refcounted flag: how an interned string is typed.
const IS_INTERNED_STRING_EX: u32 = 6;
/// `IS_ARRAY_EX`: an array zval (refcounted, collectable).
const IS_ARRAY_EX: u32 = 7 | (1 << 8) | (1 << 9);

macro_rules! interned {
    ($($id:ident = $s:literal,)*) => {
        /// A string interned at MINIT (keys of `$request->server`, common
        /// header names, methods, protocol names).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(non_camel_case_types, missing_docs)]
        pub enum K { $($id,)* }
        const NAMES: &[&str] = &[$($s,)*];
    };
}

interned! {
    request_method = "request_method",
    request_uri = "request_uri",
    path_info = "path_info",
    query_string = "query_string",
    request_time = "request_time",
    request_time_float = "request_time_float",
    server_protocol = "server_protocol",
    server_port = "server_port",
    remote_port = "remote_port",
    remote_addr = "remote_addr",
    server_addr = "server_addr",
    master_time = "master_time",
    http_1_0 = "HTTP/1.0",
    http_1_1 = "HTTP/1.1",
    get = "GET",
    post = "POST",
    head = "HEAD",
    put = "PUT",
    delete = "DELETE",
    host = "host",
    user_agent = "user-agent",
    accept = "accept",
    accept_encoding = "accept-encoding",
    accept_language = "accept-language",
    connection = "connection",
    content_type = "content-type",
    content_length = "content-length",
    cookie = "cookie",
    cache_control = "cache-control",
    pragma = "pragma",
    referer = "referer",
    origin = "origin",
    authorization = "authorization",
    upgrade_insecure_requests = "upgrade-insecure-requests",
    x_forwarded_for = "x-forwarded-for",
    x_requested_with = "x-requested-with",
}

static TABLE: [AtomicPtr<zend_string>; NAMES.len()] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; NAMES.len()];

/// Interns every `K` string. MINIT only (permanent interned strings).
pub fn startup() {
    for (slot, name) in TABLE.iter().zip(NAMES) {
        // SAFETY: MINIT; the engine's interning hook is set; it copies the
        // bytes into a permanent interned string (hash computed) that lives
        // until the process ends.
        let s = unsafe {
            match ext_php_rs::ffi::zend_string_init_interned {
                Some(f) => f(name.as_ptr().cast(), name.len(), true),
                None => std::ptr::null_mut(),
            }
        };
        slot.store(s, Ordering::Relaxed);
    }
}

impl K {
    fn ptr(self) -> *mut zend_string {
        TABLE[self as usize].load(Ordering::Relaxed)
    }

    /// The interned string for a common method.
    pub fn method(m: &str) -> Option<K> {
        Some(match m {
            "GET" => K::get,
            "POST" => K::post,
            "HEAD" => K::head,
            "PUT" => K::put,
            "DELETE" => K::delete,
            _ => return None,
        })
    }

    /// The interned string for a common (lower-case) header name.
    pub fn header(name: &[u8]) -> Option<K> {
        Some(match name {
            b"host" => K::host,
            b"user-agent" => K::user_agent,
            b"accept" => K::accept,
            b"accept-encoding" => K::accept_encoding,
            b"accept-language" => K::accept_language,
            b"connection" => K::connection,
            b"content-type" => K::content_type,
            b"content-length" => K::content_length,
            b"cookie" => K::cookie,
            b"cache-control" => K::cache_control,
            b"pragma" => K::pragma,
            b"referer" => K::referer,
            b"origin" => K::origin,
            b"authorization" => K::authorization,
            b"upgrade-insecure-requests" => K::upgrade_insecure_requests,
            b"x-forwarded-for" => K::x_forwarded_for,
            b"x-requested-with" => K::x_requested_with,
            _ => return None,
        })
    }

    /// A string zval of the interned value (no allocation, no refcount).
    pub fn zval(self) -> Zval {
        let p = self.ptr();
        if p.is_null() {
            return str_zval(NAMES[self as usize].as_bytes());
        }
        let mut z = Zval::new();
        z.value.str_ = p;
        z.u1.type_info = IS_INTERNED_STRING_EX;
        z
    }
}

/// A string zval holding a copy of `b` (binary-safe).
pub fn str_zval(b: &[u8]) -> Zval {
    let mut z = Zval::new();
    z.set_zend_string(ZendStr::new(b, false));
    z
}

/// A PHP array under construction; dropped unfinished, it is destroyed.
pub struct Arr(*mut zend_array);

impl Arr {
    /// An empty array sized for `cap` elements.
    pub fn new(cap: u32) -> Arr {
        // SAFETY: allocates a fresh, empty, packed-or-hash table of that size.
        Arr(unsafe { _zend_new_array(cap) })
    }

    /// Adds `v` under interned key `k`, known not to be present yet.
    pub fn add_new(&mut self, k: K, v: Zval) {
        let key = k.ptr();
        if key.is_null() {
            return self.set(NAMES[k as usize].as_bytes(), v);
        }
        let mut v = ManuallyDrop::new(v);
        // SAFETY: a live table we own; an interned key (hash cached); the
        // table takes the zval bitwise, so ours is not dropped.
        let slot = unsafe { zend_hash_add_new(self.0, key, &mut *v) };
        if slot.is_null() {
            // SAFETY: not taken by the table: ours to release.
            unsafe { ManuallyDrop::drop(&mut v) };
        }
    }

    /// Sets `v` under `k` (replacing an earlier value), interned key if any.
    /// A numeric-looking key becomes an integer key, as in PHP.
    pub fn set(&mut self, k: &[u8], v: Zval) {
        if k.first().is_some_and(|c| c.is_ascii_digit() || *c == b'-') {
            // SAFETY: a live table we own, not aliased.
            let _ = unsafe { &mut *self.0 }.insert(String::from_utf8_lossy(k).as_ref(), v);
            return;
        }
        let mut v = ManuallyDrop::new(v);
        // SAFETY: a live table we own; the table takes the zval bitwise (the
        // one it replaces is released by the engine).
        let slot = unsafe {
            match K::header(k).map(K::ptr).filter(|p| !p.is_null()) {
                Some(key) => zend_hash_update(self.0, key, &mut *v),
                None => zend_hash_str_update(self.0, k.as_ptr().cast(), k.len(), &mut *v),
            }
        };
        if slot.is_null() {
            // SAFETY: not taken by the table: ours to release.
            unsafe { ManuallyDrop::drop(&mut v) };
        }
    }

    /// The finished array as a zval.
    pub fn into_zval(self) -> Zval {
        let me = ManuallyDrop::new(self);
        let mut z = Zval::new();
        z.value.arr = me.0;
        z.u1.type_info = IS_ARRAY_EX;
        z
    }
}

impl Drop for Arr {
    fn drop(&mut self) {
        // SAFETY: the table is ours (never handed out as a zval).
        unsafe { zend_array_destroy(self.0) };
    }
}

/// `$old + $given` as `php_array_merge` does for settings: a new array
/// with `old`'s entries, then `given`'s (replacing same keys).
pub fn merge_settings(
    old: Option<&ext_php_rs::types::ZendHashTable>,
    given: &ext_php_rs::types::ZendHashTable,
) -> Zval {
    let mut merged = ext_php_rs::types::ZendHashTable::new();
    for (k, v) in old.into_iter().flat_map(|o| o.iter()) {
        let _ = merged.insert(k, v.shallow_clone());
    }
    for (k, v) in given.iter() {
        let _ = merged.insert(k, v.shallow_clone());
    }
    let mut z = Zval::new();
    z.set_hashtable(merged);
    z
}

/// A new array with the entries of `src` (values shared, keys kept): for
/// changing an array a script may also hold, without writing into it.
pub fn copy_of(src: &ZendHashTable) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
    use ext_php_rs::types::ArrayKey;
    let mut out = ZendHashTable::with_capacity(src.len() as u32);
    for (k, v) in src.iter() {
        let v = v.shallow_clone();
        let _ = match k {
            ArrayKey::Long(i) => out.insert_at_index(i, v),
            ArrayKey::String(k) => out.insert(k.as_str(), v),
            ArrayKey::Str(k) => out.insert(k, v),
            ArrayKey::ZendString(k) => out.insert(&*String::from_utf8_lossy(k.as_bytes()), v),
        };
    }
    out
}
