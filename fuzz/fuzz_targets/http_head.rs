//! The request head parser: any bytes, any limit. A fresh parse and a parse
//! into a reused head agree; a complete head's accessors work; Content-Length
//! never exceeds the limit.
#![no_main]
use corust::http::{parse, parse_into, request::Body, Head};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (limit, input) = match data.split_first() {
        Some((&l, rest)) => (1usize << (l % 32), rest),
        None => return,
    };
    // A head left over from another request, as a connection reuses it.
    let mut head = Head::default();
    let _ = parse_into(b"GET /old?x=1 HTTP/1.1\r\nA: b\r\n\r\n", 100, &mut head);
    let fresh = parse(input, limit);
    let reused = parse_into(input, limit, &mut head);
    match (&fresh, &reused) {
        (Ok(Some(h)), Ok(true)) => {
            assert_eq!(h, &head);
            let _ = (h.method(), h.uri(), h.path(), h.query(), h.header("cookie"));
            assert!(h.head_len <= input.len());
            assert_eq!(h.headers().count(), h.header_count());
            if let Body::Length(n) = h.body {
                assert!(n <= limit);
            }
        }
        (Ok(None), Ok(false)) | (Err(_), Err(_)) => {}
        _ => panic!("parse and parse_into disagree"),
    }
});
