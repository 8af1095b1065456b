//! Swoole's global helper functions that corust has (registered with the
//! Swoole-name aliases): `swoole_timer_*`, `swoole_event_wait`,
//! `swoole_coroutine_create/defer` (the same handlers as their class
//! methods), `swoole_async_set`, `swoole_set_process_name`,
//! `swoole_get_local_ip`, `swoole_mime_type_get/exists`.

use ext_php_rs::builders::FunctionBuilder;
use ext_php_rs::types::{ZendHashTable, Zval};

use super::args::{self, handler, ret_bool};
use super::value::{zval_str, Callback};

/// The functions, as (name, handler) for registration at MINIT.
pub fn all() -> Vec<FunctionBuilder<'static>> {
    let events = super::event::METHODS
        .iter()
        .map(|(name, h)| FunctionBuilder::new(format!("swoole_event_{name}"), *h));
    let mut v = vec![
        FunctionBuilder::new("swoole_timer_after", super::timer::after),
        FunctionBuilder::new("swoole_timer_tick", super::timer::tick),
        FunctionBuilder::new("swoole_timer_clear", super::timer::clear),
        FunctionBuilder::new("swoole_timer_clear_all", super::timer::clear_all),
        FunctionBuilder::new("swoole_timer_exists", super::timer::exists),
        FunctionBuilder::new("swoole_timer_list", super::timer::list),
        FunctionBuilder::new("swoole_timer_info", super::timer::info),
        FunctionBuilder::new("swoole_timer_stats", super::timer::stats),
        FunctionBuilder::new("swoole_coroutine_create", super::coroutine::go),
        FunctionBuilder::new("swoole_coroutine_defer", super::coroutine::defer),
        FunctionBuilder::new("swoole_async_set", async_set),
        FunctionBuilder::new("swoole_set_process_name", set_process_name),
        FunctionBuilder::new("swoole_get_local_ip", get_local_ip),
        FunctionBuilder::new("swoole_mime_type_get", mime_type_get),
        FunctionBuilder::new("swoole_mime_type_exists", mime_type_exists),
        FunctionBuilder::new("swoole_mime_type_add", mime_type_add),
        FunctionBuilder::new("swoole_ignore_error", ignore_error),
        FunctionBuilder::new("swoole_mime_type_set", mime_type_set),
        FunctionBuilder::new("swoole_mime_type_delete", mime_type_delete),
        FunctionBuilder::new("swoole_mime_type_list", mime_type_list),
        FunctionBuilder::new(
            "swoole_coroutine_socketpair",
            super::net::socket::socketpair,
        ),
        FunctionBuilder::new(
            "swoole_async_dns_lookup_coro",
            super::system::sys_dns_lookup,
        ),
        FunctionBuilder::new("swoole_clear_dns_cache", clear_dns_cache),
        FunctionBuilder::new("swoole_get_local_mac", get_local_mac),
        FunctionBuilder::new("swoole_hashcode", hashcode),
        FunctionBuilder::new("swoole_error_log", error_log),
        FunctionBuilder::new("swoole_error_log_ex", error_log_ex),
        FunctionBuilder::new("swoole_get_objects", get_objects),
        FunctionBuilder::new("swoole_get_object_by_handle", get_object_by_handle),
        FunctionBuilder::new("swoole_get_vm_status", get_vm_status),
    ];
    v.extend(events);
    v.extend(super::name_resolver::functions());
    v
}

/// Their Swoole 6.2.2 declarations.
pub const SIGNATURES: &[(&str, &str)] = &[
    (
        "swoole_async_dns_lookup_coro",
        "swoole_async_dns_lookup_coro(string $domain_name, float $timeout = 60, int $type = AF_INET): string|false",
    ),
    ("swoole_clear_dns_cache", "swoole_clear_dns_cache(): void"),
    ("swoole_get_local_mac", "swoole_get_local_mac(): array"),
    (
        "swoole_hashcode",
        "swoole_hashcode(string $data, int $type = 0): false|int",
    ),
    (
        "swoole_error_log",
        "swoole_error_log(int $level, string $msg): void",
    ),
    (
        "swoole_error_log_ex",
        "swoole_error_log_ex(int $level, int $error, string $msg): void",
    ),
    ("swoole_get_objects", "swoole_get_objects(): false|array"),
    (
        "swoole_get_object_by_handle",
        "swoole_get_object_by_handle(int $handle): false|object",
    ),
    ("swoole_get_vm_status", "swoole_get_vm_status(): array"),
    (
        "swoole_coroutine_socketpair",
        "swoole_coroutine_socketpair(int $domain, int $type, int $protocol): array|false",
    ),
    (
        "swoole_timer_after",
        "swoole_timer_after(int $ms, callable $callback, mixed ...$params): false|int",
    ),
    (
        "swoole_timer_tick",
        "swoole_timer_tick(int $ms, callable $callback, mixed ...$params): false|int",
    ),
    (
        "swoole_timer_clear",
        "swoole_timer_clear(int $timer_id): bool",
    ),
    ("swoole_timer_clear_all", "swoole_timer_clear_all(): bool"),
    (
        "swoole_timer_exists",
        "swoole_timer_exists(int $timer_id): bool",
    ),
    (
        "swoole_timer_list",
        "swoole_timer_list(): Swoole\\Timer\\Iterator",
    ),
    (
        "swoole_timer_info",
        "swoole_timer_info(int $timer_id): ?array",
    ),
    ("swoole_timer_stats", "swoole_timer_stats(): array"),
    ("swoole_event_wait", "swoole_event_wait(): void"),
    (
        "swoole_event_add",
        "swoole_event_add(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = SWOOLE_EVENT_READ): false|int",
    ),
    (
        "swoole_event_set",
        "swoole_event_set(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = 0): bool",
    ),
    ("swoole_event_del", "swoole_event_del(mixed $fd): bool"),
    (
        "swoole_event_write",
        "swoole_event_write(mixed $fd, string $data): bool",
    ),
    ("swoole_event_exit", "swoole_event_exit(): void"),
    (
        "swoole_event_defer",
        "swoole_event_defer(callable $callback): bool",
    ),
    (
        "swoole_event_cycle",
        "swoole_event_cycle(?callable $callback, bool $before = false): bool",
    ),
    ("swoole_event_dispatch", "swoole_event_dispatch(): bool"),
    (
        "swoole_event_isset",
        "swoole_event_isset(mixed $fd, int $events = SWOOLE_EVENT_READ | SWOOLE_EVENT_WRITE): bool",
    ),
    (
        "swoole_coroutine_create",
        "swoole_coroutine_create(callable $func, mixed ...$params): int|false",
    ),
    (
        "swoole_coroutine_defer",
        "swoole_coroutine_defer(callable $callback): void",
    ),
    (
        "swoole_async_set",
        "swoole_async_set(array $settings): bool",
    ),
    (
        "swoole_set_process_name",
        "swoole_set_process_name(string $process_name): bool",
    ),
    (
        "swoole_get_local_ip",
        "swoole_get_local_ip(int $family = 2): array",
    ),
    (
        "swoole_mime_type_get",
        "swoole_mime_type_get(string $filename): string",
    ),
    (
        "swoole_mime_type_exists",
        "swoole_mime_type_exists(string $filename): bool",
    ),
    (
        "swoole_mime_type_add",
        "swoole_mime_type_add(string $suffix, string $mime_type): bool",
    ),
    (
        "swoole_mime_type_set",
        "swoole_mime_type_set(string $suffix, string $mime_type): void",
    ),
    (
        "swoole_mime_type_delete",
        "swoole_mime_type_delete(string $suffix): bool",
    ),
    ("swoole_mime_type_list", "swoole_mime_type_list(): array"),
    ("swoole_ignore_error", "swoole_ignore_error(int $error): void"),
];

handler!(
    /// `swoole_async_set(array $settings): bool` — the options corust has
    /// (those of `Coroutine::set()`) take effect; the rest are accepted.
    async_set(ex, rv) {
        super::coroutine_api::co_set(ex, rv);
        if !super::vm::has_exception() {
            ret_bool(rv, true);
        }
    }
);

handler!(
    /// `swoole_set_process_name(string $process_name): bool` — PHP's
    /// `cli_set_process_title()`.
    set_process_name(ex, rv) {
        if args::need(ex, 1, "swoole_set_process_name").is_err() { return; }
        let name = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let mut out = Zval::new();
        let mut arg = Zval::new();
        arg.set_binary(name);
        let ok = Callback::new(&zval_str("cli_set_process_title"), vec![arg])
            .map(|mut cb| {
                cb.call(&mut out);
                out.bool().unwrap_or(false)
            })
            .unwrap_or(false);
        ret_bool(rv, ok);
    }
);

handler!(
    /// `swoole_get_local_ip(int $family = AF_INET): array` — interface name
    /// => address, loopback left out (as Swoole).
    get_local_ip(ex, rv) {
        let Ok(family) = args::long(ex, 0, "swoole_get_local_ip", "family", Some(i64::from(libc::AF_INET))) else { return };
        let mut ht = ZendHashTable::new();
        for (name, ip) in crate::rt::sys::local_addresses() {
            let keep = match ip {
                std::net::IpAddr::V4(_) => family == i64::from(libc::AF_INET),
                std::net::IpAddr::V6(_) => family == i64::from(libc::AF_INET6),
            };
            if keep && !ip.is_loopback() {
                let _ = ht.insert(name.as_str(), ip.to_string());
            }
        }
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `swoole_mime_type_get(string $filename): string`.
    mime_type_get(ex, rv) {
        if args::need(ex, 1, "swoole_mime_type_get").is_err() { return; }
        let f = String::from_utf8_lossy(&args::bytes(ex, 0).unwrap_or_default()).into_owned();
        let _ = rv.set_string(crate::http::mime::for_path(&f), false);
    }
);

handler!(
    /// `swoole_mime_type_exists(string $filename): bool` — whether its
    /// extension has a known type.
    mime_type_exists(ex, rv) {
        if args::need(ex, 1, "swoole_mime_type_exists").is_err() { return; }
        let f = String::from_utf8_lossy(&args::bytes(ex, 0).unwrap_or_default()).into_owned();
        ret_bool(rv, crate::http::mime::known(&f));
    }
);

/// The string argument `i` of a mime function (lossy UTF-8).
fn text_arg(ex: &mut ext_php_rs::zend::ExecuteData, i: usize) -> String {
    String::from_utf8_lossy(&args::bytes(ex, i).unwrap_or_default()).into_owned()
}

handler!(
    /// `swoole_mime_type_add(string $suffix, string $mime_type): bool` —
    /// false when the suffix already has a type.
    mime_type_add(ex, rv) {
        if args::need(ex, 2, "swoole_mime_type_add").is_err() { return; }
        let (suffix, t) = (text_arg(ex, 0), text_arg(ex, 1));
        ret_bool(rv, crate::http::mime::add(&suffix, &t));
    }
);

handler!(
    /// `swoole_mime_type_set(string $suffix, string $mime_type): void`.
    mime_type_set(ex, _rv) {
        if args::need(ex, 2, "swoole_mime_type_set").is_err() { return; }
        let (suffix, t) = (text_arg(ex, 0), text_arg(ex, 1));
        crate::http::mime::set(&suffix, &t);
    }
);

handler!(
    /// `swoole_mime_type_delete(string $suffix): bool`.
    mime_type_delete(ex, rv) {
        if args::need(ex, 1, "swoole_mime_type_delete").is_err() { return; }
        let suffix = text_arg(ex, 0);
        ret_bool(rv, crate::http::mime::delete(&suffix));
    }
);

handler!(
    /// `swoole_mime_type_list(): array` — the types (a list, as Swoole's):
    /// the common web ones and what the application added (the long tail
    /// of the table is not listed).
    mime_type_list(_ex, rv) {
        let mut ht = ZendHashTable::new();
        let mut seen = std::collections::HashSet::new();
        let web = crate::http::mime::WEB.iter().filter_map(|ext| {
            let p = format!(".{ext}");
            crate::http::mime::known(&p).then(|| crate::http::mime::for_path(&p))
        });
        let added = crate::http::mime::overrides().into_iter().map(|(_, t)| t);
        for t in web.chain(added) {
            if seen.insert(t) {
                let _ = ht.push(t);
            }
        }
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `swoole_ignore_error(int $error): void` — the server's log lines for
    /// that error code are dropped from now on.
    ignore_error(ex, _rv) {
        let Ok(code) = args::long(ex, 0, "swoole_ignore_error", "error", None) else { return };
        crate::server::log::ignore(code);
    }
);

handler!(
    /// `swoole_clear_dns_cache(): void` — corust keeps no DNS cache of its
    /// own (lookups go to the system resolver each time): nothing to clear.
    clear_dns_cache(_ex, _rv) {}
);

handler!(
    /// `swoole_get_local_mac(): array` — interface name => hardware address
    /// (`02:FC:00:00:00:01`), for interfaces with an IPv4 address, loopback
    /// left out (as Swoole).
    get_local_mac(_ex, rv) {
        let mut ht = ZendHashTable::new();
        for (name, m) in crate::rt::sys::local_macs() {
            let text = format!("{:02X}:{:02X}:{:02X}:{:02X}:{:02X}:{:02X}", m[0], m[1], m[2], m[3], m[4], m[5]);
            let _ = ht.insert(name.as_str(), text);
        }
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `swoole_hashcode(string $data, int $type = 0): false|int` — type 0:
    /// PHP's own string hash (the one its arrays use), 1: one-at-a-time.
    hashcode(ex, rv) {
        let f = "swoole_hashcode";
        if args::need(ex, 1, f).is_err() { return; }
        let data = args::bytes(ex, 0).unwrap_or_default().into_owned();
        let Ok(ty) = args::long(ex, 1, f, "type", Some(0)) else { return };
        match ty {
            // SAFETY: the engine's hash function over our bytes.
            0 => rv.set_long(unsafe { super::sys::zend::zend_hash_func(data.as_ptr().cast(), data.len()) } as i64),
            1 => rv.set_long(i64::from(crate::rt::sys::one_at_a_time(&data))),
            _ => ret_bool(rv, false),
        }
    }
);

/// Swoole's log level names by `SWOOLE_LOG_*` value.
fn level_name(level: i64) -> &'static str {
    match level {
        0 => "DEBUG",
        1 => "TRACE",
        2 => "INFO",
        3 => "NOTICE",
        4 => "WARNING",
        _ => "ERROR",
    }
}

/// The process's role in Swoole's log lines.
fn log_who() -> (crate::server::log::Who, usize) {
    (crate::server::log::Who::Other, 0)
}

handler!(
    /// `swoole_error_log(int $level, string $msg): void` — a line in
    /// Swoole's log format (filtered by `log_level`, to `log_file` if set).
    error_log(ex, _rv) {
        let f = "swoole_error_log";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(level) = args::long(ex, 0, f, "level", None) else { return };
        let msg = String::from_utf8_lossy(&args::bytes(ex, 1).unwrap_or_default()).into_owned();
        let (who, id) = log_who();
        crate::server::log::put(who, id, level_name(level), &msg);
    }
);

handler!(
    /// `swoole_error_log_ex(int $level, int $error, string $msg): void` — as
    /// `swoole_error_log`, naming the error code (unless it is ignored).
    error_log_ex(ex, _rv) {
        let f = "swoole_error_log_ex";
        if args::need(ex, 3, f).is_err() { return; }
        let Ok(level) = args::long(ex, 0, f, "level", None) else { return };
        let Ok(error) = args::long(ex, 1, f, "error", None) else { return };
        let msg = String::from_utf8_lossy(&args::bytes(ex, 2).unwrap_or_default()).into_owned();
        if crate::server::log::is_ignored(error) { return; }
        let (who, id) = log_who();
        crate::server::log::put(who, id, level_name(level), &format!("zif_swoole_error_log_ex() (ERRNO {error}): {msg}"));
    }
);

/// An object zval holding a new reference to `obj`.
fn object_zval(obj: *mut ext_php_rs::ffi::zend_object) -> Zval {
    let mut z = Zval::new();
    // SAFETY: a live object of the store; set_object adds the reference the
    // zval owns.
    unsafe { z.set_object(&mut *obj) };
    z
}

handler!(
    /// `swoole_get_objects(): false|array` — every live object.
    get_objects(_ex, rv) {
        let all = super::vm::objects::live();
        if all.is_empty() { ret_bool(rv, false); return; }
        let mut ht = ZendHashTable::new();
        for o in all {
            let _ = ht.push(object_zval(o));
        }
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `swoole_get_object_by_handle(int $handle): false|object`.
    get_object_by_handle(ex, rv) {
        let Ok(h) = args::long(ex, 0, "swoole_get_object_by_handle", "handle", None) else { return };
        match super::vm::objects::by_handle(h) {
            Some(o) => *rv = object_zval(o),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `swoole_get_vm_status(): array` — `object_num`, `resource_num`.
    get_vm_status(_ex, rv) {
        let (objects, resources) = super::vm::objects::vm_status();
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("object_num", objects as i64);
        let _ = ht.insert("resource_num", resources as i64);
        rv.set_hashtable(ht);
    }
);
