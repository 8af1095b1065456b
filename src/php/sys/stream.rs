//! Streams: `php_netstream_data_t` (main/php_network.h), the head of
//! ext/openssl's private `php_openssl_netstream_data_t` (ext/openssl/xp_ssl.c),
//! `php_stream_xport_crypto_param` (main/streams/php_stream_transport.h), and
//! the stream functions ext-php-rs does not bind.
//!
//! Invariant: each struct matches PHP 8.2 (checked by `layout!`).

use std::os::raw::{c_char, c_int, c_void};

use ext_php_rs::ffi::{php_stream, timeval};

/// PHP 8.2's `php_netstream_data_t`: the data behind `abstract` of every
/// socket stream.
#[repr(C)]
pub struct NetStream {
    /// The fd (-1 before connect/bind).
    pub socket: c_int,
    /// The user's blocking mode.
    pub is_blocked: c_char,
    /// Read timeout; `tv_sec == -1` means none.
    pub timeout: timeval,
    /// Set when the last read timed out (`stream_get_meta_data()['timed_out']`).
    pub timeout_event: c_char,
    /// Bytes to free with the stream.
    pub ownsize: usize,
}

layout!(
    NetStream,
    size = 40,
    socket = 0,
    is_blocked = 4,
    timeout = 8,
    timeout_event = 24,
    ownsize = 32
);

/// The head of ext/openssl's `php_openssl_netstream_data_t` (unchanged in
/// that part since PHP 7); only read for streams whose ops table is
/// ext/openssl's (label `tcp_socket/ssl`).
#[repr(C)]
pub struct SslStream {
    /// The plain socket part (ext/openssl's struct starts with it).
    pub s: NetStream,
    /// `SSL *`, null until crypto is set up.
    pub ssl: *mut c_void,
    /// `SSL_CTX *`.
    pub ctx: *mut c_void,
    /// Handshake timeout of a client.
    pub connect_timeout: timeval,
    /// `ssl://`, `tls://`…: the handshake follows connect/accept.
    pub enable_on_connect: c_int,
    /// Client side of the handshake.
    pub is_client: c_int,
    /// The handshake is done.
    pub ssl_active: c_int,
    /// `STREAM_CRYPTO_METHOD_*`.
    pub method: c_int,
}

// Size = offsetof(php_openssl_netstream_data_t, reneg), the first field not copied.
layout!(
    SslStream,
    size = 88,
    s = 0,
    ssl = 40,
    ctx = 48,
    connect_timeout = 56,
    enable_on_connect = 72,
    is_client = 76,
    ssl_active = 80,
    method = 84,
);

/// `php_stream_xport_crypto_param`, its `inputs` and `outputs` structs
/// flattened.
#[repr(C)]
pub struct CryptoParam {
    /// inputs.session
    pub session: *mut php_stream,
    /// inputs.activate
    pub activate: c_int,
    /// inputs.method
    pub method: c_int,
    /// outputs.returncode: 1 done, 0 would block, -1 failed.
    pub returncode: c_int,
    /// 0 setup, 1 enable.
    pub op: c_int,
}

layout!(
    CryptoParam,
    size = 24,
    session = 0,
    activate = 8,
    method = 12,
    returncode = 16,
    op = 20
);

unsafe extern "C" {
    /// `int php_stream_xport_crypto_setup(php_stream *stream,
    /// php_stream_xport_crypt_method_t crypto_method, php_stream *session_stream)`.
    pub fn php_stream_xport_crypto_setup(
        stream: *mut php_stream,
        method: c_int,
        session: *mut php_stream,
    ) -> c_int;
    /// `int php_stream_xport_crypto_enable(php_stream *stream, int activate)`.
    pub fn php_stream_xport_crypto_enable(stream: *mut php_stream, activate: c_int) -> c_int;
    /// `int _php_stream_cast(php_stream *stream, int castas, void **ret, int show_err)`.
    pub fn _php_stream_cast(
        stream: *mut php_stream,
        castas: c_int,
        ret: *mut *mut c_void,
        show_err: c_int,
    ) -> c_int;
    /// `int php_file_le_pstream(void)`.
    pub fn php_file_le_pstream() -> c_int;
}

/// The head of main/streams/plain_wrapper.c's private `php_stdio_stream_data`
/// (the `abstract` of a plain-file stream): a `FILE *` (set once the stream
/// was cast to stdio), then the fd (-1 then). Only these two are read.
#[repr(C)]
pub struct StdioStreamHead {
    /// `FILE *file`.
    pub file: *mut std::os::raw::c_void,
    /// `int fd`.
    pub fd: std::os::raw::c_int,
}

layout!(StdioStreamHead, size = 16, file = 0, fd = 8);
