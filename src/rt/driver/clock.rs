//! The monotonic clock: the only `Instant::now()` call site of the runtime.
#![forbid(unsafe_code)]

pub use std::time::Instant;

/// The current monotonic time.
#[inline]
pub fn now() -> Instant {
    Instant::now()
}

/// The coarse monotonic clock in milliseconds (`rt::sys::coarse_ms`).
#[inline]
pub fn coarse_ms() -> u64 {
    crate::rt::sys::coarse_ms()
}
