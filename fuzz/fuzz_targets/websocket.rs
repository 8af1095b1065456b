//! The WebSocket reader: any bytes, fed whole or in pieces cut where the
//! input chooses, give the same messages (incremental reading is exact),
//! never a message over the limit, and inflate never exceeds its limit.
#![no_main]
use corust::http::websocket::{inflate, Reader};
use libfuzzer_sys::fuzz_target;

/// Feeds `input` in pieces ending at `cuts` (a growing buffer, as a
/// connection reads); the messages (opcode, flags, payload) or the error.
fn run(input: &[u8], cuts: &[usize], max: usize) -> (Vec<(u8, u8, Vec<u8>)>, Option<String>) {
    let mut r = Reader::new(max);
    let mut out = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut bounds: Vec<usize> = cuts.iter().map(|&x| x.min(input.len())).collect();
    bounds.sort_unstable();
    bounds.push(input.len());
    let mut at = 0;
    for end in bounds {
        if end < at {
            continue;
        }
        buf.extend_from_slice(&input[at..end]);
        at = end;
        loop {
            match r.feed(&buf) {
                Ok((m, used)) => {
                    assert!(used <= buf.len());
                    if let Some(m) = m {
                        assert!(m.payload.len() <= max);
                        out.push((m.opcode, m.flags, m.payload));
                    }
                    if used == 0 {
                        break;
                    }
                    buf.drain(..used);
                }
                Err(e) => return (out, Some(format!("{e:?}"))),
            }
        }
    }
    (out, None)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let max = usize::from(u16::from_le_bytes([data[0], data[1]]));
    let ncuts = usize::from(data[2] % 8);
    let rest = &data[3..];
    let (cut_bytes, input) = rest.split_at((ncuts * 2).min(rest.len()));
    let cuts: Vec<usize> = cut_bytes
        .chunks(2)
        .map(|c| usize::from(c[0]) << 8 | usize::from(*c.get(1).unwrap_or(&0)))
        .collect();
    assert_eq!(run(input, &[], max), run(input, &cuts, max));
    if let Some(v) = inflate(input, max) {
        assert!(v.len() <= max);
    }
});
