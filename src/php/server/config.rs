//! A server's (or a port's) settings: the `set()` keys corust implements,
//! with Swoole's names and defaults; the others are accepted and kept in
//! `$server->setting` only.

use std::time::Duration;

use ext_php_rs::types::{ZendHashTable, Zval};

use super::super::coroutine::rt;
use super::super::error::{warn, E_WARNING};
use super::websocket;
use crate::syscall;

/// Settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    /// Port bound.
    pub port: u16,
    /// Workers to fork.
    pub worker_num: usize,
    /// Requests a worker serves before it is replaced (0: no limit).
    pub max_request: u64,
    /// Seconds in-flight work gets at stop.
    pub max_wait_time: f64,
    /// Largest request body.
    pub package_max_length: usize,
    /// Task workers to fork.
    pub task_worker_num: usize,
    /// Run in the background (`daemonize`).
    pub daemonize: bool,
    /// Where a daemon's stdout and stderr go (`log_file`).
    pub log_file: Option<String>,
    /// File holding the master's pid while it runs (`pid_file`).
    pub pid_file: Option<String>,
    /// Listen backlog (`backlog`).
    pub backlog: Option<i32>,
    /// Parse urlencoded and multipart bodies into `post`/`files`
    /// (`http_parse_post`).
    pub http_parse_post: bool,
    /// Parse the Cookie header into `cookie` (`http_parse_cookie`).
    pub http_parse_cookie: bool,
    /// Most connections a worker holds open at once (`max_connection`;
    /// Swoole's default: the open-files limit, at most 100,000); one more
    /// is closed as soon as it is accepted.
    pub max_connection: usize,
    /// A request head must be whole this long after its first byte
    /// (`http_header_timeout`, seconds; corust's own, 0: off); else 408.
    pub http_header_timeout: Option<Duration>,
    /// Longest wait for the next bytes of a request body
    /// (`http_body_timeout`, seconds; corust's own, 0: off); else 408.
    pub http_body_timeout: Option<Duration>,
    /// `enable_coroutine` (true): false runs the handlers with the runtime
    /// hooks off, so blocking I/O blocks the worker and requests run one
    /// after another, as in Swoole's sync mode (one PDO connection per
    /// worker is then safe).
    pub enable_coroutine: bool,
    /// `task_enable_coroutine` (false): task workers run tasks one at a
    /// time with the hooks off, as Swoole's; true: each in a coroutine.
    pub task_enable_coroutine: bool,
    /// `hook_flags`: runtime hooks set in each worker before `workerStart`.
    pub hook_flags: Option<i64>,
    /// `http_compression` (true, Swoole's default): whole response bodies
    /// compressed as the client's Accept-Encoding allows.
    pub http_compression: bool,
    /// `http_compression_level` (1).
    pub http_compression_level: i64,
    /// `http_compression_min_length` (20 bytes).
    pub http_compression_min_length: usize,
    /// `http_compression_types`: only these Content-Types (None: all).
    pub http_compression_types: Option<std::rc::Rc<[String]>>,
    /// `open_http_protocol` as set (None: what the server class says).
    pub open_http_protocol: Option<bool>,
    /// `open_websocket_protocol` as set.
    pub open_websocket_protocol: Option<bool>,
    /// WebSocket settings (`open_websocket_*_frame`, `websocket_*`).
    pub websocket: websocket::Settings,
    /// Most bytes queued for one connection (`buffer_output_size`).
    pub buffer_output_size: usize,
    /// Longest wait for a client to read what the server sends
    /// (`send_timeout`, seconds, Swoole's name; 0: off); else closed.
    pub send_timeout: Option<Duration>,
}

/// A timeout setting in seconds: None for 0 (or less, or not a number).
fn secs(v: &Zval) -> Option<Option<Duration>> {
    let f = v.double().or_else(|| v.long().map(|l| l as f64))?;
    Some((f > 0.0 && f.is_finite()).then(|| Duration::from_secs_f64(f.min(1e9))))
}

/// Swoole's default `max_connection`: the soft open-files limit, capped at
/// `SW_MAX_CONNECTION` (100,000).
pub(super) fn default_max_connection() -> usize {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit fills the struct we pass.
    let ok = unsafe { syscall!(getrlimit(libc::RLIMIT_NOFILE, &mut lim)) }.is_ok();
    let n = if ok { lim.rlim_cur } else { 1024 };
    usize::try_from(n).unwrap_or(usize::MAX).min(100_000)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            worker_num: 1,
            max_request: 0,
            max_wait_time: 3.0,
            package_max_length: 2 * 1024 * 1024,
            task_worker_num: 0,
            daemonize: false,
            log_file: None,
            pid_file: None,
            backlog: None,
            http_parse_post: true,
            http_parse_cookie: true,
            max_connection: default_max_connection(),
            http_header_timeout: Some(Duration::from_secs(60)),
            http_body_timeout: Some(Duration::from_secs(60)),
            send_timeout: Some(Duration::from_secs(60)),
            enable_coroutine: true,
            task_enable_coroutine: false,
            websocket: websocket::Settings::default(),
            http_compression: true,
            http_compression_level: 1,
            http_compression_min_length: 20,
            http_compression_types: None,
            open_http_protocol: None,
            open_websocket_protocol: None,
            buffer_output_size: 2 << 20,
            hook_flags: None,
        }
    }
}

/// Takes the settings corust implements from `arr` into `c`.
pub(super) fn apply_to(c: &mut Config, arr: &ZendHashTable) {
    if let Some(v) = arr.get("worker_num").and_then(|v| v.long()) {
        c.worker_num = v.clamp(1, 1024) as usize;
    }
    if let Some(v) = arr.get("task_worker_num").and_then(|v| v.long()) {
        c.task_worker_num = v.clamp(0, 1024) as usize;
    }
    if let Some(v) = arr.get("max_request").and_then(|v| v.long()) {
        c.max_request = v.max(0) as u64;
    }
    if let Some(v) = arr
        .get("max_wait_time")
        .and_then(|v| v.double().or_else(|| v.long().map(|l| l as f64)))
    {
        c.max_wait_time = v.max(0.0);
    }
    if let Some(v) = arr.get("package_max_length").and_then(|v| v.long()) {
        c.package_max_length = v.max(1) as usize;
    }
    if let Some(v) = arr.get("max_coroutine").and_then(|v| v.long()) {
        if v > 0 {
            rt(|r| r.set_max(v as usize));
        }
    }
    if let Some(v) = arr.get("daemonize") {
        c.daemonize = v.coerce_to_bool();
    }
    if let Some(v) = arr
        .get("log_file")
        .and_then(|v| v.coerce_to_string())
        .filter(|s| !s.is_empty())
    {
        c.log_file = Some(v);
    }
    if let Some(v) = arr
        .get("pid_file")
        .and_then(|v| v.coerce_to_string())
        .filter(|s| !s.is_empty())
    {
        c.pid_file = Some(v);
    }
    if let Some(v) = arr.get("max_connection").and_then(|v| v.long()) {
        let cap = default_max_connection();
        c.max_connection = if v <= 0 { cap } else { (v as usize).min(cap) };
        if v as usize > cap {
            warn(
                E_WARNING,
                &format!("max_connection is exceed the maximum value, it's reset to {cap}"),
            );
        }
    }
    if let Some(v) = arr.get("http_header_timeout").and_then(secs) {
        c.http_header_timeout = v;
    }
    if let Some(v) = arr.get("http_body_timeout").and_then(secs) {
        c.http_body_timeout = v;
    }
    if let Some(v) = arr.get("send_timeout").and_then(secs) {
        c.send_timeout = v;
    }
    if let Some(v) = arr.get("enable_coroutine") {
        c.enable_coroutine = v.coerce_to_bool();
    }
    let flag = |k: &str| arr.get(k).map(|v| v.coerce_to_bool());
    if let Some(v) = flag("http_compression") {
        c.http_compression = v;
    }
    if let Some(v) = arr
        .get("http_compression_level")
        .or_else(|| arr.get("compression_level"))
        .and_then(|v| v.long())
    {
        c.http_compression_level = v;
    }
    if let Some(v) = arr
        .get("http_compression_min_length")
        .and_then(|v| v.long())
    {
        c.http_compression_min_length = v.max(0) as usize;
    }
    if let Some(t) = arr.get("http_compression_types") {
        let list: Vec<String> = match t.array() {
            Some(a) => a
                .values()
                .filter_map(|v| v.coerce_to_string())
                .map(|s| s.to_ascii_lowercase())
                .collect(),
            None => t
                .coerce_to_string()
                .map(|s| vec![s.to_ascii_lowercase()])
                .unwrap_or_default(),
        };
        c.http_compression_types = (!list.is_empty()).then(|| list.into());
    }
    if let Some(v) = flag("open_http_protocol") {
        c.open_http_protocol = Some(v);
    }
    if let Some(v) = flag("open_websocket_protocol") {
        c.open_websocket_protocol = Some(v);
        if v {
            c.open_http_protocol = Some(true);
        }
    }
    if let Some(v) = flag("open_websocket_close_frame") {
        c.websocket.open_close_frame = v;
    }
    if let Some(v) = flag("open_websocket_ping_frame") {
        c.websocket.open_ping_frame = v;
    }
    if let Some(v) = flag("open_websocket_pong_frame") {
        c.websocket.open_pong_frame = v;
    }
    if let Some(v) = flag("websocket_compression") {
        c.websocket.compression = v;
    }
    if let Some(v) = arr
        .get("websocket_subprotocol")
        .and_then(|v| v.coerce_to_string())
    {
        c.websocket.subprotocol = (!v.is_empty()).then_some(v);
    }
    if let Some(v) = arr.get("buffer_output_size").and_then(|v| v.long()) {
        c.buffer_output_size = v.max(1) as usize;
    }
    if let Some(v) = arr.get("task_enable_coroutine") {
        c.task_enable_coroutine = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("hook_flags").and_then(|v| v.long()) {
        c.hook_flags = Some(v);
    }
    if let Some(v) = arr.get("http_parse_post") {
        c.http_parse_post = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("http_parse_cookie") {
        c.http_parse_cookie = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("backlog").and_then(|v| v.long()) {
        c.backlog = Some(v.clamp(1, i32::MAX as i64) as i32);
    }
}
