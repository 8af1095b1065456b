//! The HTTP client's response reader (http::client::response): for any
//! bytes, fed whole or split where the input says, it never panics, never
//! consumes more than it was given, and splitting never changes the
//! status, the body or where the response ends.
#![no_main]
use corust::http::client::ResponseReader;
use libfuzzer_sys::fuzz_target;

fn run(data: &[u8], split: usize, head_request: bool) -> Option<(u16, Vec<u8>, usize)> {
    let mut r = ResponseReader::new(head_request, true, 1 << 20);
    let mut body = Vec::new();
    let mut buf = Vec::new();
    let mut used = 0;
    for piece in [&data[..split], &data[split..]] {
        buf.extend_from_slice(piece);
        let n = r.feed(&buf, &mut body).ok()?;
        assert!(n <= buf.len());
        buf.drain(..n);
        used += n;
        if r.is_done() {
            break;
        }
    }
    if !r.is_done() {
        r.eof(&mut body).ok()?;
        used = data.len();
    }
    Some((r.head()?.status, body, used))
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let head_request = data[0] & 1 == 1;
    let data = &data[1..];
    let whole = run(data, data.len(), head_request);
    let split = run(data, usize::from(data[0]) % data.len(), head_request);
    if let (Some(a), Some(b)) = (&whole, &split) {
        assert_eq!(a, b);
    }
});
