//! Decoding a `Transfer-Encoding: chunked` body, incrementally.
//!
//! Owns: `Chunked`, a state machine fed the bytes as they arrive. Every byte
//! is looked at once: state (the size being read, what is left of the
//! current chunk) is kept across calls, and what was fed is consumed, so a
//! body trickled in tiny segments costs linear time.
//!
//! States (`State`): `Size` (hex digits) → [`SizeWs`] → `Ext` (`;ext` up to
//! the line end)
//! → `SizeLf` → `Data` (the chunk's bytes) → `DataCr` → `DataLf` → `Size`
//! again; a size of 0 goes to `Trailer` (header lines up to an empty line)
//! → `Done`. Any other byte where a delimiter belongs is a bad request.
//!
//! Invariants: arithmetic on sizes from the wire is checked; the whole
//! chunked body as it came off the wire (sizes, extensions, data, CRLFs,
//! trailer) may not exceed `max` bytes (`package_max_length`, as Swoole
//! bounds the buffered request), so neither huge chunk sizes nor endless
//! extensions or trailers can make the decoder hold or scan more than that.
#![forbid(unsafe_code)]

use super::ParseError;

/// Where the decoder is in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    /// Reading the hex digits of a chunk size (`digits` so far).
    #[default]
    Size,
    /// Whitespace after the size: `;` or CR must come.
    SizeWs,
    /// Skipping a chunk extension up to CR.
    Ext,
    /// CR seen after the size line: LF must follow.
    SizeLf,
    /// Copying the chunk's data (`left` bytes to go).
    Data,
    /// After the data: CR must follow.
    DataCr,
    /// After the data's CR: LF must follow.
    DataLf,
    /// In the trailer, at the start of a line (`line` bytes into it).
    Trailer,
    /// CR seen in the trailer: LF must follow.
    TrailerLf,
    /// The last chunk and the trailer are complete.
    Done,
}

/// Incremental decoder of a chunked body.
#[derive(Debug, Default)]
pub struct Chunked {
    /// Decoded bytes so far.
    pub body: Vec<u8>,
    /// Where the decoder is.
    state: State,
    /// The size being read (Size) or the bytes left of the chunk (Data).
    left: usize,
    /// Hex digits read for the current size.
    digits: usize,
    /// Bytes of the current trailer line.
    line: usize,
    /// Wire bytes consumed so far.
    wire: usize,
    /// The trailer's lines as received, each ended by '\n' (counted with
    /// the rest against `max`).
    trailer: Vec<u8>,
}

impl Chunked {
    /// The trailer's fields (`name: value` lines; others are skipped), as
    /// received so far: whole once `done()`.
    pub fn trailers(&self) -> Vec<(&[u8], &[u8])> {
        self.trailer
            .split(|&b| b == b'\n')
            .filter_map(|line| {
                let colon = line.iter().position(|&b| b == b':')?;
                let name = line[..colon].trim_ascii();
                (!name.is_empty()).then(|| (name, line[colon + 1..].trim_ascii()))
            })
            .collect()
    }

    /// True once the last chunk and its trailer have been read.
    pub fn done(&self) -> bool {
        self.state == State::Done
    }

    /// Feeds the next bytes of the body. Returns how many were consumed: all
    /// of `buf` unless the body ended inside it (check `done()`); the rest
    /// belongs to the next request. `max` bounds the body's wire size.
    pub fn feed(&mut self, buf: &[u8], max: usize) -> Result<usize, ParseError> {
        let mut i = 0;
        while i < buf.len() && self.state != State::Done {
            let b = buf[i];
            match self.state {
                State::Size => match hex(b) {
                    Some(d) => {
                        self.left = self
                            .left
                            .checked_mul(16)
                            .and_then(|n| n.checked_add(usize::from(d)))
                            .filter(|&n| n <= max)
                            .ok_or(ParseError::TooLarge)?;
                        self.digits += 1;
                    }
                    None if self.digits == 0 => return Err(ParseError::Bad("bad chunk size")),
                    None => match b {
                        b'\r' => self.state = State::SizeLf,
                        b';' => self.state = State::Ext,
                        b' ' | b'\t' => self.state = State::SizeWs,
                        _ => return Err(ParseError::Bad("bad chunk size")),
                    },
                },
                State::SizeWs => match b {
                    b' ' | b'\t' => {}
                    b';' => self.state = State::Ext,
                    b'\r' => self.state = State::SizeLf,
                    _ => return Err(ParseError::Bad("bad chunk size")),
                },
                State::Ext => match b {
                    b'\r' => self.state = State::SizeLf,
                    b'\n' => return Err(ParseError::Bad("bad chunk size line")),
                    _ => {}
                },
                State::SizeLf => {
                    if b != b'\n' {
                        return Err(ParseError::Bad("bad chunk size line"));
                    }
                    self.digits = 0;
                    self.state = if self.left == 0 {
                        State::Trailer
                    } else {
                        State::Data
                    };
                }
                State::Data => {
                    // The whole run of data bytes at once.
                    let n = self.left.min(buf.len() - i);
                    self.count(n, max)?;
                    self.body.extend_from_slice(&buf[i..i + n]);
                    self.left -= n;
                    i += n;
                    if self.left == 0 {
                        self.state = State::DataCr;
                    }
                    continue;
                }
                State::DataCr => {
                    if b != b'\r' {
                        return Err(ParseError::Bad("bad chunk terminator"));
                    }
                    self.state = State::DataLf;
                }
                State::DataLf => {
                    if b != b'\n' {
                        return Err(ParseError::Bad("bad chunk terminator"));
                    }
                    self.state = State::Size;
                }
                State::Trailer => match b {
                    b'\r' => self.state = State::TrailerLf,
                    b'\n' => return Err(ParseError::Bad("bad chunked trailer")),
                    _ => {
                        self.line += 1;
                        self.trailer.push(b);
                    }
                },
                State::TrailerLf => {
                    if b != b'\n' {
                        return Err(ParseError::Bad("bad chunked trailer"));
                    }
                    // An empty line ends the trailer; a header line goes on.
                    self.state = if self.line == 0 {
                        State::Done
                    } else {
                        self.trailer.push(b'\n');
                        State::Trailer
                    };
                    self.line = 0;
                }
                State::Done => break,
            }
            self.count(1, max)?;
            i += 1;
        }
        Ok(i)
    }

    /// Counts `n` more wire bytes against `max`.
    fn count(&mut self, n: usize, max: usize) -> Result<(), ParseError> {
        self.wire = self
            .wire
            .checked_add(n)
            .filter(|&w| w <= max)
            .ok_or(ParseError::TooLarge)?;
        Ok(())
    }
}

/// The value of a hex digit.
fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Feeds `body` in pieces of `step` bytes; the bytes left over and the
    /// decoded body.
    fn feed_in_steps(
        body: &[u8],
        step: usize,
        max: usize,
    ) -> Result<(Vec<u8>, Vec<u8>), ParseError> {
        let mut c = Chunked::default();
        let mut at = 0;
        while at < body.len() {
            let end = (at + step).min(body.len());
            let used = c.feed(&body[at..end], max)?;
            at += used;
            if c.done() {
                return Ok((c.body, body[at..].to_vec()));
            }
        }
        Err(ParseError::Bad("incomplete"))
    }

    #[test]
    fn decodes_whole_or_byte_by_byte() {
        let body = b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-T: y\r\n\r\nNEXT";
        for step in [1, 2, 3, 7, body.len()] {
            let (got, rest) = feed_in_steps(body, step, 100).unwrap();
            assert_eq!(got, b"Wikipedia");
            assert_eq!(rest, b"NEXT");
        }
    }

    #[test]
    fn partial_input_consumes_everything_and_keeps_state() {
        let mut c = Chunked::default();
        assert_eq!(c.feed(b"a\r\n01234", 100).unwrap(), 8);
        assert!(!c.done());
        assert_eq!(c.feed(b"56789\r\n0\r\n\r\n", 100).unwrap(), 12);
        assert!(c.done());
        assert_eq!(c.body, b"0123456789");
    }

    #[test]
    fn size_overflow_is_too_large_not_a_panic() {
        // The reproduction from issue 9: a 64-bit size after a first chunk.
        let body = b"1\r\na\r\nffffffffffffffff\r\nbb\r\n0\r\n\r\n";
        assert_eq!(feed_in_steps(body, 5, 1 << 20), Err(ParseError::TooLarge));
        let huge = b"fffffffffffffffffffffffffffffffff\r\n";
        assert_eq!(
            feed_in_steps(huge, 64, usize::MAX),
            Err(ParseError::TooLarge)
        );
    }

    #[test]
    fn wire_size_is_bounded() {
        // Trailer fields are kept: name and value trimmed, junk lines skipped.
        let mut c = Chunked::default();
        let n = c
            .feed(
                b"3\r\nabc\r\n0\r\nContent-MD5: x1 \r\njunk\r\nX-B:y\r\n\r\nNEXT",
                1 << 20,
            )
            .unwrap();
        assert!(c.done());
        assert_eq!(n, 44);
        assert_eq!(
            c.trailers(),
            vec![(&b"Content-MD5"[..], &b"x1"[..]), (&b"X-B"[..], &b"y"[..])]
        );
        // Endless extension, endless trailer, many tiny chunks: all bounded.
        let mut ext = b"1;".to_vec();
        ext.extend(std::iter::repeat_n(b'x', 5000));
        assert_eq!(feed_in_steps(&ext, 100, 4096), Err(ParseError::TooLarge));
        let mut trailer = b"0\r\n".to_vec();
        trailer.extend(std::iter::repeat_n(b'x', 5000));
        assert_eq!(
            feed_in_steps(&trailer, 100, 4096),
            Err(ParseError::TooLarge)
        );
        let tiny = b"1\r\na\r\n".repeat(1000);
        assert_eq!(feed_in_steps(&tiny, 60, 4096), Err(ParseError::TooLarge));
        assert_eq!(
            feed_in_steps(b"5\r\nhello\r\n0\r\n\r\n", 3, 15),
            Ok((b"hello".to_vec(), vec![]))
        );
        assert_eq!(
            feed_in_steps(b"5\r\nhello\r\n0\r\n\r\n", 3, 14),
            Err(ParseError::TooLarge)
        );
    }

    #[test]
    fn malformed_framing_is_bad() {
        for bad in [
            &b"\r\n"[..],
            b"x\r\n",
            b"5\nhello\r\n",
            b"5\r\nhelloXX",
            b"5\r\nhello\rX",
            b"0\r\nX\n",
            b"0\r\n\rX",
            b"1 2\r\n",
        ] {
            assert!(
                matches!(feed_in_steps(bad, 1, 100), Err(ParseError::Bad(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn trickled_body_is_linear() {
        // 200,000 one-byte chunks in 60-byte segments: every byte once.
        let body = [b"1\r\na\r\n".repeat(200_000), b"0\r\n\r\n".to_vec()].concat();
        let (got, rest) = feed_in_steps(&body, 60, body.len()).unwrap();
        assert_eq!(got.len(), 200_000);
        assert!(rest.is_empty());
    }
}
