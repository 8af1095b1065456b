//! TLS for `Socket`: Swoole's `ssl_*` settings as a PHP-free `TlsConfig`,
//! the OpenSSL context built from them (`TlsContext`), and the session a
//! socket carries once its handshake is done (`TlsSession`).
//!
//! OpenSSL rather than a pure-Rust stack: it is the library PHP and Swoole
//! link, so `ssl_ciphers` strings, `ssl_protocols` down to TLS 1.0,
//! passphrase-protected keys and the PEM certificates `getPeerCert()`
//! returns behave as they do there.
//!
//! Owns: the non-blocking bridge (`FdIo`: recv/send that report EAGAIN as
//! WouldBlock, so OpenSSL asks for read or write readiness and the socket
//! waits through its `Reactor`). May not: wait itself, or hold the session
//! across a wait (another coroutine may write while one reads).

mod context;
mod session;

use std::fmt;
use std::path::Path;

use crate::swerr;

pub use context::{alpn_pick, TlsContext};
pub use session::{Step, StepError, TlsSession, HOST_MISMATCH};

/// `SWOOLE_SSL_SSLv2` … `SWOOLE_SSL_DTLS`: the bits of `ssl_protocols`.
pub mod proto {
    /// SSLv2 (never enabled by OpenSSL 3; accepted for the bit).
    pub const SSLV2: u32 = 1 << 1;
    /// SSLv3.
    pub const SSLV3: u32 = 1 << 2;
    /// TLS 1.0.
    pub const TLSV1: u32 = 1 << 3;
    /// TLS 1.1.
    pub const TLSV1_1: u32 = 1 << 4;
    /// TLS 1.2.
    pub const TLSV1_2: u32 = 1 << 5;
    /// TLS 1.3.
    pub const TLSV1_3: u32 = 1 << 6;
    /// DTLS (not built: stream sockets only).
    pub const DTLS: u32 = 1 << 7;
    /// Every protocol: what 0 means.
    pub const ALL: u32 = SSLV2 | SSLV3 | TLSV1 | TLSV1_1 | TLSV1_2 | TLSV1_3;
}

/// Swoole's `ssl_*` settings of one socket, server port or client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsConfig {
    /// `ssl_protocols` (0: all).
    pub protocols: u32,
    /// `ssl_cert_file`: PEM, the certificate and its chain.
    pub cert_file: Option<String>,
    /// `ssl_key_file`: PEM.
    pub key_file: Option<String>,
    /// `ssl_passphrase`: of the key file.
    pub passphrase: Option<String>,
    /// `ssl_host_name`: the SNI name, and the name the peer's certificate
    /// must carry when `verify_peer` is on.
    pub host_name: Option<String>,
    /// `ssl_verify_peer`.
    pub verify_peer: bool,
    /// `ssl_allow_self_signed`.
    pub allow_self_signed: bool,
    /// `ssl_cafile`.
    pub cafile: Option<String>,
    /// `ssl_capath`.
    pub capath: Option<String>,
    /// `ssl_verify_depth` (0: OpenSSL's default).
    pub verify_depth: u8,
    /// `ssl_ciphers` (None: OpenSSL's default list).
    pub ciphers: Option<String>,
    /// `ssl_ecdh_curve`.
    pub ecdh_curve: Option<String>,
    /// `ssl_dhparam`: a PEM file of DH parameters.
    pub dhparam: Option<String>,
    /// `ssl_compress` false / `ssl_disable_compression`.
    pub disable_compression: bool,
    /// `ssl_prefer_server_ciphers`.
    pub prefer_server_ciphers: bool,
    /// `ssl_client_cert_file` (servers): CAs a client certificate must
    /// chain to; asks clients for one.
    pub client_cert_file: Option<String>,
    /// ALPN protocols, wire format (length-prefixed names).
    pub alpn: Vec<u8>,
}

/// Why TLS failed: a Swoole error code and the text to log or report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TlsError {
    /// `SW_ERROR_SSL_*`.
    pub code: i32,
    /// What OpenSSL said, or what was wrong.
    pub msg: String,
    /// OpenSSL's reason code and text, when OpenSSL refused (0, "").
    pub reason: (i32, String),
}

impl TlsError {
    /// An error of Swoole code `code`.
    pub fn new(code: i64, msg: impl Into<String>) -> TlsError {
        TlsError {
            code: code as i32,
            msg: msg.into(),
            reason: (0, String::new()),
        }
    }
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

pub(super) fn ctx_err(what: &str, e: impl fmt::Display) -> TlsError {
    TlsError::new(
        swerr::SSL_CREATE_CONTEXT_FAILED,
        format!("{what} failed: {e}"),
    )
}

/// A path OpenSSL may be handed (its C API cannot take a NUL).
pub(super) fn path(p: &str) -> Result<&Path, TlsError> {
    if p.contains('\0') {
        return Err(TlsError::new(
            swerr::SSL_CREATE_CONTEXT_FAILED,
            format!("invalid path {p:?}"),
        ));
    }
    Ok(Path::new(p))
}

/// sendfile's stand-in where the kernel cannot encrypt: `len` bytes of
/// `file` from `offset`, read in 64 KiB chunks and given to `write` (which
/// writes all it is given, or says how much before it failed). The count
/// sent, and why it stopped; Ok with a short count: the file ended first.
pub fn send_file_chunks<E: From<std::io::Error>>(
    file: std::os::fd::RawFd,
    offset: u64,
    len: u64,
    mut write: impl FnMut(&[u8]) -> (usize, Result<(), E>),
) -> (u64, Result<(), E>) {
    let mut buf = vec![0u8; 64 * 1024];
    let mut sent = 0u64;
    while sent < len {
        let want = (len - sent).min(buf.len() as u64) as usize;
        let at = offset.saturating_add(sent) as libc::off_t;
        // SAFETY: pread into a buffer at least `want` long.
        let n = match unsafe { crate::syscall!(pread(file, buf.as_mut_ptr().cast(), want, at)) } {
            Ok(0) => break,
            Ok(n) => n as usize,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return (sent, Err(e.into())),
        };
        match write(&buf[..n]) {
            (k, Ok(())) => sent += k as u64,
            (k, Err(e)) => return (sent + k as u64, Err(e)),
        }
    }
    (sent, Ok(()))
}
