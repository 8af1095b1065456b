//! TLS for the coroutine sockets and clients: Swoole's `ssl_*` settings
//! read from a settings array (with Swoole's warnings), the per-socket TLS
//! state (`TlsState`: the settings, the side, the context built once), and
//! the handshake with Swoole's post-handshake verification and log lines.

use std::rc::Rc;

use ext_php_rs::types::{ZendHashTable, Zval};

use super::super::error::warn_docref;
use super::Vm;
use crate::rt::net::tls::{TlsConfig, TlsContext, TlsError};
use crate::rt::net::{Deadline, NetError, Socket};
use crate::server::log::{self, Who};

const E_WARNING: i32 = 2;

/// TLS on one socket object: what `open_ssl` / `SWOOLE_SSL` turned on.
#[derive(Debug, Default)]
pub struct TlsState {
    /// The `ssl_*` settings.
    pub cfg: TlsConfig,
    /// Accepting side (a listening socket, and what it accepts).
    pub server: bool,
    /// Built at the first handshake (a listening socket's is shared by the
    /// connections it accepts).
    ctx: Option<Rc<TlsContext>>,
}

impl TlsState {
    /// TLS with these settings, client side.
    pub fn client(cfg: TlsConfig) -> TlsState {
        TlsState {
            cfg,
            server: false,
            ctx: None,
        }
    }

    /// The state an accepted connection inherits.
    pub fn for_accepted(&self) -> TlsState {
        TlsState {
            cfg: self.cfg.clone(),
            server: self.server,
            ctx: self.ctx.clone(),
        }
    }

    /// The context, built on first use. Err: context creation failed.
    pub fn context(&mut self) -> Result<Rc<TlsContext>, TlsError> {
        if let Some(c) = &self.ctx {
            if c.is_server() == self.server {
                return Ok(c.clone());
            }
        }
        let c = Rc::new(TlsContext::new(&self.cfg, self.server)?);
        self.ctx = Some(c.clone());
        Ok(c)
    }

    /// New settings: the context is rebuilt at the next handshake (when
    /// they changed).
    pub fn reconfigure(&mut self, cfg: TlsConfig) {
        if self.cfg != cfg {
            self.cfg = cfg;
            self.ctx = None;
        }
    }
}

fn string(v: &Zval) -> Option<String> {
    v.coerce_to_string()
}

fn readable(p: &str) -> bool {
    let Ok(c) = std::ffi::CString::new(p) else {
        return false;
    };
    // SAFETY: access(2) on a NUL-terminated path.
    unsafe { libc::access(c.as_ptr(), libc::R_OK) == 0 }
}

/// Reads Swoole's `ssl_*` keys of `ht` over `base`: Swoole's warnings for a
/// certificate or key file that cannot be read (false: a file was refused).
pub fn apply_settings(ht: &ZendHashTable, base: &mut TlsConfig) -> bool {
    let mut ok = true;
    let c = base;
    if let Some(v) = ht.get("ssl_protocols") {
        c.protocols = v.long().unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32;
    }
    if let Some(v) = ht.get("ssl_compress") {
        c.disable_compression = !v.coerce_to_bool();
    } else if let Some(v) = ht.get("ssl_disable_compression") {
        c.disable_compression = v.coerce_to_bool();
    }
    if let Some(p) = ht.get("ssl_cert_file").and_then(string) {
        if readable(&p) {
            c.cert_file = Some(p);
        } else {
            warn_docref(E_WARNING, &format!("ssl cert file[{p}] not found"));
            ok = false;
        }
    }
    if let Some(p) = ht.get("ssl_key_file").and_then(string) {
        if readable(&p) {
            c.key_file = Some(p);
        } else {
            warn_docref(E_WARNING, &format!("ssl key file[{p}] not found"));
            ok = false;
        }
    }
    if ok && c.cert_file.is_some() && c.key_file.is_none() {
        warn_docref(E_WARNING, "ssl require key file");
    }
    if ok && c.key_file.is_some() && c.cert_file.is_none() {
        warn_docref(E_WARNING, "ssl require cert file");
    }
    let opt = |k: &str| ht.get(k).and_then(string);
    if let Some(v) = opt("ssl_passphrase") {
        c.passphrase = Some(v);
    }
    if let Some(v) = opt("ssl_host_name") {
        c.host_name = Some(v);
    }
    if let Some(v) = ht.get("ssl_verify_peer") {
        c.verify_peer = v.coerce_to_bool();
    }
    if let Some(v) = ht.get("ssl_allow_self_signed") {
        c.allow_self_signed = v.coerce_to_bool();
    }
    if let Some(v) = opt("ssl_cafile") {
        c.cafile = Some(v);
    }
    if let Some(v) = opt("ssl_capath") {
        c.capath = Some(v);
    }
    if let Some(v) = ht.get("ssl_verify_depth") {
        c.verify_depth = v.long().unwrap_or(0).clamp(0, 255) as u8;
    }
    if let Some(v) = opt("ssl_ciphers") {
        c.ciphers = Some(v).filter(|s| !s.is_empty());
    }
    if let Some(v) = opt("ssl_ecdh_curve") {
        c.ecdh_curve = Some(v).filter(|s| !s.is_empty());
    }
    if let Some(v) = opt("ssl_dhparam") {
        c.dhparam = Some(v).filter(|s| !s.is_empty());
    }
    if let Some(v) = ht.get("ssl_prefer_server_ciphers") {
        c.prefer_server_ciphers = v.coerce_to_bool();
    }
    if let Some(v) = opt("ssl_client_cert_file") {
        c.client_cert_file = Some(v);
    }
    ok
}

/// A NOTICE line in Swoole's log format (`Socket::ssl_verify() (ERRNO
/// 1014): …`).
pub fn notice(func: &str, code: i32, msg: &str) {
    if log::is_ignored(i64::from(code)) {
        return;
    }
    log::put(
        Who::Other,
        0,
        "NOTICE",
        &format!("{func}() (ERRNO {code}): {msg}"),
    );
}

/// Runs the TLS handshake of connected socket `s` as `st` says (`sni`: the
/// host connected to), then Swoole's verification when `ssl_verify_peer`
/// is on. The failure's NetError carries Swoole's code (1018 handshake,
/// 1015 bad client, 1014 verification, 1019 context).
pub fn handshake(
    st: &mut TlsState,
    s: &Socket,
    sni: Option<&str>,
    dl: Deadline,
) -> Result<(), NetError> {
    if s.tls_ready() {
        return Err(NetError::Tls(TlsError::new(
            crate::swerr::WRONG_OPERATION,
            "the TLS handshake is already done",
        )));
    }
    let ctx = st.context().map_err(|e| {
        warn_docref(E_WARNING, &e.msg);
        NetError::Tls(e)
    })?;
    if let Err(e) = s.tls_handshake(&Vm, &ctx, sni, dl) {
        if let NetError::Tls(t) = &e {
            let (host, port) = s.peer_addr().map(|a| a.host_port()).unwrap_or_default();
            if st.server {
                log::bad_ssl_client(Who::Other, 0, &host, port, t.reason.0, &t.reason.1);
            } else {
                let peer = format!("{host}:{port}");
                let text = format!(
                    "ssl_connect(fd={}) to server[{peer}] failed. Error: {}",
                    s.fd(),
                    t.msg
                );
                log::put(Who::Other, 0, "NOTICE", &text);
            }
        }
        return Err(e);
    }
    if st.cfg.verify_peer {
        verify(s, st.cfg.allow_self_signed)?;
    }
    Ok(())
}

/// Swoole's `ssl_verify` with its NOTICE on failure.
pub fn verify(s: &Socket, allow_self_signed: bool) -> Result<(), NetError> {
    s.tls_verify(allow_self_signed).inspect_err(|e| match e {
        NetError::Tls(t) => log_verify_failure(Who::Other, 0, s.fd(), t),
        e => notice("Socket::ssl_verify", e.errno(), &e.to_string()),
    })
}

/// Swoole's log line for a peer that failed verification on fd `fd`: a
/// WARNING for a host name mismatch, else a NOTICE naming the cause.
pub fn log_verify_failure(who: Who, id: usize, fd: i32, t: &TlsError) {
    if t.msg == crate::rt::net::tls::HOST_MISMATCH {
        log::put(
            who,
            id,
            "WARNING",
            &format!("Socket::ssl_check_host(): {}", t.msg),
        );
        return;
    }
    let msg = if t.msg.starts_with("self signed") {
        format!("self signed certificate from fd#{fd} is not allowed")
    } else if t.reason.0 != 0 {
        format!(
            "can not verify peer from fd#{fd} with error#{}: {}",
            t.reason.0, t.reason.1
        )
    } else {
        format!("{} (fd#{fd})", t.msg)
    };
    if !log::is_ignored(i64::from(t.code)) {
        log::put(
            who,
            id,
            "NOTICE",
            &format!("Socket::ssl_verify() (ERRNO {}): {msg}", t.code),
        );
    }
}
