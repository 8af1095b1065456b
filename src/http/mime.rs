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

fn lookup(path: &str) -> Option<&'static str> {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.contains('/'))
        .unwrap_or("")
        .to_ascii_lowercase();
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
