//! A server's (or a port's) settings: the `set()` keys corust implements,
//! with Swoole's names and defaults; the others are accepted and kept in
//! `$server->setting` only.

use std::time::Duration;

use ext_php_rs::types::{ZendHashTable, Zval};

use super::super::error::{warn, warn_docref, E_WARNING};
use super::super::runtime::rt;
use super::websocket;
use crate::rt::net::framing::{self, Framing, LengthField, Protocol};
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
    /// A `Swoole\Server\Helper` option is set (`stats_file`,
    /// `admin_server`): the server calls the Helper's hooks (plain servers
    /// never load it).
    pub helper: bool,
    /// `admin_server` is set: the admin server's built-in commands.
    pub admin: bool,
    /// Listen backlog (`backlog`).
    pub backlog: Option<i32>,
    /// Parse urlencoded and multipart bodies into `post`/`files`
    /// (`http_parse_post`).
    pub http_parse_post: bool,
    /// Parse the Cookie header into `cookie` (`http_parse_cookie`).
    pub http_parse_cookie: bool,
    /// Spread an upload named `f[x]` as PHP's `$_FILES` does
    /// (`f[name][x]`, …) rather than nesting its entry (`http_parse_files`;
    /// off in a server, on in `Request::create`, as Swoole).
    pub http_parse_files: bool,
    /// Most connections a worker holds open at once (`max_connection`;
    /// Swoole's default: the open-files limit, at most 100,000); one more
    /// is closed as soon as it is accepted.
    pub max_connection: usize,
    /// `dispatch_mode` (PROCESS mode: how the master places connections).
    pub dispatch_mode: u8,
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
    /// onTask gets a `Swoole\Server\Task` (`task_object`/`task_use_object`,
    /// `event_object`; always with `task_enable_coroutine`).
    pub task_object: bool,
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
    /// `send()` to a connection whose output buffer is full waits for room
    /// (`send_yield`; None: Swoole's default, on with `enable_coroutine`).
    pub send_yield: Option<bool>,
    /// How a plain TCP port cuts its bytes into `receive` events.
    pub packets: Packets,
    /// Seconds between idle-connection sweeps (`heartbeat_check_interval`,
    /// server-wide; 0: none).
    pub heartbeat_check_interval: u64,
    /// Seconds without data after which a sweep closes a connection
    /// (`heartbeat_idle_time`, per port; 0: twice the interval).
    pub heartbeat_idle_time: u64,
    /// TCP_NODELAY on accepted connections (`open_tcp_nodelay`, on by default).
    pub open_tcp_nodelay: bool,
    /// `buffer_high_watermark` (0: 80 % of `socket_buffer_size`).
    pub buffer_high_watermark: usize,
    /// `buffer_low_watermark`.
    pub buffer_low_watermark: usize,
    /// `socket_buffer_size` (Swoole's default 8 MiB).
    pub socket_buffer_size: usize,
    /// The `ssl_*` settings (used by ports opened with SWOOLE_SSL).
    pub tls: crate::rt::net::tls::TlsConfig,
    /// `enable_static_handler`.
    pub enable_static_handler: bool,
    /// `document_root` (resolved), `static_handler_locations`,
    /// `http_index_files`, `http_autoindex`.
    pub statics: crate::server::static_files::Settings,
}

impl Config {
    /// The queued bytes at which `bufferFull` fires, Swoole's rule.
    pub fn high_watermark(&self) -> usize {
        match self.buffer_high_watermark {
            0 => self.socket_buffer_size / 5 * 4,
            n => n,
        }
    }
}

/// A port's packet settings (Swoole's names), kept piecewise because
/// each `set()` may change one part.
#[derive(Debug, Clone)]
pub struct Packets {
    /// `open_eof_check`.
    pub eof_check: bool,
    /// `open_eof_split`.
    pub eof_split: bool,
    /// `package_eof`.
    pub eof: Vec<u8>,
    /// `open_length_check`.
    pub length_check: bool,
    /// `package_length_type`, `package_length_offset`, `package_body_offset`.
    pub field: LengthField,
    /// `open_mqtt_protocol`.
    pub mqtt: bool,
}

impl Default for Packets {
    fn default() -> Self {
        Packets {
            eof_check: false,
            eof_split: false,
            eof: b"\r\n".to_vec(),
            length_check: false,
            field: LengthField {
                ty: b'N',
                offset: 0,
                body_offset: 0,
            },
            mqtt: false,
        }
    }
}

impl Packets {
    /// The framing in force (Swoole's order: end marker, length field,
    /// MQTT) with `max_length` raised to Swoole's
    /// floor for server ports.
    pub fn protocol(&self, max_length: usize) -> Protocol {
        let framing = if self.eof_check {
            Framing::Eof(self.eof.clone())
        } else if self.length_check {
            Framing::Length(self.field)
        } else if self.mqtt {
            Framing::Mqtt
        } else {
            Framing::None
        };
        Protocol {
            framing,
            max_length: max_length.max(crate::server::packet::MIN_MAX_LENGTH),
        }
    }
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
            helper: false,
            admin: false,
            backlog: None,
            http_parse_post: true,
            http_parse_cookie: true,
            http_parse_files: false,
            max_connection: default_max_connection(),
            dispatch_mode: 2,
            http_header_timeout: Some(Duration::from_secs(60)),
            http_body_timeout: Some(Duration::from_secs(60)),
            send_timeout: Some(Duration::from_secs(60)),
            enable_coroutine: true,
            task_enable_coroutine: false,
            task_object: false,
            websocket: websocket::Settings::default(),
            http_compression: true,
            http_compression_level: 1,
            http_compression_min_length: 20,
            http_compression_types: None,
            open_http_protocol: None,
            open_websocket_protocol: None,
            buffer_output_size: 2 << 20,
            hook_flags: None,
            send_yield: None,
            packets: Packets::default(),
            heartbeat_check_interval: 0,
            heartbeat_idle_time: 0,
            open_tcp_nodelay: true,
            buffer_high_watermark: 0,
            buffer_low_watermark: 0,
            socket_buffer_size: 8 << 20,
            tls: Default::default(),
            enable_static_handler: false,
            statics: Default::default(),
        }
    }
}

/// Takes only the `ssl_*` settings of `arr` into `c`, quietly (a check).
pub(super) fn apply_tls(c: &mut Config, arr: &ZendHashTable) {
    for k in ["ssl_cert_file", "ssl_key_file"] {
        if let Some(p) = arr.get(k).and_then(|v| v.coerce_to_string()) {
            if k == "ssl_cert_file" {
                c.tls.cert_file = Some(p);
            } else {
                c.tls.key_file = Some(p);
            }
        }
    }
}

/// Takes the settings corust implements from `arr` into `c`.
pub(super) fn apply_to(c: &mut Config, arr: &ZendHashTable) {
    super::super::net::tls::apply_settings(arr, &mut c.tls);
    if let Some(v) = arr.get("log_level").and_then(|v| v.long()) {
        crate::server::log::set_level(v);
    }
    super::super::coroutine_api::apply_log_file(arr);
    let set = |k: &str| arr.get(k).is_some_and(|v| v.coerce_to_bool());
    c.helper = c.helper || set("stats_file") || set("admin_server");
    c.admin = c.admin || arr.get("admin_server").is_some();
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
    if let Some(v) = arr.get("dispatch_mode").and_then(|v| v.long()) {
        c.dispatch_mode = u8::try_from(v).unwrap_or(2);
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
    if let Some(v) = arr
        .get("task_use_object")
        .or_else(|| arr.get("task_object"))
    {
        c.task_object = v.coerce_to_bool();
    }
    if arr.get("event_object").is_some_and(|v| v.coerce_to_bool()) {
        c.task_object = true;
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
    if let Some(v) = arr.get("http_parse_files") {
        c.http_parse_files = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("http_parse_cookie") {
        c.http_parse_cookie = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("backlog").and_then(|v| v.long()) {
        c.backlog = Some(v.clamp(1, i32::MAX as i64) as i32);
    }
    if let Some(v) = arr.get("send_yield") {
        c.send_yield = Some(v.coerce_to_bool());
    }
    if let Some(v) = flag("open_tcp_nodelay") {
        c.open_tcp_nodelay = v;
    }
    // Swoole: an idle time alone sets the interval to half of it.
    if let Some(v) = arr.get("heartbeat_check_interval").and_then(|v| v.long()) {
        c.heartbeat_check_interval = v.clamp(0, 65535) as u64;
    } else if let Some(v) = arr.get("heartbeat_idle_time").and_then(|v| v.long()) {
        c.heartbeat_check_interval = if v > 2 { v as u64 / 2 } else { 1 }.min(65535);
    }
    if let Some(v) = arr.get("heartbeat_idle_time").and_then(|v| v.long()) {
        c.heartbeat_idle_time = v.clamp(0, 65535) as u64;
    }
    if let Some(v) = arr.get("buffer_high_watermark").and_then(|v| v.long()) {
        c.buffer_high_watermark = v.clamp(0, i64::from(u32::MAX)) as usize;
    }
    if let Some(v) = arr.get("buffer_low_watermark").and_then(|v| v.long()) {
        c.buffer_low_watermark = v.clamp(0, i64::from(u32::MAX)) as usize;
    }
    if let Some(v) = arr.get("socket_buffer_size").and_then(|v| v.long()) {
        c.socket_buffer_size = if v <= 0 {
            i32::MAX as usize
        } else {
            v.min(i64::from(i32::MAX)) as usize
        };
    }
    apply_packets(&mut c.packets, arr);
    apply_statics(c, arr);
}

/// The static handler's settings (Swoole's texts for bad values).
fn apply_statics(c: &mut Config, arr: &ZendHashTable) {
    let strings = |v: &Zval| -> Vec<String> {
        v.array()
            .map(|a| {
                a.values()
                    .filter_map(|v| v.coerce_to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(v) = arr.get("enable_static_handler") {
        c.enable_static_handler = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("document_root").and_then(|v| v.coerce_to_string()) {
        // Swoole keeps the root's real path; a root that is not there is
        // logged and leaves the previous one.
        match std::fs::canonicalize(&v) {
            Ok(p) => c.statics.root = p.to_string_lossy().into_owned(),
            Err(_) => crate::server::log::warning(
                crate::server::log::Who::Master,
                0,
                "Server::set_document_root",
                703,
                &format!("document_root[{v}] does not exist"),
            ),
        }
    }
    if let Some(v) = arr.get("http_autoindex") {
        c.statics.autoindex = v.coerce_to_bool();
    }
    if let Some(v) = arr.get("http_index_files") {
        if v.is_array() {
            for f in strings(v) {
                if !c.statics.index_files.contains(&f) {
                    c.statics.index_files.push(f);
                }
            }
        } else {
            warn_docref(E_WARNING, "http_index_files must be array");
        }
    }
    if let Some(v) = arr.get("static_handler_locations") {
        if v.is_array() {
            for l in strings(v).into_iter().filter(|l| l.starts_with('/')) {
                if !c.statics.locations.contains(&l) {
                    c.statics.locations.push(l);
                }
            }
        } else {
            warn_docref(E_WARNING, "static_handler_locations num must be array");
        }
    }
}

/// The packet settings of `arr` onto `p` (Swoole's texts for bad values,
/// which are then ignored).
fn apply_packets(p: &mut Packets, arr: &ZendHashTable) {
    let flag = |k: &str| arr.get(k).map(|v| v.coerce_to_bool());
    if let Some(v) = flag("open_eof_check") {
        p.eof_check = v;
    }
    if let Some(v) = flag("open_eof_split") {
        p.eof_split = v;
        if v {
            p.eof_check = true;
        }
    }
    if let Some(v) = arr.get("package_eof") {
        let s = v.coerce_to_string().unwrap_or_default().into_bytes();
        if s.is_empty() {
            warn_docref(E_WARNING, "package_eof cannot be an empty string");
        } else if s.len() > 8 {
            warn_docref(E_WARNING, "package_eof max length is 8");
        } else {
            p.eof = s;
        }
    }
    if let Some(v) = flag("open_length_check") {
        p.length_check = v;
    }
    if let Some(v) = flag("open_mqtt_protocol") {
        p.mqtt = v;
    }
    if let Some(v) = arr.get("package_length_type") {
        let ty = v
            .coerce_to_string()
            .unwrap_or_default()
            .bytes()
            .next()
            .unwrap_or(0);
        if framing::length_size(ty).is_some() {
            p.field.ty = ty;
        } else {
            warn_docref(
                E_WARNING,
                "unknown package_length_type, see pack(). Link: https://php.net/pack",
            );
        }
    }
    if let Some(v) = arr.get("package_length_offset").and_then(|v| v.long()) {
        p.field.offset = v.clamp(0, 65535) as usize;
    }
    if let Some(v) = arr
        .get("package_body_offset")
        .or_else(|| arr.get("package_body_start"))
        .and_then(|v| v.long())
    {
        p.field.body_offset = v.clamp(0, 65535) as usize;
    }
}
