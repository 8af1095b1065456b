//! The `Content-Type` of a file by its extension: `Response::sendfile()`
//! when the handler set none, the static handler, `swoole_mime_type_*`.
//! The common web types are Swoole's choices; the long tail comes from
//! `mime_guess`'s table; an unknown extension is
//! `application/octet-stream`.
#![forbid(unsafe_code)]

/// The MIME type for `path`'s extension (case-insensitive).
pub fn for_path(path: &str) -> &'static str {
    lookup(path).unwrap_or("application/octet-stream")
}

/// True when `path`'s extension has a known type (Swoole's
/// `mime_type::exists`: the static handler serves only such files).
pub fn known(path: &str) -> bool {
    lookup(path).is_some()
}

/// Types the application added, replaced (Some) or deleted (None) with
/// `swoole_mime_type_add/set/delete`, by lower-case extension. Process-wide,
/// as Swoole's table is; each distinct type string is kept once.
static OVERRIDES: parking_lot::Mutex<Vec<(String, Option<&'static str>)>> =
    parking_lot::Mutex::new(Vec::new());

fn intern(t: &str) -> &'static str {
    static KEPT: parking_lot::Mutex<Vec<&'static str>> = parking_lot::Mutex::new(Vec::new());
    let mut kept = KEPT.lock();
    if let Some(k) = kept.iter().find(|k| **k == t) {
        return k;
    }
    let k: &'static str = Box::leak(t.to_string().into_boxed_str());
    kept.push(k);
    k
}

fn set_override(ext: &str, t: Option<&'static str>) {
    let ext = ext.to_ascii_lowercase();
    let mut o = OVERRIDES.lock();
    match o.iter_mut().find(|(e, _)| *e == ext) {
        Some(entry) => entry.1 = t,
        None => o.push((ext, t)),
    }
}

/// `swoole_mime_type_add`: false when `ext` already has a type.
pub fn add(ext: &str, t: &str) -> bool {
    if known(&format!(".{ext}")) {
        return false;
    }
    set_override(ext, Some(intern(t)));
    true
}

/// `swoole_mime_type_set`: `ext`'s type, whatever it was.
pub fn set(ext: &str, t: &str) {
    set_override(ext, Some(intern(t)));
}

/// `swoole_mime_type_delete`: false when `ext` had no type.
pub fn delete(ext: &str) -> bool {
    if !known(&format!(".{ext}")) {
        return false;
    }
    set_override(ext, None);
    true
}

/// The application's additions and replacements (`swoole_mime_type_list`
/// adds them to the common web types).
pub fn overrides() -> Vec<(String, &'static str)> {
    OVERRIDES
        .lock()
        .iter()
        .filter_map(|(e, t)| t.map(|t| (e.clone(), t)))
        .collect()
}

/// The common web types (extension, type), Swoole's choices.
pub const WEB: &[&str] = &[
    "html", "htm", "css", "js", "mjs", "json", "xml", "txt", "log", "csv", "md", "svg", "png",
    "jpg", "jpeg", "gif", "webp", "ico", "pdf", "zip", "gz", "wasm", "woff", "woff2", "mp4", "mp3",
    "map", "ttf", "otf",
];

fn lookup(path: &str) -> Option<&'static str> {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.contains('/'))
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some((_, t)) = OVERRIDES.lock().iter().find(|(e, _)| *e == ext) {
        return *t;
    }
    match ext.as_str() {
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "application/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "md" => "text/markdown",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "wasm" => "application/wasm",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "map" => "application/json",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "" => return None,
        other => return mime_guess::from_ext(other).first_raw(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn maps_extensions() {
        assert_eq!(super::for_path("/a/b/index.HTML"), "text/html");
        assert_eq!(super::for_path("x.tar.gz"), "application/gzip");
        assert_eq!(super::for_path("/dir.d/noext"), "application/octet-stream");
        assert_eq!(super::for_path("noext"), "application/octet-stream");
    }
}
