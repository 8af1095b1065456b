//! `Socket`'s TLS: starting a session (handshake, or attached for the first
//! read or write to run it), the non-blocking step loop every TLS read and
//! write goes through, post-handshake verification, the peer's certificate,
//! close_notify, and sendfile over TLS. The session itself is `tls`'s.

use std::os::fd::RawFd;

use super::tls::{Step, StepError, TlsContext, TlsSession};
use super::{Deadline, NetError, Reactor, Socket};
use crate::rt::driver::io::Dir;

impl Socket {
    /// Starts TLS on this connected stream (`ctx`'s side; `sni`: the name
    /// to send when the context names none) and runs the handshake until
    /// done, failed, or `deadline`.
    pub fn tls_handshake(
        &self,
        r: &impl Reactor,
        ctx: &TlsContext,
        sni: Option<&str>,
        deadline: Deadline,
    ) -> Result<(), NetError> {
        if self.tls.borrow().is_none() {
            let s = TlsSession::new(ctx, self.fd(), sni).map_err(NetError::Tls)?;
            *self.tls.borrow_mut() = Some(Box::new(s));
        }
        self.tls_step(r, deadline, |t| t.handshake())
    }

    /// Attaches a TLS session for `ctx` without running the handshake: the
    /// first read or write runs it (Swoole's accepted SSL connections).
    pub fn tls_attach(&self, ctx: &TlsContext) -> Result<(), NetError> {
        if self.tls.borrow().is_none() {
            let s = TlsSession::new(ctx, self.fd(), None).map_err(NetError::Tls)?;
            *self.tls.borrow_mut() = Some(Box::new(s));
        }
        Ok(())
    }

    /// Whether reads and writes go through TLS.
    pub fn is_tls(&self) -> bool {
        self.tls.borrow().is_some()
    }

    /// Whether the TLS handshake has completed.
    pub fn tls_ready(&self) -> bool {
        self.tls.borrow().as_ref().is_some_and(|t| t.is_ready())
    }

    /// Runs `f` on the TLS session, what it needs, until it is done.
    pub(super) fn tls_step<T>(
        &self,
        r: &impl Reactor,
        deadline: Deadline,
        mut f: impl FnMut(&mut TlsSession) -> Result<Step<T>, StepError>,
    ) -> Result<T, NetError> {
        loop {
            let step = {
                let mut g = self.tls.borrow_mut();
                let t = g.as_mut().ok_or(NetError::Closed)?;
                f(t)
            };
            match step {
                Ok(Step::Done(v)) => return Ok(v),
                Ok(Step::WantRead) => r.wait(self.fd(), Dir::Read, deadline)?,
                Ok(Step::WantWrite) => r.wait(self.fd(), Dir::Write, deadline)?,
                Err(StepError::Io(e)) => return Err(NetError::Io(e)),
                Err(StepError::Tls(e)) => return Err(NetError::Tls(e)),
            }
        }
    }

    /// Swoole's post-handshake check of the peer (`ssl_verify_peer`).
    pub fn tls_verify(&self, allow_self_signed: bool) -> Result<(), NetError> {
        match self.tls.borrow().as_ref() {
            Some(t) => t.verify(allow_self_signed).map_err(NetError::Tls),
            None => Err(NetError::Tls(super::tls::TlsError::new(
                crate::swerr::SSL_NOT_READY,
                "SSL not ready",
            ))),
        }
    }

    /// Whether the handshake asked for the peer to be verified.
    pub fn tls_wants_verify(&self) -> bool {
        self.tls.borrow().as_ref().is_some_and(|t| t.wants_verify())
    }

    /// The peer's certificate (PEM), once TLS is up.
    pub fn tls_peer_cert(&self) -> Option<Vec<u8>> {
        self.tls.borrow().as_ref()?.peer_cert_pem()
    }

    /// The ALPN protocol agreed on.
    pub fn tls_alpn(&self) -> Option<Vec<u8>> {
        self.tls.borrow().as_ref()?.alpn()
    }

    /// Sends TLS close_notify if it fits without waiting.
    pub fn tls_close_notify(&self) {
        if let Some(t) = self.tls.borrow_mut().as_mut() {
            t.close_notify();
        }
    }

    /// sendfile over TLS: the file read here and written as records.
    pub(super) fn tls_send_file(
        &self,
        r: &impl Reactor,
        file: RawFd,
        offset: u64,
        len: u64,
        deadline: Deadline,
    ) -> (u64, Result<(), NetError>) {
        super::tls::send_file_chunks(file, offset, len, |b| self.write_all(r, b, deadline))
    }
}
