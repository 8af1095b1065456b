//! `multipart/form-data` bodies: fields and uploaded files.
#![forbid(unsafe_code)]

use super::ParseError;

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Form field name.
    pub name: String,
    /// Client file name, for uploads.
    pub filename: Option<String>,
    /// Declared content type.
    pub content_type: Option<String>,
    /// The bytes.
    pub data: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    if !lower.trim_start().starts_with("multipart/form-data") {
        return None;
    }
    let i = lower.find("boundary=")?;
    let b = content_type[i + 9..]
        .split(';')
        .next()?
        .trim()
        .trim_matches('"');
    (!b.is_empty()).then(|| b.to_string())
}

/// First `needle` in `hay` at or after `from` (two-way search: linear in
/// the body whatever boundary a client picks).
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle).map(|i| i + from)
}

/// `name="value"` parameter of a header value.
fn param(value: &str, key: &str) -> Option<String> {
    for p in value.split(';').skip(1) {
        let (k, v) = p.trim().split_once('=')?;
        if k.trim().eq_ignore_ascii_case(key) {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// Splits a multipart body into its parts. As Swoole's parser: a body cut
/// short (a part with no closing delimiter, headers that never end, no final
/// `--`) keeps the parts that were complete; only a body in which the
/// boundary never appears is an error.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, ParseError> {
    let delim = format!("--{boundary}").into_bytes();
    let next_delim = format!("\r\n--{boundary}").into_bytes();
    let mut pos =
        find(body, &delim, 0).ok_or(ParseError::Bad("multipart boundary not found"))? + delim.len();
    let mut parts = Vec::new();
    loop {
        if body[pos..].starts_with(b"--") || !body[pos..].starts_with(b"\r\n") {
            // The final delimiter, or a malformed one: nothing more to take.
            return Ok(parts);
        }
        pos += 2;
        let Some(head_end) = find(body, b"\r\n\r\n", pos) else {
            return Ok(parts);
        };
        let head = String::from_utf8_lossy(&body[pos..head_end]).into_owned();
        let data_start = head_end + 4;
        let Some(data_end) = find(body, &next_delim, data_start) else {
            return Ok(parts);
        };
        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                name = param(v, "name");
                filename = param(v, "filename");
            } else if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_string());
            }
        }
        if let Some(name) = name {
            parts.push(Part {
                name,
                filename,
                content_type,
                data: body[data_start..data_end].to_vec(),
            });
        }
        pos = data_end + next_delim.len();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fields_and_files() {
        let ct = "multipart/form-data; boundary=XyZ";
        let b = boundary(ct).unwrap();
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\nworld\r\n--XyZ--\r\n";
        let parts = parse(body, &b).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].data.as_slice()),
            ("a", b"1" as &[u8])
        );
        assert_eq!(parts[1].filename.as_deref(), Some("x.txt"));
        assert_eq!(parts[1].data, b"hello\r\nworld");
        assert!(parse(b"garbage", "XyZ").is_err());
        // Cut short: the complete parts are kept.
        let cut = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntrunc";
        let parts = parse(cut, "XyZ").unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].name, "a");
        assert_eq!(boundary("text/plain"), None);
    }
}
