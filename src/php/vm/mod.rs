//! FENCED: the only code that reads or writes Zend executor globals (EG).
//!
//! Owns: `VmState`, the per-coroutine snapshot of the executor fields that make
//! up "the running PHP stack" (the set php-src's own fibers switch, plus
//! `bailout`), `ZendVm`, the `SwitchHook` that saves/restores it around every
//! switch, and the allocation of each coroutine's VM stack.
//!
//! Decisions: output buffers are switched too (`output.rs`, Swoole's
//! semantics). `EG(bailout)` is switched, so a fatal error longjmps to the try
//! of the coroutine it happened in.
//! May not: schedule anything.

pub mod autoload;
pub mod exit;
pub mod interrupt;
pub mod objects;
pub mod output;

use std::ptr;

use ext_php_rs::ffi::{
    _efree, _emalloc, _zend_execute_data, _zend_vm_stack, executor_globals, jmp_buf,
    zend_class_entry, zend_error_handling_t, zend_executor_globals, zend_function, zend_object,
    zval,
};

use crate::rt::SwitchHook;

/// First VM stack page of a coroutine. Small on purpose: an idle coroutine
/// costs this much PHP memory (Swoole uses 8 KiB). Deeper calls get further
/// pages of `NEXT_PAGE` bytes from the engine itself.
const FIRST_PAGE: usize = 2048;
/// Size of the pages the engine adds when a coroutine calls deeper.
const NEXT_PAGE: usize = 16 * 1024;
/// `ZEND_VM_STACK_HEADER_SLOTS`: the page header rounded up to whole zvals.
const HEADER_SLOTS: usize =
    std::mem::size_of::<_zend_vm_stack>().div_ceil(std::mem::size_of::<zval>());
/// `ZEND_CALL_FRAME_SLOT`: a call frame rounded up to whole zvals.
const FRAME_SLOTS: usize =
    std::mem::size_of::<_zend_execute_data>().div_ceil(std::mem::size_of::<zval>());

/// Raw pointer to the executor globals (NTS build: a plain global).
#[inline]
pub fn eg() -> *mut zend_executor_globals {
    &raw mut executor_globals
}

/// The executor fields switched per coroutine.
#[derive(Debug)]
pub struct VmState {
    /// `EG(vm_stack_top)`.
    top: *mut zval,
    /// `EG(vm_stack_end)`.
    end: *mut zval,
    /// `EG(vm_stack)`: the current page (its `prev` chain holds older pages).
    stack: *mut _zend_vm_stack,
    /// `EG(vm_stack_page_size)`.
    page_size: usize,
    /// `EG(current_execute_data)`.
    execute_data: *mut _zend_execute_data,
    /// `EG(jit_trace_num)`.
    jit_trace_num: u32,
    /// `EG(exception)`.
    exception: *mut zend_object,
    /// `EG(exception_class)`.
    exception_class: *mut zend_class_entry,
    /// `EG(error_handling)`.
    error_handling: zend_error_handling_t,
    /// `EG(bailout)`.
    bailout: *mut jmp_buf,
    /// `EG(error_reporting)`: the `@` operator lowers it until the silenced
    /// expression ends, which may be after a switch (a coroutine suspended
    /// inside `@fread(...)` must not silence the others).
    error_reporting: std::os::raw::c_int,
    /// The context's own output buffers (`ob_start`), while it is not running.
    output: output::Buffers,
}

impl Default for VmState {
    fn default() -> Self {
        VmState {
            top: ptr::null_mut(),
            end: ptr::null_mut(),
            stack: ptr::null_mut(),
            page_size: 0,
            execute_data: ptr::null_mut(),
            jit_trace_num: 0,
            exception: ptr::null_mut(),
            exception_class: ptr::null_mut(),
            error_handling: 0,
            bailout: ptr::null_mut(),
            error_reporting: 0,
            output: output::Buffers::default(),
        }
    }
}

/// The PHP host of the runtime.
#[derive(Debug)]
pub struct ZendVm;

impl SwitchHook for ZendVm {
    type Saved = VmState;
    type Local = crate::php::runtime::CoLocal;

    #[inline]
    fn save(into: &mut VmState) {
        let eg = eg();
        // SAFETY: on the PHP thread the executor globals are always valid to read.
        unsafe {
            into.top = (*eg).vm_stack_top;
            into.end = (*eg).vm_stack_end;
            into.stack = (*eg).vm_stack;
            into.page_size = (*eg).vm_stack_page_size;
            into.execute_data = (*eg).current_execute_data;
            into.jit_trace_num = (*eg).jit_trace_num;
            into.exception = (*eg).exception;
            into.exception_class = (*eg).exception_class;
            into.error_handling = (*eg).error_handling;
            into.bailout = (*eg).bailout;
            into.error_reporting = (*eg).error_reporting;
        }
        output::save(&mut into.output);
    }

    #[inline]
    fn restore(from: &VmState) {
        let eg = eg();
        // SAFETY: we install a state saved from (or built for) this same engine;
        // a fresh coroutine's all-null state is replaced by `init_stack` before
        // any PHP code runs on it.
        unsafe {
            (*eg).vm_stack_top = from.top;
            (*eg).vm_stack_end = from.end;
            (*eg).vm_stack = from.stack;
            (*eg).vm_stack_page_size = from.page_size;
            (*eg).current_execute_data = from.execute_data;
            (*eg).jit_trace_num = from.jit_trace_num;
            (*eg).exception = from.exception;
            (*eg).exception_class = from.exception_class;
            (*eg).error_handling = from.error_handling;
            (*eg).bailout = from.bailout;
            // A coroutine that never ran (no stack yet) starts with its
            // creator's level, which is the one in EG now.
            if !from.stack.is_null() {
                (*eg).error_reporting = from.error_reporting;
            }
        }
        output::restore(&from.output);
    }
}

/// The function of every coroutine's bottom frame: an internal function with
/// an empty name, as php-src's fibers use. The engine reads `func` of the
/// current frame whenever it reports an error (`get_active_function_name`
/// dereferences it): a warning raised from Rust code running at the bottom of
/// a coroutine (a server parsing a request) must find a function there.
struct BottomFn(std::cell::UnsafeCell<std::mem::MaybeUninit<zend_function>>);

// SAFETY: written once at MINIT, before any coroutine exists, then only read
// by the engine on the PHP thread.
unsafe impl Sync for BottomFn {}

static BOTTOM_FN: BottomFn = BottomFn(std::cell::UnsafeCell::new(std::mem::MaybeUninit::zeroed()));

/// `ZEND_INTERNAL_FUNCTION`.
const ZEND_INTERNAL_FUNCTION: u8 = 1;

/// Fills in the bottom frame's function. MINIT only.
pub fn startup() {
    // SAFETY: MINIT, single-threaded, no coroutine has a frame yet; the name
    // is a permanent interned string (as `zarray::startup` makes them).
    unsafe {
        let f = BOTTOM_FN.0.get().cast::<zend_function>();
        ptr::write_bytes(f, 0, 1);
        (*f).common.type_ = ZEND_INTERNAL_FUNCTION;
        if let Some(intern) = ext_php_rs::ffi::zend_string_init_interned {
            (*f).common.function_name = intern(c"".as_ptr(), 0, true);
        }
    }
}

/// Gives the running (new) coroutine its own VM stack: one small page with a
/// dummy frame as `EG(current_execute_data)` (with NULL there, an uncaught
/// exception would make the engine bail out off the coroutine stack) whose
/// function is `BOTTOM_FN`.
///
/// # Safety
/// Must run first thing in a new coroutine, on the PHP thread, before any PHP
/// code runs on it.
pub unsafe fn init_stack() {
    let eg = eg();
    // SAFETY: emalloc returns FIRST_PAGE writable bytes (or bails out on OOM,
    // which the coroutine's try catches); the header and the dummy frame fit
    // in it; the executor globals are ours to set on the PHP thread.
    unsafe {
        let page = _emalloc(FIRST_PAGE) as *mut _zend_vm_stack;
        let base = page as *mut zval;
        (*page).top = base.add(HEADER_SLOTS);
        (*page).end = (page as *mut u8).add(FIRST_PAGE) as *mut zval;
        (*page).prev = ptr::null_mut();
        let frame = (*page).top as *mut _zend_execute_data;
        ptr::write_bytes(frame, 0, 1);
        (*frame).func = BOTTOM_FN.0.get().cast();
        (*eg).vm_stack = page;
        (*eg).vm_stack_top = (*page).top.add(FRAME_SLOTS);
        (*eg).vm_stack_end = (*page).end;
        (*eg).vm_stack_page_size = NEXT_PAGE;
        (*eg).current_execute_data = frame;
        (*eg).jit_trace_num = 0;
        (*eg).exception = ptr::null_mut();
        (*eg).exception_class = ptr::null_mut();
        (*eg).error_handling = 0;
    }
}

/// Frees the running coroutine's VM stack pages (at its very end; the
/// resumer's state is restored right after, so EG never points at them again).
///
/// # Safety
/// Must be the last PHP-touching step of a coroutine, with no frame left.
pub unsafe fn free_stack() {
    let eg = eg();
    // SAFETY: EG(vm_stack) is this coroutine's page chain built by init_stack
    // and the engine; nothing else references it any more.
    unsafe {
        free_pages((*eg).vm_stack);
        (*eg).vm_stack = ptr::null_mut();
    }
}

/// Frees the VM stack of a suspended coroutine that is being discarded.
///
/// # Safety
/// `state` must be a suspended coroutine's saved state that will never run again.
pub unsafe fn free_saved_stack(state: &mut VmState) {
    // SAFETY: forwarded from the caller.
    unsafe { free_pages(state.stack) };
    state.stack = ptr::null_mut();
}

unsafe fn free_pages(mut page: *mut _zend_vm_stack) {
    while !page.is_null() {
        // SAFETY: each page was emalloc'd (by us or by zend_vm_stack_extend).
        unsafe {
            let prev = (*page).prev;
            _efree(page.cast());
            page = prev;
        }
    }
}

/// Runs `f` under its own `zend_try`: a bailout (fatal error, exit from a
/// nested context, out of memory) inside `f` comes back as `false`.
pub fn try_bailout(f: impl FnOnce()) -> bool {
    ext_php_rs::zend::try_catch(std::panic::AssertUnwindSafe(f)).is_ok()
}

/// Takes the pending exception out of EG (the caller owns the reference).
pub fn take_exception() -> *mut zend_object {
    let eg = eg();
    // SAFETY: we move the reference out and clear the field, as
    // zend_clear_exception does without releasing.
    unsafe {
        let ex = (*eg).exception;
        (*eg).exception = ptr::null_mut();
        ex
    }
}

/// Puts an exception back as pending (the reference moves into EG).
///
/// # Safety
/// `ex` must be an owned exception reference, and none may be pending.
pub unsafe fn set_exception(ex: *mut zend_object) {
    // SAFETY: forwarded from the caller.
    unsafe { (*eg()).exception = ex };
}

/// True when an exception (or `exit()`'s unwind marker) is pending.
pub fn has_exception() -> bool {
    // SAFETY: reading a pointer field of the executor globals on the PHP thread.
    unsafe { !(*eg()).exception.is_null() }
}

/// `EG(error_reporting)` of the running context.
pub fn error_reporting() -> i32 {
    // SAFETY: reading an int field of the executor globals on the PHP thread.
    unsafe { (*eg()).error_reporting }
}

/// Sets `EG(error_reporting)` of the running context.
pub fn set_error_reporting(level: i32) {
    // SAFETY: writing an int field of the executor globals on the PHP thread.
    unsafe { (*eg()).error_reporting = level };
}

/// Sets `EG(exit_status)`.
pub fn set_exit_status(n: i32) {
    // SAFETY: writing an int field of the executor globals on the PHP thread.
    unsafe { (*eg()).exit_status = n };
}

/// `debug_backtrace()` of the running context, without the caller's own frame.
pub fn backtrace_here(options: i32, limit: i32) -> ext_php_rs::types::Zval {
    let mut z = ext_php_rs::types::Zval::new();
    // SAFETY: the engine fills z with an array for the current frames.
    unsafe { super::sys::zend::zend_fetch_debug_backtrace(&mut z, 1, options, limit) };
    z
}

/// `debug_backtrace()` of a suspended coroutine: its saved frame chain is
/// made current just for the walk, then the live one is put back.
pub fn backtrace_of(saved: &VmState, options: i32, limit: i32) -> ext_php_rs::types::Zval {
    let mut z = ext_php_rs::types::Zval::new();
    let eg = eg();
    // SAFETY: the suspended coroutine's frames stay valid while it is
    // suspended; the walk only reads them; we restore the live pointer.
    unsafe {
        let live = (*eg).current_execute_data;
        (*eg).current_execute_data = saved.execute_data;
        super::sys::zend::zend_fetch_debug_backtrace(&mut z, 0, options, limit);
        (*eg).current_execute_data = live;
    }
    z
}

/// The name PHP gives the function of frame `ex` in its messages: `Class::method`
/// (the class that declares it: a Swoole-named class under its Swoole name)
/// or `function`, as it was registered (an alias such as
/// `swoole_timer_after` is its own function). None for a frame without one.
pub fn called_name(ex: &ext_php_rs::zend::ExecuteData) -> Option<String> {
    // SAFETY: `ex` is the live frame of the internal function being called;
    // its func, name and scope are engine-owned and live for the call.
    unsafe {
        let f = ex.func;
        if f.is_null() || (*f).common.function_name.is_null() {
            return None;
        }
        let name = zstr((*f).common.function_name);
        let scope = (*f).common.scope;
        if scope.is_null() || (*scope).name.is_null() {
            Some(name)
        } else {
            Some(format!("{}::{name}", zstr((*scope).name)))
        }
    }
}

/// A zend_string's bytes as text (lossy).
///
/// # Safety
/// `s` is a live zend_string.
unsafe fn zstr(s: *const ext_php_rs::ffi::zend_string) -> String {
    // SAFETY: by the caller.
    String::from_utf8_lossy(unsafe { zstr_bytes(s) }).into_owned()
}

/// A zend_string's bytes.
///
/// # Safety
/// `s` is a live zend_string that outlives the borrow.
unsafe fn zstr_bytes<'a>(s: *const ext_php_rs::ffi::zend_string) -> &'a [u8] {
    // SAFETY: by the caller; `val` holds `len` bytes.
    unsafe { std::slice::from_raw_parts((*s).val.as_ptr() as *const u8, (*s).len) }
}

/// Leaves an exception of class `ce` in a suspended coroutine's state, as
/// though its current call had thrown it: the coroutine meets it when it
/// resumes (the call it waits in returns, then the exception is thrown at
/// that line). Its file and line are the coroutine's current position; an
/// exception already pending there becomes its previous. False when one of
/// class `ce` is already pending.
pub fn throw_into(saved: &mut VmState, ce: *mut zend_class_entry) -> bool {
    // SAFETY: PHP thread; the suspended coroutine's frames stay valid while
    // it is suspended. The exception is made as `new $ce` would make it
    // (its create_object reads file and line from the current frame, which
    // is the coroutine's for the moment); we restore the live frame pointer.
    unsafe {
        let old = saved.exception;
        if !old.is_null() && (*old).ce == ce {
            return false;
        }
        let eg = eg();
        let live = (*eg).current_execute_data;
        (*eg).current_execute_data = saved.execute_data;
        // ManuallyDrop: the new reference moves into the saved state (a
        // dropped zval would release it).
        let mut z = std::mem::ManuallyDrop::new(std::mem::zeroed::<zval>());
        let ok = super::sys::zend::object_init_ex(&mut *z, ce) == 0;
        (*eg).current_execute_data = live;
        if !ok {
            return false;
        }
        let obj = z.value.obj;
        if !old.is_null() {
            super::sys::zend::zend_exception_set_previous(obj, old);
        }
        saved.exception = obj;
        saved.exception_class = ce;
        true
    }
}

/// Swoole's measure of a VM stack: for each page, the bytes between the
/// page's recorded top and its end.
///
/// # Safety
/// `page` is null or a live VM stack page chain.
unsafe fn stack_pages_usage(mut page: *mut _zend_vm_stack) -> usize {
    let mut n = 0usize;
    // SAFETY: by the caller; each page header is live.
    unsafe {
        while !page.is_null() {
            let words = (*page).end.offset_from((*page).top).max(0) as usize;
            n = n.saturating_add(words * std::mem::size_of::<zval>());
            page = (*page).prev;
        }
    }
    n
}

/// `Coroutine::getStackUsage()` of the running coroutine.
pub fn stack_usage_here() -> usize {
    // SAFETY: PHP thread; EG(vm_stack) is the running context's live chain.
    unsafe { stack_pages_usage((*eg()).vm_stack) }
}

/// `Coroutine::getStackUsage()` of a suspended coroutine.
pub fn stack_usage_of(saved: &VmState) -> usize {
    // SAFETY: a suspended coroutine's pages stay allocated while it exists.
    unsafe { stack_pages_usage(saved.stack) }
}

/// `ftok()` of the running script's file with project id 1: the default
/// System V key Swoole derives (`Process::useQueue(0)`).
pub fn executed_file_key() -> libc::key_t {
    // SAFETY: the engine's current file name: a NUL-terminated string it
    // owns for the request ("[no active file]" outside a script).
    let name = unsafe { super::sys::zend::zend_get_executed_filename() };
    if name.is_null() {
        return -1;
    }
    // SAFETY: ftok(3) reads the NUL-terminated path.
    unsafe { libc::ftok(name, 1) }
}
