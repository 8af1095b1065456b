//! Swoole's proxy settings for the coroutine clients (`socks5_*`,
//! `http_proxy_*`) and the connect that goes through them; the handshakes
//! themselves are PHP-free (`rt::net::proxy`).

use ext_php_rs::types::ZendHashTable;

use super::super::error::warn_docref;
use super::socket::{connect_named, SocketObj, E_WARNING};
use super::Vm;
use crate::rt::net::{Deadline, Socket};

/// `connect_named`, through the socket's proxy when it has one: the
/// socket connects to the proxy, then (unless `tunnel` is false: a plain
/// HTTP request to an HTTP proxy, which takes absolute URIs instead) the
/// proxy opens the way to `host:port`. Err(errCode: an errno or Swoole's
/// SOCKS5/HTTP-proxy code).
///
/// # Suspends
/// As `connect_named`, and for the handshake.
pub fn connect_via(
    o: &SocketObj,
    s: &Socket,
    domain: i32,
    (host, port): (&str, u16),
    dl: Deadline,
    ctx: Option<&crate::php::name_resolver::ResolveCtx>,
    tunnel: bool,
) -> Result<(), i32> {
    let Some(p) = o.proxy.borrow().clone() else {
        return connect_named(s, domain, host, port, dl, ctx);
    };
    connect_named(s, domain, &p.host, p.port, dl, None)?;
    if !tunnel {
        return Ok(());
    }
    crate::rt::net::proxy::tunnel(s, &Vm, &p, host, port, dl).map_err(|e| proxy_failed(&p, &e))
}

/// Swoole's report of a failed proxy handshake: a NOTICE naming what the
/// SOCKS5 proxy refused, and errCode SOCKS5_HANDSHAKE_FAILED (7005) or
/// HTTP_PROXY_HANDSHAKE_FAILED (7103) whatever the cause.
fn proxy_failed(
    p: &crate::rt::net::proxy::ProxyConfig,
    e: &crate::rt::net::proxy::ProxyError,
) -> i32 {
    use crate::rt::net::proxy::{ProxyError as E, ProxyKind};
    let text = match e {
        E::Socks5Version => Some("SOCKS version is not supported".to_string()),
        E::Socks5Method => Some("SOCKS authentication method is not supported".to_string()),
        E::Socks5Auth | E::TooLong => {
            Some("SOCKS username/password authentication failed".to_string())
        }
        E::Socks5Server(code) => Some(format!(
            "Socks5 server error, reason :{}",
            match code {
                1 => "General failure",
                2 => "Connection not allowed by ruleset",
                3 => "Network unreachable",
                4 => "Host unreachable",
                5 => "Connection refused by destination host",
                6 => "TTL expired",
                7 => "command not supported / protocol error",
                8 => "address type not supported",
                _ => "Unknown error",
            }
        )),
        _ => None,
    };
    if let Some(text) = text {
        crate::server::log::put(
            crate::server::log::Who::Other,
            0,
            "NOTICE",
            &format!("Socks5Proxy::handshake() (ERRNO {}): {text}", e.code()),
        );
    }
    match p.kind {
        ProxyKind::Socks5 => crate::swerr::SOCKS5_HANDSHAKE_FAILED as i32,
        ProxyKind::Http => crate::swerr::HTTP_PROXY_HANDSHAKE_FAILED as i32,
    }
}

/// Swoole's proxy settings onto `o` (a client's `set()`: Swoole's
/// `Coroutine\Socket::setProtocol` takes none): `socks5_host` + `socks5_port` (+
/// `socks5_username`/`socks5_password`), else `http_proxy_host` +
/// `http_proxy_port` (+ `http_proxy_username` or `http_proxy_user`,
/// `http_proxy_password`). False (warned) when one is incomplete; a proxy
/// for a socket that is not TCP/IP throws Swoole's exception.
pub fn parse_proxy(ht: &ZendHashTable, o: &SocketObj) -> bool {
    use crate::rt::net::proxy::{ProxyConfig, ProxyKind};
    let text = |k: &str| ht.get(k).and_then(|v| v.coerce_to_string());
    let (kind, prefix, user_keys): (ProxyKind, &str, &[&str]) = if ht.get("socks5_host").is_some() {
        (ProxyKind::Socks5, "socks5", &["socks5_username"])
    } else if ht.get("http_proxy_host").is_some() {
        (
            ProxyKind::Http,
            "http_proxy",
            &["http_proxy_username", "http_proxy_user"],
        )
    } else {
        return true;
    };
    let inet = matches!(o.domain.get(), libc::AF_INET | libc::AF_INET6);
    if !inet {
        let what = if kind == ProxyKind::Socks5 {
            "socks5 proxy"
        } else {
            "http proxy"
        };
        super::super::error::throw_class(
            &super::super::error::EXCEPTION_CE,
            &format!("Only tcp socket supports {what} settings"),
            crate::swerr::OPERATION_NOT_SUPPORT,
        );
        return false;
    }
    let host = text(&format!("{prefix}_host")).unwrap_or_default();
    let Some(port) = ht.get(format!("{prefix}_port").as_str()).map(|v| {
        v.long().unwrap_or_else(|| {
            v.coerce_to_string()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0)
        })
    }) else {
        warn_docref(E_WARNING, &format!("{prefix}_port should not be null"));
        return false;
    };
    let mut ok = true;
    let user = user_keys.iter().find_map(|k| text(k)).unwrap_or_default();
    let mut auth = None;
    if !user.is_empty() {
        match text(&format!("{prefix}_password")) {
            Some(pass) if !pass.is_empty() => auth = Some((user, pass)),
            Some(_) => {}
            None => {
                // Swoole's text for both kinds of proxy.
                warn_docref(E_WARNING, "socks5_password should not be null");
                ok = false;
            }
        }
    }
    *o.proxy.borrow_mut() = Some(ProxyConfig {
        kind,
        host,
        port: port.clamp(0, 65535) as u16,
        auth,
    });
    ok
}
