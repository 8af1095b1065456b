//! Runtime hooks: `Corust\Runtime` [`Swoole\Runtime`] and the table of
//! everything corust replaces in the engine, with the original it replaced.
//!
//! Invariants: every hook keeps the original it replaced and puts it back
//! when its flag is turned off (`Runtime::setHookFlags(0)` restores plain PHP);
//! a hooked function called outside a coroutine runs the original unchanged.
//! Built so far: the sleep family (`HOOK_SLEEP`), the tcp/udp/unix/udg
//! stream transports (`HOOK_TCP` …), TLS on them and the ssl/tls transports
//! (`HOOK_SSL`, `HOOK_TLS`), `stream_select` (`HOOK_STREAM_FUNCTION`), name
//! resolution and the exec family (`HOOK_BLOCKING_FUNCTION`), proc_open pipes
//! (`HOOK_PROC`), ext/curl (`HOOK_NATIVE_CURL`, `curl/`), `flock`
//! (`HOOK_FILE`), ext-sockets (`HOOK_SOCKETS`), the standard streams
//! (`HOOK_STDIO`). Other file I/O comes later (its flag is accepted and
//! reported).

mod connect;
mod curl;
mod exec;
mod file_io;
mod file_lock;
mod file_sync;
pub mod functions;
mod got;
mod net_helper;
mod ops;
mod proc;
pub mod select;
mod sockets;
mod stdio;
pub mod stream;
mod tls;

use std::cell::Cell;

use super::args::{self, handler, ret_bool, ret_long};
use super::globals::PhpThread;

/// Swoole's hook flags (same values, so Swoole code passes them unchanged).
pub const FLAGS: [(&str, i64); 25] = [
    ("HOOK_TCP", HOOK_TCP),
    ("HOOK_UDP", HOOK_UDP),
    ("HOOK_UNIX", HOOK_UNIX),
    ("HOOK_UDG", HOOK_UDG),
    ("HOOK_SSL", HOOK_SSL),
    ("HOOK_TLS", HOOK_TLS),
    ("HOOK_STREAM_FUNCTION", HOOK_STREAM_FUNCTION),
    ("HOOK_STREAM_SELECT", HOOK_STREAM_FUNCTION),
    ("HOOK_FILE", HOOK_FILE),
    ("HOOK_SLEEP", HOOK_SLEEP),
    ("HOOK_PROC", HOOK_PROC),
    ("HOOK_CURL", 1 << 11),
    ("HOOK_NATIVE_CURL", curl::HOOK_NATIVE_CURL),
    ("HOOK_BLOCKING_FUNCTION", HOOK_BLOCKING_FUNCTION),
    ("HOOK_SOCKETS", HOOK_SOCKETS),
    ("HOOK_STDIO", HOOK_STDIO),
    ("HOOK_PDO_PGSQL", 1 << 16),
    ("HOOK_PDO_ODBC", 1 << 17),
    ("HOOK_PDO_ORACLE", 1 << 18),
    ("HOOK_PDO_SQLITE", 1 << 19),
    ("HOOK_PDO_FIREBIRD", 1 << 20),
    ("HOOK_NET_FUNCTION", HOOK_NET_FUNCTION),
    ("HOOK_MONGODB", HOOK_MONGODB),
    ("HOOK_NONE", 0),
    ("HOOK_ALL", HOOK_ALL),
];

/// `HOOK_TCP`.
pub const HOOK_TCP: i64 = 1 << 1;
/// `HOOK_UDP`.
pub const HOOK_UDP: i64 = 1 << 2;
/// `HOOK_UNIX`.
pub const HOOK_UNIX: i64 = 1 << 3;
/// `HOOK_UDG`.
pub const HOOK_UDG: i64 = 1 << 4;
/// `HOOK_SSL`: the `ssl` transport.
pub const HOOK_SSL: i64 = 1 << 5;
/// `HOOK_TLS`: the `tls` and `tlsv1.x` transports.
pub const HOOK_TLS: i64 = 1 << 6;
/// `HOOK_STREAM_FUNCTION`: stream_select.
pub const HOOK_STREAM_FUNCTION: i64 = 1 << 7;
/// `HOOK_FILE`: `flock` (a blocking lock waits on the pool) and reads of
/// local files (`file_io.rs`).
pub const HOOK_FILE: i64 = 1 << 8;
/// `HOOK_SOCKETS`: ext-sockets' blocking calls (`sockets.rs`).
pub const HOOK_SOCKETS: i64 = 1 << 14;
/// `HOOK_STDIO`: the STDIN/STDOUT/STDERR streams (`stdio.rs`).
pub const HOOK_STDIO: i64 = 1 << 15;
/// `HOOK_SLEEP`: sleep, usleep, time_nanosleep, time_sleep_until.
pub const HOOK_SLEEP: i64 = 1 << 9;
/// `HOOK_PROC`: proc_open pipes and proc_close.
pub const HOOK_PROC: i64 = 1 << 10;
/// `HOOK_BLOCKING_FUNCTION`: gethostbyname, gethostbynamel.
pub const HOOK_BLOCKING_FUNCTION: i64 = 1 << 13;
/// `HOOK_NET_FUNCTION` (Swoole 6.2): the name-resolution functions too.
pub const HOOK_NET_FUNCTION: i64 = 1 << 21;
/// `HOOK_MONGODB` (left out of HOOK_ALL, as Swoole's).
pub const HOOK_MONGODB: i64 = 1 << 22;
/// `HOOK_ALL`: Swoole 6.2.2's value, everything but the deprecated
/// HOOK_CURL and HOOK_MONGODB (2143287295).
pub const HOOK_ALL: i64 = 0x7fff_ffff & !(1 << 11) & !HOOK_MONGODB;

/// Flags in force.
static CURRENT: PhpThread<Cell<i64>> = PhpThread::new();

fn current() -> &'static Cell<i64> {
    CURRENT.get(|| Cell::new(0))
}

/// The flags in force.
pub fn flags() -> i64 {
    current().get()
}

/// Puts the hooks of `flags` in place and the originals of the others back.
pub fn apply(flags: i64) {
    // As Swoole: without ext-sockets there is nothing for HOOK_SOCKETS to do,
    // and getHookFlags() does not claim it.
    let flags = if functions::exists("socket_accept") {
        flags
    } else {
        flags & !HOOK_SOCKETS
    };
    current().set(flags);
    functions::apply(flags);
    stream::apply(flags);
    curl::apply(flags);
    stdio::apply(flags);
    file_io::apply(flags);
}

/// Whether `fd` is ready in `dir` right now (one poll(2), no wait): for
/// callers that let the original do the syscall and must not sleep through
/// readiness that is already there.
pub(super) fn ready_now(fd: std::os::raw::c_int, dir: crate::rt::driver::io::Dir) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: match dir {
            crate::rt::driver::io::Dir::Read => libc::POLLIN,
            crate::rt::driver::io::Dir::Write => libc::POLLOUT,
        },
        revents: 0,
    };
    // SAFETY: one pollfd of ours, zero timeout.
    unsafe { libc::poll(&mut p, 1, 0) > 0 }
}

/// In a coroutine: waits until `fd` is ready in `dir` (a poll first, then
/// the reactor) or `timeout` passes; false when the wait was canceled or
/// refused. Outside coroutines: true at once.
pub(super) fn wait_ready(
    fd: std::os::raw::c_int,
    dir: crate::rt::driver::io::Dir,
    timeout: Option<std::time::Duration>,
) -> bool {
    use super::runtime::rt;
    if rt(|r| r.current()).is_main() || ready_now(fd, dir) {
        return true;
    }
    !matches!(
        rt(|r| r.wait_fd(fd, dir, timeout)),
        Ok(crate::rt::Wakeup::Canceled) | Err(_)
    )
}

/// When the event loop starts: the hooks on objects the SAPI creates after
/// MINIT (the CLI's STDIN/STDOUT/STDERR constants) are put in place.
pub fn catch_up() {
    stdio::apply(flags());
}

/// MINIT: remember the originals, then apply the ini setting.
pub fn startup(flags: i64) {
    functions::startup();
    stream::startup();
    apply(flags);
}

fn flags_arg(
    ex: &mut ext_php_rs::zend::ExecuteData,
    i: usize,
    fname: &str,
) -> Result<Option<i64>, ()> {
    match args::get(ex, i) {
        None => Ok(None),
        // Swoole accepts enableCoroutine(true|false) too.
        Some(z) if z.is_bool() => Ok(Some(if z.bool() == Some(true) { HOOK_ALL } else { 0 })),
        Some(_) => args::long(ex, i, fname, "flags", None).map(Some),
    }
}

handler!(
    /// `Runtime::enableCoroutine(int|bool $flags = HOOK_ALL): bool`.
    enable_coroutine(ex, rv) {
        let Ok(f) = flags_arg(ex, 0, "Corust\\Runtime::enableCoroutine") else { return };
        apply(f.unwrap_or(HOOK_ALL));
        ret_bool(rv, true);
    }
);

handler!(
    /// `Runtime::setHookFlags(int $flags): bool`.
    set_hook_flags(ex, rv) {
        if args::need(ex, 1, "Corust\\Runtime::setHookFlags").is_err() { return; }
        let Ok(Some(f)) = flags_arg(ex, 0, "Corust\\Runtime::setHookFlags") else { return };
        apply(f);
        ret_bool(rv, true);
    }
);

handler!(
    /// `Runtime::getHookFlags(): int`.
    get_hook_flags(_ex, rv) {
        ret_long(rv, flags());
    }
);

/// `Swoole\Runtime`'s declarations (Swoole 6.2.2).
pub const SIGNATURES: &[&str] = &[
    "enableCoroutine(int $flags = SWOOLE_HOOK_ALL): bool",
    "getHookFlags(): int",
    "setHookFlags(int $flags): bool",
];
