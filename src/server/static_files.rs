//! Swoole's static file handler (`enable_static_handler`, `document_root`,
//! `static_handler_locations`, `http_index_files`, `http_autoindex`): which
//! request targets it answers from the file system, and the pieces of its
//! answers (ranges, the 404 and index pages, dates).
//!
//! Swoole's rules, kept here: the target up to `?`/`#` is appended to the
//! document root and then percent-decoded; a path holding `..` must resolve
//! inside the root (else it is not served); a symbolic link without `..`
//! is followed. Without locations, only existing regular files of a known
//! type are served and everything else goes to onRequest; a target under
//! one of the locations is the handler's alone (a missing file is a 404).
//!
//! Every byte of the target and of the Range header is hostile: lengths are
//! checked, numbers cannot overflow, a NUL ends the lookup.
#![forbid(unsafe_code)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Swoole's PATH_MAX check on root + target.
const PATH_MAX: usize = 4096;

/// The static handler's settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `document_root`, as given.
    pub root: String,
    /// `static_handler_locations` (each starting with `/`).
    pub locations: Vec<String>,
    /// `http_index_files`, in order of preference.
    pub index_files: Vec<String>,
    /// `http_autoindex`.
    pub autoindex: bool,
}

/// What the handler does with a request.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Not its business: onRequest answers.
    Pass,
    /// Under a location, and nothing to serve: 404.
    NotFound,
    /// A regular file.
    File(FileInfo),
    /// A directory, for its index file or listing.
    Dir {
        /// Its path.
        path: PathBuf,
        /// The target's path part (for the listing's links).
        url: String,
        /// Its modification time.
        mtime: i64,
    },
}

/// A file to send.
#[derive(Debug, PartialEq, Eq)]
pub struct FileInfo {
    /// Its path.
    pub path: PathBuf,
    /// Its size.
    pub size: u64,
    /// Its modification time (Unix seconds).
    pub mtime: i64,
}

/// Decodes `%XX` and `+` (PHP's urldecode, as Swoole uses).
pub fn url_decode(s: &[u8]) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < s.len() => match (hex(s[i + 1]), hex(s[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Where `target` (a request target as sent) leads under `s`.
pub fn lookup(s: &Settings, target: &str) -> Found {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let url = &target[..end];
    let last = !s.locations.is_empty();
    if last
        && !s.locations.iter().any(|l| {
            url.len() >= l.len() && url.as_bytes()[..l.len()].eq_ignore_ascii_case(l.as_bytes())
        })
    {
        return Found::Pass;
    }
    let miss = if last { Found::NotFound } else { Found::Pass };
    if s.root.len() + url.len() >= PATH_MAX {
        return miss;
    }
    let mut raw = Vec::with_capacity(s.root.len() + url.len());
    raw.extend_from_slice(s.root.as_bytes());
    raw.extend_from_slice(url.as_bytes());
    let name = url_decode(&raw);
    if name.contains(&0) {
        return miss;
    }
    let mut path = PathBuf::from(OsStr::from_bytes(&name));
    let Ok(mut meta) = std::fs::symlink_metadata(&path) else {
        return miss;
    };
    let dotdot = memchr::memmem::find(&name, b"..").is_some();
    if dotdot || meta.file_type().is_symlink() {
        let Ok(real) = std::fs::canonicalize(&path) else {
            return miss;
        };
        if dotdot && !inside(&real, &s.root) {
            return miss;
        }
        let Ok(m) = std::fs::symlink_metadata(&real) else {
            return miss;
        };
        path = real;
        meta = m;
    }
    if meta.is_dir() && (!s.index_files.is_empty() || s.autoindex) {
        return Found::Dir {
            path,
            url: url.to_string(),
            mtime: meta.mtime(),
        };
    }
    if !last && !crate::http::mime::known(&path.to_string_lossy()) {
        return Found::Pass;
    }
    if !meta.is_file() {
        return Found::Pass;
    }
    Found::File(FileInfo {
        path,
        size: meta.size(),
        mtime: meta.mtime(),
    })
}

/// True when `real` is strictly below `root` (Swoole's check).
fn inside(real: &Path, root: &str) -> bool {
    let r = real.as_os_str().as_bytes();
    r.len() > root.len() && r[root.len()] == b'/' && r.starts_with(root.as_bytes())
}

/// For a directory: its first index file present (in the settings' order),
/// as a file to send.
pub fn index_file(s: &Settings, dir: &Path) -> Option<FileInfo> {
    s.index_files.iter().find_map(|f| {
        let p = dir.join(f);
        let m = std::fs::symlink_metadata(&p).ok()?;
        m.is_file().then(|| FileInfo {
            path: p,
            size: m.size(),
            mtime: m.mtime(),
        })
    })
}

/// Swoole's 404 page.
pub const PAGE_404: &str = concat!(
    "<html><body>",
    "<style> body { padding: 0.5em; line-height: 2; } h1 { font-size: 1.5em; padding-bottom: 0.3em; border-bottom: 1px solid #ccc; } ul { list-style-type: disc; } footer { border-top: 1px solid #ccc; } a { color: #0969da; } </style>",
    "<h1>HTTP 404 Not Found</h1>",
    "<footer><i>Powered by Swoole</i></footer>",
    "</body></html>"
);

/// The listing of a directory (`http_autoindex`), Swoole's page: its
/// entries sorted by name, without `.` (and `..` at the root).
pub fn index_page(url: &str, dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.push("..".into());
    names.sort();
    let mut base = url.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    let mut page = format!(
        "<html>\n<head>\n\t<meta charset='UTF-8'>\n<title>Index of {base}</title></head>\n<body>\n{}<h1>Index of {base}</h1>\t<ul>\n",
        "<style> body { padding: 0.5em; line-height: 2; } h1 { font-size: 1.5em; padding-bottom: 0.3em; border-bottom: 1px solid #ccc; } ul { list-style-type: disc; } footer { border-top: 1px solid #ccc; } a { color: #0969da; } </style>"
    );
    for n in names {
        if n == "." || (base == "/" && n == "..") {
            continue;
        }
        page.push_str(&format!("\t\t<li><a href={base}{n}>{n}</a></li>\n"));
    }
    page.push_str("\t</ul>\n<footer><i>Powered by Swoole</i></footer></body>\n</html>\n");
    page
}

/// What a Range header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Ranges {
    /// The whole file (no Range, or not `bytes=`, or nothing usable).
    Whole,
    /// These (offset, length) parts: one, or several (multipart).
    Parts(Vec<(u64, u64)>),
    /// 416.
    Unsatisfiable,
}

/// Parses `Range: bytes=…` as Swoole does: `a-b`, `a-`, `-n` (suffix),
/// comma-separated, spaces allowed; a malformed or overflowing number is
/// 416; ranges past the end are cut to it; empty ones are dropped.
pub fn parse_range(range: &[u8], size: u64) -> Ranges {
    let Some(mut p) = range
        .get(..6)
        .filter(|b| b.eq_ignore_ascii_case(b"bytes="))
        .map(|_| &range[6..])
    else {
        return Ranges::Whole;
    };
    let skip_spaces = |p: &mut &[u8]| {
        while p.first() == Some(&b' ') {
            *p = &p[1..];
        }
    };
    let number = |p: &mut &[u8]| -> Option<u64> {
        if !p.first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let mut n: u64 = 0;
        while let Some(&c) = p.first().filter(|c| c.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            *p = &p[1..];
        }
        Some(n)
    };
    let mut parts = Vec::new();
    let mut total: u64 = 0;
    loop {
        skip_spaces(&mut p);
        let (start, end);
        if p.first() != Some(&b'-') {
            let Some(a) = number(&mut p) else {
                return Ranges::Unsatisfiable;
            };
            skip_spaces(&mut p);
            if p.first() != Some(&b'-') {
                return Ranges::Unsatisfiable;
            }
            p = &p[1..];
            skip_spaces(&mut p);
            if matches!(p.first(), None | Some(b',')) {
                start = a;
                end = size;
            } else {
                let Some(b) = number(&mut p) else {
                    return Ranges::Unsatisfiable;
                };
                skip_spaces(&mut p);
                if !matches!(p.first(), None | Some(b',') | Some(b'\r')) {
                    return Ranges::Unsatisfiable;
                }
                start = a;
                end = if b >= size { size } else { b + 1 };
            }
        } else {
            p = &p[1..];
            let Some(n) = number(&mut p) else {
                return Ranges::Unsatisfiable;
            };
            skip_spaces(&mut p);
            if !matches!(p.first(), None | Some(b',') | Some(b'\r')) {
                return Ranges::Unsatisfiable;
            }
            start = size.saturating_sub(n);
            end = size;
        }
        if start < end {
            let Some(t) = total.checked_add(end - start) else {
                return Ranges::Unsatisfiable;
            };
            total = t;
            parts.push((start, end - start));
        } else if start == 0 {
            break;
        }
        if p.first() != Some(&b',') {
            break;
        }
        p = &p[1..];
        if matches!(p.first(), None | Some(b'\r')) {
            break;
        }
    }
    if parts.is_empty() {
        Ranges::Whole
    } else {
        Ranges::Parts(parts)
    }
}

/// Parses an HTTP date (RFC 1123, RFC 850 or asctime) to Unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let s = s.trim();
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    // [wday, d, mon, y, hh:mm:ss, GMT] | [wday, d-mon-yy, hh:mm:ss, GMT] | [wday, mon, d, hh:mm:ss, y]
    let (d, mon, y, hms) = match words.as_slice() {
        [_, d, mon, y, hms, ..] if d.parse::<u32>().is_ok() => (*d, *mon, *y, *hms),
        [_, dmy, hms, ..] if dmy.contains('-') => {
            let mut it = dmy.split('-');
            let (d, mon, y) = (it.next()?, it.next()?, it.next()?);
            (d, mon, y, *hms)
        }
        [_, mon, d, hms, y] => (*d, *mon, *y, *hms),
        _ => return None,
    };
    let day: i64 = d.parse().ok()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(mon))? as i64 + 1;
    let mut year: i64 = y.parse().ok()?;
    if year < 100 {
        year += if year < 70 { 2000 } else { 1900 };
    }
    let mut t = hms.split(':');
    let (h, m, sec): (i64, i64, i64) = (
        t.next()?.parse().ok()?,
        t.next()?.parse().ok()?,
        t.next()?.parse().ok()?,
    );
    if !(1..=31).contains(&day)
        || !(0..=23).contains(&h)
        || !(0..=59).contains(&m)
        || !(0..=60).contains(&sec)
        || !(1..=9999).contains(&year)
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_like_urldecode() {
        assert_eq!(
            url_decode(b"/a%20b+c%2e%2E%zz%4"),
            b"/a b c..%zz%4".to_vec()
        );
    }

    #[test]
    fn ranges() {
        use Ranges::*;
        assert_eq!(parse_range(b"bytes=0-9", 100), Parts(vec![(0, 10)]));
        assert_eq!(parse_range(b"bytes=90-", 100), Parts(vec![(90, 10)]));
        assert_eq!(parse_range(b"bytes=-5", 100), Parts(vec![(95, 5)]));
        assert_eq!(parse_range(b"bytes=-500", 100), Parts(vec![(0, 100)]));
        assert_eq!(parse_range(b"bytes=95-200", 100), Parts(vec![(95, 5)]));
        assert_eq!(
            parse_range(b"bytes= 0-1 , 5-6", 100),
            Parts(vec![(0, 2), (5, 2)])
        );
        assert_eq!(parse_range(b"items=0-1", 100), Whole);
        assert_eq!(parse_range(b"bytes=x-1", 100), Unsatisfiable);
        assert_eq!(
            parse_range(b"bytes=99999999999999999999999-", 100),
            Unsatisfiable
        );
        assert_eq!(parse_range(b"bytes=200-300", 100), Whole);
    }

    #[test]
    fn http_dates() {
        let t = 784_111_777;
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(parse_http_date("yesterday"), None);
        // Negative fields (found by the fuzzer: their products overflowed).
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1998 8:-9999999999999999908:9"),
            None
        );
    }

    #[test]
    fn lookup_rules() {
        let dir = std::env::temp_dir().join(format!("corust-static-{}", std::process::id()));
        let root = dir.join("www");
        std::fs::create_dir_all(root.join("sub")).expect("test fixture");
        std::fs::write(root.join("a.css"), b"x").expect("test fixture");
        std::fs::write(root.join("noext"), b"x").expect("test fixture");
        std::fs::write(root.join("sub/index.html"), b"i").expect("test fixture");
        std::fs::write(dir.join("secret.txt"), b"s").expect("test fixture");
        let s = Settings {
            root: root.to_string_lossy().into_owned(),
            ..Default::default()
        };
        assert!(matches!(lookup(&s, "/a.css?v=1"), Found::File(f) if f.size == 1));
        assert!(matches!(lookup(&s, "/%61.css"), Found::File(_)));
        assert_eq!(lookup(&s, "/noext"), Found::Pass);
        assert_eq!(lookup(&s, "/missing.css"), Found::Pass);
        assert_eq!(lookup(&s, "/sub"), Found::Pass);
        assert_eq!(lookup(&s, "/../secret.txt"), Found::Pass);
        assert_eq!(lookup(&s, "/%2e%2e/secret.txt"), Found::Pass);
        assert_eq!(lookup(&s, "/a.css%00.png"), Found::Pass);
        assert!(matches!(lookup(&s, "/sub/../a.css"), Found::File(_)));
        let loc = Settings {
            locations: vec!["/static".into()],
            ..s.clone()
        };
        assert_eq!(lookup(&loc, "/a.css"), Found::Pass);
        assert_eq!(lookup(&loc, "/static/none.css"), Found::NotFound);
        let idx = Settings {
            index_files: vec!["index.html".into()],
            ..s.clone()
        };
        let Found::Dir { path, .. } = lookup(&idx, "/sub/") else {
            panic!("a directory")
        };
        assert!(index_file(&idx, &path).is_some());
        std::fs::remove_dir_all(&dir).expect("test fixture");
    }
}
