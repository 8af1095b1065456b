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
    ];
    v.extend(events);
    v
}

/// Their Swoole 6.2.2 declarations.
pub const SIGNATURES: &[(&str, &str)] = &[
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
