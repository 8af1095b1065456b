//! The chunked decoder: any bytes, fed whole or in pieces cut where the
//! input chooses, give the same outcome (incremental decoding is exact),
//! consume no more than they were given, and respect the wire limit.
#![no_main]
use corust::http::Chunked;
use libfuzzer_sys::fuzz_target;

/// Feeds `input` split at `cuts`; (consumed, done, body) or the error.
fn run(input: &[u8], cuts: &[usize], max: usize) -> Result<(usize, bool, Vec<u8>), String> {
    let mut c = Chunked::default();
    let mut at = 0;
    let mut bounds: Vec<usize> = cuts.iter().map(|&x| x.min(input.len())).collect();
    bounds.sort_unstable();
    bounds.push(input.len());
    for end in bounds {
        if end < at || c.done() {
            continue;
        }
        let used = c.feed(&input[at..end], max).map_err(|e| format!("{e:?}"))?;
        assert!(used <= end - at);
        if !c.done() {
            assert_eq!(used, end - at, "a partial body is consumed whole");
        }
        at += used;
    }
    assert!(c.body.len() <= max);
    Ok((at, c.done(), c.body))
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
    // The decoder looks at each byte once, in order, whatever the pieces:
    // the same outcome (body, bytes consumed, error) either way.
    assert_eq!(run(input, &[], max), run(input, &cuts, max));
});
