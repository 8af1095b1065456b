//! The monotonic clock: the only `Instant::now()` call site of the runtime.
#![forbid(unsafe_code)]

pub use std::time::Instant;

/// The current monotonic time.
#[inline]
pub fn now() -> Instant {
    Instant::now()
}
