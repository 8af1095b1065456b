//! Hooked `fsync()` and `fdatasync()` (HOOK_FILE): inside a coroutine the
//! wait for the disk happens on the blocking pool while other coroutines run.
//!
//! How: a pool thread calls fsync(2)/fdatasync(2) on the stream's fd; then the
//! original runs (its checks, warnings and result are PHP's, and with nothing
//! left dirty its own sync returns at once). Outside coroutines, or for a
//! stream without an fd, the original runs alone.

use std::os::raw::c_int;

use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::runtime::rt;
use super::functions::{self, original};

/// The fd of the stream resource argument 0, in a coroutine.
fn stream_fd(ex: &mut ExecuteData) -> Option<c_int> {
    if rt(|r| r.current()).is_main() {
        return None;
    }
    super::super::fd::stream_fd(args::get(ex, 0)?.resource()?)
}

/// Syncs on the pool first (data only for `fdatasync`), then the original.
fn sync(i: usize, data_only: bool, ex: &mut ExecuteData, rv: &mut ext_php_rs::types::Zval) {
    if let Some(fd) = stream_fd(ex) {
        let job = move || {
            // SAFETY: fsync/fdatasync on an fd the argument's stream keeps
            // open while the caller waits.
            unsafe {
                if data_only {
                    libc::fdatasync(fd)
                } else {
                    libc::fsync(fd)
                }
            }
        };
        let _ = rt(|r| r.run_blocking(job));
    }
    original(i, ex, rv);
}

handler!(
    /// `fsync(resource $stream): bool`.
    hooked_fsync(ex, rv) { sync(functions::FSYNC, false, ex, rv); }
);

handler!(
    /// `fdatasync(resource $stream): bool`.
    hooked_fdatasync(ex, rv) { sync(functions::FDATASYNC, true, ex, rv); }
);
