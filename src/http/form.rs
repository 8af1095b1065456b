//! Query strings, urlencoded forms and cookie headers split into decoded
//! (name, value) pairs, the way PHP's SAPI layer splits them before it
//! registers each pair as a variable (`main/php_variables.c`).
//!
//! Owns: the splitting, the percent-decoding and the `max_input_vars`
//! count. Registering a name such as `a[b][]` into nested arrays (and the
//! `max_input_nesting_level` limit) is PHP's own code, called by `php/`.
//!
//! Rules, as in PHP:
//! - the input ends at its first NUL byte (PHP hands it on as a C string);
//! - pairs are separated by any byte of `separators` (`arg_separator.input`,
//!   `&` by default) for a query or form, by `;` for cookies; empty pieces
//!   are skipped and not counted;
//! - a cookie name loses its leading whitespace, and a cookie with an empty
//!   name is skipped (not counted);
//! - each counted pair past `max_vars` is refused: the split stops there and
//!   reports it (PHP warns "Input variables exceeded N");
//! - query and form names and values are URL-decoded (`+` is a space);
//!   cookie values are raw-URL-decoded (`+` stays) and cookie names are not
//!   decoded at all.
#![forbid(unsafe_code)]

/// What is being split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A query string or an `application/x-www-form-urlencoded` body.
    Form,
    /// A `Cookie` header.
    Cookie,
}

/// The split stopped at `max_vars` pairs: more were sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyVars;

/// Calls `f(name, value)` for each pair of `input`, decoded, in order.
/// Err when more than `max_vars` pairs were sent (the first `max_vars` have
/// been passed to `f`). Names and values may contain any byte (a `%00` in a
/// name decodes to NUL: the caller cuts the name there, as PHP does).
pub fn split(
    input: &[u8],
    kind: Kind,
    separators: &[u8],
    max_vars: usize,
    mut f: impl FnMut(&[u8], &[u8]),
) -> Result<(), TooManyVars> {
    let input = match input.iter().position(|&b| b == 0) {
        Some(nul) => &input[..nul],
        None => input,
    };
    let seps: &[u8] = match kind {
        Kind::Form if separators.is_empty() => b"&",
        Kind::Form => separators,
        Kind::Cookie => b";",
    };
    let (mut name, mut value) = (Vec::new(), Vec::new());
    let mut count = 0usize;
    for piece in input.split(|b| seps.contains(b)) {
        if piece.is_empty() {
            continue;
        }
        let (raw_name, raw_value) = match piece.iter().position(|&b| b == b'=') {
            Some(eq) => (&piece[..eq], Some(&piece[eq + 1..])),
            None => (piece, None),
        };
        let raw_name = match kind {
            Kind::Cookie => {
                let start = raw_name
                    .iter()
                    .position(|b| !is_c_space(*b))
                    .unwrap_or(raw_name.len());
                let trimmed = &raw_name[start..];
                if trimmed.is_empty() {
                    continue;
                }
                trimmed
            }
            Kind::Form => raw_name,
        };
        count += 1;
        if count > max_vars {
            return Err(TooManyVars);
        }
        name.clear();
        value.clear();
        match kind {
            Kind::Form => {
                decode_into(raw_name, true, &mut name);
                decode_into(raw_value.unwrap_or_default(), true, &mut value);
            }
            Kind::Cookie => {
                name.extend_from_slice(raw_name);
                decode_into(raw_value.unwrap_or_default(), false, &mut value);
            }
        }
        f(&name, &value);
    }
    Ok(())
}

/// C's `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Percent-decodes `s` onto `out` (`%XX` with two hex digits; anything else
/// stays as it is); `plus`: `+` is a space (`urldecode`, not `rawurldecode`).
pub fn decode_into(s: &[u8], plus: bool, out: &mut Vec<u8>) {
    out.reserve(s.len());
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'%' && i + 2 < s.len() {
            if let (Some(h), Some(l)) = (hex(s[i + 1]), hex(s[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(if plus && b == b'+' { b' ' } else { b });
        i += 1;
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn pairs(input: &[u8], kind: Kind, max: usize) -> (Vec<(String, String)>, bool) {
        let mut v = Vec::new();
        let r = split(input, kind, b"&", max, |n, val| {
            v.push((
                String::from_utf8_lossy(n).into_owned(),
                String::from_utf8_lossy(val).into_owned(),
            ))
        });
        (v, r.is_err())
    }

    fn p(n: &str, v: &str) -> (String, String) {
        (n.to_string(), v.to_string())
    }

    #[test]
    fn form_pairs_are_decoded() {
        let (v, over) = pairs(b"a=1&&b=x+y%21&c&d=%zz%4&e%5B%5D=2", Kind::Form, 100);
        assert!(!over);
        assert_eq!(
            v,
            [
                p("a", "1"),
                p("b", "x y!"),
                p("c", ""),
                p("d", "%zz%4"),
                p("e[]", "2")
            ]
        );
    }

    #[test]
    fn cookies_keep_plus_and_raw_names() {
        let (v, _) = pairs(b" a=1+2%20; ;=x; b%20c=%3D;d", Kind::Cookie, 100);
        assert_eq!(v, [p("a", "1+2 "), p("b%20c", "="), p("d", "")]);
    }

    #[test]
    fn count_is_bounded_and_nul_ends_the_input() {
        let q: Vec<u8> = (0..1500)
            .map(|i| format!("a{i}=1"))
            .collect::<Vec<_>>()
            .join("&")
            .into();
        let (v, over) = pairs(&q, Kind::Form, 1000);
        assert!(over);
        assert_eq!(v.len(), 1000);
        let (v, over) = pairs(b"a=1\0&b=2", Kind::Form, 1000);
        assert!(!over);
        assert_eq!(v, [p("a", "1")]);
    }

    #[test]
    fn decoding_edges() {
        let mut out = Vec::new();
        for (s, want) in [
            (&b"%"[..], &b"%"[..]),
            (b"%4", b"%4"),
            (b"%41", b"A"),
            (b"%41%", b"A%"),
            (b"%%41", b"%A"),
            (b"%00", b"\0"),
        ] {
            out.clear();
            decode_into(s, true, &mut out);
            assert_eq!(out, want, "{s:?}");
        }
    }
}
