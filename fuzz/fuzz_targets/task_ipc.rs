//! Task IPC datagrams: any bytes decode or are refused, and whatever
//! decodes encodes back to the same bytes; any sequence of datagrams fed to
//! the reassembly never panics, only whole messages come out (no fragment
//! bit), within the limit; a message split into datagrams comes back whole.
#![no_main]
use corust::server::ipc::{datagrams, decode, encode, Header, Reassembly, FRAGMENT};
use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 1 << 18;

fuzz_target!(|data: &[u8]| {
    if let Some((h, payload)) = decode(data) {
        let again = encode(h, payload, usize::MAX);
        assert_eq!(again.as_deref().ok(), Some(data));
        assert!(encode(h, payload, data.len() - 1).is_err());
    } else {
        assert!(data.len() < 16);
    }
    // The input as datagrams: each a 2-byte length then that many bytes.
    let mut r = Reassembly::default();
    let mut rest = data;
    while let Some((len, tail)) = rest.split_first_chunk::<2>() {
        let n = (u16::from_le_bytes(*len) as usize).min(tail.len());
        let (d, next) = tail.split_at(n);
        if let Some((h, p)) = decode(d) {
            if let Some((whole, msg)) = r.push(h, p, LIMIT) {
                assert_eq!(whole.kind & FRAGMENT, 0);
                assert!(msg.len() <= LIMIT.max(p.len()));
            }
        }
        rest = next;
    }
    // Round trip of the input itself as one message's payload.
    let h = Header { kind: 3, src: 1, id: data.len() as u64 };
    let payload: Vec<u8> = data.iter().cycle().take(data.len() * 97).copied().collect();
    let parts = datagrams(h, &payload, usize::MAX, 5).unwrap_or_default();
    let mut r = Reassembly::default();
    let mut out = None;
    for d in &parts {
        let (hh, p) = decode(d).expect("our own datagram decodes");
        if let Some(m) = r.push(hh, p, usize::MAX) {
            out = Some(m);
        }
    }
    assert_eq!(out, Some((h, payload)));
});
