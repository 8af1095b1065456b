//! A server connection's receive events (server::packet): for any port
//! settings and any bytes, read in any pieces, an event is never empty,
//! never longer than package_max_length when framed, the events joined
//! are a prefix of what was sent, and cutting the same bytes into other
//! pieces gives the same events for the framed protocols.
#![no_main]
use corust::rt::net::framing::{Framing, LengthField, Protocol};
use corust::server::packet::Splitter;
use libfuzzer_sys::fuzz_target;

fn events(p: &Protocol, split: bool, data: &[u8], piece: usize) -> (Vec<Vec<u8>>, bool) {
    let mut s = Splitter::new(p.clone(), split);
    let mut out = Vec::new();
    for chunk in data.chunks(piece.max(1)) {
        s.buffer().extend_from_slice(chunk);
        loop {
            match s.next_packet() {
                Ok(Some(e)) => {
                    assert!(!e.is_empty());
                    if p.framing != Framing::None {
                        assert!(e.len() <= s.max_length(), "event over the limit");
                    }
                    out.push(e);
                }
                Ok(None) => break,
                Err(_) => return (out, true),
            }
        }
    }
    (out, false)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let types = b"cCsSnNvVlL";
    let max_length = usize::from(u16::from_le_bytes([data[1], data[2]])).max(16);
    let framing = match data[0] % 4 {
        0 => Framing::Eof(data[3..3 + usize::from(data[3] % 4) + 1].to_vec()),
        1 => Framing::Length(LengthField {
            ty: types[usize::from(data[3]) % types.len()],
            offset: usize::from(data[4] % 16),
            body_offset: usize::from(data[5] % 16),
        }),
        2 => Framing::Mqtt,
        _ => Framing::None,
    };
    let split = data[6] & 1 == 1;
    let p = Protocol { framing, max_length };
    let body = &data[7..];
    let (a, err_a) = events(&p, split, body, usize::from(data[6] >> 1) + 1);
    let joined: Vec<u8> = a.concat();
    assert!(body.starts_with(&joined), "events are not the stream");
    // Packets cut by a marker or a length do not depend on how the bytes
    // arrived (EOF without split depends on read boundaries, as Swoole's).
    let framed = matches!(p.framing, Framing::Length(_) | Framing::Mqtt)
        || (split && matches!(p.framing, Framing::Eof(_)));
    if framed && !err_a {
        let (b, err_b) = events(&p, split, body, body.len());
        if !err_b {
            assert_eq!(a, b);
        }
    }
});
