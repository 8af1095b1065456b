//! The static handler's parsers of peer bytes (server::static_files):
//! Range headers, percent-decoded targets and HTTP dates. Whatever the
//! bytes, no panic; every range part lies inside the file and is not
//! empty; decoding never grows the input.
#![no_main]
use corust::server::static_files::{parse_http_date, parse_range, url_decode, Ranges};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let size = u64::from(u16::from_le_bytes([data[0], data[1]]));
    let rest = &data[2..];
    if let Ranges::Parts(parts) = parse_range(rest, size) {
        assert!(!parts.is_empty());
        for (off, len) in parts {
            assert!(len > 0, "empty part");
            assert!(off.checked_add(len).is_some_and(|end| end <= size), "part past the end");
        }
    }
    assert!(url_decode(rest).len() <= rest.len());
    if let Ok(s) = std::str::from_utf8(rest) {
        let _ = parse_http_date(s);
    }
});
