//! Hooked internal functions: `sleep`, `usleep`, `time_nanosleep`,
//! `time_sleep_until` (HOOK_SLEEP) suspend the calling coroutine instead of the
//! process; `gethostbyname`, `gethostbynamel` (HOOK_BLOCKING_FUNCTION) resolve
//! on the blocking pool while other coroutines run; `stream_select`
//! (HOOK_STREAM_FUNCTION, handler in `select.rs`) waits in the reactor;
//! `proc_open`, `proc_close` (HOOK_PROC) and `popen` (HOOK_BLOCKING_FUNCTION),
//! handlers in `proc.rs`.
//!
//! Owns: the swap of each function's `handler` in CG(function_table) and the
//! original it replaced. Inside a coroutine the hooked handler sleeps through
//! the scheduler; outside one, or for arguments the original rejects (its
//! ValueError / warning is the one PHP users know), it calls the original.
//! May not: block when called outside a coroutine (it delegates instead).

use std::cell::Cell;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ext_php_rs::ffi::{
    compiler_globals, zend_execute_data, zend_function, zend_hash_str_find, zval,
};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler, ret_bool, ret_long};
use super::super::globals::PhpThread;
use super::super::runtime::{propagate, rt};
use super::curl::HOOK_NATIVE_CURL;
use super::{
    HOOK_BLOCKING_FUNCTION, HOOK_FILE, HOOK_NET_FUNCTION, HOOK_PROC, HOOK_SLEEP, HOOK_SOCKETS,
    HOOK_STREAM_FUNCTION,
};
use crate::rt::Wakeup;

type RawHandler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);
pub type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// One replaced function.
struct Hook {
    /// PHP name.
    name: &'static str,
    /// The hook flag that turns it on.
    flag: i64,
    /// Our handler.
    ours: Handler,
    /// The engine's function, found at MINIT.
    func: Cell<*mut zend_function>,
    /// The handler we replaced.
    orig: Cell<Option<RawHandler>>,
}

const SLEEP: usize = 0;
const USLEEP: usize = 1;
const NANOSLEEP: usize = 2;
const SLEEP_UNTIL: usize = 3;
const GETHOSTBYNAME: usize = 4;
const GETHOSTBYNAMEL: usize = 5;
/// Index of `stream_select` (its handler lives in `select.rs`).
pub const STREAM_SELECT: usize = 6;
/// Index of `proc_open` (handlers in `proc.rs`).
pub const PROC_OPEN: usize = 7;
/// Index of `proc_close`.
pub const PROC_CLOSE: usize = 8;
/// Indexes of the curl functions guarded against a busy handle (`curl/`).
pub const CURL_EXEC: usize = 9;
pub const CURL_SETOPT: usize = 10;
pub const CURL_SETOPT_ARRAY: usize = 11;
pub const CURL_RESET: usize = 12;
pub const CURL_CLOSE: usize = 13;
/// Index of `flock` (handler in `file_lock.rs`).
pub const FLOCK: usize = 14;
/// Indexes of the command functions (handlers in `exec.rs`).
pub const SHELL_EXEC: usize = 15;
pub const EXEC: usize = 16;
pub const SYSTEM: usize = 17;
pub const PASSTHRU: usize = 18;
/// Index of the first ext-sockets function (`sockets.rs`, in its `NAMES` order).
pub const SOCKET_HOOKS: usize = 19;
/// Index of `stream_socket_pair` (handler in `stream.rs`).
pub const STREAM_SOCKET_PAIR: usize = 28;
const GETHOSTBYADDR: usize = 29;
/// Indexes of `fsync` and `fdatasync` (handlers in `file_sync.rs`).
pub const FSYNC: usize = 30;
pub const FDATASYNC: usize = 31;
/// Index of `popen` (its handler lives in `proc.rs`).
pub const POPEN: usize = 32;
/// Indexes of the functions served by a helper process (`net_helper.rs`).
pub const DNS_GET_RECORD: usize = 33;
pub const CHECKDNSRR: usize = 34;
pub const DNS_CHECK_RECORD: usize = 35;
pub const GETMXRR: usize = 36;
pub const DNS_GET_MX: usize = 37;
pub const MAIL: usize = 38;

static HOOKS: PhpThread<[Hook; 39]> = PhpThread::new();

fn hooks() -> &'static [Hook; 39] {
    HOOKS.get(|| {
        let g = super::curl::guards();
        let (sn, sh) = (super::sockets::NAMES, super::sockets::handlers());
        let h = |name, flag, ours: Handler| Hook {
            name,
            flag,
            ours,
            func: Cell::new(std::ptr::null_mut()),
            orig: Cell::new(None),
        };
        [
            h("sleep", HOOK_SLEEP, hooked_sleep),
            h("usleep", HOOK_SLEEP, hooked_usleep),
            h("time_nanosleep", HOOK_SLEEP, hooked_time_nanosleep),
            h("time_sleep_until", HOOK_SLEEP, hooked_time_sleep_until),
            h(
                "gethostbyname",
                HOOK_BLOCKING_FUNCTION | HOOK_NET_FUNCTION,
                hooked_gethostbyname,
            ),
            h(
                "gethostbynamel",
                HOOK_BLOCKING_FUNCTION | HOOK_NET_FUNCTION,
                hooked_gethostbynamel,
            ),
            h(
                "stream_select",
                HOOK_STREAM_FUNCTION,
                super::select::hooked_stream_select,
            ),
            h("proc_open", HOOK_PROC, super::proc::hooked_proc_open),
            h("proc_close", HOOK_PROC, super::proc::hooked_proc_close),
            h(g[0].0, HOOK_NATIVE_CURL, g[0].1),
            h(g[1].0, HOOK_NATIVE_CURL, g[1].1),
            h(g[2].0, HOOK_NATIVE_CURL, g[2].1),
            h(g[3].0, HOOK_NATIVE_CURL, g[3].1),
            h(g[4].0, HOOK_NATIVE_CURL, g[4].1),
            h("flock", HOOK_FILE, super::file_lock::hooked_flock),
            h(
                "shell_exec",
                HOOK_BLOCKING_FUNCTION,
                super::exec::hooked_shell_exec,
            ),
            h("exec", HOOK_BLOCKING_FUNCTION, super::exec::hooked_exec),
            h("system", HOOK_BLOCKING_FUNCTION, super::exec::hooked_system),
            h(
                "passthru",
                HOOK_BLOCKING_FUNCTION,
                super::exec::hooked_passthru,
            ),
            h(sn[0], HOOK_SOCKETS, sh[0]),
            h(sn[1], HOOK_SOCKETS, sh[1]),
            h(sn[2], HOOK_SOCKETS, sh[2]),
            h(sn[3], HOOK_SOCKETS, sh[3]),
            h(sn[4], HOOK_SOCKETS, sh[4]),
            h(sn[5], HOOK_SOCKETS, sh[5]),
            h(sn[6], HOOK_SOCKETS, sh[6]),
            h(sn[7], HOOK_SOCKETS, sh[7]),
            h(sn[8], HOOK_SOCKETS, sh[8]),
            h(
                "stream_socket_pair",
                HOOK_STREAM_FUNCTION,
                super::stream::hooked_stream_socket_pair,
            ),
            h(
                "gethostbyaddr",
                HOOK_BLOCKING_FUNCTION | HOOK_NET_FUNCTION,
                hooked_gethostbyaddr,
            ),
            h("fsync", HOOK_FILE, super::file_sync::hooked_fsync),
            h("fdatasync", HOOK_FILE, super::file_sync::hooked_fdatasync),
            h("popen", HOOK_BLOCKING_FUNCTION, super::proc::hooked_popen),
            h(
                "dns_get_record",
                HOOK_NET_FUNCTION,
                super::net_helper::hooked_dns_get_record,
            ),
            h(
                "checkdnsrr",
                HOOK_NET_FUNCTION,
                super::net_helper::hooked_checkdnsrr,
            ),
            h(
                "dns_check_record",
                HOOK_NET_FUNCTION,
                super::net_helper::hooked_dns_check_record,
            ),
            h(
                "getmxrr",
                HOOK_NET_FUNCTION,
                super::net_helper::hooked_getmxrr,
            ),
            h(
                "dns_get_mx",
                HOOK_NET_FUNCTION,
                super::net_helper::hooked_dns_get_mx,
            ),
            h("mail", HOOK_NET_FUNCTION, super::net_helper::hooked_mail),
        ]
    })
}

/// MINIT: finds each function and remembers its original handler.
pub fn startup() {
    for h in hooks() {
        // SAFETY: MINIT; CG(function_table) holds internal functions as IS_PTR
        // zvals pointing at their zend_function.
        unsafe {
            let z = zend_hash_str_find(
                compiler_globals.function_table,
                h.name.as_ptr().cast(),
                h.name.len(),
            );
            if z.is_null() {
                continue;
            }
            let f = (*z).value.ptr as *mut zend_function;
            h.func.set(f);
            h.orig.set((*f).internal_function.handler);
        }
    }
}

/// Whether the hook table found internal function `name` at MINIT.
pub fn exists(name: &str) -> bool {
    hooks()
        .iter()
        .any(|h| h.name == name && !h.func.get().is_null())
}

/// Installs our handler where its flag is on, the original elsewhere.
pub fn apply(flags: i64) {
    for h in hooks() {
        let on = flags & h.flag != 0;
        let f = h.func.get();
        if f.is_null() {
            continue;
        }
        let handler: Option<RawHandler> = if on {
            // SAFETY: same ABI: two pointer arguments, no return value.
            Some(unsafe { std::mem::transmute::<Handler, RawHandler>(h.ours) })
        } else {
            h.orig.get()
        };
        // SAFETY: swapping the handler of a persistent internal function on
        // the PHP thread; calls already running keep their own frame.
        unsafe { (*f).internal_function.handler = handler };
    }
}

/// Runs the original handler of hook `i`.
pub fn original(i: usize, ex: &mut ExecuteData, rv: &mut Zval) {
    if let Some(orig) = hooks()[i].orig.get() {
        // SAFETY: the engine's own handler, called with the frame it was given.
        unsafe {
            orig(
                ex as *mut ExecuteData as *mut zend_execute_data,
                rv as *mut Zval as *mut zval,
            )
        };
    }
}

/// Sleeps the running coroutine; the time left when it was canceled.
fn co_sleep(d: Duration) -> Duration {
    let start = std::time::Instant::now();
    let w = rt(|r| r.sleep(d));
    propagate();
    match w {
        Ok(Wakeup::Canceled) => d.saturating_sub(start.elapsed()),
        _ => Duration::ZERO,
    }
}

fn in_coroutine() -> bool {
    !rt(|r| r.current()).is_main()
}

handler!(
    /// `sleep(int $seconds): int`.
    hooked_sleep(ex, rv) {
        let secs = args::get(ex, 0).and_then(|z| z.long());
        match secs {
            Some(s) if s >= 0 && args::count(ex) == 1 && in_coroutine() => {
                let left = co_sleep(Duration::from_secs(s as u64));
                ret_long(rv, left.as_secs_f64().ceil() as i64);
            }
            _ => original(SLEEP, ex, rv),
        }
    }
);

handler!(
    /// `usleep(int $microseconds): void`.
    hooked_usleep(ex, rv) {
        let us = args::get(ex, 0).and_then(|z| z.long());
        match us {
            Some(u) if u >= 0 && args::count(ex) == 1 && in_coroutine() => {
                co_sleep(Duration::from_micros(u as u64));
            }
            _ => original(USLEEP, ex, rv),
        }
    }
);

handler!(
    /// `time_nanosleep(int $seconds, int $nanoseconds): array|bool`.
    hooked_time_nanosleep(ex, rv) {
        let s = args::get(ex, 0).and_then(|z| z.long());
        let ns = args::get(ex, 1).and_then(|z| z.long());
        match (s, ns) {
            (Some(s), Some(ns)) if s >= 0 && (0..1_000_000_000).contains(&ns) && args::count(ex) == 2 && in_coroutine() => {
                let left = co_sleep(Duration::new(s as u64, ns as u32));
                if left.is_zero() {
                    ret_bool(rv, true);
                } else {
                    let mut ht = ext_php_rs::types::ZendHashTable::new();
                    let _ = ht.insert("seconds", left.as_secs() as i64);
                    let _ = ht.insert("nanoseconds", left.subsec_nanos() as i64);
                    rv.set_hashtable(ht);
                }
            }
            _ => original(NANOSLEEP, ex, rv),
        }
    }
);

handler!(
    /// `time_sleep_until(float $timestamp): bool`.
    hooked_time_sleep_until(ex, rv) {
        let target = args::get(ex, 0).and_then(|z| z.double().or_else(|| z.long().map(|l| l as f64)));
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        match target {
            Some(t) if t.is_finite() && t > now && args::count(ex) == 1 && in_coroutine() => {
                co_sleep(Duration::from_secs_f64(t - now));
                ret_bool(rv, true);
            }
            _ => original(SLEEP_UNTIL, ex, rv),
        }
    }
);

/// IPv4 addresses of `host`, resolved on the blocking pool (None: not found).
pub fn resolve_v4(host: &str) -> Option<Vec<std::net::Ipv4Addr>> {
    use std::net::ToSocketAddrs;
    let h = host.to_owned();
    let r = rt(|r| {
        r.run_blocking(move || {
            (h.as_str(), 0)
                .to_socket_addrs()
                .map(|a| a.collect::<Vec<_>>())
        })
    });
    let addrs = r.ok()?.ok()?;
    let mut v4: Vec<std::net::Ipv4Addr> = Vec::new();
    for a in addrs {
        if let std::net::SocketAddr::V4(a) = a {
            if !v4.contains(a.ip()) {
                v4.push(*a.ip());
            }
        }
    }
    if v4.is_empty() {
        None
    } else {
        Some(v4)
    }
}

/// A host argument we resolve ourselves (anything else goes to the original,
/// whose warnings for empty or over-long names are PHP's).
fn host_arg(ex: &mut ExecuteData) -> Option<String> {
    if args::count(ex) != 1 || !in_coroutine() {
        return None;
    }
    let h = args::get(ex, 0)?.str()?.to_owned();
    if h.is_empty() || h.len() > 255 || h.contains('\0') {
        return None;
    }
    Some(h)
}

handler!(
    /// `gethostbyname(string $hostname): string` (the name itself when unknown).
    hooked_gethostbyname(ex, rv) {
        let Some(host) = host_arg(ex) else {
            original(GETHOSTBYNAME, ex, rv);
            return;
        };
        let ip = resolve_v4(&host).and_then(|v| v.first().map(|a| a.to_string())).unwrap_or(host);
        let _ = rv.set_string(&ip, false);
    }
);

/// The name of `ip` by reverse lookup (getnameinfo with NI_NAMEREQD, as
/// PHP's php_gethostbyaddr), on the blocking pool; None when it has none.
fn reverse_name(ip: std::net::IpAddr) -> Option<String> {
    let r = rt(|r| {
        r.run_blocking(move || {
            // SAFETY: an all-zero sockaddr_storage is valid and large enough
            // for either family; the family and address are filled in before
            // getnameinfo reads it.
            let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
            let len = match ip {
                std::net::IpAddr::V4(v4) => {
                    // SAFETY: see above.
                    let a = unsafe {
                        &mut *(&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>()
                    };
                    a.sin_family = libc::AF_INET as libc::sa_family_t;
                    a.sin_addr.s_addr = u32::from(v4).to_be();
                    std::mem::size_of::<libc::sockaddr_in>()
                }
                std::net::IpAddr::V6(v6) => {
                    // SAFETY: see above.
                    let a = unsafe {
                        &mut *(&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>()
                    };
                    a.sin6_family = libc::AF_INET6 as libc::sa_family_t;
                    a.sin6_addr.s6_addr = v6.octets();
                    std::mem::size_of::<libc::sockaddr_in6>()
                }
            };
            let ptr = (&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr>();
            let mut out = [0 as libc::c_char; 1025];
            // SAFETY: a socket address of `len` bytes we own, an output
            // buffer of its size, no service.
            let r = unsafe {
                libc::getnameinfo(
                    ptr,
                    len as libc::socklen_t,
                    out.as_mut_ptr(),
                    out.len() as libc::socklen_t,
                    std::ptr::null_mut(),
                    0,
                    libc::NI_NAMEREQD,
                )
            };
            (r == 0).then(|| {
                // SAFETY: getnameinfo NUL-terminated the name on success.
                let name = unsafe { std::ffi::CStr::from_ptr(out.as_ptr()) };
                name.to_string_lossy().into_owned()
            })
        })
    });
    r.ok().flatten()
}

handler!(
    /// `gethostbyaddr(string $ip): string|false` — the name, or the address
    /// itself when it has none; a malformed address goes to the original
    /// (its warning).
    hooked_gethostbyaddr(ex, rv) {
        let ip = host_arg(ex).and_then(|h| h.parse::<std::net::IpAddr>().ok().map(|ip| (h, ip)));
        let Some((text, ip)) = ip else {
            original(GETHOSTBYADDR, ex, rv);
            return;
        };
        let name = reverse_name(ip).unwrap_or(text);
        let _ = rv.set_string(&name, false);
    }
);

handler!(
    /// `gethostbynamel(string $hostname): array|false`.
    hooked_gethostbynamel(ex, rv) {
        let Some(host) = host_arg(ex) else {
            original(GETHOSTBYNAMEL, ex, rv);
            return;
        };
        match resolve_v4(&host) {
            Some(v) => {
                let mut ht = ext_php_rs::types::ZendHashTable::new();
                for a in v {
                    let _ = ht.push(a.to_string());
                }
                rv.set_hashtable(ht);
            }
            None => ret_bool(rv, false),
        }
    }
);
