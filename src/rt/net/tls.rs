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

use std::fmt;
use std::io::{self, Read, Write};
use std::os::fd::RawFd;
use std::path::Path;

use openssl::pkey::PKey;
use openssl::ssl::{
    ErrorCode, Ssl, SslContext, SslFiletype, SslMethod, SslMode, SslOptions, SslStream,
    SslVerifyMode,
};
use openssl::x509::X509VerifyResult;

use crate::swerr;

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

fn ctx_err(what: &str, e: impl fmt::Display) -> TlsError {
    TlsError::new(
        swerr::SSL_CREATE_CONTEXT_FAILED,
        format!("{what} failed: {e}"),
    )
}

/// A path OpenSSL may be handed (its C API cannot take a NUL).
fn path(p: &str) -> Result<&Path, TlsError> {
    if p.contains('\0') {
        return Err(TlsError::new(
            swerr::SSL_CREATE_CONTEXT_FAILED,
            format!("invalid path {p:?}"),
        ));
    }
    Ok(Path::new(p))
}

/// An OpenSSL context built from a `TlsConfig`, for one side.
pub struct TlsContext {
    ctx: SslContext,
    server: bool,
    host_name: Option<String>,
    verify_peer: bool,
}

impl fmt::Debug for TlsContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsContext")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

impl TlsContext {
    /// Builds the context as Swoole's `SSLContext::create` does: the
    /// protocols of `ssl_protocols` only, the certificate and key, CA
    /// locations when peers are verified, ciphers and curves.
    pub fn new(cfg: &TlsConfig, server: bool) -> Result<TlsContext, TlsError> {
        if cfg.protocols & proto::DTLS != 0 {
            return Err(TlsError::new(
                swerr::SSL_CREATE_CONTEXT_FAILED,
                "DTLS is not supported",
            ));
        }
        let mut b =
            SslContext::builder(SslMethod::tls()).map_err(|e| ctx_err("SSL_CTX_new()", e))?;
        let protocols = if cfg.protocols == 0 {
            proto::ALL
        } else {
            cfg.protocols
        };
        // OpenSSL 3 refuses TLS < 1.2 at its default security level; a
        // user who asks for them gets them, as with Swoole on an older
        // OpenSSL.
        if protocols & (proto::TLSV1 | proto::TLSV1_1) != 0 {
            b.set_security_level(0);
            let _ = b.set_min_proto_version(Some(openssl::ssl::SslVersion::TLS1));
        }
        let mut opts = SslOptions::ALL | SslOptions::IGNORE_UNEXPECTED_EOF;
        for (bit, no) in [
            (proto::SSLV3, SslOptions::NO_SSLV3),
            (proto::TLSV1, SslOptions::NO_TLSV1),
            (proto::TLSV1_1, SslOptions::NO_TLSV1_1),
            (proto::TLSV1_2, SslOptions::NO_TLSV1_2),
            (proto::TLSV1_3, SslOptions::NO_TLSV1_3),
        ] {
            if protocols & bit == 0 {
                opts |= no;
            }
        }
        if cfg.disable_compression {
            opts |= SslOptions::NO_COMPRESSION;
        }
        if cfg.prefer_server_ciphers {
            opts |= SslOptions::CIPHER_SERVER_PREFERENCE;
        }
        b.set_options(opts);
        b.set_mode(SslMode::ENABLE_PARTIAL_WRITE | SslMode::ACCEPT_MOVING_WRITE_BUFFER);
        // As Swoole: fewer recv calls, and a refused handshake leaves no
        // unread bytes (so closing it sends FIN, not RST).
        b.set_read_ahead(true);
        if let Some(cert) = &cfg.cert_file {
            b.set_certificate_chain_file(path(cert)?)
                .map_err(|e| ctx_err(&format!("SSL_CTX_use_certificate_chain_file({cert})"), e))?;
        }
        if let Some(key) = &cfg.key_file {
            match &cfg.passphrase {
                Some(pass) => {
                    let pem = std::fs::read(path(key)?)
                        .map_err(|e| ctx_err(&format!("reading {key}"), e))?;
                    let k = PKey::private_key_from_pem_passphrase(&pem, pass.as_bytes())
                        .map_err(|e| ctx_err(&format!("SSL_CTX_use_PrivateKey_file({key})"), e))?;
                    b.set_private_key(&k)
                        .map_err(|e| ctx_err(&format!("SSL_CTX_use_PrivateKey_file({key})"), e))?;
                }
                None => b
                    .set_private_key_file(path(key)?, SslFiletype::PEM)
                    .map_err(|e| ctx_err(&format!("SSL_CTX_use_PrivateKey_file({key})"), e))?,
            }
            b.check_private_key()
                .map_err(|e| ctx_err("SSL_CTX_check_private_key()", e))?;
        }
        if cfg.verify_peer || cfg.cafile.is_some() || cfg.capath.is_some() {
            // As Swoole: the handshake itself never fails on the chain
            // (mode stays VERIFY_NONE); `verify` checks the result after.
            match (&cfg.cafile, &cfg.capath) {
                (None, None) => b
                    .set_default_verify_paths()
                    .map_err(|e| ctx_err("SSL_CTX_set_default_verify_paths()", e))?,
                (f, p) => {
                    let f = f.as_deref().map(path).transpose()?;
                    let p = p.as_deref().map(path).transpose()?;
                    b.load_verify_locations(f, p)
                        .map_err(|e| ctx_err("SSL_CTX_load_verify_locations()", e))?
                }
            }
            if cfg.verify_depth > 0 {
                b.set_verify_depth(u32::from(cfg.verify_depth));
            }
        }
        if let Some(ca) = &cfg.client_cert_file {
            let depth = u32::from(cfg.verify_depth.max(1));
            b.load_verify_locations(Some(path(ca)?), None)
                .map_err(|e| ctx_err(&format!("SSL_CTX_load_verify_locations({ca})"), e))?;
            // Swoole asks for a client certificate and lets the handshake
            // through; the application reads the result.
            b.set_verify_callback(SslVerifyMode::PEER, |_, _| true);
            b.set_verify_depth(depth);
        }
        if let Some(c) = &cfg.ciphers {
            if c.contains('\0') {
                return Err(ctx_err("SSL_CTX_set_cipher_list()", "NUL in the list"));
            }
            b.set_cipher_list(c)
                .map_err(|e| ctx_err(&format!("SSL_CTX_set_cipher_list(\"{c}\")"), e))?;
        }
        if let Some(curve) = &cfg.ecdh_curve {
            if !curve.contains('\0') && curve != "auto" {
                b.set_groups_list(curve)
                    .map_err(|e| ctx_err(&format!("SSL_CTX_set1_curves_list({curve})"), e))?;
            }
        }
        if let Some(dh) = &cfg.dhparam {
            let pem = std::fs::read(path(dh)?).map_err(|e| ctx_err(&format!("reading {dh}"), e))?;
            let p = openssl::dh::Dh::params_from_pem(&pem)
                .map_err(|e| ctx_err(&format!("PEM_read_bio_DHparams({dh})"), e))?;
            b.set_tmp_dh(&p)
                .map_err(|e| ctx_err("SSL_CTX_set_tmp_dh()", e))?;
        }
        if !cfg.alpn.is_empty() {
            if server {
                let offer = cfg.alpn.clone();
                b.set_alpn_select_callback(move |_, client| {
                    alpn_pick(&offer, client).ok_or(openssl::ssl::AlpnError::NOACK)
                });
            } else {
                b.set_alpn_protos(&cfg.alpn)
                    .map_err(|e| ctx_err("SSL_CTX_set_alpn_protos()", e))?;
            }
        }
        Ok(TlsContext {
            ctx: b.build(),
            server,
            host_name: cfg.host_name.clone().filter(|h| !h.is_empty()),
            verify_peer: cfg.verify_peer,
        })
    }

    /// Whether this context accepts (server side).
    pub fn is_server(&self) -> bool {
        self.server
    }

    /// Whether the peer's certificate is checked after the handshake.
    pub fn verify_peer(&self) -> bool {
        self.verify_peer
    }
}

/// The length-prefixed names of an ALPN list (a truncated tail is dropped).
fn alpn_names(list: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = list;
    std::iter::from_fn(move || {
        let (&n, tail) = rest.split_first()?;
        let name = tail.get(..usize::from(n))?;
        rest = &tail[usize::from(n)..];
        Some(name)
    })
}

/// The server's first preference the client also offers, as a slice of
/// the client's list (what OpenSSL wants back).
pub fn alpn_pick<'c>(offer: &[u8], client: &'c [u8]) -> Option<&'c [u8]> {
    alpn_names(offer).find_map(|want| alpn_names(client).find(|c| *c == want))
}

/// recv/send on a non-blocking fd, EAGAIN reported as WouldBlock (OpenSSL
/// then asks for readiness instead of failing).
#[derive(Debug)]
struct FdIo(RawFd);

impl Read for FdIo {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            // SAFETY: recv into a buffer of its own length.
            match unsafe {
                crate::syscall!(recv(
                    self.0,
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    libc::MSG_DONTWAIT
                ))
            } {
                Ok(n) => return Ok(n as usize),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

impl Write for FdIo {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        loop {
            let flags = libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL;
            // SAFETY: send from a slice of its own length; no SIGPIPE.
            match unsafe { crate::syscall!(send(self.0, data.as_ptr().cast(), data.len(), flags)) }
            {
                Ok(n) => return Ok(n as usize),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What one non-blocking TLS step needs before it can go on.
#[derive(Debug)]
pub enum Step<T> {
    /// Done.
    Done(T),
    /// Wait until the fd is readable, then retry.
    WantRead,
    /// Wait until the fd is writable, then retry.
    WantWrite,
}

/// A failed TLS step: a socket error (errno) or a TLS one.
#[derive(Debug)]
pub enum StepError {
    /// The connection failed underneath (ECONNRESET, EPIPE, …).
    Io(io::Error),
    /// The TLS layer failed.
    Tls(TlsError),
}

/// One socket's TLS session, from before its handshake to its close.
#[derive(Debug)]
pub struct TlsSession {
    s: SslStream<FdIo>,
    handshaken: bool,
    host_name: Option<String>,
    verify_peer: bool,
    server: bool,
}

/// OpenSSL's error as Swoole logs it: `error:0A00010B:SSL routines::wrong
/// version number[1|267]` (ERR_error_string, then the SSL_get_error code
/// and the reason code).
fn describe(e: &openssl::ssl::Error) -> String {
    let kind = e.code().as_raw();
    match e.ssl_error().and_then(|s| s.errors().first()) {
        Some(x) => format!(
            "error:{:08X}:{}::{}[{kind}|{}]",
            x.code(),
            x.library().unwrap_or("unknown library"),
            x.reason().unwrap_or("unknown reason"),
            x.reason_code()
        ),
        None => format!("{e}[{kind}|0]"),
    }
}

fn step<T>(r: Result<T, openssl::ssl::Error>, fail_code: i64) -> Result<Step<T>, StepError> {
    match r {
        Ok(v) => Ok(Step::Done(v)),
        Err(e) => match e.code() {
            ErrorCode::WANT_READ => Ok(Step::WantRead),
            ErrorCode::WANT_WRITE => Ok(Step::WantWrite),
            ErrorCode::SYSCALL => match e.into_io_error() {
                Ok(io) if io.kind() == io::ErrorKind::WouldBlock => Ok(Step::WantRead),
                Ok(io) => Err(StepError::Io(io)),
                // EOF in the middle of a record or handshake.
                Err(_) => Err(StepError::Io(io::Error::from_raw_os_error(
                    libc::ECONNRESET,
                ))),
            },
            _ => {
                let mut t = TlsError::new(fail_code, describe(&e));
                if let Some(x) = e.ssl_error().and_then(|s| s.errors().first()) {
                    t.reason = (x.reason_code(), x.reason().unwrap_or("").to_owned());
                }
                Err(StepError::Tls(t))
            }
        },
    }
}

/// RFC 6125 name matching as Swoole's fallback does it: case-insensitive,
/// a `*` only as the whole leftmost label.
fn name_matches(pattern: &str, host: &str) -> bool {
    if let Some(rest) = pattern.strip_prefix("*.") {
        return match host.split_once('.') {
            Some((first, tail)) => !first.is_empty() && tail.eq_ignore_ascii_case(rest),
            None => false,
        };
    }
    pattern.eq_ignore_ascii_case(host)
}

/// Whether `cert` is for `host`: its subjectAltName DNS names (or IP
/// addresses) when it has any, else its subject's common names.
fn cert_matches_host(cert: &openssl::x509::X509Ref, host: &str) -> bool {
    let ip = host.parse::<std::net::IpAddr>().ok();
    if let Some(names) = cert.subject_alt_names() {
        return names
            .iter()
            .any(|n| match (n.dnsname(), n.ipaddress(), ip) {
                (Some(d), _, None) => name_matches(d, host),
                (_, Some(b), Some(std::net::IpAddr::V4(v4))) => b == v4.octets(),
                (_, Some(b), Some(std::net::IpAddr::V6(v6))) => b == v6.octets(),
                _ => false,
            });
    }
    cert.subject_name()
        .entries_by_nid(openssl::nid::Nid::COMMONNAME)
        .filter_map(|e| e.data().to_string().ok())
        .any(|cn| name_matches(&cn, host))
}

/// The message of a failed host check (callers log it as a warning).
pub const HOST_MISMATCH: &str = "X509_check_host(): no match";

impl TlsSession {
    /// A session on `fd` for `ctx`'s side; `sni` is the name sent when the
    /// config set none (the host connected to).
    pub fn new(ctx: &TlsContext, fd: RawFd, sni: Option<&str>) -> Result<TlsSession, TlsError> {
        let fail = |e: openssl::error::ErrorStack| {
            TlsError::new(swerr::SSL_CREATE_SESSION_FAILED, e.to_string())
        };
        let mut ssl = Ssl::new(&ctx.ctx).map_err(fail)?;
        if ctx.server {
            ssl.set_accept_state();
        } else {
            ssl.set_connect_state();
            let name = ctx.host_name.as_deref().or(sni);
            // SNI carries names, not addresses (RFC 6066).
            if let Some(n) =
                name.filter(|n| n.parse::<std::net::IpAddr>().is_err() && !n.contains('\0'))
            {
                ssl.set_hostname(n).map_err(fail)?;
            }
        }
        let s = SslStream::new(ssl, FdIo(fd)).map_err(fail)?;
        Ok(TlsSession {
            s,
            handshaken: false,
            host_name: ctx.host_name.clone(),
            verify_peer: ctx.verify_peer,
            server: ctx.server,
        })
    }

    /// One handshake step.
    pub fn handshake(&mut self) -> Result<Step<()>, StepError> {
        let code = if self.server {
            swerr::SSL_BAD_CLIENT
        } else {
            swerr::SSL_HANDSHAKE_FAILED
        };
        let r = step(self.s.do_handshake(), code);
        if matches!(r, Ok(Step::Done(()))) {
            self.handshaken = true;
        }
        r
    }

    /// Whether the handshake is done (explicitly, or implicitly by a first
    /// read or write, as OpenSSL does for a session that was not started).
    pub fn is_ready(&self) -> bool {
        self.handshaken || self.s.ssl().is_init_finished()
    }

    /// Whether the peer is checked after the handshake (`ssl_verify_peer`).
    pub fn wants_verify(&self) -> bool {
        self.verify_peer
    }

    /// Swoole's `ssl_verify`: the chain's verification result is accepted
    /// (a self-signed leaf only with `allow_self_signed`), and the name
    /// matched when `ssl_host_name` was set.
    pub fn verify(&self, allow_self_signed: bool) -> Result<(), TlsError> {
        self.verify_chain(allow_self_signed)?;
        if let Some(h) = &self.host_name {
            let ok = self
                .s
                .ssl()
                .peer_certificate()
                .is_some_and(|c| cert_matches_host(&c, h));
            if !ok {
                return Err(TlsError::new(swerr::SSL_VERIFY_FAILED, HOST_MISMATCH));
            }
        }
        Ok(())
    }

    fn verify_chain(&self, allow_self_signed: bool) -> Result<(), TlsError> {
        let r = self.s.ssl().verify_result();
        if r == X509VerifyResult::OK {
            if self.s.ssl().peer_certificate().is_none() {
                return Err(TlsError::new(
                    swerr::SSL_VERIFY_FAILED,
                    "the peer sent no certificate",
                ));
            }
            return Ok(());
        }
        // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT.
        if r.as_raw() == 18 {
            if allow_self_signed {
                return Ok(());
            }
            return Err(TlsError::new(
                swerr::SSL_VERIFY_FAILED,
                "self signed certificate is not allowed",
            ));
        }
        Err(TlsError::new(
            swerr::SSL_VERIFY_FAILED,
            format!(
                "can not verify peer with error#{}: {}",
                r.as_raw(),
                r.error_string()
            ),
        ))
    }

    /// The peer's certificate, PEM.
    pub fn peer_cert_pem(&self) -> Option<Vec<u8>> {
        self.s.ssl().peer_certificate()?.to_pem().ok()
    }

    /// The protocol ALPN settled on.
    pub fn alpn(&self) -> Option<Vec<u8>> {
        self.s.ssl().selected_alpn_protocol().map(<[u8]>::to_vec)
    }

    /// One read step: Done(0) at the end of the stream.
    pub fn read(&mut self, buf: &mut [u8], peek: bool) -> Result<Step<usize>, StepError> {
        let r = if peek {
            self.s.ssl_peek(buf)
        } else {
            self.s.ssl_read(buf)
        };
        match r {
            Err(e) if e.code() == ErrorCode::ZERO_RETURN => Ok(Step::Done(0)),
            r => step(r, swerr::SSL_BAD_PROTOCOL),
        }
    }

    /// One write step: the count of `data` taken.
    pub fn write(&mut self, data: &[u8]) -> Result<Step<usize>, StepError> {
        if data.is_empty() {
            return Ok(Step::Done(0));
        }
        step(self.s.ssl_write(data), swerr::SSL_BAD_PROTOCOL)
    }

    /// Decrypted bytes buffered in the session (readable without waiting).
    pub fn pending(&self) -> usize {
        self.s.ssl().pending()
    }

    /// Sends close_notify if it can without waiting (a close never waits
    /// on the peer).
    pub fn close_notify(&mut self) {
        if self.is_ready() {
            let _ = self.s.shutdown();
        }
    }
}
