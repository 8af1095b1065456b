//! Ops tables of hooked streams: a hooked stream (socket, TLS, pipe) keeps
//! the engine's own data and points at a copy of its original ops table with
//! some entries replaced. One copy is made per original table, lives as long
//! as the process, and remembers the table it replaced.
//!
//! Invariant: a stream whose ops were set by `Tables::ours_for` points at the
//! `ops` field of a `WrappedOps`, whose `orig` is the engine's table.

use std::cell::RefCell;

use std::os::fd::RawFd;

use ext_php_rs::ffi::{php_stream, php_stream_ops};

use super::super::runtime::rt;

/// Our table and the one it replaced (`ops` first: streams point at it).
#[repr(C)]
pub struct WrappedOps {
    /// What the stream calls.
    pub ops: php_stream_ops,
    /// The engine's table, for delegation.
    pub orig: *const php_stream_ops,
}

// The module invariant casts a stream's ops pointer back to its WrappedOps.
const _: () = assert!(std::mem::offset_of!(WrappedOps, ops) == 0);

/// The tables one hook made so far.
#[derive(Default)]
pub struct Tables {
    /// Boxed so their addresses stay put while the Vec grows (streams point
    /// into them); never freed.
    #[allow(clippy::vec_box)]
    list: RefCell<Vec<Box<WrappedOps>>>,
}

impl Tables {
    /// True when `ops` is one of ours.
    pub fn is_ours(&self, ops: *const php_stream_ops) -> bool {
        self.list.borrow().iter().any(|w| std::ptr::eq(&w.ops, ops))
    }

    /// Our table for streams whose original table is `orig`, made on first
    /// need by letting `patch` replace entries of a copy.
    ///
    /// # Safety
    /// `orig` must be an engine ops table that lives as long as the process.
    pub unsafe fn ours_for(
        &self,
        orig: *const php_stream_ops,
        patch: impl FnOnce(&mut php_stream_ops),
    ) -> *const php_stream_ops {
        let mut list = self.list.borrow_mut();
        if let Some(w) = list.iter().find(|w| std::ptr::eq(w.orig, orig)) {
            return &w.ops;
        }
        // SAFETY: a bitwise copy of a plain C table of function pointers.
        let mut ops = unsafe { std::ptr::read(orig) };
        patch(&mut ops);
        let w = Box::new(WrappedOps { ops, orig });
        let p = &w.ops as *const php_stream_ops;
        list.push(w);
        p
    }
}

/// The engine's table behind a hooked stream.
///
/// # Safety
/// `s` must be a live stream whose ops are one of ours.
pub unsafe fn orig_ops(s: *mut php_stream) -> &'static php_stream_ops {
    // SAFETY: our tables are the `ops` field of a WrappedOps that lives for
    // the process (see the module invariant).
    unsafe { &*(*((*s).ops as *const WrappedOps)).orig }
}

/// Closes a hooked stream the engine is closing: wakes whoever waits on `fd`
/// (they find the stream gone), puts the original table back and lets it
/// close. The caller has already dropped the stream from its live set.
///
/// # Safety
/// `s` must be a stream whose ops are one of ours, being closed by the engine.
pub unsafe fn close(
    s: *mut php_stream,
    close_handle: std::os::raw::c_int,
    fd: Option<RawFd>,
) -> std::os::raw::c_int {
    if let Some(fd) = fd.filter(|fd| *fd >= 0) {
        rt(|r| r.close_fd(fd));
    }
    // SAFETY: forwarded; the original close frees the stream's data.
    unsafe {
        let orig = orig_ops(s);
        (*s).ops = orig;
        orig.close.map_or(0, |close| close(s, close_handle))
    }
}

/// Runs `f` with the stream's original table installed (the engine compares
/// `stream->ops` with its own tables in places, e.g. to tell unix from tcp
/// sockets), then puts ours back unless `still_open` says `f` closed it.
/// Nothing in `f` switches.
///
/// # Safety
/// `s` must be a live stream whose ops are one of ours.
pub unsafe fn delegate<R>(
    s: *mut php_stream,
    still_open: impl Fn(*mut php_stream) -> bool,
    f: impl FnOnce(&php_stream_ops) -> R,
) -> R {
    // SAFETY: forwarded; the stream's memory stays valid while it is open.
    unsafe {
        let ours = (*s).ops;
        let orig = orig_ops(s);
        (*s).ops = orig;
        let r = f(orig);
        if still_open(s) {
            (*s).ops = ours;
        }
        r
    }
}
