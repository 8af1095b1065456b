//! `HOOK_FILE`, reads of local files: a plain-file stream opened inside a
//! coroutine reads what is in the page cache at once and waits for the disk
//! on the blocking pool, so a cold read never stops the other coroutines.
//!
//! How: `php_plain_files_wrapper` (the wrapper of every local path and
//! `file://` URL) gets our copy of its ops table, whose opener wraps the
//! streams it opens in a coroutine — never those of `include`/`require`/
//! autoload, which must not yield. A wrapped stream's read first asks the
//! kernel for the bytes without waiting (`preadv2(RWF_NOWAIT)` at the file
//! position: exactly the read the engine would do, when the data is cached);
//! only when that would block does a pool thread pull the range into the page
//! cache (`readahead`), and then the engine's own read runs, with its own
//! errors and end-of-file. Writes land in the page cache and stay the
//! engine's (they do not wait for the disk); in a coroutine a wrapped file
//! refuses to be mmap'ed, so `readfile`/`fpassthru`/`stream_copy_to_stream`
//! copy through those reads. Turning the flag off puts the
//! wrapper's table back; streams already wrapped read as plain PHP outside
//! coroutines or with the flag off.

use std::cell::Cell;
use std::os::raw::{c_char, c_int};

use ext_php_rs::ffi::{
    php_stream, php_stream_context, php_stream_ops, php_stream_wrapper, php_stream_wrapper_ops,
    zend_string,
};

use super::super::fence::fenced_op;
use super::super::globals::PhpThread;
use super::super::runtime::rt;
use super::super::sys::stream::StdioStreamHead;
use super::got;
use super::ops::{orig_ops, Tables};

/// `STREAM_OPEN_FOR_INCLUDE`.
const OPEN_FOR_INCLUDE: c_int = 0x0000_0080;
/// `PHP_STREAM_OPTION_MMAP_API`, `PHP_STREAM_OPTION_RETURN_NOTIMPL`.
const OPTION_MMAP_API: c_int = 9;
const OPTION_RETURN_NOTIMPL: c_int = -2;

struct State {
    tables: Tables,
    /// `php_plain_files_wrapper` (null until found).
    wrapper: Cell<*mut php_stream_wrapper>,
    /// Its own ops table.
    orig: Cell<*const php_stream_wrapper_ops>,
    /// Our copy (leaked: the wrapper may point at it for the process's life).
    ours: Cell<*const php_stream_wrapper_ops>,
    patched: Cell<bool>,
}

static STATE: PhpThread<State> = PhpThread::new();

fn state() -> &'static State {
    STATE.get(|| State {
        tables: Tables::default(),
        wrapper: Cell::new(std::ptr::null_mut()),
        orig: Cell::new(std::ptr::null()),
        ours: Cell::new(std::ptr::null()),
        patched: Cell::new(false),
    })
}

/// Finds the plain-files wrapper and builds our table (once).
fn look(st: &State) -> bool {
    if !st.wrapper.get().is_null() {
        return true;
    }
    // SAFETY: dlsym of the engine's exported wrapper; its ops table is
    // copied by value (function pointers only) and one entry replaced.
    unsafe {
        let w = libc::dlsym(libc::RTLD_DEFAULT, c"php_plain_files_wrapper".as_ptr())
            as *mut php_stream_wrapper;
        if w.is_null() || (*w).wops.is_null() {
            return false;
        }
        let orig = (*w).wops;
        let mut copy: php_stream_wrapper_ops = std::ptr::read(orig);
        copy.stream_opener = Some(co_opener);
        st.ours.set(Box::leak(Box::new(copy)));
        st.orig.set(orig);
        st.wrapper.set(w);
    }
    true
}

/// Points the plain-files wrapper at our table when `HOOK_FILE` is on, and
/// back at the engine's when it is off.
pub fn apply(flags: i64) {
    let on = flags & super::HOOK_FILE != 0;
    let st = state();
    if st.patched.get() == on || (on && !look(st)) || st.wrapper.get().is_null() {
        return;
    }
    let target = if on { st.ours.get() } else { st.orig.get() };
    // SAFETY: the wrapper's first field, its ops pointer, in the engine's
    // (read-only after relocation) data.
    let slot = unsafe { std::ptr::addr_of_mut!((*st.wrapper.get()).wops) } as *mut usize;
    if got::write_word(slot, target as usize) {
        st.patched.set(on);
    }
}

fn active() -> bool {
    super::flags() & super::HOOK_FILE != 0 && !rt(|r| r.current()).is_main()
}

fenced_op!(co_opener => co_opener_impl(
    wrapper: *mut php_stream_wrapper,
    filename: *const c_char,
    mode: *const c_char,
    options: c_int,
    opened_path: *mut *mut zend_string,
    context: *mut php_stream_context,
) -> *mut php_stream, "file open", std::ptr::null_mut());

unsafe fn co_opener_impl(
    wrapper: *mut php_stream_wrapper,
    filename: *const c_char,
    mode: *const c_char,
    options: c_int,
    opened_path: *mut *mut zend_string,
    context: *mut php_stream_context,
) -> *mut php_stream {
    let st = state();
    // SAFETY: the engine's own opener with the engine's arguments; a stream
    // it returns is live and ours to re-table.
    unsafe {
        let Some(open) = (*st.orig.get()).stream_opener else {
            return std::ptr::null_mut();
        };
        let s = open(wrapper, filename, mode, options, opened_path, context);
        if !s.is_null()
            && options & OPEN_FOR_INCLUDE == 0
            && active()
            && std::ptr::eq((*s).ops, &raw const ext_php_rs::ffi::php_stream_stdio_ops)
        {
            (*s).ops = st.tables.ours_for((*s).ops, |ops| {
                ops.read = Some(co_read);
                ops.set_option = Some(co_set_option);
            });
        }
        s
    }
}

fenced_op!(co_read => co_read_impl(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize, "file read", -1);

unsafe fn co_read_impl(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize {
    // SAFETY: the engine reads a live wrapped plain-file stream; its data
    // starts with StdioStreamHead; `buf` holds `count` bytes.
    unsafe {
        let orig: &php_stream_ops = orig_ops(stream);
        let head = (*stream).abstract_ as *const StdioStreamHead;
        let fd = if head.is_null() || !(*head).file.is_null() {
            -1
        } else {
            (*head).fd
        };
        if fd >= 0 && count > 0 && active() {
            let iov = libc::iovec {
                iov_base: buf.cast(),
                iov_len: count,
            };
            let n = libc::preadv2(fd, &iov, 1, -1, libc::RWF_NOWAIT);
            if n > 0 {
                return n;
            }
            if n == 0 {
                // As the engine's read at the end of the file.
                (*stream).set_eof(1);
                return 0;
            }
            if *libc::__errno_location() == libc::EAGAIN {
                // Not in the page cache: a pool thread waits for the disk.
                let at = libc::lseek(fd, 0, libc::SEEK_CUR);
                if at >= 0 {
                    let len = count.max(128 * 1024);
                    let _ = rt(|r| r.run_blocking(move || libc::readahead(fd, at, len)));
                }
            }
        }
        orig.read.map_or(-1, |f| f(stream, buf, count))
    }
}

fenced_op!(co_set_option => co_set_option_impl(stream: *mut php_stream, option: c_int, value: c_int, ptr: *mut std::os::raw::c_void) -> c_int, "file set_option", -1);

/// In a coroutine a wrapped file says it cannot be mapped: `readfile`,
/// `fpassthru` and `stream_copy_to_stream` then copy through its reads
/// (which wait for the disk on the pool) instead of faulting pages in from
/// a mapping, which would stop the process on a cold file.
unsafe fn co_set_option_impl(
    stream: *mut php_stream,
    option: c_int,
    value: c_int,
    ptr: *mut std::os::raw::c_void,
) -> c_int {
    if option == OPTION_MMAP_API && active() {
        return OPTION_RETURN_NOTIMPL;
    }
    // SAFETY: the engine's own op of a live wrapped stream, its arguments.
    unsafe {
        let orig: &php_stream_ops = orig_ops(stream);
        orig.set_option
            .map_or(-1, |f| f(stream, option, value, ptr))
    }
}
