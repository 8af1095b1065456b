//! Swoole's error codes: the `SWOOLE_ERROR_*` values and the texts
//! `swoole_strerror()` gives for them (Swoole 6.2.2, `include/swoole_error.h`).
//! PHP-free data; `php/errors.rs` exposes it.
#![forbid(unsafe_code)]

/// The first Swoole error code; below it, a code is an errno.
pub const BEGIN: i64 = 500;

/// `SWOOLE_ERROR_CO_HAS_BEEN_DISCARDED`.
pub const CO_HAS_BEEN_DISCARDED: i64 = 10003;
/// `SWOOLE_ERROR_CO_NOT_EXISTS`.
pub const CO_NOT_EXISTS: i64 = 10016;
/// `SWOOLE_ERROR_CO_CANNOT_CANCEL`.
pub const CO_CANNOT_CANCEL: i64 = 10015;
/// `SWOOLE_ERROR_CO_CANCELED`.
pub const CO_CANCELED: i64 = 10017;
/// `SWOOLE_ERROR_CO_TIMEDOUT`.
pub const CO_TIMEDOUT: i64 = 10018;
/// `SWOOLE_ERROR_CO_OUT_OF_COROUTINE`.
pub const CO_OUT_OF_COROUTINE: i64 = 10001;

/// `SWOOLE_ERROR_DNSLOOKUP_RESOLVE_FAILED`.
pub const DNSLOOKUP_RESOLVE_FAILED: i64 = 711;

/// `SWOOLE_ERROR_INVALID_PARAMS`.
pub const INVALID_PARAMS: i64 = 505;
/// `SWOOLE_ERROR_OPERATION_NOT_SUPPORT`.
pub const OPERATION_NOT_SUPPORT: i64 = 507;
/// `SWOOLE_ERROR_WRONG_OPERATION`.
pub const WRONG_OPERATION: i64 = 509;

/// `SWOOLE_ERROR_SSL_NOT_READY`.
pub const SSL_NOT_READY: i64 = 1011;
/// `SWOOLE_ERROR_SSL_EMPTY_PEER_CERTIFICATE`.
pub const SSL_EMPTY_PEER_CERTIFICATE: i64 = 1013;
/// `SWOOLE_ERROR_SSL_VERIFY_FAILED`.
pub const SSL_VERIFY_FAILED: i64 = 1014;
/// `SWOOLE_ERROR_SSL_BAD_CLIENT`.
pub const SSL_BAD_CLIENT: i64 = 1015;
/// `SWOOLE_ERROR_SSL_BAD_PROTOCOL`.
pub const SSL_BAD_PROTOCOL: i64 = 1016;
/// `SWOOLE_ERROR_SSL_HANDSHAKE_FAILED`.
pub const SSL_HANDSHAKE_FAILED: i64 = 1018;
/// `SWOOLE_ERROR_SSL_CREATE_CONTEXT_FAILED`.
pub const SSL_CREATE_CONTEXT_FAILED: i64 = 1019;
/// `SWOOLE_ERROR_SSL_CREATE_SESSION_FAILED`.
pub const SSL_CREATE_SESSION_FAILED: i64 = 1020;

/// `SWOOLE_ERROR_HTTP_CONTEXT_UNAVAILABLE`.
pub const HTTP_CONTEXT_UNAVAILABLE: i64 = 7106;
/// `SW_ERROR_WEBSOCKET_UNCONNECTED`.
pub const WEBSOCKET_UNCONNECTED: i64 = 8503;
/// `SWOOLE_ERROR_PROTOCOL_ERROR`.
pub const PROTOCOL_ERROR: i64 = 508;
/// `SWOOLE_ERROR_CLIENT_NO_CONNECTION`.
pub const CLIENT_NO_CONNECTION: i64 = 5001;
/// `SWOOLE_ERROR_HTTP_INVALID_PROTOCOL`.
pub const HTTP_INVALID_PROTOCOL: i64 = 7102;
/// `SWOOLE_ERROR_WEBSOCKET_HANDSHAKE_FAILED`.
pub const WEBSOCKET_HANDSHAKE_FAILED: i64 = 8504;
/// `SWOOLE_ERROR_WEBSOCKET_PACK_FAILED`.
pub const WEBSOCKET_PACK_FAILED: i64 = 8505;
/// `SWOOLE_ERROR_NO_PAYLOAD`.
pub const NO_PAYLOAD: i64 = 550;
/// `SWOOLE_ERROR_SESSION_NOT_EXIST`.
pub const SESSION_NOT_EXIST: i64 = 1005;
/// `SWOOLE_ERROR_OUTPUT_BUFFER_OVERFLOW`.
pub const OUTPUT_BUFFER_OVERFLOW: i64 = 1009;
/// `SWOOLE_ERROR_PACKAGE_LENGTH_TOO_LARGE`.
pub const PACKAGE_LENGTH_TOO_LARGE: i64 = 1201;
/// `SWOOLE_ERROR_PACKAGE_MALFORMED_DATA`.
pub const PACKAGE_MALFORMED_DATA: i64 = 1204;

/// (name without `SWOOLE_ERROR_`, value, message), in Swoole's order.
pub const CODES: &[(&str, i64, &str)] = &[
    ("MALLOC_FAIL", 501, "Malloc fail"),
    ("SYSTEM_CALL_FAIL", 502, "System call fail"),
    ("PHP_FATAL_ERROR", 503, "PHP fatal error"),
    ("NAME_TOO_LONG", 504, "Name too long"),
    ("INVALID_PARAMS", 505, "Invalid params"),
    ("QUEUE_FULL", 506, "Queue full"),
    ("OPERATION_NOT_SUPPORT", 507, "Operation not support"),
    ("PROTOCOL_ERROR", 508, "Protocol error"),
    ("WRONG_OPERATION", 509, "Wrong operation"),
    ("PHP_RUNTIME_NOTICE", 510, "PHP runtime notice"),
    ("FOR_TEST", 511, "For test"),
    ("NO_PAYLOAD", 550, "No payload"),
    ("UNDEFINED_BEHAVIOR", 600, "Undefined behavior"),
    ("NOT_THREAD_SAFETY", 601, "Not thread safety"),
    ("FILE_NOT_EXIST", 700, "File not exist"),
    ("FILE_TOO_LARGE", 701, "File too large"),
    ("FILE_EMPTY", 702, "File empty"),
    ("DIR_NOT_EXIST", 703, "Dir not exist"),
    (
        "DNSLOOKUP_DUPLICATE_REQUEST",
        710,
        "DNS Lookup duplicate request",
    ),
    ("DNSLOOKUP_RESOLVE_FAILED", 711, "DNS Lookup resolve failed"),
    (
        "DNSLOOKUP_RESOLVE_TIMEOUT",
        712,
        "DNS Lookup resolve timeout",
    ),
    ("DNSLOOKUP_UNSUPPORTED", 713, "DNS Lookup unsupported"),
    ("DNSLOOKUP_NO_SERVER", 714, "DNS Lookup no server"),
    ("BAD_IPV6_ADDRESS", 720, "Bad ipv6 address"),
    ("UNREGISTERED_SIGNAL", 721, "Unregistered signal"),
    ("BAD_HOST_ADDR", 722, "Bad host addr"),
    ("BAD_PORT", 723, "Bad port"),
    ("BAD_SOCKET_TYPE", 724, "Bad socket type"),
    ("EVENT_REMOVE_FAILED", 800, "Event remove failed"),
    ("EVENT_ADD_FAILED", 801, "Event add failed"),
    ("EVENT_UPDATE_FAILED", 802, "Event update failed"),
    ("EVENT_UNKNOWN_DATA", 803, "Event unknown data"),
    ("SESSION_CLOSED_BY_SERVER", 1001, "Session closed by server"),
    ("SESSION_CLOSED_BY_CLIENT", 1002, "Session closed by client"),
    ("SESSION_CLOSING", 1003, "Session closing"),
    ("SESSION_CLOSED", 1004, "Session closed"),
    ("SESSION_NOT_EXIST", 1005, "Session not exist"),
    ("SESSION_INVALID_ID", 1006, "Session invalid id"),
    (
        "SESSION_DISCARD_TIMEOUT_DATA",
        1007,
        "Session discard timeout data",
    ),
    ("SESSION_DISCARD_DATA", 1008, "Session discard data"),
    ("OUTPUT_BUFFER_OVERFLOW", 1009, "Output buffer overflow"),
    ("OUTPUT_SEND_YIELD", 1010, "Output send yield"),
    ("SSL_NOT_READY", 1011, "SSL not ready"),
    ("SSL_CANNOT_USE_SENFILE", 1012, "SSL cannot use senfile"),
    (
        "SSL_EMPTY_PEER_CERTIFICATE",
        1013,
        "SSL empty peer certificate",
    ),
    ("SSL_VERIFY_FAILED", 1014, "SSL verify failed"),
    ("SSL_BAD_CLIENT", 1015, "SSL bad client"),
    ("SSL_BAD_PROTOCOL", 1016, "SSL bad protocol"),
    ("SSL_RESET", 1017, "SSL reset"),
    ("SSL_HANDSHAKE_FAILED", 1018, "SSL handshake failed"),
    (
        "SSL_CREATE_CONTEXT_FAILED",
        1019,
        "SSL create context failed",
    ),
    (
        "SSL_CREATE_SESSION_FAILED",
        1020,
        "SSL create session failed",
    ),
    ("PACKAGE_LENGTH_TOO_LARGE", 1201, "Package length too large"),
    ("PACKAGE_LENGTH_NOT_FOUND", 1202, "Package length not found"),
    ("DATA_LENGTH_TOO_LARGE", 1203, "Data length too large"),
    ("PACKAGE_MALFORMED_DATA", 1204, "Package malformed data"),
    ("TASK_PACKAGE_TOO_BIG", 2001, "Task package too big"),
    ("TASK_DISPATCH_FAIL", 2002, "Task dispatch fail"),
    ("TASK_TIMEOUT", 2003, "Task timeout"),
    ("HTTP2_STREAM_ID_TOO_BIG", 3001, "Http2 stream id too big"),
    ("HTTP2_STREAM_NO_HEADER", 3002, "Http2 stream no header"),
    ("HTTP2_STREAM_NOT_FOUND", 3003, "Http2 stream not found"),
    ("HTTP2_STREAM_IGNORE", 3004, "Http2 stream ignore"),
    (
        "HTTP2_SEND_CONTROL_FRAME_FAILED",
        3005,
        "Http2 send control frame failed",
    ),
    ("HTTP2_INTERNAL_ERROR", 3006, "Http2 internal error"),
    ("AIO_BAD_REQUEST", 4001, "Aio bad request"),
    ("AIO_CANCELED", 4002, "Aio canceled"),
    ("AIO_TIMEOUT", 4003, "Aio timeout"),
    ("CLIENT_NO_CONNECTION", 5001, "Client no connection"),
    ("SOCKET_CLOSED", 6001, "Socket closed"),
    ("SOCKET_POLL_TIMEOUT", 6002, "Socket poll timeout"),
    ("SOCKET_NOT_EXISTS", 6003, "Socket not exists"),
    ("SOCKS5_UNSUPPORT_VERSION", 7001, "Socks5 unsupport version"),
    ("SOCKS5_UNSUPPORT_METHOD", 7002, "Socks5 unsupport method"),
    ("SOCKS5_AUTH_FAILED", 7003, "Socks5 auth failed"),
    ("SOCKS5_SERVER_ERROR", 7004, "Socks5 server error"),
    ("SOCKS5_HANDSHAKE_FAILED", 7005, "Socks5 handshake failed"),
    ("SOCKS5_CONNECT_FAILED", 7006, "Socks5 connect failed"),
    (
        "HTTP_PROXY_HANDSHAKE_ERROR",
        7101,
        "Http proxy handshake error",
    ),
    ("HTTP_INVALID_PROTOCOL", 7102, "Http invalid protocol"),
    (
        "HTTP_PROXY_HANDSHAKE_FAILED",
        7103,
        "Http proxy handshake failed",
    ),
    ("HTTP_PROXY_BAD_RESPONSE", 7104, "Http proxy bad response"),
    ("HTTP_CONFLICT_HEADER", 7105, "Http conflict header"),
    ("HTTP_CONTEXT_UNAVAILABLE", 7106, "Http context unavailable"),
    ("HTTP_COOKIE_UNAVAILABLE", 7107, "Http cookie unavailable"),
    ("WEBSOCKET_BAD_CLIENT", 8501, "Websocket bad client"),
    ("WEBSOCKET_BAD_OPCODE", 8502, "Websocket bad opcode"),
    ("WEBSOCKET_UNCONNECTED", 8503, "Websocket unconnected"),
    (
        "WEBSOCKET_HANDSHAKE_FAILED",
        8504,
        "Websocket handshake failed",
    ),
    ("WEBSOCKET_PACK_FAILED", 8505, "Websocket pack failed"),
    ("WEBSOCKET_UNPACK_FAILED", 8506, "Websocket unpack failed"),
    (
        "WEBSOCKET_INCOMPLETE_PACKET",
        8507,
        "Websocket incomplete packet",
    ),
    (
        "SERVER_MUST_CREATED_BEFORE_CLIENT",
        9001,
        "Server must created before client",
    ),
    ("SERVER_TOO_MANY_SOCKET", 9002, "Server too many socket"),
    ("SERVER_WORKER_TERMINATED", 9003, "Server worker terminated"),
    (
        "SERVER_INVALID_LISTEN_PORT",
        9004,
        "Server invalid listen port",
    ),
    (
        "SERVER_TOO_MANY_LISTEN_PORT",
        9005,
        "Server too many listen port",
    ),
    ("SERVER_PIPE_BUFFER_FULL", 9006, "Server pipe buffer full"),
    ("SERVER_NO_IDLE_WORKER", 9007, "Server no idle worker"),
    ("SERVER_ONLY_START_ONE", 9008, "Server only start one"),
    ("SERVER_SEND_IN_MASTER", 9009, "Server send in master"),
    ("SERVER_INVALID_REQUEST", 9010, "Server invalid request"),
    ("SERVER_CONNECT_FAIL", 9011, "Server connect fail"),
    ("SERVER_INVALID_COMMAND", 9012, "Server invalid command"),
    (
        "SERVER_IS_NOT_REGULAR_FILE",
        9013,
        "Server is not regular file",
    ),
    (
        "SERVER_SEND_TO_WOKER_TIMEOUT",
        9014,
        "Server send to woker timeout",
    ),
    ("SERVER_INVALID_CALLBACK", 9015, "Server invalid callback"),
    ("SERVER_UNRELATED_THREAD", 9016, "Server unrelated thread"),
    (
        "SERVER_WORKER_EXIT_TIMEOUT",
        9101,
        "Server worker exit timeout",
    ),
    (
        "SERVER_WORKER_ABNORMAL_PIPE_DATA",
        9102,
        "Server worker abnormal pipe data",
    ),
    (
        "SERVER_WORKER_UNPROCESSED_DATA",
        9103,
        "Server worker unprocessed data",
    ),
    ("CO_OUT_OF_COROUTINE", 10001, "Coroutine out of coroutine"),
    ("CO_HAS_BEEN_BOUND", 10002, "Coroutine has been bound"),
    (
        "CO_HAS_BEEN_DISCARDED",
        10003,
        "Coroutine has been discarded",
    ),
    (
        "CO_MUTEX_DOUBLE_UNLOCK",
        10004,
        "Coroutine mutex double unlock",
    ),
    (
        "CO_BLOCK_OBJECT_LOCKED",
        10005,
        "Coroutine block object locked",
    ),
    (
        "CO_BLOCK_OBJECT_WAITING",
        10006,
        "Coroutine block object waiting",
    ),
    ("CO_YIELD_FAILED", 10007, "Coroutine yield failed"),
    ("CO_GETCONTEXT_FAILED", 10008, "Coroutine getcontext failed"),
    (
        "CO_SWAPCONTEXT_FAILED",
        10009,
        "Coroutine swapcontext failed",
    ),
    (
        "CO_MAKECONTEXT_FAILED",
        10010,
        "Coroutine makecontext failed",
    ),
    ("CO_IOCPINIT_FAILED", 10011, "Coroutine iocpinit failed"),
    (
        "CO_PROTECT_STACK_FAILED",
        10012,
        "Coroutine protect stack failed",
    ),
    (
        "CO_STD_THREAD_LINK_ERROR",
        10013,
        "Coroutine std thread link error",
    ),
    (
        "CO_DISABLED_MULTI_THREAD",
        10014,
        "Coroutine disabled multi thread",
    ),
    ("CO_CANNOT_CANCEL", 10015, "Coroutine cannot cancel"),
    ("CO_NOT_EXISTS", 10016, "Coroutine not exists"),
    ("CO_CANCELED", 10017, "Coroutine canceled"),
    ("CO_TIMEDOUT", 10018, "Coroutine timedout"),
    ("CO_SOCKET_CLOSE_WAIT", 10019, "Coroutine socket close wait"),
];

/// The message of Swoole error `code`, as `swoole_strerror()` words it.
pub fn message(code: i64) -> Option<&'static str> {
    CODES
        .iter()
        .find(|(_, v, _)| *v == code)
        .map(|(_, _, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_named() {
        for (i, (name, v, _)) in CODES.iter().enumerate() {
            assert!(*v > BEGIN, "{name}");
            assert!(
                CODES[i + 1..].iter().all(|(n, w, _)| n != name && w != v),
                "{name}"
            );
        }
        assert_eq!(message(CO_CANCELED), Some("Coroutine canceled"));
        assert_eq!(message(CO_NOT_EXISTS), Some("Coroutine not exists"));
        assert_eq!(message(1), None);
    }
}
