//! Task IPC datagrams: any bytes decode or are refused, and whatever
//! decodes encodes back to the same bytes.
#![no_main]
use corust::server::ipc::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((h, payload)) = decode(data) {
        let again = encode(h, payload, usize::MAX);
        assert_eq!(again.as_deref().ok(), Some(data));
        assert!(encode(h, payload, data.len() - 1).is_err());
    } else {
        assert!(data.len() < 16);
    }
});
