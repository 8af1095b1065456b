//! `HOOK_NATIVE_CURL`: ext/curl's transfers wait in the reactor while other
//! coroutines run.
//!
//! How: ext/curl (curl.so) does all its PHP-side work itself — options,
//! handler bookkeeping, return buffers, error codes — and blocks only inside
//! two libcurl calls: `curl_easy_perform` (from `curl_exec`) and
//! `curl_multi_wait` (from `curl_multi_select`). We point those imports of
//! curl.so at ours (`got.rs`), plus `curl_multi_perform` (so a multi handle's
//! socket list stays current) and the two cleanups (to free our state).
//! Inside a coroutine:
//! - `curl_exec` runs its handle on a multi handle of its own (kept with the
//!   easy handle, so keep-alive connections survive between calls), driven
//!   by `multi::perform` in the calling coroutine;
//! - `curl_multi_exec` is `curl_multi_socket_all` (a perform that also
//!   reports sockets), and `curl_multi_select` waits for those sockets and
//!   libcurl's timer in the scheduler, up to its timeout.
//!
//! Outside a coroutine, or with the flag off, every call goes to libcurl
//! unchanged; turning the flag off puts curl.so's imports back. A handle in
//! use by one coroutine is refused to another with Swoole's error, before
//! ext/curl touches its buffers (`curl_exec`/`curl_setopt`/… guards).

mod multi;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::time::Duration;

use ext_php_rs::ffi::{compiler_globals, zend_function, zend_hash_str_find};
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::error::throw_bound;
use super::super::globals::PhpThread;
use super::super::runtime::rt;
use super::super::sys::curl::*;
use super::got::{self, Slot};
use multi::Multi;

/// `SWOOLE_HOOK_NATIVE_CURL`.
pub const HOOK_NATIVE_CURL: i64 = 1 << 12;

/// The curl.so imports we replace, in `ours()` order.
const IMPORTS: [&str; 5] = [
    "curl_easy_perform",
    "curl_easy_cleanup",
    "curl_multi_perform",
    "curl_multi_wait",
    "curl_multi_cleanup",
];

struct State {
    /// libcurl, once ext/curl is found (None: not loaded, or not patchable).
    lib: Option<&'static Lib>,
    /// Each import's slot and what it held before us.
    slots: Vec<(Slot, usize)>,
    looked: Cell<bool>,
    patched: Cell<bool>,
    /// Our multi handle of each easy handle that ran in a coroutine.
    easies: RefCell<HashMap<usize, Box<Multi>>>,
    /// Our state of each user multi handle used in a coroutine.
    multis: RefCell<HashMap<usize, Box<Multi>>>,
}

static STATE: PhpThread<RefCell<State>> = PhpThread::new();

fn state() -> &'static RefCell<State> {
    STATE.get(|| {
        RefCell::new(State {
            lib: None,
            slots: Vec::new(),
            looked: Cell::new(false),
            patched: Cell::new(false),
            easies: RefCell::new(HashMap::new()),
            multis: RefCell::new(HashMap::new()),
        })
    })
}

fn lib() -> Option<&'static Lib> {
    state().borrow().lib
}

fn ours() -> [usize; 5] {
    [
        hooked_easy_perform as *const () as usize,
        hooked_easy_cleanup as *const () as usize,
        hooked_multi_perform as *const () as usize,
        hooked_multi_wait as *const () as usize,
        hooked_multi_cleanup as *const () as usize,
    ]
}

/// The address of an internal function's handler (None: not loaded).
fn handler_of(name: &str) -> Option<usize> {
    // SAFETY: CG(function_table) holds internal functions as IS_PTR zvals
    // pointing at their zend_function; read on the PHP thread.
    unsafe {
        let z = zend_hash_str_find(
            compiler_globals.function_table,
            name.as_ptr().cast(),
            name.len(),
        );
        if z.is_null() {
            return None;
        }
        let f = (*z).value.ptr as *mut zend_function;
        (*f).internal_function.handler.map(|h| h as usize)
    }
}

/// Finds curl.so's import slots and libcurl (once).
fn look() {
    let st = state();
    if st.borrow().looked.replace(true) {
        return;
    }
    // A function of ext/curl we never replace tells which object it is.
    let Some(inside) = handler_of("curl_multi_select") else {
        return;
    };
    let Some(found) = got::find(inside, &IMPORTS) else {
        return;
    };
    if found.iter().any(|s| s.is_none()) {
        return;
    }
    let slots: Vec<(Slot, usize)> = found.into_iter().flatten().map(|s| (s, s.get())).collect();
    let Some(lib) = Lib::load(slots[0].1) else {
        return;
    };
    let mut st = st.borrow_mut();
    st.lib = Some(Box::leak(Box::new(lib)));
    st.slots = slots;
}

/// Puts our functions into curl.so's imports when the flag is on, and
/// libcurl's back when it is off.
pub fn apply(flags: i64) {
    let on = flags & HOOK_NATIVE_CURL != 0;
    if on {
        look();
    }
    let st = state().borrow();
    if st.lib.is_none() || st.patched.get() == on {
        return;
    }
    let targets = ours();
    for (i, (slot, orig)) in st.slots.iter().enumerate() {
        slot.set(if on { targets[i] } else { *orig });
    }
    st.patched.set(on);
}

/// True when the call should wait in the reactor: in a coroutine, hook on.
fn active() -> bool {
    super::flags() & HOOK_NATIVE_CURL != 0 && !rt(|r| r.current()).is_main()
}

/// Throws Swoole's error for a handle another coroutine is using; true if so.
fn busy(owner: Option<crate::rt::Cid>) -> bool {
    let me = rt(|r| r.current());
    match owner {
        Some(cid) if cid != me => {
            throw_bound(
                &format!(
                    "This cURL handle is currently executing in coroutine#{}, cannot be operated",
                    cid.0
                ),
                cid.0,
            );
            true
        }
        _ => false,
    }
}

unsafe extern "C" fn hooked_easy_perform(easy: *mut Curl) -> CurlCode {
    crate::php::fence::throwing("curl_exec", CURLE_FAILED_INIT, || {
        let Some(lib) = lib() else {
            return CURLE_FAILED_INIT;
        };
        if !active() {
            // SAFETY: libcurl's own function with the caller's handle.
            return unsafe { (lib.easy_perform)(easy) };
        }
        let st = state().borrow();
        let mut easies = st.easies.borrow_mut();
        let m = match easies.entry(easy as usize) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => match Multi::create(lib) {
                Some(m) => v.insert(m),
                None => return CURLE_FAILED_INIT,
            },
        };
        if busy(m.owner.get()) {
            return CURLE_FAILED_INIT;
        }
        // The box stays put while the transfer runs: only this easy handle's
        // cleanup removes it, and the handle is in use.
        let m: *const Multi = &**m;
        drop(easies);
        drop(st);
        // SAFETY: see above.
        multi::perform(lib, unsafe { &*m }, easy)
    })
}

unsafe extern "C" fn hooked_easy_cleanup(easy: *mut Curl) {
    crate::php::fence::quiet("curl_easy_cleanup", (), || {
        let Some(lib) = lib() else { return };
        let mine = state()
            .borrow()
            .easies
            .borrow_mut()
            .remove(&(easy as usize));
        // SAFETY: our own multi handle (the easy one is no longer in it),
        // then libcurl's cleanup of the caller's handle.
        unsafe {
            if let Some(m) = mine {
                (lib.multi_cleanup)(m.m);
            }
            (lib.easy_cleanup)(easy);
        }
    })
}

/// Our state of a user multi handle, adopted on first use in a coroutine.
fn user_multi(lib: &'static Lib, m: *mut CurlM) -> *const Multi {
    let st = state().borrow();
    let mut multis = st.multis.borrow_mut();
    let fresh = !multis.contains_key(&(m as usize));
    let p: *const Multi = &**multis
        .entry(m as usize)
        .or_insert_with(|| Multi::adopt(lib, m));
    drop(multis);
    drop(st);
    if fresh {
        // Learn the sockets its transfers already have.
        let mut running = 0;
        // SAFETY: live handle with our socket callback set.
        unsafe { (lib.multi_socket_all)(m, &mut running) };
    }
    p
}

unsafe extern "C" fn hooked_multi_perform(m: *mut CurlM, running: *mut c_int) -> CurlMCode {
    crate::php::fence::throwing("curl_multi_exec", CURLM_BAD_HANDLE, || {
        let Some(lib) = lib() else {
            return CURLM_BAD_HANDLE;
        };
        let known = state().borrow().multis.borrow().contains_key(&(m as usize));
        if !known && !active() {
            // SAFETY: libcurl's own function with the caller's arguments.
            return unsafe { (lib.multi_perform)(m, running) };
        }
        let multi = user_multi(lib, m);
        // SAFETY: boxed state of a live handle, removed only by its cleanup.
        if active() && busy(unsafe { (*multi).owner.get() }) {
            return CURLM_BAD_HANDLE;
        }
        // A perform that also reports each transfer's sockets to us.
        // SAFETY: live handle, the caller's out-pointer.
        unsafe { (lib.multi_socket_all)(m, running) }
    })
}

unsafe extern "C" fn hooked_multi_wait(
    m: *mut CurlM,
    extra: *mut c_void,
    n_extra: u32,
    timeout_ms: c_int,
    numfds: *mut c_int,
) -> CurlMCode {
    crate::php::fence::throwing("curl_multi_select", CURLM_BAD_HANDLE, || {
        let Some(lib) = lib() else {
            return CURLM_BAD_HANDLE;
        };
        if !active() || n_extra != 0 {
            // SAFETY: libcurl's own function with the caller's arguments.
            return unsafe { (lib.multi_wait)(m, extra, n_extra, timeout_ms, numfds) };
        }
        // SAFETY: boxed state of a live handle, removed only by its cleanup.
        let multi = unsafe { &*user_multi(lib, m) };
        if busy(multi.owner.get()) {
            return CURLM_BAD_HANDLE;
        }
        let asked = Duration::from_millis(timeout_ms.max(0) as u64);
        let timeout = match multi.timeout(lib) {
            Some(t) => asked.min(t),
            // Nothing to watch and no timer due: return at once, as libcurl does.
            None if multi.idle() => Duration::ZERO,
            None => asked,
        };
        multi.owner.set(Some(rt(|r| r.current())));
        let got = multi.wait(Some(timeout));
        multi.owner.set(None);
        let n = match got {
            Ok(ready) => ready.len() as c_int,
            Err(multi::Stop::Failed(e)) => {
                super::super::error::throw_rt(&e);
                return CURLM_BAD_HANDLE;
            }
            Err(multi::Stop::Canceled) => {
                super::super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
                0
            }
        };
        if !numfds.is_null() {
            // SAFETY: the caller's out-pointer.
            unsafe { *numfds = n };
        }
        CURLM_OK
    })
}

unsafe extern "C" fn hooked_multi_cleanup(m: *mut CurlM) -> CurlMCode {
    crate::php::fence::quiet("curl_multi_cleanup", CURLM_BAD_HANDLE, || {
        let Some(lib) = lib() else {
            return CURLM_BAD_HANDLE;
        };
        let mine = state().borrow().multis.borrow_mut().remove(&(m as usize));
        // SAFETY: libcurl's cleanup of the caller's handle; our state (which
        // its socket callback may still use) is dropped after it.
        let r = unsafe { (lib.multi_cleanup)(m) };
        drop(mine);
        r
    })
}

/// The libcurl handle inside a `CurlHandle` object argument.
fn easy_of(ex: &mut ExecuteData) -> Option<*mut Curl> {
    let obj = args::get(ex, 0)?.object()?;
    // SAFETY: ext/curl's php_curl starts with its `CURL *cp` and embeds the
    // zend_object at `handlers->offset` (the engine's own convention for
    // custom objects); checked to be a CurlHandle by class name first.
    unsafe {
        let o = obj as *const _ as *const ext_php_rs::ffi::zend_object;
        if obj.get_class_name().ok()? != "CurlHandle" {
            return None;
        }
        let offset = (*(*o).handlers).offset as usize;
        Some(*((o as *const u8).sub(offset) as *const *mut Curl))
    }
}

/// Refuses a handle another coroutine is transferring on; true if refused.
fn refused(ex: &mut ExecuteData) -> bool {
    if !active() {
        return false;
    }
    let Some(easy) = easy_of(ex) else {
        return false;
    };
    let owner = state()
        .borrow()
        .easies
        .borrow()
        .get(&(easy as usize))
        .and_then(|m| m.owner.get());
    busy(owner)
}

macro_rules! guarded {
    ($name:ident, $index:expr, $returns_bool:literal, $doc:literal) => {
        handler!(
            #[doc = $doc]
            $name(ex, rv) {
                if refused(ex) {
                    if $returns_bool {
                        rv.set_bool(false);
                    }
                    return;
                }
                super::functions::original($index, ex, rv);
            }
        );
    };
}

guarded!(
    guard_exec,
    super::functions::CURL_EXEC,
    true,
    "`curl_exec(CurlHandle $handle): string|bool`."
);
guarded!(
    guard_setopt,
    super::functions::CURL_SETOPT,
    true,
    "`curl_setopt(CurlHandle $handle, int $option, mixed $value): bool`."
);
guarded!(
    guard_setopt_array,
    super::functions::CURL_SETOPT_ARRAY,
    true,
    "`curl_setopt_array(CurlHandle $handle, array $options): bool`."
);
guarded!(
    guard_reset,
    super::functions::CURL_RESET,
    false,
    "`curl_reset(CurlHandle $handle): void`."
);
guarded!(
    guard_close,
    super::functions::CURL_CLOSE,
    false,
    "`curl_close(CurlHandle $handle): void`."
);

/// The guards, for the function-hook table.
pub fn guards() -> [(&'static str, super::functions::Handler); 5] {
    [
        ("curl_exec", guard_exec),
        ("curl_setopt", guard_setopt),
        ("curl_setopt_array", guard_setopt_array),
        ("curl_reset", guard_reset),
        ("curl_close", guard_close),
    ]
}
