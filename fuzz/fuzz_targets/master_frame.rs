//! The PROCESS-mode master's cutter and records (server::master::frame,
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
    // Every record of a message: inside it, and re-encoded to the same.
    let mut at = 0;
    while let Some((p, used)) = wire::parse_to_worker(&wire_bytes[at..]) {
        assert!(used >= wire::TO_WORKER_HEAD && at + used <= wire_bytes.len());
        at += used;
        // Compared as bytes: a peer's float may be NaN.
        let head = wire::to_worker_head(p.kind, p.flags, &p.meta, p.payload.len());
        let mut again = head.to_vec();
        again.extend_from_slice(p.payload);
        let (q, n) = wire::parse_to_worker(&again).expect("re-encoded record parses");
        assert_eq!(wire::to_worker_head(q.kind, q.flags, &q.meta, q.payload.len()), head);
        assert_eq!((q.payload, n), (p.payload, used));
    }
    let mut at = 0;
    while let Some((p, used)) = wire::parse_to_master(&wire_bytes[at..]) {
        assert!(used >= wire::TO_MASTER_HEAD && at + used <= wire_bytes.len());
        at += used;
        let mut again = wire::to_master_head(p.kind, p.flags, p.sid, p.payload.len()).to_vec();
        again.extend_from_slice(p.payload);
        assert_eq!(wire::parse_to_master(&again), Some((p, used)));
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
