//! Owned PHP values and callables kept by the runtime across switches.
//!
//! Owns: `Callback`, a validated callable plus bound arguments, each holding a
//! reference (refcount) of its zvals for as long as the runtime keeps it.
//! `!Send` by construction (raw pointers): PHP values never leave the PHP thread.

use std::mem::ManuallyDrop;
use std::ptr;

use ext_php_rs::ffi::{
    zend_call_function, zend_fcall_info, zend_fcall_info_cache, zend_is_callable_ex,
    zend_release_fcall_info_cache,
};
use ext_php_rs::types::Zval;

/// `ZEND_ACC_CALL_VIA_TRAMPOLINE`: the handler is a temporary `__call` trampoline.
const ACC_CALL_VIA_TRAMPOLINE: u32 = 1 << 18;

/// A callable and its arguments, owned (refcounted) by the runtime.
pub struct Callback {
    /// The callable as given (string, array, closure…).
    func: Zval,
    /// Resolved at creation time, in the caller's scope, so that private
    /// methods stay callable from inside the coroutine. None for trampolines
    /// (`__call`), which are resolved again at call time.
    fcc: Option<zend_fcall_info_cache>,
    /// Arguments passed on every call.
    args: Vec<Zval>,
}

impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Callback")
            .field("args", &self.args.len())
            .finish()
    }
}

impl Callback {
    /// Validates `func` in the current scope; Err carries the engine's reason.
    pub fn new(func: &Zval, args: Vec<Zval>) -> Result<Callback, String> {
        let func = func.dereference().shallow_clone();
        // SAFETY: zero is a valid "unresolved" fcall cache.
        let mut fcc: zend_fcall_info_cache = unsafe { std::mem::zeroed() };
        let mut err: *mut std::os::raw::c_char = ptr::null_mut();
        let p = &func as *const Zval as *mut Zval;
        // SAFETY: p is a live zval; the engine writes fcc and maybe an
        // emalloc'd error string, which we free.
        let ok = unsafe {
            zend_is_callable_ex(p, ptr::null_mut(), 0, ptr::null_mut(), &mut fcc, &mut err)
        };
        if !ok {
            let msg = if err.is_null() {
                "no array or string given".to_string()
            } else {
                // SAFETY: err is a NUL-terminated emalloc'd string.
                let s = unsafe { std::ffi::CStr::from_ptr(err) }
                    .to_string_lossy()
                    .into_owned();
                // SAFETY: the engine allocated it with emalloc.
                unsafe { ext_php_rs::ffi::_efree(err.cast()) };
                s
            };
            return Err(msg);
        }
        if !err.is_null() {
            // SAFETY: as above (deprecation notes come back this way too).
            unsafe { ext_php_rs::ffi::_efree(err.cast()) };
        }
        let fcc = if fcc.function_handler.is_null() {
            None
        // SAFETY: a resolved fcc points at a live function.
        } else if unsafe { (*fcc.function_handler).common.fn_flags } & ACC_CALL_VIA_TRAMPOLINE != 0
        {
            // SAFETY: releases the trampoline the engine made for this check.
            unsafe { zend_release_fcall_info_cache(&mut fcc) };
            None
        } else {
            Some(fcc)
        };
        Ok(Callback { func, fcc, args })
    }

    /// A second handle on the same callable and arguments (refcounts bumped).
    pub fn share(&self) -> Callback {
        Callback {
            func: self.func.shallow_clone(),
            fcc: self.fcc,
            args: self.args.iter().map(|a| a.shallow_clone()).collect(),
        }
    }

    /// The same callable (resolved once) with other arguments: no second
    /// `zend_is_callable_ex` (a server calls onRequest this way per request).
    pub fn with_args(&self, args: Vec<Zval>) -> Callback {
        Callback {
            func: self.func.shallow_clone(),
            fcc: self.fcc,
            args,
        }
    }

    /// Another callback of the same callable and arguments (each argument's
    /// refcount raised).
    pub fn duplicate(&self) -> Callback {
        self.with_args(self.args.iter().map(Zval::shallow_clone).collect())
    }

    /// Replaces the bound arguments (the old ones are released), keeping the
    /// vector's room: a connection reuses one Callback for all its requests.
    pub fn set_args(&mut self, args: impl IntoIterator<Item = Zval>) {
        self.args.clear();
        self.args.extend(args);
    }

    /// Releases the bound arguments.
    pub fn clear_args(&mut self) {
        self.args.clear();
    }

    /// Puts `v` in front of the bound arguments.
    pub fn prepend_arg(&mut self, v: Zval) {
        self.args.insert(0, v);
    }

    /// Calls it; the result goes to `retval`. A thrown exception stays pending
    /// in EG. False when the engine could not make the call at all.
    ///
    /// # Suspends
    /// The PHP code may suspend the running coroutine.
    pub fn call(&mut self, retval: &mut Zval) -> bool {
        // The fci embeds a zval: keep it ManuallyDrop so the bitwise copy of
        // `func` is not released twice (ZEND-NOTES pitfall 2).
        // SAFETY: all-zero is a valid starting fci.
        let mut fci: ManuallyDrop<zend_fcall_info> =
            ManuallyDrop::new(unsafe { std::mem::zeroed() });
        fci.size = std::mem::size_of::<zend_fcall_info>();
        // SAFETY: bitwise copy of our owned zval; fci never drops it.
        unsafe {
            ptr::copy_nonoverlapping(
                &self.func as *const Zval,
                &mut fci.function_name as *mut Zval,
                1,
            )
        };
        fci.retval = retval;
        fci.params = self.args.as_mut_ptr();
        fci.param_count = self.args.len() as u32;
        fci.named_params = ptr::null_mut();
        let fcc = match self.fcc.as_mut() {
            Some(f) => f as *mut zend_fcall_info_cache,
            None => ptr::null_mut(),
        };
        // SAFETY: fci is fully initialised; params point at owned zvals that
        // outlive the call; fcc is either null or resolved for this callable.
        let r = unsafe { zend_call_function(&mut *fci, fcc) };
        r == 0
    }
}

/// A PHP int zval.
pub fn zval_long(v: i64) -> Zval {
    let mut z = Zval::new();
    z.set_long(v);
    z
}

/// A PHP string zval from Rust text.
pub fn zval_str(s: &str) -> Zval {
    let mut z = Zval::new();
    let _ = z.set_string(s, false);
    z
}
