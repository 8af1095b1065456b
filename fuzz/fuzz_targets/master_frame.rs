//! The PROCESS-mode master's cutter and packets (server::master::frame,
//! ::wire): for any client bytes read in any pieces, the messages handed to
//! workers are the input, in order, with nothing lost or repeated, each
//! within what was read; no byte sequence makes a packet parse panic, and a
//! parsed packet re-encodes to the same meaning.
#![no_main]
use corust::server::master::frame::{Cut, Framer};
use corust::server::master::wire;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, wire_bytes)) = data.split_first() else { return };
    if let Some(p) = wire::parse_to_worker(wire_bytes) {
        // Compared as bytes: a peer's float may be NaN.
        let head = wire::to_worker_head(p.kind, p.flags, &p.meta);
        let mut again = head.to_vec();
        again.extend_from_slice(p.payload);
        let q = wire::parse_to_worker(&again).expect("re-encoded packet parses");
        assert_eq!(wire::to_worker_head(q.kind, q.flags, &q.meta), head);
        assert_eq!(q.payload, p.payload);
    }
    if let Some(p) = wire::parse_to_master(wire_bytes) {
        let mut again = wire::to_master_head(p.kind, p.flags, p.sid).to_vec();
        again.extend_from_slice(p.payload);
        assert_eq!(wire::parse_to_master(&again), Some(p));
    }
    let step = usize::from(ctl & 0x3f) + 1;
    let mut f = if ctl & 0x80 != 0 { Framer::raw() } else { Framer::http(4096) };
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut messages = 0;
    for piece in wire_bytes.chunks(step) {
        buf.extend_from_slice(piece);
        while let Cut::Msg(n) = f.cut(&buf) {
            assert!(n > 0 && n <= buf.len());
            out.extend(buf.drain(..n));
            messages += 1;
            // Some inputs upgrade after their first request.
            if messages == 1 && ctl & 0x40 != 0 {
                f.upgrade();
            }
        }
    }
    out.extend_from_slice(&buf);
    assert_eq!(out, wire_bytes);
});
