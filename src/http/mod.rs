//! HTTP/1.1: request parsing (httparse underneath) and response writing;
//! WebSocket framing.
//! Bytes in, structs out: no I/O, no PHP.
#![forbid(unsafe_code)]

pub mod chunked;
pub mod client;
pub mod compress;
pub mod date;
pub mod form;
pub mod mime;
pub mod multipart;
pub mod request;
pub mod response;
pub mod websocket;

#[cfg(test)]
mod fuzz_tests;

pub use chunked::Chunked;
pub use request::{parse, parse_into, Head, ParseError};
pub use response::{reason, ResponseHead};
