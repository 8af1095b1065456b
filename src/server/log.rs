//! The server's log lines in Swoole's format, so log watchers and tests
//! written for Swoole read corust's the same way:
//!
//! `[2026-12-07 12:00:00 *1234.0]\tWARNING\tfunc() (ERRNO 1201): message`
//!
//! The symbol says which process wrote it: `#` master, `$` manager, `*`
//! worker, `^` task worker, `%` a process outside any server. Lines go to
//! stdout, as Swoole's do, or to the file `log_file` names (a server's
//! setting, or `Coroutine::set()`'s / `swoole_async_set()`'s).

use std::io::Write;

/// Which kind of process writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The master (the process that called start()).
    Master,
    /// The manager.
    Manager,
    /// A worker.
    Worker,
    /// A task worker.
    TaskWorker,
    /// No server role (a coroutine client's log line).
    Other,
}

impl Who {
    fn symbol(self) -> char {
        match self {
            Who::Master => '#',
            Who::Manager => '$',
            Who::Worker => '*',
            Who::TaskWorker => '^',
            Who::Other => '%',
        }
    }
}

/// One log line (with its newline), at local time `tm`.
pub fn format(tm: &libc::tm, who: Who, pid: i32, id: usize, level: &str, text: &str) -> String {
    format!(
        "[{:04}-{:02}-{:02} {:02}:{:02}:{:02} {}{pid}.{id}]\t{level}\t{text}\n",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        who.symbol()
    )
}

/// Error codes whose log lines are dropped (`swoole_ignore_error`), for
/// this process and those it forks afterwards.
static IGNORED: parking_lot::Mutex<Vec<i64>> = parking_lot::Mutex::new(Vec::new());

/// Drops the log lines of error `errno` from now on.
pub fn ignore(errno: i64) {
    let mut ignored = IGNORED.lock();
    if !ignored.contains(&errno) {
        ignored.push(errno);
    }
}

/// Whether the lines of error `errno` are dropped.
pub fn is_ignored(errno: i64) -> bool {
    IGNORED.lock().contains(&errno)
}

/// Writes a WARNING line for error `errno` raised in `func`, as Swoole's
/// `swoole_error_log` does (unless that error is ignored).
pub fn warning(who: Who, id: usize, func: &str, errno: i64, msg: &str) {
    if IGNORED.lock().contains(&errno) {
        return;
    }
    let text = format!("{func}() (ERRNO {errno}): {msg}");
    put(who, id, "WARNING", &text);
}

/// Swoole's WARNING for a client whose TLS handshake failed, with
/// OpenSSL's reason code and text.
pub fn bad_ssl_client(who: Who, id: usize, host: &str, port: u16, reason: i32, text: &str) {
    let line = format!(
        "Socket::ssl_accept(): bad SSL client[{host}:{port}], reason={reason}, error_string={text}"
    );
    put(who, id, "WARNING", &line);
}

/// The lowest level written (`log_level`: SWOOLE_LOG_DEBUG 0 … NONE 6;
/// Swoole's default is INFO).
static LEVEL: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(2);

/// Sets `log_level` (Co::set, a server's set) for this process and the
/// processes it forks afterwards.
pub fn set_level(level: i64) {
    LEVEL.store(level, std::sync::atomic::Ordering::Relaxed);
}

fn rank(level: &str) -> i64 {
    match level {
        "DEBUG" => 0,
        "TRACE" => 1,
        "INFO" => 2,
        "NOTICE" => 3,
        "WARNING" => 4,
        _ => 5,
    }
}

/// Writes one line at `level` now (unless `log_level` is above it).
pub fn put(who: Who, id: usize, level: &str, text: &str) {
    if rank(level) < LEVEL.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    // SAFETY: time(NULL) has no preconditions; localtime_r fills the tm we
    // own (zeroed, a valid bit pattern for the struct).
    let tm = unsafe {
        let t = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&t, &mut tm);
        tm
    };
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() };
    let line = format(&tm, who, pid, id, level, text);
    // A log line that cannot be written is lost; nothing else to do.
    match FILE.lock().as_mut() {
        Some(f) => {
            let _ = f.write_all(line.as_bytes());
        }
        None => {
            let _ = std::io::stdout().lock().write_all(line.as_bytes());
        }
    }
}

/// `log_file`: where the lines go (appended; opened once per setting,
/// shared with the processes forked afterwards).
static FILE: parking_lot::Mutex<Option<std::fs::File>> = parking_lot::Mutex::new(None);

/// Sends the lines to `path` from now on (an empty path: back to stdout).
pub fn set_file(path: &str) -> std::io::Result<()> {
    let f = if path.is_empty() {
        None
    } else {
        Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?,
        )
    };
    *FILE.lock() = f;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swoole_layout() {
        // SAFETY: zeroed tm is a valid value; fields set below.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        tm.tm_year = 126;
        tm.tm_mon = 11;
        tm.tm_mday = 7;
        tm.tm_hour = 9;
        tm.tm_min = 5;
        tm.tm_sec = 3;
        assert_eq!(
            format(&tm, Who::Worker, 42, 1, "WARNING", "f() (ERRNO 1201): x"),
            "[2026-12-07 09:05:03 *42.1]\tWARNING\tf() (ERRNO 1201): x\n"
        );
    }
}
