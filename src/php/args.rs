//! Reading arguments of raw `extern "C"` handlers, with PHP's coercions and
//! PHP-style TypeErrors, and the panic fence every handler goes through.

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::error::throw_type_error;

/// `ZEND_CALL_FRAME_SLOT`: arguments start this many zvals into the frame.
const FRAME_SLOT: usize = 5;

/// Defines a raw handler whose body runs behind `catch_unwind`, so a Rust
/// panic becomes a PHP `Error` instead of crossing into the engine.
macro_rules! handler {
    ($(#[$m:meta])* $name:ident($ex:ident, $rv:ident) $body:block) => {
        $(#[$m])*
        pub extern "C" fn $name($ex: &mut ::ext_php_rs::zend::ExecuteData, $rv: &mut ::ext_php_rs::types::Zval) {
            $crate::php::fence::throwing(stringify!($name), (), || $body)
        }
    };
}
pub(crate) use handler;

/// Number of arguments passed.
#[inline]
pub fn count(ex: &ExecuteData) -> usize {
    // SAFETY: num_args is the active u2 member of `This` in a call frame.
    unsafe { ex.This.u2.num_args as usize }
}

/// Argument `i` (0-based), dereferenced, if passed.
#[inline]
pub fn get(ex: &mut ExecuteData, i: usize) -> Option<&mut Zval> {
    if i >= count(ex) {
        return None;
    }
    // SAFETY: internal functions receive their arguments contiguously right
    // after the frame header, and i < num_args.
    let z = unsafe { &mut *((ex as *mut ExecuteData as *mut Zval).add(FRAME_SLOT + i)) };
    Some(z.dereference_mut())
}

/// Argument `i` as bytes, as PHP's non-strict `string` parameter takes it:
/// a string is borrowed as it is (no copy), an int, float or bool is
/// converted. None when not passed, or for an array or object (as with
/// `coerce_to_string`).
pub fn bytes(ex: &ExecuteData, i: usize) -> Option<std::borrow::Cow<'_, [u8]>> {
    if i >= count(ex) {
        return None;
    }
    // SAFETY: as in `get`: argument i of the frame, i < num_args; read only.
    let z = unsafe { &*((ex as *const ExecuteData as *const Zval).add(FRAME_SLOT + i)) };
    let z = z.dereference();
    match z.zend_str() {
        Some(s) => Some(std::borrow::Cow::Borrowed(s.as_bytes())),
        None => z
            .coerce_to_string()
            .map(|s| std::borrow::Cow::Owned(s.into_bytes())),
    }
}

/// Copies (refcount +1) the arguments from index `from` on.
pub fn rest(ex: &mut ExecuteData, from: usize) -> Vec<Zval> {
    (from..count(ex))
        .filter_map(|i| get(ex, i).map(|z| z.shallow_clone()))
        .collect()
}

/// Too few arguments: throws ArgumentCountError-style TypeError; Err(()).
pub fn need(ex: &ExecuteData, n: usize, fname: &str) -> Result<(), ()> {
    if count(ex) < n {
        let fname = name_of(ex, fname);
        super::error::throw_argument_count_error(&format!(
            "{fname}() expects at least {n} argument{}, {} given",
            if n == 1 { "" } else { "s" },
            count(ex)
        ));
        return Err(());
    }
    Ok(())
}

pub fn type_name(z: &Zval) -> &'static str {
    if z.is_null() {
        "null"
    } else if z.is_bool() {
        "bool"
    } else if z.is_long() {
        "int"
    } else if z.is_double() {
        "float"
    } else if z.is_string() {
        "string"
    } else if z.is_array() {
        "array"
    } else if z.is_object() {
        "object"
    } else {
        "resource"
    }
}

/// The name of the function being called (as PHP words it: under the
/// name it was called by, for aliases registered as functions of their own),
/// or `fallback`.
pub fn name_of(ex: &ExecuteData, fallback: &str) -> String {
    super::vm::called_name(ex).unwrap_or_else(|| fallback.to_string())
}

fn bad(fname: &str, pos: usize, pname: &str, want: &str, given: &str) {
    throw_type_error(&format!(
        "{fname}(): Argument #{} (${pname}) must be of type {want}, {given} given",
        pos + 1,
    ));
}

/// An `int` argument (non-strict coercion), `default` when not passed.
pub fn long(
    ex: &mut ExecuteData,
    i: usize,
    fname: &str,
    pname: &str,
    default: Option<i64>,
) -> Result<i64, ()> {
    let Some(z) = get(ex, i) else {
        return default.ok_or(());
    };
    if let Some(v) = z.long() {
        return Ok(v);
    }
    if let Some(f) = z.double() {
        // PHP 8.1+: a float in range is taken (a fractional one truncated,
        // with a deprecation); out of range or not a number is a TypeError.
        let in_range = f.is_finite() && f >= i64::MIN as f64 && f < i64::MAX as f64;
        if in_range && f.fract() == 0.0 {
            return Ok(f as i64);
        }
        if in_range {
            super::error::warn(
                E_DEPRECATED,
                &format!("Implicit conversion from float {f} to int loses precision"),
            );
            return Ok(f as i64);
        }
    }
    if let Some(b) = z.bool() {
        return Ok(b as i64);
    }
    if let Some(s) = z.str() {
        if let Ok(v) = s.trim().parse::<i64>() {
            return Ok(v);
        }
    }
    if z.is_null() {
        // PHP 8.1+ for an internal function's scalar parameter: 0, with a
        // deprecation.
        super::error::warn(
            E_DEPRECATED,
            &format!(
                "{}(): Passing null to parameter #{} (${pname}) of type int is deprecated",
                name_of(ex, fname),
                i + 1
            ),
        );
        return Ok(0);
    }
    let given = type_name(z);
    bad(&name_of(ex, fname), i, pname, "int", given);
    Err(())
}

/// PHP's E_DEPRECATED.
const E_DEPRECATED: i32 = 8192;

/// A nullable `int` argument: None when not passed or null.
pub fn opt_long(
    ex: &mut ExecuteData,
    i: usize,
    fname: &str,
    pname: &str,
) -> Result<Option<i64>, ()> {
    match get(ex, i) {
        None => Ok(None),
        Some(z) if z.is_null() => Ok(None),
        Some(_) => long(ex, i, fname, pname, None).map(Some),
    }
}

/// A `float` argument (ints and numeric strings accepted).
pub fn double(
    ex: &mut ExecuteData,
    i: usize,
    fname: &str,
    pname: &str,
    default: Option<f64>,
) -> Result<f64, ()> {
    let Some(z) = get(ex, i) else {
        return default.ok_or(());
    };
    if let Some(v) = z.double() {
        return Ok(v);
    }
    if let Some(v) = z.long() {
        return Ok(v as f64);
    }
    if let Some(b) = z.bool() {
        return Ok(b as i64 as f64);
    }
    if let Some(s) = z.str() {
        if let Ok(v) = s.trim().parse::<f64>() {
            return Ok(v);
        }
    }
    let given = type_name(z);
    bad(&name_of(ex, fname), i, pname, "float", given);
    Err(())
}

/// A `string` argument (non-strict coercion), TypeError for arrays and
/// objects; Err(()) also when not passed.
pub fn string<'a>(
    ex: &'a mut ExecuteData,
    i: usize,
    fname: &str,
    pname: &str,
) -> Result<std::borrow::Cow<'a, [u8]>, ()> {
    if bytes(ex, i).is_none() {
        if let Some(z) = get(ex, i) {
            let given = type_name(z);
            bad(&name_of(ex, fname), i, pname, "string", given);
        }
        return Err(());
    }
    bytes(ex, i).ok_or(())
}

/// A `bool` argument (non-strict coercion: ints, floats and strings by
/// their truth), `default` when not passed.
pub fn boolean(
    ex: &mut ExecuteData,
    i: usize,
    fname: &str,
    pname: &str,
    default: bool,
) -> Result<bool, ()> {
    let Some(z) = get(ex, i) else {
        return Ok(default);
    };
    if let Some(b) = z.bool() {
        return Ok(b);
    }
    if let Some(v) = z.long() {
        return Ok(v != 0);
    }
    if let Some(f) = z.double() {
        return Ok(f != 0.0);
    }
    if let Some(s) = z.str() {
        return Ok(!(s.is_empty() || s == "0"));
    }
    if z.is_null() {
        return Ok(false);
    }
    let given = type_name(z);
    bad(&name_of(ex, fname), i, pname, "bool", given);
    Err(())
}

/// Returns a bool (the engine hands handlers a NULL return value, so there is
/// nothing to release; cheaper than `Zval::set_bool`).
#[inline]
pub fn ret_bool(rv: &mut Zval, b: bool) {
    // IS_TRUE = 3, IS_FALSE = 2; a bool has no payload.
    rv.u1.type_info = if b { 3 } else { 2 };
}

/// Returns an int (see `ret_bool`).
#[inline]
pub fn ret_long(rv: &mut Zval, v: i64) {
    rv.value.lval = v;
    // IS_LONG = 4.
    rv.u1.type_info = 4;
}
