//! The OpenSSL context of a `TlsConfig`, for one side (Swoole's
//! `SSLContext::create`), and ALPN selection on the server side.

use std::fmt;

use openssl::pkey::PKey;
use openssl::ssl::{SslContext, SslFiletype, SslMethod, SslMode, SslOptions, SslVerifyMode};

use super::{ctx_err, path, proto, TlsConfig, TlsError};
use crate::swerr;

/// An OpenSSL context built from a `TlsConfig`, for one side.
pub struct TlsContext {
    pub(super) ctx: SslContext,
    pub(super) server: bool,
    pub(super) host_name: Option<String>,
    pub(super) verify_peer: bool,
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
