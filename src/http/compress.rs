//! `http_compression`: the response body encoded as the client allows,
//! Swoole's way — brotli, then gzip, then deflate, by the first the
//! `Accept-Encoding` header names; only whole bodies of at least
//! `http_compression_min_length` bytes (never a chunked `write()` stream),
//! and only the `http_compression_types` when that list is set.

use std::io::Write as _;

/// An encoding a client accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `br`.
    Brotli,
    /// `gzip`.
    Gzip,
    /// `deflate` (raw deflate, as Swoole's: zlib window bits -15).
    Deflate,
}

impl Encoding {
    /// The `Content-Encoding` value.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Deflate => "deflate",
        }
    }
}

/// What an `Accept-Encoding` value allows, in Swoole's order of preference
/// (a substring match, as Swoole's).
pub fn choose(accept: &[u8]) -> Option<Encoding> {
    let has = |s: &[u8]| accept.windows(s.len()).any(|w| w.eq_ignore_ascii_case(s));
    if has(b"br") {
        Some(Encoding::Brotli)
    } else if has(b"gzip") {
        Some(Encoding::Gzip)
    } else if has(b"deflate") {
        Some(Encoding::Deflate)
    } else {
        None
    }
}

/// `body` encoded with `enc` at `level` (zlib 1–9, brotli 0–11; Swoole's
/// default 1); None if the encoder failed.
pub fn encode(enc: Encoding, level: i64, body: &[u8]) -> Option<Vec<u8>> {
    match enc {
        Encoding::Brotli => {
            let q = level.clamp(0, 11) as u32;
            let mut out = Vec::with_capacity(body.len() / 2 + 32);
            {
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, q, 22);
                w.write_all(body).ok()?;
                w.flush().ok()?;
            }
            Some(out)
        }
        Encoding::Gzip | Encoding::Deflate => {
            let lvl = flate2::Compression::new(level.clamp(1, 9) as u32);
            let out = Vec::with_capacity(body.len() / 2 + 32);
            if enc == Encoding::Gzip {
                let mut e = flate2::write::GzEncoder::new(out, lvl);
                e.write_all(body).ok()?;
                e.finish().ok()
            } else {
                let mut e = flate2::write::DeflateEncoder::new(out, lvl);
                e.write_all(body).ok()?;
                e.finish().ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::Read as _;

    #[test]
    fn prefers_br_then_gzip_then_deflate() {
        assert_eq!(choose(b"gzip, deflate, br"), Some(Encoding::Brotli));
        assert_eq!(choose(b"deflate, gzip"), Some(Encoding::Gzip));
        assert_eq!(choose(b"deflate"), Some(Encoding::Deflate));
        assert_eq!(choose(b"identity"), None);
    }

    #[test]
    fn round_trips() {
        let body = b"hello world ".repeat(50);
        let g = encode(Encoding::Gzip, 1, &body).unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&g[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, body);
        let d = encode(Encoding::Deflate, 1, &body).unwrap();
        out.clear();
        flate2::read::DeflateDecoder::new(&d[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, body);
        let b = encode(Encoding::Brotli, 1, &body).unwrap();
        out.clear();
        brotli::Decompressor::new(&b[..], 4096)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, body);
        assert!(b.len() < body.len() / 4);
    }
}
