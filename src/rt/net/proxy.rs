//! Reaching a peer through a proxy, as Swoole's clients do: an HTTP proxy's
//! CONNECT tunnel (`http_proxy_*` settings) or a SOCKS5 proxy
//! (`socks5_*`, RFC 1928/1929), on a socket already connected to the
//! proxy. Afterwards the socket carries the peer's bytes (TLS may start on
//! it).
//!
//! Owns: the handshakes and the parsing of the proxies' replies (pure
//! functions, fuzzed). The proxy's bytes are hostile: a CONNECT reply head
//! is read up to 8 KiB, a SOCKS5 reply is checked field by field, and
//! nothing after the handshake is consumed.

use base64::Engine as _;

use super::{Deadline, NetError, Reactor, Socket};

/// Which kind of proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyKind {
    /// An HTTP proxy (CONNECT, or absolute URIs for plain HTTP requests).
    Http,
    /// A SOCKS5 proxy.
    Socks5,
}

/// A proxy and its credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    /// HTTP or SOCKS5.
    pub kind: ProxyKind,
    /// Where it listens.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// User name and password (both set, or no authentication).
    pub auth: Option<(String, String)>,
}

impl ProxyConfig {
    /// `Basic …` credentials for `Proxy-Authorization`, if any.
    pub fn basic_auth(&self) -> Option<String> {
        self.auth.as_ref().map(|(u, p)| {
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"))
            )
        })
    }
}

/// Why a proxy handshake failed.
#[derive(Debug)]
pub enum ProxyError {
    /// The socket failed or the wait ended.
    Net(NetError),
    /// The proxy closed the connection mid-handshake.
    Closed,
    /// The HTTP proxy did not answer 200 (SW_ERROR_HTTP_PROXY_HANDSHAKE_FAILED).
    HttpRefused,
    /// The HTTP proxy's answer is not an HTTP response head of at most
    /// 8 KiB (SW_ERROR_HTTP_PROXY_BAD_RESPONSE).
    HttpBadResponse,
    /// Not SOCKS version 5 (SW_ERROR_SOCKS5_UNSUPPORT_VERSION).
    Socks5Version,
    /// The proxy refused our authentication method (SW_ERROR_SOCKS5_UNSUPPORT_METHOD).
    Socks5Method,
    /// Wrong user name or password (SW_ERROR_SOCKS5_AUTH_FAILED).
    Socks5Auth,
    /// The proxy could not reach the peer: its reply code (SW_ERROR_SOCKS5_SERVER_ERROR).
    Socks5Server(u8),
    /// A credential or host name longer than SOCKS5 allows.
    TooLong,
}

impl ProxyError {
    /// Swoole's error code (errCode) for it.
    pub fn code(&self) -> i32 {
        match self {
            ProxyError::Net(e) => e.errno(),
            ProxyError::Closed => libc::ECONNRESET,
            ProxyError::HttpRefused => 7103,
            ProxyError::HttpBadResponse => 7104,
            ProxyError::Socks5Version => 7001,
            ProxyError::Socks5Method => 7002,
            ProxyError::Socks5Auth | ProxyError::TooLong => 7003,
            ProxyError::Socks5Server(_) => 7004,
        }
    }
}

/// Longest CONNECT reply head read.
const MAX_HEAD: usize = 8192;

/// Where a CONNECT reply's head ends in `buf`: Ok(Some(n)) when `buf[..n]`
/// is a whole head that accepts the tunnel (status 2xx), Ok(None) when
/// more bytes are needed.
pub fn http_connect_reply(buf: &[u8]) -> Result<Option<usize>, ProxyError> {
    let window = &buf[..buf.len().min(MAX_HEAD)];
    let Some(end) = memchr::memmem::find(window, b"\r\n\r\n") else {
        if buf.len() >= MAX_HEAD {
            return Err(ProxyError::HttpBadResponse);
        }
        // Reject early what cannot become an HTTP response.
        let probe = &buf[..buf.len().min(5)];
        if !b"HTTP/".starts_with(probe) {
            return Err(ProxyError::HttpBadResponse);
        }
        return Ok(None);
    };
    let line_end = memchr::memmem::find(window, b"\r\n").unwrap_or(end);
    let line = &window[..line_end];
    let mut words = line.split(|&b| b == b' ').filter(|w| !w.is_empty());
    let version = words.next().unwrap_or_default();
    if version != b"HTTP/1.1" && version != b"HTTP/1.0" {
        return Err(ProxyError::HttpBadResponse);
    }
    match words.next() {
        Some(code)
            if code.len() == 3 && code.starts_with(b"2") && code.iter().all(u8::is_ascii_digit) =>
        {
            Ok(Some(end + 4))
        }
        Some(_) => Err(ProxyError::HttpRefused),
        None => Err(ProxyError::HttpBadResponse),
    }
}

/// The CONNECT request for `host:port` (Swoole's, with `Proxy-Authorization`
/// when there are credentials).
pub fn http_connect_request(cfg: &ProxyConfig, host: &str, port: u16) -> Vec<u8> {
    let target = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let mut r = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(auth) = cfg.basic_auth() {
        r.push_str("Proxy-Authorization: ");
        r.push_str(&auth);
        r.push_str("\r\n");
    }
    r.push_str("\r\n");
    r.into_bytes()
}

/// The length of a SOCKS5 CONNECT reply at the start of `buf`: Ok(Some(n))
/// once whole and successful, Ok(None) when more bytes are needed.
pub fn socks5_connect_reply(buf: &[u8]) -> Result<Option<usize>, ProxyError> {
    let Some(&[ver, rep, _rsv, atyp]) = buf.get(..4).and_then(|b| <&[u8; 4]>::try_from(b).ok())
    else {
        return match buf.first() {
            Some(&v) if v != 5 => Err(ProxyError::Socks5Version),
            _ => Ok(None),
        };
    };
    if ver != 5 {
        return Err(ProxyError::Socks5Version);
    }
    if rep != 0 {
        return Err(ProxyError::Socks5Server(rep));
    }
    let addr = match atyp {
        1 => 4,
        4 => 16,
        3 => match buf.get(4) {
            Some(&n) => 1 + usize::from(n),
            None => return Ok(None),
        },
        _ => return Err(ProxyError::Socks5Version),
    };
    let total = 4 + addr + 2;
    Ok((buf.len() >= total).then_some(total))
}

/// Reads at least `want` bytes (exactly: no byte past the handshake).
fn read_exact(
    s: &Socket,
    r: &impl Reactor,
    buf: &mut [u8],
    dl: Deadline,
) -> Result<(), ProxyError> {
    let mut got = 0;
    while got < buf.len() {
        match s.read_some(r, &mut buf[got..], dl) {
            Ok(0) => return Err(ProxyError::Closed),
            Ok(n) => got += n,
            Err(e) => return Err(ProxyError::Net(e)),
        }
    }
    Ok(())
}

fn write(s: &Socket, r: &impl Reactor, data: &[u8], dl: Deadline) -> Result<(), ProxyError> {
    s.write_all(r, data, dl).1.map_err(ProxyError::Net)
}

/// Opens the tunnel to `host:port` through the proxy `s` is connected to.
pub fn tunnel(
    s: &Socket,
    r: &impl Reactor,
    cfg: &ProxyConfig,
    host: &str,
    port: u16,
    dl: Deadline,
) -> Result<(), ProxyError> {
    match cfg.kind {
        ProxyKind::Http => http_tunnel(s, r, cfg, host, port, dl),
        ProxyKind::Socks5 => socks5_tunnel(s, r, cfg, host, port, dl),
    }
}

fn http_tunnel(
    s: &Socket,
    r: &impl Reactor,
    cfg: &ProxyConfig,
    host: &str,
    port: u16,
    dl: Deadline,
) -> Result<(), ProxyError> {
    write(s, r, &http_connect_request(cfg, host, port), dl)?;
    // Byte by byte once the head could end, so nothing of the tunnel's own
    // traffic is read here; the head itself is small.
    let mut head = Vec::with_capacity(256);
    let mut byte = [0u8; 1];
    loop {
        read_exact(s, r, &mut byte, dl)?;
        head.push(byte[0]);
        if let Some(n) = http_connect_reply(&head)? {
            debug_assert_eq!(n, head.len());
            return Ok(());
        }
    }
}

fn socks5_tunnel(
    s: &Socket,
    r: &impl Reactor,
    cfg: &ProxyConfig,
    host: &str,
    port: u16,
    dl: Deadline,
) -> Result<(), ProxyError> {
    // Greeting: one method, user/password when there are credentials.
    let method = if cfg.auth.is_some() { 2 } else { 0 };
    write(s, r, &[5, 1, method], dl)?;
    let mut reply = [0u8; 2];
    read_exact(s, r, &mut reply, dl)?;
    if reply[0] != 5 {
        return Err(ProxyError::Socks5Version);
    }
    if reply[1] != method {
        return Err(ProxyError::Socks5Method);
    }
    if let Some((user, pass)) = &cfg.auth {
        let (u, p) = (user.as_bytes(), pass.as_bytes());
        let (Ok(ul), Ok(pl)) = (u8::try_from(u.len()), u8::try_from(p.len())) else {
            return Err(ProxyError::TooLong);
        };
        let mut auth = vec![1, ul];
        auth.extend_from_slice(u);
        auth.push(pl);
        auth.extend_from_slice(p);
        write(s, r, &auth, dl)?;
        read_exact(s, r, &mut reply, dl)?;
        if reply[0] != 1 {
            return Err(ProxyError::Socks5Version);
        }
        if reply[1] != 0 {
            return Err(ProxyError::Socks5Auth);
        }
    }
    // CONNECT: an address as it is, a name for the proxy to resolve.
    let mut req = vec![5, 1, 0];
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => {
            req.push(1);
            req.extend_from_slice(&a.octets());
        }
        Ok(std::net::IpAddr::V6(a)) => {
            req.push(4);
            req.extend_from_slice(&a.octets());
        }
        Err(_) => {
            let n = u8::try_from(host.len()).map_err(|_| ProxyError::TooLong)?;
            req.push(3);
            req.push(n);
            req.extend_from_slice(host.as_bytes());
        }
    }
    req.extend_from_slice(&port.to_be_bytes());
    write(s, r, &req, dl)?;
    // The reply's length depends on its address type: read its fixed part,
    // then exactly the rest.
    let mut buf = vec![0u8; 5];
    read_exact(s, r, &mut buf, dl)?;
    loop {
        match socks5_connect_reply(&buf)? {
            Some(n) if n == buf.len() => return Ok(()),
            Some(n) => {
                let have = buf.len();
                buf.resize(n, 0);
                read_exact(s, r, &mut buf[have..], dl)?;
            }
            None => {
                let have = buf.len();
                buf.resize(have + 1, 0);
                read_exact(s, r, &mut buf[have..], dl)?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn connect_replies() {
        assert_eq!(
            http_connect_reply(b"HTTP/1.1 200 Connection established\r\n").unwrap(),
            None
        );
        assert_eq!(
            http_connect_reply(b"HTTP/1.1 200 Connection established\r\n\r\nextra").unwrap(),
            Some(39)
        );
        assert_eq!(
            http_connect_reply(b"HTTP/1.0 200\r\nX: y\r\n\r\n").unwrap(),
            Some(22)
        );
        assert!(matches!(
            http_connect_reply(b"HTTP/1.1 407 Auth\r\n\r\n"),
            Err(ProxyError::HttpRefused)
        ));
        assert!(matches!(
            http_connect_reply(b"SSH-2.0"),
            Err(ProxyError::HttpBadResponse)
        ));
        assert!(matches!(
            http_connect_reply(&vec![b'H'; 9000]),
            Err(ProxyError::HttpBadResponse)
        ));
        assert_eq!(http_connect_reply(b"HTT").unwrap(), None);
    }

    #[test]
    fn socks5_replies() {
        assert_eq!(socks5_connect_reply(&[5, 0, 0]).unwrap(), None);
        assert_eq!(
            socks5_connect_reply(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 80]).unwrap(),
            Some(10)
        );
        assert_eq!(
            socks5_connect_reply(&[5, 0, 0, 3, 3, b'a', b'b']).unwrap(),
            None
        );
        assert_eq!(
            socks5_connect_reply(&[5, 0, 0, 3, 3, b'a', b'b', b'c', 0, 80]).unwrap(),
            Some(10)
        );
        assert!(matches!(
            socks5_connect_reply(&[5, 5, 0, 1]),
            Err(ProxyError::Socks5Server(5))
        ));
        assert!(matches!(
            socks5_connect_reply(&[4]),
            Err(ProxyError::Socks5Version)
        ));
        assert!(matches!(
            socks5_connect_reply(&[5, 0, 0, 9]),
            Err(ProxyError::Socks5Version)
        ));
    }

    #[test]
    fn connect_request_and_credentials() {
        let cfg = ProxyConfig {
            kind: ProxyKind::Http,
            host: "p".into(),
            port: 1,
            auth: Some(("user".into(), "pass".into())),
        };
        assert_eq!(
            http_connect_request(&cfg, "example.com", 443),
            b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nProxy-Authorization: Basic dXNlcjpwYXNz\r\n\r\n".to_vec()
        );
        assert!(String::from_utf8(http_connect_request(&cfg, "::1", 8443))
            .unwrap()
            .starts_with("CONNECT [::1]:8443 "));
    }
}
