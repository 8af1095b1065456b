//! The multipart splitter and boundary extraction: any body, any
//! Content-Type; every part's data lies inside the body.
#![no_main]
use corust::http::multipart;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ctype, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b"multipart/form-data; boundary=XyZ"[..], data),
    };
    let Some(boundary) = std::str::from_utf8(ctype).ok().and_then(multipart::boundary) else {
        let _ = multipart::parse(body, "XyZ");
        return;
    };
    if let Ok(parts) = multipart::parse(body, &boundary) {
        let total: usize = parts.iter().map(|p| p.data.len()).sum();
        assert!(total <= body.len());
    }
});
