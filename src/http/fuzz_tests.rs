//! Robustness: the parser, the chunked decoder and the multipart splitter
//! take arbitrary bytes from the network; none may panic (a panic in a
//! worker's connection coroutine would take the worker down). Random inputs
//! and mutations of valid requests, from a fixed seed so failures reproduce.
#![allow(clippy::unwrap_used)]

use super::chunked::Chunked;
use super::request::{parse, parse_into, Head};
use super::{multipart, ParseError};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..n)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

const SEEDS: [&[u8]; 4] = [
    b"GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: h\r\nCookie: a=b; c=d\r\nConnection: keep-alive\r\n\r\n",
    b"POST /p HTTP/1.1\r\nContent-Length: 5\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=b&c",
    b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    b"POST /m HTTP/1.0\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 80\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhi\r\n--XyZ--\r\n",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if at < v.len() => v[at] = rng.next() as u8,
            1 => v.insert(
                at,
                b"\r\n:; =-0123456789abcdefABCDEF%\"\x00\xff"[rng.below(31)],
            ),
            2 if at < v.len() => {
                v.remove(at);
            }
            3 => v.truncate(at),
            _ => {
                let n = rng.below(12);
                let extra = rng.bytes(n, b"\r\n:;, =-0xFfzZ\"\t");
                v.splice(at..at, extra);
            }
        }
    }
    v
}

fn exercise(input: &[u8], head: &mut Head) {
    let a = parse(input, 1 << 20);
    let b = parse_into(input, 1 << 20, head);
    // The reused head parses exactly as a fresh one.
    match (&a, &b) {
        (Ok(Some(h)), Ok(true)) => assert_eq!(h, head),
        (Ok(None), Ok(false)) | (Err(_), Err(_)) => {}
        _ => panic!("parse and parse_into disagree on {input:?}"),
    }
    if let Ok(Some(h)) = a {
        let _ = (h.method(), h.uri(), h.path(), h.query(), h.header("cookie"));
        let body = &input[h.head_len.min(input.len())..];
        let mut dec = Chunked::default();
        let _ = dec.feed(body, 1 << 16);
        if let Some(b) = h
            .header("content-type")
            .and_then(|t| std::str::from_utf8(t).ok())
            .and_then(multipart::boundary)
        {
            let _ = multipart::parse(body, &b);
        }
    }
    let mut dec = Chunked::default();
    let _ = dec.feed(input, 64);
    let _ = multipart::parse(input, "XyZ");
    let _ = multipart::boundary(&String::from_utf8_lossy(input));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut head = Head::default();
    for i in 0..20_000 {
        let input = match i % 3 {
            0 => {
                let n = rng.below(300);
                rng.bytes(
                    n,
                    b"GET POST/ HTTP/1.1\r\n:abc=;&?%0123456789-\t\x00\x80\xff",
                )
            }
            _ => {
                let seed = SEEDS[rng.below(SEEDS.len())];
                mutate(&mut rng, seed)
            }
        };
        exercise(&input, &mut head);
    }
}

#[test]
fn every_prefix_of_valid_requests_is_partial_or_complete() {
    let mut head = Head::default();
    for seed in SEEDS {
        for n in 0..=seed.len() {
            exercise(&seed[..n], &mut head);
            assert!(!matches!(
                parse(&seed[..n], 1 << 20),
                Err(ParseError::TooLarge)
            ));
        }
    }
}
