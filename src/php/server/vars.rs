//! A request's variables (`$request->get`, `post`, `cookie`) registered the
//! way PHP's SAPI layer registers `$_GET`, `$_POST` and `$_COOKIE`:
//! `http::form` splits and decodes the pairs and counts them against
//! `max_input_vars`; PHP's own `php_register_variable_safe` files each one
//! (`a[b][]` nesting, `.`/space in names, `max_input_nesting_level`).
//!
//! Warnings are PHP's: "Input variables exceeded N. …" when a query, form or
//! cookie header has more pairs than `max_input_vars` (the first N are kept),
//! the nesting warning from PHP itself, and "POST Content-Length of N bytes
//! exceeds the limit of M bytes" for a form body over `post_max_size`
//! (its fields are not parsed; the raw body stays readable).

use ext_php_rs::ffi::{core_globals, php_register_variable_safe, sapi_globals};
use ext_php_rs::types::{ZendHashTable, Zval};

use super::super::error::{warn_docref, E_WARNING};
use crate::http::form::{self, Kind};

/// `max_input_vars` now (ini can change it at run time).
fn max_input_vars() -> usize {
    // SAFETY: reading a field of PHP's core globals on the PHP thread.
    let n = unsafe { core_globals.max_input_vars };
    usize::try_from(n).unwrap_or(0)
}

/// `arg_separator.input` now.
fn separators() -> Vec<u8> {
    // SAFETY: reading a field of PHP's core globals on the PHP thread; the
    // ini layer keeps it a NUL-terminated string (or null).
    unsafe {
        let p = core_globals.arg_separator.input;
        if p.is_null() {
            return b"&".to_vec();
        }
        std::ffi::CStr::from_ptr(p).to_bytes().to_vec()
    }
}

/// `post_max_size` in bytes (0: no limit).
fn post_max_size() -> usize {
    // SAFETY: reading a field of the SAPI globals on the PHP thread.
    let n = unsafe { sapi_globals.post_max_size };
    usize::try_from(n).unwrap_or(0)
}

/// A new empty array zval.
fn new_array() -> Zval {
    let mut z = Zval::new();
    z.set_hashtable(ZendHashTable::new());
    z
}

/// Registers `name = value` into `arr` with PHP's own rules. The name is a
/// C string for PHP: it ends at its first NUL.
fn register(arr: &mut Zval, name: &[u8], value: &[u8], cname: &mut Vec<u8>) {
    cname.clear();
    cname.extend(name.iter().take_while(|&&b| b != 0));
    cname.push(0);
    // SAFETY: cname is NUL-terminated; value is `value.len()` readable bytes
    // (PHP copies them); arr is a live array zval we own.
    unsafe {
        php_register_variable_safe(
            cname.as_ptr().cast(),
            value.as_ptr().cast(),
            value.len(),
            arr,
        )
    };
}

/// Registers `name = value` (any zval, taken over) into `arr` with PHP's
/// rules for variable names (`a.b` is `a_b`, `a[x][]` nests), as Swoole
/// files uploads into `$request->files`.
pub fn register_zval(arr: &mut Zval, name: &[u8], value: Zval) {
    let mut cname: Vec<u8> = name.iter().take_while(|&&b| b != 0).copied().collect();
    cname.push(0);
    let mut value = std::mem::ManuallyDrop::new(value);
    // SAFETY: cname is NUL-terminated; the engine takes `value` over (stores
    // it or releases it), so it is not dropped here; arr is a live array.
    unsafe {
        super::super::sys::zend::php_register_variable_ex(
            cname.as_ptr().cast(),
            &mut *value as *mut Zval as *mut ext_php_rs::ffi::zval,
            arr as *mut Zval as *mut ext_php_rs::ffi::zval,
        )
    };
}

/// An empty array zval (for `register_zval`).
pub fn empty_array() -> Zval {
    new_array()
}

/// True when the top level of `arr` has key `name` (up to its first NUL),
/// with PHP's numeric-string keys.
fn has_key(arr: &Zval, name: &[u8]) -> bool {
    let name = match name.iter().position(|&b| b == 0) {
        Some(n) => &name[..n],
        None => name,
    };
    let Some(ht) = arr.array() else {
        return false;
    };
    match canonical_int(name) {
        Some(i) => ht.get_index(i).is_some(),
        None => std::str::from_utf8(name).is_ok_and(|s| ht.get(s).is_some()),
    }
}

/// `name` as PHP's hash tables read a numeric string key ("12", "-3"; not
/// "012", "+1", "-0" or anything out of range).
fn canonical_int(s: &[u8]) -> Option<i64> {
    let digits = s.strip_prefix(b"-").unwrap_or(s);
    if digits.is_empty()
        || !digits.iter().all(u8::is_ascii_digit)
        || (digits[0] == b'0' && (digits.len() > 1 || s.len() > 1))
    {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

fn too_many() {
    warn_docref(
        E_WARNING,
        &format!(
            "Input variables exceeded {}. To increase the limit change max_input_vars in php.ini.",
            max_input_vars()
        ),
    );
}

/// A query string or urlencoded body as PHP's `$_GET`/`$_POST` would hold it.
pub fn parse_form(input: &[u8]) -> Zval {
    let mut arr = new_array();
    let mut cname = Vec::new();
    let r = form::split(
        input,
        Kind::Form,
        &separators(),
        max_input_vars(),
        |n, v| register(&mut arr, n, v, &mut cname),
    );
    if r.is_err() {
        too_many();
    }
    arr
}

/// A `Cookie` header as PHP's `$_COOKIE` would hold it (the first cookie of
/// a name wins).
pub fn parse_cookies(header: &[u8]) -> Zval {
    let mut arr = new_array();
    let mut cname = Vec::new();
    let r = form::split(header, Kind::Cookie, b";", max_input_vars(), |n, v| {
        if !has_key(&arr, n) {
            register(&mut arr, n, v, &mut cname);
        }
    });
    if r.is_err() {
        too_many();
    }
    arr
}

/// Whether a form or multipart body of `len` bytes may be parsed: not when
/// it is larger than `post_max_size` (PHP's warning; the fields are left
/// out, as PHP leaves `$_POST` empty).
pub fn post_fits(len: usize) -> bool {
    let max = post_max_size();
    if max > 0 && len > max {
        warn_docref(
            E_WARNING,
            &format!("POST Content-Length of {len} bytes exceeds the limit of {max} bytes"),
        );
        return false;
    }
    true
}

/// Multipart fields, registered one by one (values binary-safe); `counted`
/// pairs are already used up of `max_input_vars` by the caller's files.
pub struct FieldSink {
    /// The `post` array.
    arr: Zval,
    /// Buffer for NUL-terminated names.
    cname: Vec<u8>,
    /// Variables registered or refused so far.
    count: usize,
    /// `max_input_vars` when the body started.
    max: usize,
    /// Whether any field was added.
    any: bool,
}

impl FieldSink {
    /// An empty `post` array for one multipart body.
    pub fn new() -> FieldSink {
        FieldSink {
            arr: new_array(),
            cname: Vec::new(),
            count: 0,
            max: max_input_vars(),
            any: false,
        }
    }

    /// Counts one more variable (field or file); false past `max_input_vars`
    /// (warned once).
    pub fn admit(&mut self) -> bool {
        self.count += 1;
        if self.count == self.max + 1 {
            too_many();
        }
        self.count <= self.max
    }

    /// Adds field `name = value` (already admitted).
    pub fn field(&mut self, name: &[u8], value: &[u8]) {
        register(&mut self.arr, name, value, &mut self.cname);
        self.any = true;
    }

    /// The `post` array, if any field was added.
    pub fn finish(self) -> Option<Zval> {
        self.any.then_some(self.arr)
    }
}
