//! The `syscall!` macro and the few libc helpers the runtime core needs.
//!
//! Owns: turning a libc return value of -1 into `io::Error` (mio's style).
//! May not: hold state. With `server/`, the only direct libc caller.

/// Calls a libc function and maps a `-1` result to `io::Error::last_os_error()`.
/// Expands to an unsafe call: use it inside an `unsafe` block whose SAFETY
/// comment says why the arguments are valid.
#[macro_export]
macro_rules! syscall {
    ($fn: ident ( $($arg: expr),* $(,)* ) ) => {{
        let res = libc::$fn($($arg, )*);
        if res == -1 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(res)
        }
    }};
}

/// The size of a memory page on this machine.
pub fn page_size() -> usize {
    // SAFETY: sysconf has no memory-safety preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n <= 0 {
        4096
    } else {
        n as usize
    }
}
