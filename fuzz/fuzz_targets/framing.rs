//! Length/EOF/MQTT/FastCGI framing (rt::net::framing): for any settings and any bytes,
//! a packet is never empty, never longer than the buffer or than
//! package_max_length, and the answer for a prefix agrees with the answer
//! for the whole (bytes past a packet's end never change where it ends).
#![no_main]
use corust::rt::net::framing::{Framing, LengthField, Protocol};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let types = b"cCsSnNvVlLx";
    let max_length = usize::from(u16::from_le_bytes([data[1], data[2]]));
    let framing = match data[0] % 5 {
        0 => Framing::Eof(data[3..3 + usize::from(data[3] % 4) + 1].to_vec()),
        1 => Framing::Length(LengthField {
            ty: types[usize::from(data[3]) % types.len()],
            offset: usize::from(data[4] % 16),
            body_offset: usize::from(data[5] % 16),
        }),
        2 => Framing::Mqtt,
        3 => Framing::FastCgi,
        _ => Framing::None,
    };
    let p = Protocol { framing, max_length };
    let mut buf = &data[6..];
    // Split the whole input into packets, as a reader would.
    while let Ok(Some(n)) = p.packet_len(buf) {
        assert!(n > 0 && n <= buf.len());
        if !matches!(p.framing, Framing::None) {
            assert!(n <= max_length.max(20), "packet {n} over max {max_length}");
        }
        for cut in [n, (n + buf.len()) / 2] {
            assert_eq!(p.packet_len(&buf[..cut]), Ok(Some(n)));
        }
        // One byte short of a framed packet is "need more".
        if !matches!(p.framing, Framing::None) {
            assert_eq!(p.packet_len(&buf[..n - 1]), Ok(None));
        }
        buf = &buf[n..];
    }
});
