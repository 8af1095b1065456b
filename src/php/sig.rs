//! Swoole-exact signatures: each function and method corust registers gets
//! the arginfo of a declaration written as in Swoole's stubs
//! (`push(mixed $data, float $timeout = -1): bool`), so parameter names
//! (named arguments), types, defaults, by-reference flags and return types
//! are what Swoole declares — what a subclass implementing a typed interface
//! is checked against, and what reflection shows.
//!
//! How: classes and functions are registered as before (ext-php-rs builds a
//! bare entry), then, still in MINIT, `apply` replaces the registered
//! function's arginfo with one built from the declaration (`crate::phpsig`
//! parses it) in the form the engine keeps after its own registration:
//! class names as interned strings, `MAY_BE_*` masks, send-mode and
//! variadic bits, defaults as literals; flags and `quick_arg_flags`
//! recomputed. The arrays live for the process.
//!
//! Invariant: a declared return type must be true of what the handler
//! returns (opcache infers types from it).

use std::ffi::CString;
use std::os::raw::c_char;

use ext_php_rs::ffi::{
    zend_class_entry, zend_function, zend_hash_str_find, zend_internal_arg_info, zend_string,
    zend_type, HashTable,
};

use super::sys::zend::{zend_alloc_ce_cache, zend_set_function_arg_flags};
use crate::phpsig::{self, Sig, Type};

/// `_ZEND_TYPE_NAME_BIT`: `type.ptr` is a class name (`zend_string *`).
const TYPE_NAME_BIT: u32 = 1 << 24;
/// `_ZEND_SEND_MODE_SHIFT`: by-reference bits of a parameter's type mask.
const SEND_MODE_SHIFT: u32 = 25;
/// `_ZEND_IS_VARIADIC_BIT`.
const IS_VARIADIC_BIT: u32 = 1 << 27;
/// `ZEND_ACC_HAS_TYPE_HINTS`.
const ACC_HAS_TYPE_HINTS: u32 = 1 << 8;
/// `ZEND_ACC_HAS_RETURN_TYPE`.
const ACC_HAS_RETURN_TYPE: u32 = 1 << 13;
/// `ZEND_ACC_VARIADIC`.
const ACC_VARIADIC: u32 = 1 << 14;
/// `ZEND_INTERNAL_FUNCTION`.
const INTERNAL_FUNCTION: u8 = 1;

/// A permanent interned string (MINIT).
fn interned(s: &str) -> *mut zend_string {
    // SAFETY: MINIT; the engine's interning hook copies the bytes into a
    // permanent interned string.
    unsafe {
        match ext_php_rs::ffi::zend_string_init_interned {
            Some(f) => f(s.as_ptr().cast(), s.len(), true),
            None => std::ptr::null_mut(),
        }
    }
}

/// The engine's `zend_type` for a declared type; Err for what the engine's
/// internal arginfo cannot hold without a type list (two class names).
fn zend_type_of(t: Option<&Type>) -> Result<zend_type, String> {
    let Some(t) = t else {
        return Ok(zend_type {
            ptr: std::ptr::null_mut(),
            type_mask: 0,
        });
    };
    match t.classes.as_slice() {
        [] => Ok(zend_type {
            ptr: std::ptr::null_mut(),
            type_mask: t.mask,
        }),
        [name] => {
            let s = interned(name);
            if s.is_null() {
                return Err("cannot intern a class name".into());
            }
            // SAFETY: a permanent interned string, at MINIT (as the engine's
            // own registration does for class-typed parameters).
            unsafe { zend_alloc_ce_cache(s) };
            Ok(zend_type {
                ptr: s.cast(),
                type_mask: t.mask | TYPE_NAME_BIT,
            })
        }
        _ => Err(format!("more than one class in a type: {:?}", t.classes)),
    }
}

/// A C string that lives for the process.
fn leak_cstr(s: &str) -> *const c_char {
    CString::new(s).unwrap_or_default().into_raw()
}

/// Gives `func` (an internal function) the arginfo of `sig`.
///
/// # Safety
/// MINIT only; `func` must be a live internal function of the engine's
/// tables, not yet called.
unsafe fn apply(func: *mut zend_function, sig: &Sig) -> Result<(), String> {
    let mut infos = Vec::with_capacity(sig.params.len() + 1);
    let required = sig.required();
    infos.push(zend_internal_arg_info {
        // The return slot's `name` holds the required count.
        name: required as *const c_char,
        type_: zend_type_of(sig.ret.as_ref())?,
        default_value: std::ptr::null(),
    });
    let mut typed = false;
    for p in &sig.params {
        let mut ty = zend_type_of(p.ty.as_ref())?;
        typed |= ty.type_mask != 0;
        if p.by_ref {
            ty.type_mask |= 1 << SEND_MODE_SHIFT;
        }
        if p.variadic {
            ty.type_mask |= IS_VARIADIC_BIT;
        }
        infos.push(zend_internal_arg_info {
            name: leak_cstr(&p.name),
            type_: ty,
            default_value: p.default.as_deref().map_or(std::ptr::null(), leak_cstr),
        });
    }
    let variadic = sig.params.last().is_some_and(|p| p.variadic);
    let infos: &'static mut [zend_internal_arg_info] = infos.leak();
    // SAFETY: forwarded from the caller: a live internal function at MINIT;
    // its new arginfo is leaked, so it outlives every use.
    unsafe {
        if (*func).type_ != INTERNAL_FUNCTION {
            return Err("not an internal function".into());
        }
        let f = &mut (*func).internal_function;
        f.arg_info = infos.as_mut_ptr().add(1);
        f.num_args = (sig.params.len() - usize::from(variadic)) as u32;
        f.required_num_args = required as u32;
        f.fn_flags &= !(ACC_HAS_RETURN_TYPE | ACC_VARIADIC | ACC_HAS_TYPE_HINTS);
        if sig.ret.is_some() {
            f.fn_flags |= ACC_HAS_RETURN_TYPE;
        }
        if variadic {
            f.fn_flags |= ACC_VARIADIC;
        }
        if typed {
            f.fn_flags |= ACC_HAS_TYPE_HINTS;
        }
        zend_set_function_arg_flags(func);
    }
    Ok(())
}

/// The function named `name` (any case) in `table`, or null.
fn find(table: *const HashTable, name: &str) -> *mut zend_function {
    let lc = name.to_ascii_lowercase();
    // SAFETY: a live function table at MINIT; its values are function
    // pointers (`Z_PTR`).
    unsafe {
        let z = zend_hash_str_find(table, lc.as_ptr().cast(), lc.len());
        if z.is_null() {
            return std::ptr::null_mut();
        }
        (*z).value.ptr.cast()
    }
}

/// Applies each declaration to the method of that name of class `ce`.
/// Returns the problems (a method missing, a declaration that does not
/// parse), for the caller to report.
pub fn methods(ce: *mut zend_class_entry, decls: &[&str]) -> Vec<String> {
    let mut errs = Vec::new();
    for d in decls {
        let sig = match phpsig::parse(d) {
            Ok(s) => s,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        // SAFETY: ce is a registered class; its function table is live.
        let func = find(unsafe { &raw const (*ce).function_table }, &sig.name);
        if func.is_null() {
            errs.push(format!("no method {}", sig.name));
            continue;
        }
        // SAFETY: MINIT; an internal method of our own class.
        if let Err(e) = unsafe { apply(func, &sig) } {
            errs.push(format!("{}: {e}", sig.name));
        }
    }
    errs
}

/// Applies a declaration to the global function `qualified` (its namespace
/// included; the declaration's own name is the last segment).
pub fn function(qualified: &str, decl: &str) -> Result<(), String> {
    let sig = phpsig::parse(decl)?;
    // SAFETY: MINIT: CG(function_table) is the engine's function table
    // (EG's copy of the pointer is only set per request).
    let table = unsafe { ext_php_rs::ffi::compiler_globals.function_table };
    let func = find(table, qualified);
    if func.is_null() {
        return Err(format!("no function {qualified}"));
    }
    // SAFETY: MINIT; an internal function registered by this module.
    unsafe { apply(func, &sig) }
}
