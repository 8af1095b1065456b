//! corust: Swoole's coroutine core for PHP 8.2, in Rust.
//!
//! `rt` is the PHP-free runtime; `php` (feature `php`, on by default) is the
//! thin binding that exposes it to PHP.
#![deny(
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks,
    clippy::missing_safety_doc
)]
#![deny(clippy::unwrap_used)]

pub mod http;
pub mod phpsig;
pub mod rt;
pub mod server;
pub mod swerr;

#[cfg(feature = "php")]
mod php;
