//! TLS on hooked streams: the `ssl`, `tls` and `tlsv1.x` transports, and
//! `stream_socket_enable_crypto()` on a hooked tcp stream. The handshake,
//! reads and writes still run ext/openssl's own code, in its non-blocking mode;
//! whenever OpenSSL would block, the coroutine waits in the reactor in the
//! direction OpenSSL asks for (`SSL_want`), within the stream's timeouts.
//! An `ssl://` connect and accept do the handshake that ext/openssl would do
//! inside them (with a blocking `poll()`), but this way.
//!
//! ext/openssl keeps its per-stream state private: `sys::stream::SslStream`
//! mirrors the head of PHP 8.2's `php_openssl_netstream_data_t` and is only
//! read for streams whose ops table is ext/openssl's (label `tcp_socket/ssl`).

use std::ffi::CStr;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ext_php_rs::ffi::{php_stream, php_stream_ops, timeval};

use super::super::error::{warn_docref, E_WARNING};
use super::super::sys::stream::{
    php_stream_xport_crypto_enable, php_stream_xport_crypto_setup, CryptoParam, SslStream,
};
use super::stream::{in_coroutine, is_live, net, orig_ops, timeout_of, wait};
use crate::rt::driver::io::Dir;

const CRYPTO_OP_ENABLE: c_int = 1;
/// `STREAM_CRYPTO_IS_CLIENT`.
const CRYPTO_IS_CLIENT: c_int = 1;
/// `PHP_STREAM_FREE_CLOSE`.
const FREE_CLOSE: c_int = 3;
/// `SSL_want()` results.
const SSL_WRITING: c_int = 2;
const SSL_READING: c_int = 3;

fn is_openssl(ops: &php_stream_ops) -> bool {
    // SAFETY: a stream ops label is a static NUL-terminated string.
    !ops.label.is_null() && unsafe { CStr::from_ptr(ops.label) } == c"tcp_socket/ssl"
}

/// ext/openssl's data of a wrapped stream, when it is one of its streams.
///
/// # Safety
/// `s` must be a live wrapped stream.
pub(super) unsafe fn ssl_of(s: *mut php_stream) -> Option<*mut SslStream> {
    // SAFETY: forwarded; ext/openssl streams keep their data behind `abstract`.
    unsafe { is_openssl(orig_ops(s)).then(|| (*s).abstract_ as *mut SslStream) }
}

/// `SSL_want`, looked up once in the process (libssl is loaded with
/// ext/openssl); 1 when it is not there.
fn ssl_want(ssl: *mut c_void) -> c_int {
    static FN: AtomicUsize = AtomicUsize::new(0);
    let mut f = FN.load(Ordering::Relaxed);
    if f == 0 {
        // SAFETY: dlsym on the global namespace with a NUL-terminated name.
        let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"SSL_want".as_ptr()) };
        f = if p.is_null() { 1 } else { p as usize };
        FN.store(f, Ordering::Relaxed);
    }
    if f == 1 {
        return 1;
    }
    // SAFETY: f is libssl's `int SSL_want(const SSL *)`; ssl is a live SSL.
    unsafe {
        let want: unsafe extern "C" fn(*mut c_void) -> c_int = std::mem::transmute(f);
        want(ssl)
    }
}

/// Which way a wrapped stream waits after an operation that would block:
/// OpenSSL may need to write while reading (and the reverse).
///
/// # Safety
/// `s` must be a live wrapped stream.
pub(super) unsafe fn io_dir(s: *mut php_stream, default: Dir) -> Dir {
    // SAFETY: forwarded; ssl is live while ssl_active is set.
    unsafe {
        match ssl_of(s) {
            Some(t) if (*t).ssl_active != 0 && !(*t).ssl.is_null() => match ssl_want((*t).ssl) {
                SSL_WRITING => Dir::Write,
                SSL_READING => Dir::Read,
                _ => default,
            },
            _ => default,
        }
    }
}

/// PHP's handshake timeout: none when zero or negative.
fn handshake_timeout(tv: &timeval) -> Option<Duration> {
    if tv.tv_sec > 0 || (tv.tv_sec == 0 && tv.tv_usec > 0) {
        timeout_of(tv)
    } else {
        None
    }
}

/// `PHP_STREAM_OPTION_CRYPTO_API` on a wrapped stream. Enabling crypto on a
/// blocking stream inside a coroutine runs the handshake step by step,
/// waiting in the reactor; everything else goes to ext/openssl as it is.
///
/// # Safety
/// `stream` must be a live wrapped stream and `ptr` the engine's crypto
/// parameter block; `set` delegates the call to the original ops.
pub(super) unsafe fn crypto_api(
    stream: *mut php_stream,
    ptr: *mut c_void,
    set: impl Fn(*mut php_stream) -> c_int,
) -> c_int {
    // SAFETY: forwarded from the engine's set_option call.
    unsafe {
        let cp = ptr as *mut CryptoParam;
        let sock = net(stream);
        let plain = !in_coroutine()
            || cp.is_null()
            || sock.is_null()
            || (*sock).socket < 0
            || (*sock).is_blocked == 0
            || (*cp).op != CRYPTO_OP_ENABLE
            || (*cp).activate == 0;
        let Some(t) = ssl_of(stream).filter(|_| !plain) else {
            return set(stream);
        };
        let timeout = if (*t).is_client != 0 {
            handshake_timeout(&(*t).connect_timeout)
        } else {
            handshake_timeout(&(*t).s.timeout)
        };
        let deadline = timeout.map(|d| Instant::now() + d);
        loop {
            // Non-blocking for ext/openssl: one handshake step, 0 when it
            // would block.
            (*sock).is_blocked = 0;
            let r = set(stream);
            (*sock).is_blocked = 1;
            if r != 0 || (*cp).returncode != 0 {
                return r;
            }
            let dir = if ssl_want((*t).ssl) == SSL_WRITING {
                Dir::Write
            } else {
                Dir::Read
            };
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let ready = wait((*sock).socket, dir, left);
            if !is_live(stream) {
                return -1;
            }
            match ready {
                Ok(true) => {}
                Ok(false) => {
                    warn_docref(E_WARNING, "SSL: Handshake timed out");
                    (*cp).returncode = -1;
                    return 0;
                }
                Err(()) => {
                    (*cp).returncode = -1;
                    return 0;
                }
            }
        }
    }
}

/// After our connect of an `ssl://` (`tls://`…) stream: the handshake
/// ext/openssl's connect would have done. False when it failed (warned).
///
/// # Safety
/// `stream` must be a live wrapped stream, connected.
pub(super) unsafe fn after_connect(stream: *mut php_stream) -> bool {
    // SAFETY: forwarded; the crypto calls go through the stream's (our) ops.
    unsafe {
        let Some(t) = ssl_of(stream) else { return true };
        if (*t).enable_on_connect == 0 {
            return true;
        }
        if php_stream_xport_crypto_setup(stream, (*t).method, std::ptr::null_mut()) < 0
            || php_stream_xport_crypto_enable(stream, 1) < 0
        {
            warn_docref(E_WARNING, "Failed to enable crypto");
            return false;
        }
        true
    }
}

/// Before accepting on a listener: a TLS listener's accept would run the
/// handshake inside, blocking; it is turned off for the accept and done
/// afterwards by `after_accept`. Returns the listener's data to pass on.
///
/// # Safety
/// `listener` must be a live wrapped stream.
pub(super) unsafe fn before_accept(listener: *mut php_stream) -> Option<*mut SslStream> {
    // SAFETY: forwarded.
    unsafe {
        let t = ssl_of(listener).filter(|t| (**t).enable_on_connect != 0)?;
        (*t).enable_on_connect = 0;
        Some(t)
    }
}

/// After the accept: restores the listener and runs the server handshake on
/// the (wrapped) client. False when it failed: the client is closed (warned).
///
/// # Safety
/// `listener` as given to `before_accept`; `client` null or a live wrapped
/// stream it accepted.
pub(super) unsafe fn after_accept(listener: *mut SslStream, client: *mut php_stream) -> bool {
    // SAFETY: forwarded; the crypto calls go through the client's (our) ops.
    unsafe {
        (*listener).enable_on_connect = 1;
        if client.is_null() {
            return true;
        }
        let Some(c) = ssl_of(client) else { return true };
        // As ext/openssl: the accepted side is the server.
        (*listener).method &= !CRYPTO_IS_CLIENT;
        (*c).method = (*listener).method;
        if php_stream_xport_crypto_setup(client, (*c).method, std::ptr::null_mut()) < 0
            || php_stream_xport_crypto_enable(client, 1) < 0
        {
            warn_docref(E_WARNING, "Failed to enable crypto");
            ext_php_rs::ffi::_php_stream_free(client, FREE_CLOSE);
            return false;
        }
        true
    }
}
