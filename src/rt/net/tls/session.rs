//! One socket's TLS session: the non-blocking bridge to its fd (`FdIo`),
//! each handshake/read/write as one `Step`, Swoole's post-handshake checks
//! (chain, self-signed, host name) and close_notify.

use std::io::{self, Read, Write};
use std::os::fd::RawFd;

use openssl::ssl::{ErrorCode, Ssl, SslStream};
use openssl::x509::X509VerifyResult;

use super::{TlsContext, TlsError};
use crate::swerr;

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
        let mut e = TlsError::new(
            swerr::SSL_VERIFY_FAILED,
            format!(
                "can not verify peer with error#{}: {}",
                r.as_raw(),
                r.error_string()
            ),
        );
        e.reason = (r.as_raw(), r.error_string().to_owned());
        Err(e)
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
