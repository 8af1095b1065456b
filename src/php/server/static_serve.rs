//! The static handler's answers on an HTTP connection, before onRequest
//! (Swoole's `select_static_handler`): files with Last-Modified, 304 for
//! If-Modified-Since, Range (206, multipart/byteranges, 416), HEAD,
//! index files and directory listings, and the 404 page for a location
//! with nothing to serve. Which targets it takes is `server::static_files`.

use std::os::fd::RawFd;

use super::io::write_all;
use super::response::send_file_body;
use crate::http::{self, date};
use crate::server::static_files::{self as sf, FileInfo, Found, Ranges, Settings};

/// What the handler did with a request.
pub enum Served {
    /// Not its request: onRequest's.
    No,
    /// Answered; the connection may take another request.
    KeepAlive,
    /// Answered (or failed); the connection closes.
    Close,
}

fn status_line(code: u16) -> &'static str {
    match code {
        200 => "200 OK",
        206 => "206 Partial Content",
        304 => "304 Not Modified",
        404 => "404 Not Found",
        _ => "416 Range Not Satisfiable",
    }
}

fn http_date(secs: i64) -> String {
    String::from_utf8_lossy(&date::format(secs.max(0) as u64)).into_owned()
}

/// Answers `head` from the file system when the static handler takes it.
pub fn serve(s: &Settings, fd: RawFd, head: &http::Head) -> Served {
    let keep_alive = head.keep_alive;
    let done = |ok: bool| {
        if ok && keep_alive {
            Served::KeepAlive
        } else {
            Served::Close
        }
    };
    let conn = if keep_alive { "keep-alive" } else { "close" };
    let (mut file, dir) = match sf::lookup(s, head.uri()) {
        Found::Pass => return Served::No,
        Found::NotFound => {
            let out = format!(
                "HTTP/1.1 404 Not Found\r\nServer: swoole-http-server\r\nContent-Length: {}\r\n\r\n{}",
                sf::PAGE_404.len(),
                sf::PAGE_404
            );
            return done(write_all(fd, out.as_bytes()).is_ok());
        }
        Found::File(f) => (Some(f), None),
        Found::Dir { path, url, mtime } => (None, Some((path, url, mtime))),
    };
    let now = http_date(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    );
    let mtime = file
        .as_ref()
        .map_or_else(|| dir.as_ref().map_or(0, |d| d.2), |f| f.mtime);
    let header = |name: &str| {
        head.header(name)
            .map(|v| String::from_utf8_lossy(v).into_owned())
    };
    if let Some(ims) = header("if-modified-since").and_then(|v| sf::parse_http_date(&v)) {
        if ims >= mtime {
            let out = format!(
                "HTTP/1.1 304 Not Modified\r\nConnection: {conn}\r\nDate: {now}\r\nLast-Modified: {}\r\nServer: swoole-http-server\r\n\r\n",
                http_date(mtime)
            );
            return done(write_all(fd, out.as_bytes()).is_ok());
        }
    }
    if let Some((path, url, _)) = &dir {
        match sf::index_file(s, path) {
            Some(f) => file = Some(f),
            None if s.autoindex => {
                let page = sf::index_page(url, path);
                let out = format!(
                    "HTTP/1.1 200 OK\r\nConnection: {conn}\r\nContent-Length: {}\r\nContent-Type: text/html\r\nDate: {now}\r\nLast-Modified: {}\r\nServer: swoole-http-server\r\n\r\n{page}",
                    page.len(),
                    http_date(mtime)
                );
                return done(write_all(fd, out.as_bytes()).is_ok());
            }
            None => return Served::No,
        }
    }
    let Some(f) = file else { return Served::No };
    done(send_file(fd, head, &f, conn, &now))
}

/// The file (or the asked parts of it) with Swoole's head.
fn send_file(fd: RawFd, head: &http::Head, f: &FileInfo, conn: &str, now: &str) -> bool {
    let Ok(file) = std::fs::File::open(&f.path) else {
        // Gone between the lookup and now.
        return false;
    };
    let mime = http::mime::for_path(&f.path.to_string_lossy());
    let is_head = head.method().eq_ignore_ascii_case("HEAD");
    let mut ranges = match head.header("range") {
        Some(r) => sf::parse_range(r, f.size),
        None => Ranges::Whole,
    };
    if let (Ranges::Parts(_), Some(ir)) = (&ranges, head.header("if-range")) {
        // A date that is not the file's: the whole file (an entity tag is
        // not compared, as with Swoole).
        if sf::parse_http_date(&String::from_utf8_lossy(ir)).is_some_and(|t| t != f.mtime) {
            ranges = Ranges::Whole;
        }
    }
    let boundary = format!(
        "SwooleBoundary{}",
        crate::rt::sys::random::<12>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    // (code, content-length, content-type, extra header, body parts)
    let mut parts: Vec<(Vec<u8>, u64, u64)> = Vec::new();
    let (code, len, ctype, extra, end) = match &ranges {
        Ranges::Whole => {
            parts.push((Vec::new(), 0, f.size));
            (
                200,
                f.size,
                mime.to_string(),
                "Accept-Ranges: bytes\r\n".to_string(),
                Vec::new(),
            )
        }
        Ranges::Unsatisfiable => (416, 0, mime.to_string(), String::new(), Vec::new()),
        Ranges::Parts(p) if p.len() == 1 => {
            let (off, n) = p[0];
            parts.push((Vec::new(), off, n));
            let extra = format!("Content-Range: bytes {off}-{}/{}\r\n", off + n - 1, f.size);
            (206, n, mime.to_string(), extra, Vec::new())
        }
        Ranges::Parts(p) => {
            let mut total = 0u64;
            for (i, &(off, n)) in p.iter().enumerate() {
                let h = format!(
                    "{}--{boundary}\r\nContent-Type: {mime}\r\nContent-Range: bytes {off}-{}/{}\r\n\r\n",
                    if i == 0 { "" } else { "\r\n" },
                    off + n - 1,
                    f.size
                );
                total = total.saturating_add(h.len() as u64).saturating_add(n);
                parts.push((h.into_bytes(), off, n));
            }
            let end = format!("\r\n--{boundary}--\r\n").into_bytes();
            total = total.saturating_add(end.len() as u64);
            let ctype = format!("multipart/byteranges; boundary={boundary}");
            (206, total, ctype, String::new(), end)
        }
    };
    let out = format!(
        "HTTP/1.1 {}\r\nConnection: {conn}\r\nContent-Length: {}\r\nContent-Type: {}\r\n{extra}Date: {now}\r\nLast-Modified: {}\r\nServer: swoole-http-server\r\n\r\n",
        status_line(code),
        if is_head { 0 } else { len },
        if is_head { mime } else { ctype.as_str() },
        http_date(f.mtime)
    );
    if write_all(fd, out.as_bytes()).is_err() {
        return false;
    }
    if is_head {
        return true;
    }
    for (h, off, n) in parts {
        if !h.is_empty() && write_all(fd, &h).is_err() {
            return false;
        }
        if n > 0 && !send_file_body(fd, &file, off, n) {
            return false;
        }
    }
    end.is_empty() || write_all(fd, &end).is_ok()
}
