//! Proxy handshake replies (rt::net::proxy): for any bytes, an HTTP CONNECT
//! reply head and a SOCKS5 CONNECT reply are either refused, incomplete, or
//! end inside the buffer; a prefix never contradicts the whole, and the
//! HTTP head is never looked for past 8 KiB.
#![no_main]
use corust::rt::net::proxy::{http_connect_reply, socks5_connect_reply};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(Some(n)) = http_connect_reply(data) {
        assert!(n <= data.len() && n <= 8192 + 4);
        assert_eq!(http_connect_reply(&data[..n]).ok(), Some(Some(n)));
    }
    if let Ok(Some(n)) = socks5_connect_reply(data) {
        assert!(n <= data.len() && n >= 7);
        assert_eq!(socks5_connect_reply(&data[..n]).ok(), Some(Some(n)));
        assert_eq!(socks5_connect_reply(&data[..n - 1]).ok(), Some(None));
    }
});
