//! A server's listening ports as a worker serves them: each has its socket,
//! its protocol (HTTP, WebSocket or plain TCP), its settings and callbacks.
//!
//! Swoole's rules: the primary port speaks what the server class does; a
//! port added by `listen()`/`addListener()` inherits the primary port's
//! protocol and settings until its own `set()` is called, after which it
//! speaks what that set says (`open_http_protocol`,
//! `open_websocket_protocol`; plain TCP otherwise). A callback registered
//! on a port is used for its connections, else the server's.

use std::collections::HashMap;

use super::*;

/// A port added by `listen()`, as the server object keeps it until start.
pub struct ExtraPort {
    /// Its listening socket.
    pub fd: RawFd,
    /// The port bound.
    pub port: u16,
    /// Callbacks registered on it (lower-case names).
    pub callbacks: RefCell<HashMap<String, Zval>>,
    /// What its `set()` was given, if it was called.
    pub settings: RefCell<Option<ext_php_rs::boxed::ZBox<ZendHashTable>>>,
    /// A UDP port.
    pub udp: bool,
    /// Opened with SWOOLE_SSL.
    pub ssl: bool,
}

/// True for Swoole's datagram types: `SWOOLE_SOCK_UDP`, `UDP6`,
/// `UNIX_DGRAM`.
pub fn is_udp(sock_type: i64) -> bool {
    matches!(sock_type & 0xff, 2 | 4 | 6)
}

/// True for Swoole's `SWOOLE_SOCK_UNIX_STREAM` and `UNIX_DGRAM`.
pub fn is_unix(sock_type: i64) -> bool {
    matches!(sock_type & 0xff, 5 | 6)
}

/// A bound (and, for streams, listening) socket for a port of `sock_type`.
pub fn bind(host: &str, port: u16, sock_type: i64) -> std::io::Result<RawFd> {
    use crate::server::process;
    match (is_unix(sock_type), is_udp(sock_type)) {
        (true, dgram) => process::bind_unix(host, !dgram, 512),
        (false, true) => process::bind_udp(host, port),
        (false, false) => process::listen_tcp(host, port, 512),
    }
}

/// The protocol a port speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proto {
    /// HTTP/1.1.
    Http,
    /// HTTP/1.1 that upgrades to WebSocket.
    WebSocket,
    /// onConnect/onReceive/onClose.
    Tcp,
    /// onPacket.
    Udp,
}

/// One port as a worker serves it.
pub struct Listener {
    /// Its listening socket.
    pub fd: RawFd,
    /// The port bound (`getClientInfo`'s server_port).
    pub port: u16,
    /// Its settings.
    pub cfg: Config,
    /// Its protocol.
    pub proto: Proto,
    /// onRequest, resolved once.
    pub on_request: Option<Callback>,
    /// onConnect, onReceive, onClose.
    pub on_tcp: [Option<Zval>; 3],
    /// onBufferFull, onBufferEmpty.
    pub on_buffer: [Option<Zval>; 2],
    /// onPacket (UDP ports).
    pub on_packet: Option<Zval>,
    /// The static handler, when on (with a document root).
    pub statics: Option<crate::server::static_files::Settings>,
    /// WebSocket callbacks (WebSocket ports only).
    pub ws: Option<websocket::Callbacks>,
    /// The TLS context of a SWOOLE_SSL port: connections start with its
    /// handshake.
    pub tls: Option<Rc<crate::rt::net::tls::TlsContext>>,
}

impl Listener {
    fn build(
        fd: RawFd,
        port: u16,
        cfg: Config,
        proto: Proto,
        cb: &dyn Fn(&str) -> Option<Zval>,
    ) -> Listener {
        let statics = (cfg.enable_static_handler && !cfg.statics.root.is_empty())
            .then(|| cfg.statics.clone());
        Listener {
            fd,
            port,
            cfg,
            proto,
            on_request: cb("request").and_then(|z| Callback::new(&z, Vec::new()).ok()),
            on_tcp: [cb("connect"), cb("receive"), cb("close")],
            on_buffer: [cb("bufferfull"), cb("bufferempty")],
            on_packet: (proto == Proto::Udp).then(|| cb("packet")).flatten(),
            statics,
            ws: (proto == Proto::WebSocket).then(|| websocket::Callbacks::with(cb)),
            tls: None,
        }
    }
}

/// The TLS context of a SWOOLE_SSL port (None, logged, when its settings
/// cannot make one: its connections are then refused).
fn tls_context(cfg: &Config) -> Option<Rc<crate::rt::net::tls::TlsContext>> {
    // No ALPN: Swoole's ports negotiate none without HTTP/2.
    match crate::rt::net::tls::TlsContext::new(&cfg.tls, true) {
        Ok(c) => Some(Rc::new(c)),
        Err(e) => {
            crate::server::log::put(crate::server::log::Who::Worker, 0, "ERROR", &e.msg);
            None
        }
    }
}

/// Why a SWOOLE_SSL port cannot start: its certificate settings are
/// missing or refused (checked by start() before any process forks).
pub fn check_tls(srv: &ServerObj, cfg: &Config) -> Result<(), String> {
    let mut ports: Vec<(bool, Config)> = vec![(srv.ssl.get(), cfg.clone())];
    for p in srv.extra_ports.borrow().iter() {
        let mut c = cfg.clone();
        if let Some(arr) = p.settings.borrow().as_ref() {
            c.tls = Default::default();
            super::config::apply_tls(&mut c, arr);
        }
        ports.push((p.ssl, c));
    }
    for (ssl, c) in ports {
        if !ssl {
            continue;
        }
        if c.tls.cert_file.is_none() || c.tls.key_file.is_none() {
            return Err("require `ssl_cert_file` and `ssl_key_file` options".into());
        }
        crate::rt::net::tls::TlsContext::new(&c.tls, true).map_err(|e| e.msg)?;
    }
    Ok(())
}

/// The primary port's protocol.
fn primary_proto(srv: &ServerObj, cfg: &Config) -> Proto {
    if srv.udp.get() {
        Proto::Udp
    } else if srv.websocket.get() || cfg.open_websocket_protocol == Some(true) {
        Proto::WebSocket
    } else if srv.http.get() || cfg.open_http_protocol == Some(true) {
        Proto::Http
    } else {
        Proto::Tcp
    }
}

/// Every port of `srv`, primary first, with `cfg` the server's settings.
pub fn all(srv: &ServerObj, cfg: &Config) -> Vec<Rc<Listener>> {
    let main = primary_proto(srv, cfg);
    let mut first = Listener::build(srv.listen_fd.get(), cfg.port, cfg.clone(), main, &|n| {
        callback(srv, n)
    });
    if srv.ssl.get() {
        first.tls = tls_context(&first.cfg);
    }
    let mut v = vec![Rc::new(first)];
    for p in srv.extra_ports.borrow().iter() {
        let (pcfg, proto) = match p.settings.borrow().as_ref() {
            None if p.udp => (cfg.clone(), Proto::Udp),
            None if main == Proto::Udp => (cfg.clone(), Proto::Tcp),
            None => (cfg.clone(), main),
            Some(arr) => {
                // Swoole: a port's own set() starts from the port defaults,
                // not from the primary port's settings.
                let mut c = cfg.clone();
                let d = Config::default();
                c.open_http_protocol = None;
                c.open_websocket_protocol = None;
                c.packets = d.packets;
                c.heartbeat_idle_time = d.heartbeat_idle_time;
                c.open_tcp_nodelay = d.open_tcp_nodelay;
                c.package_max_length = d.package_max_length;
                c.buffer_high_watermark = d.buffer_high_watermark;
                c.buffer_low_watermark = d.buffer_low_watermark;
                c.socket_buffer_size = d.socket_buffer_size;
                c.tls = d.tls;
                apply_to(&mut c, arr);
                let proto = if p.udp {
                    Proto::Udp
                } else if c.open_websocket_protocol == Some(true) {
                    Proto::WebSocket
                } else if c.open_http_protocol == Some(true) {
                    Proto::Http
                } else {
                    Proto::Tcp
                };
                (c, proto)
            }
        };
        let cb = |n: &str| {
            p.callbacks
                .borrow()
                .get(n)
                .map(|z| z.shallow_clone())
                .or_else(|| callback(srv, n))
        };
        let mut l = Listener::build(p.fd, p.port, pcfg, proto, &cb);
        l.cfg.port = p.port;
        if p.ssl {
            l.tls = tls_context(&l.cfg);
        }
        v.push(Rc::new(l));
    }
    v
}
