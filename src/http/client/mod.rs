//! The client side of HTTP/1.1, as `Swoole\Coroutine\Http\Client` speaks
//! it: writing requests (`request`) and reading responses (`response`).
//! Bytes in, bytes out: no I/O, no PHP. WebSocket frames after an upgrade
//! use `super::websocket` as the server does, masked on the way out.

pub mod request;
pub mod response;

#[cfg(test)]
mod tests;

pub use request::{Body, FilePart, Request, Segment, Source, Written};
pub use response::{ResponseError, ResponseHead, ResponseReader};

/// A `Sec-WebSocket-Key` from 16 bytes of any randomness.
pub fn websocket_key(random: &[u8; 16]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(random)
}
