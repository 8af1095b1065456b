//! The pure-Rust runtime core: coroutines, scheduler, timers and the reactor.
//!
//! Knows nothing of PHP: the host (the PHP binding) plugs in through
//! [`coroutine::SwitchHook`], which saves and restores its state around every
//! switch. Everything here builds and is tested with `--no-default-features`.

pub mod blocking;
pub mod coroutine;
pub mod driver;
pub mod error;
pub mod idmap;
pub mod net;
pub mod plock;
pub mod scheduler;
pub mod sync;
pub mod sys;
pub mod table;

#[cfg(test)]
mod tests;

pub use coroutine::{Cid, State, SwitchHook, WaitKind, Wakeup};
pub use error::Error;
pub use scheduler::{LoopHooks, Runtime};
