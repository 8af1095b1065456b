//! `Corust\Coroutine\System` [`Swoole\Coroutine\System`, `Co\System`]:
//! Swoole's coroutine versions of blocking system calls. `exec` runs a shell
//! command with its output read in the reactor; `wait`/`waitPid` wait for a
//! child; `waitEvent` waits for a stream or fd; `readFile`/`writeFile` and
//! name lookups run on the blocking pool; `statvfs`, `sleep`.
//! Calls that wait need a coroutine (`Corust\Error` outside one, as Swoole's).

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::raw::c_int;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ext_php_rs::types::ZendHashTable;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::error::{throw_rt, throw_value_error, warn_docref, E_WARNING};
use super::runtime::{propagate, rt};
use super::zarray::str_zval;
use crate::rt::driver::io::Dir;
use crate::rt::sys::set_nonblocking;
use crate::rt::{Error, Wakeup};
use crate::syscall;

/// `SWOOLE_EVENT_READ`.
pub const EVENT_READ: i64 = 1 << 9;
/// `SWOOLE_EVENT_WRITE`.
pub const EVENT_WRITE: i64 = 1 << 10;
/// PHP's `FILE_APPEND`.
const FILE_APPEND: i64 = 8;

/// Err (thrown) outside a coroutine.
fn need_coroutine() -> Result<(), ()> {
    if rt(|r| r.current()).is_main() {
        throw_rt(&Error::NotInCoroutine);
        return Err(());
    }
    Ok(())
}

/// A timeout argument: negative (or absent) waits forever.
fn timeout_arg(ex: &mut ExecuteData, i: usize, fname: &str) -> Result<Option<Duration>, ()> {
    let t = args::double(ex, i, fname, "timeout", Some(-1.0))?;
    Ok((t.is_finite() && t >= 0.0).then(|| Duration::from_secs_f64(t.min(1e9))))
}

/// Waits (in the reactor) until `pid` has exited, without reaping it: a
/// pidfd when the kernel has them (5.3+), else polling `waitid(WNOWAIT)`.
/// False on timeout or cancel.
pub fn wait_exit(pid: libc::pid_t, timeout: Option<Duration>) -> bool {
    // Ok(true) exited, Ok(false) running, Err: not a child of ours.
    let look = || {
        // SAFETY: waitid with WNOWAIT only looks: the child stays to be reaped.
        unsafe {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            syscall!(waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
            ))
            .map(|_| info.si_pid() != 0)
        }
    };
    // Only our own children can be waited for (as waitpid(2)).
    if look().is_err() {
        return false;
    }
    let exited = || look().unwrap_or(true);
    // SAFETY: pidfd_open(2) without flags; -1 (e.g. old kernel) falls back to polling.
    if let Ok(pidfd) = unsafe { syscall!(syscall(libc::SYS_pidfd_open, pid, 0)) } {
        let pidfd = pidfd as c_int;
        let w = rt(|r| r.wait_fd(pidfd, Dir::Read, timeout));
        rt(|r| r.close_fd(pidfd));
        // SAFETY: closing the pidfd we opened.
        // close: nothing to do on error, the fd is gone either way.
        let _ = unsafe { syscall!(close(pidfd)) };
        return matches!(w, Ok(Wakeup::Ready)) || exited();
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut pause = Duration::from_millis(1);
    while !exited() {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left.is_some_and(|l| l.is_zero()) {
            return false;
        }
        let w = rt(|r| r.sleep(left.map_or(pause, |l| l.min(pause))));
        if matches!(w, Ok(Wakeup::Canceled) | Err(_)) {
            super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
            return false;
        }
        pause = (pause * 2).min(Duration::from_millis(50));
    }
    true
}

/// Waits for `pid` to exit and reaps it: Some((exit code, signal)); None on
/// timeout, cancel, or when it is not our child.
fn wait_child(pid: libc::pid_t, timeout: Option<Duration>) -> Option<(i64, i64)> {
    if !wait_exit(pid, timeout) {
        return None;
    }
    let mut status: c_int = 0;
    // SAFETY: the child has exited: waitpid returns at once.
    let r = unsafe { syscall!(waitpid(pid, &mut status, libc::WNOHANG)) };
    matches!(r, Ok(p) if p == pid).then(|| {
        let signal = if libc::WIFSIGNALED(status) {
            libc::WTERMSIG(status) as i64
        } else {
            0
        };
        (libc::WEXITSTATUS(status) as i64, signal)
    })
}

fn child_array(pid: i64, code: i64, signal: i64) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
    let mut ht = ZendHashTable::new();
    let _ = ht.insert("pid", pid);
    let _ = ht.insert("code", code);
    let _ = ht.insert("signal", signal);
    ht
}

/// Runs `/bin/sh -c cmd` (as popen does) with its stdout read in the
/// reactor, handing each chunk to `on_chunk` as it arrives; then waits for
/// the exit in the reactor. Ok(Some((exit code, signal))), Ok(None) when the
/// child could not be reaped (canceled meanwhile), Err(warning text) when it
/// could not start. Needs a coroutine.
pub fn run_shell(
    cmd: &[u8],
    stdin: Stdio,
    with_stderr: bool,
    on_chunk: &mut dyn FnMut(&[u8]),
) -> Result<Option<(i64, i64)>, String> {
    let mut fds = [0 as c_int; 2];
    // SAFETY: pipe2 into a two-int array.
    if let Err(e) = unsafe { syscall!(pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC)) } {
        return Err(format!("pipe() failed: {e}"));
    }
    // SAFETY: both fds were just created and are owned here.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    let mut command = Command::new("/bin/sh");
    command
        .arg("-c")
        .arg(std::ffi::OsStr::from_bytes(cmd))
        .stdin(stdin);
    let stderr = if with_stderr {
        match write_end.try_clone() {
            Ok(d) => Stdio::from(d),
            Err(_) => Stdio::null(),
        }
    } else {
        Stdio::inherit()
    };
    command.stdout(Stdio::from(write_end)).stderr(stderr);
    let child = command
        .spawn()
        .map_err(|e| format!("cannot run the command: {e}"))?;
    // The write ends went to the child (and are closed here with `command`).
    drop(command);
    let fd = read_end.as_raw_fd();
    set_nonblocking(fd, true);
    let mut file = std::fs::File::from(read_end);
    let mut buf = [0u8; 16384];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => on_chunk(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if rt(|r| r.wait_fd(fd, Dir::Read, None)).is_err() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    rt(|r| r.close_fd(fd));
    drop(file);
    let pid = child.id() as libc::pid_t;
    // `Child` never reaps on drop; wait_child does.
    drop(child);
    Ok(wait_child(pid, None))
}

handler!(
    /// `System::exec(string $command, bool $get_error_stream = false): array|false`
    /// — `['code' => …, 'signal' => …, 'output' => …]`.
    sys_exec(ex, rv) {
        let f = "Corust\\Coroutine\\System::exec";
        if args::need(ex, 1, f).is_err() || need_coroutine().is_err() { return; }
        let cmd = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let with_stderr = args::get(ex, 1).is_some_and(|z| z.coerce_to_bool());
        let mut out = Vec::new();
        let r = run_shell(&cmd, Stdio::null(), with_stderr, &mut |chunk| out.extend_from_slice(chunk));
        propagate();
        let (code, signal) = match r {
            Ok(done) => done.unwrap_or((-1, 0)),
            Err(msg) => {
                warn_docref(E_WARNING, &msg);
                ret_bool(rv, false);
                return;
            }
        };
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("code", code);
        let _ = ht.insert("signal", signal);
        let _ = ht.insert("output", str_zval(&out));
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `System::waitPid(int $pid, float $timeout = -1): array|false`.
    sys_wait_pid(ex, rv) {
        let f = "Corust\\Coroutine\\System::waitPid";
        if args::need(ex, 1, f).is_err() || need_coroutine().is_err() { return; }
        let Ok(pid) = args::long(ex, 0, f, "pid", None) else { return };
        let Ok(timeout) = timeout_arg(ex, 1, f) else { return };
        if pid <= 0 {
            ret_bool(rv, false);
            return;
        }
        let r = wait_child(pid as libc::pid_t, timeout);
        propagate();
        match r {
            Some((code, signal)) => rv.set_hashtable(child_array(pid, code, signal)),
            None => {
                super::swoole_error::set_last_error(i64::from(libc::ETIMEDOUT));
                ret_bool(rv, false)
            }
        }
    }
);

handler!(
    /// `System::wait(float $timeout = -1): array|false` — any child.
    sys_wait(ex, rv) {
        let f = "Corust\\Coroutine\\System::wait";
        if need_coroutine().is_err() { return; }
        let Ok(timeout) = timeout_arg(ex, 0, f) else { return };
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut pause = Duration::from_millis(1);
        loop {
            let mut status: c_int = 0;
            // SAFETY: non-blocking wait for any child.
            match unsafe { syscall!(waitpid(-1, &mut status, libc::WNOHANG)) } {
                Ok(pid) if pid > 0 => {
                    let signal = if libc::WIFSIGNALED(status) { libc::WTERMSIG(status) as i64 } else { 0 };
                    rv.set_hashtable(child_array(pid as i64, libc::WEXITSTATUS(status) as i64, signal));
                    return;
                }
                Err(e) if e.raw_os_error() == Some(libc::ECHILD) => {
                    ret_bool(rv, false);
                    return;
                }
                _ => {}
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if left.is_some_and(|l| l.is_zero()) {
                super::swoole_error::set_last_error(i64::from(libc::ETIMEDOUT));
                ret_bool(rv, false);
                return;
            }
            let p = left.map_or(pause, |l| l.min(pause));
            pause = (pause * 2).min(Duration::from_millis(50));
            let w = rt(|r| r.sleep(p));
            propagate();
            if matches!(w, Ok(Wakeup::Canceled) | Err(_)) {
                super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
                ret_bool(rv, false);
                return;
            }
        }
    }
);

handler!(
    /// `System::waitEvent(mixed $socket, int $events = SWOOLE_EVENT_READ, float $timeout = -1): int|false`
    /// — the events that are ready.
    sys_wait_event(ex, rv) {
        let f = "Corust\\Coroutine\\System::waitEvent";
        if args::need(ex, 1, f).is_err() || need_coroutine().is_err() { return; }
        let Some(fd) = args::get(ex, 0).and_then(|z| super::fd::fd_of(z).ok()) else {
            warn_docref(E_WARNING, "unknown fd type");
            ret_bool(rv, false);
            return;
        };
        let Ok(events) = args::long(ex, 1, f, "events", Some(EVENT_READ)) else { return };
        let Ok(timeout) = timeout_arg(ex, 2, f) else { return };
        let mut want = Vec::new();
        if events & EVENT_READ != 0 { want.push((fd, Dir::Read)); }
        if events & EVENT_WRITE != 0 { want.push((fd, Dir::Write)); }
        if want.is_empty() {
            warn_docref(E_WARNING, "events must be SWOOLE_EVENT_READ and/or SWOOLE_EVENT_WRITE");
            ret_bool(rv, false);
            return;
        }
        let w = rt(|r| r.wait_fds(&want, timeout));
        propagate();
        match w {
            Ok(Wakeup::Ready) => {
                // Which of the asked events is ready now.
                let mut p = libc::pollfd { fd, events: 0, revents: 0 };
                if events & EVENT_READ != 0 { p.events |= libc::POLLIN; }
                if events & EVENT_WRITE != 0 { p.events |= libc::POLLOUT; }
                // SAFETY: poll on one pollfd, no waiting.
                // poll: on error revents stays 0 and every asked event is
                // reported, as the reactor already said the fd is ready.
                let _ = unsafe { syscall!(poll(&mut p, 1, 0)) };
                let mut got = 0;
                if p.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 && events & EVENT_READ != 0 { got |= EVENT_READ; }
                if p.revents & (libc::POLLOUT | libc::POLLERR) != 0 && events & EVENT_WRITE != 0 { got |= EVENT_WRITE; }
                ret_long(rv, if got == 0 { events & (EVENT_READ | EVENT_WRITE) } else { got });
            }
            Err(e @ Error::Busy { .. }) => throw_rt(&e),
            _ => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `System::waitSignal(int|array $signals, float $timeout = -1): int|false`
    /// — waits in the reactor (a signalfd) for one of `$signals`; the signal
    /// that came, or false on timeout or cancel. The signals are blocked
    /// while it waits (and unblocked after, unless they were before).
    sys_wait_signal(ex, rv) {
        let f = "Corust\\Coroutine\\System::waitSignal";
        if args::need(ex, 1, f).is_err() || need_coroutine().is_err() { return; }
        let Some(arg) = args::get(ex, 0) else { return };
        let signals: Vec<i32> = match arg.array() {
            Some(list) => list.values().filter_map(|v| v.long()).map(|v| v as i32).collect(),
            None => arg.long().map(|v| v as i32).into_iter().collect(),
        };
        if signals.is_empty() || signals.iter().any(|&s| s <= 0 || s > libc::SIGRTMAX() || s == libc::SIGKILL || s == libc::SIGSTOP) {
            warn_docref(E_WARNING, "invalid signal");
            ret_bool(rv, false);
            return;
        }
        let Ok(timeout) = timeout_arg(ex, 1, f) else { return };
        let before = crate::server::process::blocked(&signals);
        let sfd = match crate::server::process::SignalFd::new(&signals) {
            Ok(s) => s,
            Err(e) => {
                warn_docref(E_WARNING, &super::error::os_error_text(&e));
                ret_bool(rv, false);
                return;
            }
        };
        let got = loop {
            if let Some(sig) = sfd.read() {
                break Some(sig);
            }
            match rt(|r| r.wait_fd(sfd.fd, Dir::Read, timeout)) {
                Ok(Wakeup::Ready) => continue,
                Ok(Wakeup::Canceled) => {
                    super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
                    break None;
                }
                Ok(_) => {
                    super::swoole_error::set_last_error(crate::swerr::CO_TIMEDOUT);
                    break None;
                }
                Err(_) => break None,
            }
        };
        rt(|r| r.close_fd(sfd.fd));
        let unblock: Vec<i32> = signals.iter().copied().filter(|s| !before.contains(s)).collect();
        sfd.close_and_unblock(&unblock);
        propagate();
        match got {
            Some(sig) => ret_long(rv, i64::from(sig)),
            None => ret_bool(rv, false),
        }
    }
);

fn path_arg(ex: &mut ExecuteData, i: usize, f: &str) -> Option<std::path::PathBuf> {
    let p = args::bytes(ex, i).unwrap_or_default().into_owned();
    // PHP's and Swoole's ValueErrors for a bad path.
    if p.is_empty() {
        throw_value_error("Filename cannot be empty");
        return None;
    }
    if p.contains(&0) {
        throw_value_error(&format!(
            "{}(): Argument #{} ($filename) must not contain any null bytes",
            args::name_of(ex, f),
            i + 1
        ));
        return None;
    }
    Some(std::path::PathBuf::from(std::ffi::OsStr::from_bytes(&p)))
}

/// Runs file work on the blocking pool. Some(result) on success; None after
/// a warning naming `what` (I/O error) or an exception (scheduler refusal).
fn file_io<T: Send + 'static>(
    _f: &str,
    what: &str,
    job: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Option<T> {
    let r = rt(|r| r.run_blocking(job));
    propagate();
    match r {
        Ok(Ok(v)) => Some(v),
        Ok(Err(e)) => {
            warn_docref(E_WARNING, &format!("{what} failed: {e}"));
            None
        }
        Err(e) => {
            throw_rt(&e);
            None
        }
    }
}

handler!(
    /// `System::readFile(string $filename, int $flag = 0): string|false`.
    sys_read_file(ex, rv) {
        let f = "Corust\\Coroutine\\System::readFile";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(path) = path_arg(ex, 0, f) else { return };
        let what = format!("open({})", path.display());
        match file_io(f, &what, move || std::fs::read(&path)) {
            Some(data) => *rv = str_zval(&data),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `System::writeFile(string $filename, string $content, int $flags = 0): int|false`
    /// (`FILE_APPEND` appends).
    sys_write_file(ex, rv) {
        let f = "Corust\\Coroutine\\System::writeFile";
        if args::need(ex, 2, f).is_err() { return; }
        let Some(path) = path_arg(ex, 0, f) else { return };
        let data = args::bytes(ex, 1).unwrap_or_default().into_owned();
        let Ok(flags) = args::long(ex, 2, f, "flags", Some(0)) else { return };
        let append = flags & FILE_APPEND != 0;
        let what = format!("write({})", path.display());
        let written = file_io(f, &what, move || {
            use std::io::Write;
            let mut o = std::fs::OpenOptions::new();
            o.create(true);
            if append { o.append(true); } else { o.write(true).truncate(true); }
            o.open(&path).and_then(|mut file| file.write_all(&data).map(|()| data.len()))
        });
        match written {
            Some(n) => ret_long(rv, n as i64),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `System::statvfs(string $path): array|false`.
    sys_statvfs(ex, rv) {
        let f = "Corust\\Coroutine\\System::statvfs";
        if args::need(ex, 1, f).is_err() { return; }
        let p = args::bytes(ex, 0).unwrap_or_default().into_owned();
        if p.is_empty() {
            throw_value_error("Path cannot be empty");
            return;
        }
        let Ok(c) = std::ffi::CString::new(p) else {
            throw_value_error(&format!("{}(): Argument #1 ($path) must not contain any null bytes", args::name_of(ex, f)));
            return;
        };
        // SAFETY: all-zero is a valid statvfs to be filled in.
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: statvfs(3) into our struct with a NUL-terminated path.
        if unsafe { syscall!(statvfs(c.as_ptr(), &mut st)) }.is_err() {
            ret_bool(rv, false);
            return;
        }
        let mut ht = ZendHashTable::new();
        for (k, v) in [
            ("bsize", st.f_bsize as i64), ("frsize", st.f_frsize as i64),
            ("blocks", st.f_blocks as i64), ("bfree", st.f_bfree as i64),
            ("bavail", st.f_bavail as i64), ("files", st.f_files as i64),
            ("ffree", st.f_ffree as i64), ("favail", st.f_favail as i64),
            ("fsid", st.f_fsid as i64), ("flag", st.f_flag as i64),
            ("namemax", st.f_namemax as i64),
        ] {
            let _ = ht.insert(k, v);
        }
        rv.set_hashtable(ht);
    }
);

/// The first address of `host` in the family asked for, resolved on the
/// blocking pool; on failure false with Swoole's last error (resolve failed,
/// or canceled).
fn resolve_one(rv: &mut ext_php_rs::types::Zval, host: String, want_v6: bool) {
    let r = rt(|r| {
        r.run_blocking(move || {
            use std::net::ToSocketAddrs;
            (host.as_str(), 0)
                .to_socket_addrs()
                .map(|a| a.map(|s| s.ip()).collect::<Vec<_>>())
        })
    });
    propagate();
    let found = match r {
        Err(_) => {
            super::swoole_error::set_last_error(crate::swerr::CO_CANCELED);
            ret_bool(rv, false);
            return;
        }
        Ok(r) => r
            .ok()
            .and_then(|ips| ips.into_iter().find(|ip| ip.is_ipv6() == want_v6)),
    };
    match found {
        Some(ip) => *rv = str_zval(ip.to_string().as_bytes()),
        None => {
            super::swoole_error::set_last_error(crate::swerr::DNSLOOKUP_RESOLVE_FAILED);
            ret_bool(rv, false);
        }
    }
}

handler!(
    /// `System::gethostbyname(string $domain, int $family = AF_INET, float $timeout = -1): string|false`.
    sys_gethostbyname(ex, rv) {
        let f = "Corust\\Coroutine\\System::gethostbyname";
        if args::need(ex, 1, f).is_err() { return; }
        let host = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default();
        if host.is_empty() {
            warn_docref(E_WARNING, "domain name is empty");
            ret_bool(rv, false);
            return;
        }
        let want_v6 = args::get(ex, 1).and_then(|z| z.long()) == Some(libc::AF_INET6 as i64);
        resolve_one(rv, host, want_v6);
    }
);

handler!(
    /// `System::dnsLookup(string $domain_name, float $timeout = 60, int $type = AF_INET): string|false`.
    sys_dns_lookup(ex, rv) {
        let f = "Swoole\\Coroutine\\System::dnsLookup";
        if args::need(ex, 1, f).is_err() { return; }
        let host = args::get(ex, 0).and_then(|z| z.coerce_to_string()).unwrap_or_default();
        if host.is_empty() {
            warn_docref(E_WARNING, "domain name empty");
            ret_bool(rv, false);
            return;
        }
        let Ok(ty) = args::long(ex, 2, f, "type", Some(libc::AF_INET as i64)) else { return };
        resolve_one(rv, host, ty == libc::AF_INET6 as i64);
    }
);

handler!(
    /// `System::getaddrinfo(string $domain, int $family = AF_INET, int $socktype = SOCK_STREAM,
    /// int $protocol = STREAM_IPPROTO_TCP, ?string $service = null, float $timeout = -1): array|false`
    /// — every address getaddrinfo(3) gives (run on the blocking pool); false when none.
    sys_getaddrinfo(ex, rv) {
        let f = "Swoole\\Coroutine\\System::getaddrinfo";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(host) = args::string(ex, 0, f, "domain").map(|b| b.into_owned()) else { return };
        let Ok(family) = args::long(ex, 1, f, "family", Some(libc::AF_INET as i64)) else { return };
        let Ok(socktype) = args::long(ex, 2, f, "socktype", Some(libc::SOCK_STREAM as i64)) else { return };
        let Ok(protocol) = args::long(ex, 3, f, "protocol", Some(libc::IPPROTO_TCP as i64)) else { return };
        let service = match args::get(ex, 4) {
            Some(z) if !z.is_null() => z.coerce_to_string().unwrap_or_default(),
            _ => String::new(),
        };
        if host.is_empty() {
            warn_docref(E_WARNING, "hostname is empty");
            ret_bool(rv, false);
            return;
        }
        if family != libc::AF_INET as i64 && family != libc::AF_INET6 as i64 {
            warn_docref(E_WARNING, "unknown protocol family, must be AF_INET or AF_INET6");
            ret_bool(rv, false);
            return;
        }
        let (Ok(chost), Ok(cserv)) = (std::ffi::CString::new(host), std::ffi::CString::new(service)) else {
            ret_bool(rv, false);
            return;
        };
        let r = rt(|r| r.run_blocking(move || {
            crate::rt::sys::getaddrinfo(&chost, &cserv, family as i32, socktype as i32, protocol as i32)
        }));
        propagate();
        match r {
            Ok(list) if !list.is_empty() => {
                let mut ht = ZendHashTable::new();
                for ip in list {
                    let _ = ht.push(ip.to_string());
                }
                rv.set_hashtable(ht);
            }
            Ok(_) => ret_bool(rv, false),
            Err(e) => throw_rt(&e),
        }
    }
);

/// `Swoole\Coroutine\System`'s declarations (Swoole 6.2.2; `Swoole\Coroutine` has the same methods). `statvfs` also says `false`, which it returns when the call fails (Swoole's stub says `array` and returns false too).
pub const SIGNATURES: &[&str] = &[
    "gethostbyname(string $domain_name, int $type = AF_INET, float $timeout = -1): false|string",
    "dnsLookup(string $domain_name, float $timeout = 60, int $type = AF_INET): string|false",
    "exec(string $command, bool $get_error_stream = false): array|false",
    "sleep(float $seconds): bool",
    "statvfs(string $path): array|false",
    "readFile(string $filename, int $flag = 0): false|string",
    "writeFile(string $filename, string $fileContent, int $flags = 0): false|int",
    "wait(float $timeout = -1): array|false",
    "waitPid(int $pid, float $timeout = -1): array|false",
    "waitEvent(mixed $socket, int $events = SWOOLE_EVENT_READ, float $timeout = -1): int|false",
    "waitSignal(int|array $signals, float $timeout = -1): int|false",
    "getaddrinfo(string $domain, int $family = AF_INET, int $socktype = SOCK_STREAM, int $protocol = STREAM_IPPROTO_TCP, ?string $service = null, float $timeout = -1): array|bool",
];
