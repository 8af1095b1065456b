//! Drivers under the scheduler: the clock, the timer set and the I/O poll.
#![forbid(unsafe_code)]

pub mod clock;
pub mod io;
pub mod time;
