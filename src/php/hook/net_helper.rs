//! `HOOK_NET_FUNCTION`'s resolver functions that block inside libc
//! (`dns_get_record`, `checkdnsrr`/`dns_check_record`, `getmxrr`/
//! `dns_get_mx`) and `mail`'s sendmail pipe: in a coroutine the call goes to
//! a helper process running PHP's own function (`library/net_helper.php`),
//! and this coroutine waits for the answer in the reactor. The result, the
//! by-reference outputs and the warnings come back as plain PHP makes them.
//! A call the helper cannot serve (no helper, an argument error) runs the
//! original here, which reports the error itself.

use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ExecuteData;

use super::super::args::{self, handler};
use super::super::error::warn_docref;
use super::super::value::Callback;
use super::functions::{
    original, CHECKDNSRR, DNS_CHECK_RECORD, DNS_GET_MX, DNS_GET_RECORD, GETMXRR, MAIL,
};
use super::stream::in_coroutine;

/// Calls `name` in a helper process; `by_ref`: its by-reference parameters.
fn via_helper(idx: usize, name: &str, by_ref: &[usize], ex: &mut ExecuteData, rv: &mut Zval) {
    if !in_coroutine() {
        original(idx, ex, rv);
        return;
    }
    let n = args::count(ex);
    let mut list = ZendHashTable::new();
    for i in 0..n {
        let v = args::get(ex, i)
            .map(|z| z.shallow_clone())
            .unwrap_or_default();
        let _ = list.push(v);
    }
    let mut target = Zval::new();
    let mut fname = Zval::new();
    let mut argz = Zval::new();
    if target
        .set_string("Corust\\Library\\NetHelper::call", false)
        .is_err()
        || fname.set_string(name, false).is_err()
    {
        original(idx, ex, rv);
        return;
    }
    argz.set_hashtable(list);
    let Ok(mut cb) = Callback::new(&target, vec![fname, argz]) else {
        original(idx, ex, rv);
        return;
    };
    let mut out = Zval::new();
    let called = cb.call(&mut out);
    if super::super::vm::has_exception() {
        return;
    }
    let answer = out.array().filter(|a| called && a.get("error").is_none());
    let Some(answer) = answer else {
        original(idx, ex, rv);
        return;
    };
    if let Some(warnings) = answer.get("warnings").and_then(|w| w.array()) {
        for w in warnings.values().filter_map(|w| w.array()) {
            let level = w.get_index(0).and_then(|l| l.long()).unwrap_or(2) as i32;
            let msg = w.get_index(1).and_then(|m| m.string()).unwrap_or_default();
            warn_docref(level, &msg);
        }
    }
    if let Some(after) = answer.get("args").and_then(|a| a.array()) {
        for &i in by_ref.iter().filter(|&&i| i < n) {
            if let (Some(v), Some(slot)) = (after.get_index(i as i64), args::get(ex, i)) {
                // The argument is the referenced variable (args::get
                // dereferences): the caller's variable takes the output.
                *slot = v.shallow_clone();
            }
        }
    }
    *rv = answer
        .get("result")
        .map(Zval::shallow_clone)
        .unwrap_or_default();
}

handler!(
    /// `dns_get_record(string $hostname, int $type = DNS_ANY, &$authoritative_name_servers = null, &$additional_records = null, bool $raw = false)`.
    hooked_dns_get_record(ex, rv) {
        via_helper(DNS_GET_RECORD, "dns_get_record", &[2, 3], ex, rv);
    }
);

handler!(
    /// `checkdnsrr(string $hostname, string $type = "MX"): bool`.
    hooked_checkdnsrr(ex, rv) {
        via_helper(CHECKDNSRR, "checkdnsrr", &[], ex, rv);
    }
);

handler!(
    /// `dns_check_record()`: checkdnsrr's alias.
    hooked_dns_check_record(ex, rv) {
        via_helper(DNS_CHECK_RECORD, "dns_check_record", &[], ex, rv);
    }
);

handler!(
    /// `getmxrr(string $hostname, &$hosts, &$weights = null): bool`.
    hooked_getmxrr(ex, rv) {
        via_helper(GETMXRR, "getmxrr", &[1, 2], ex, rv);
    }
);

handler!(
    /// `dns_get_mx()`: getmxrr's alias.
    hooked_dns_get_mx(ex, rv) {
        via_helper(DNS_GET_MX, "dns_get_mx", &[1, 2], ex, rv);
    }
);

handler!(
    /// `mail(string $to, string $subject, string $message, array|string $additional_headers = [], string $additional_params = ""): bool`.
    hooked_mail(ex, rv) {
        via_helper(MAIL, "mail", &[], ex, rv);
    }
);
