//! Process-wide state of the binding, reachable without TLS look-ups.
//!
//! A cdylib's `thread_local!` goes through `__tls_get_addr` on every access
//! (measured: a visible share of a switch). PHP here is NTS: every handler,
//! hook and callback runs on the one PHP thread, so plain statics suffice.

use std::cell::UnsafeCell;

/// A value only ever touched from the PHP thread, created on first use.
pub struct PhpThread<T>(UnsafeCell<Option<T>>);

// SAFETY: NTS PHP runs all PHP code, and so every caller of `get`, on a single
// thread; Rust worker threads never reach these values (they never touch PHP).
unsafe impl<T> Sync for PhpThread<T> {}

impl<T> PhpThread<T> {
    /// An empty cell.
    pub const fn new() -> Self {
        PhpThread(UnsafeCell::new(None))
    }

    /// The value, created with `init` on first use. Only shared references
    /// are handed out: mutation goes through the value's own cells.
    #[inline(always)]
    pub fn get(&self, init: impl FnOnce() -> T) -> &T {
        // SAFETY: single-threaded (see the Sync impl); the Option is written
        // once, before any reference to its content exists, and never again.
        unsafe {
            match &*self.0.get() {
                Some(v) => v,
                None => self.init(init),
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn init(&self, init: impl FnOnce() -> T) -> &T {
        // SAFETY: as in `get`; this runs once, when the slot is still empty.
        unsafe {
            let slot = &mut *self.0.get();
            match slot {
                Some(v) => v,
                None => slot.insert(init()),
            }
        }
    }
}
