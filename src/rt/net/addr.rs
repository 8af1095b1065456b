//! Socket addresses: building them from Swoole's (host, port) or a unix
//! path, reading them back as (host, port), and resolving names.
//!
//! Owns: the `sockaddr_storage` layouts of AF_INET, AF_INET6 and AF_UNIX.
//! May not: block the PHP thread (`resolve` blocks: callers run it on the
//! blocking pool).

use std::ffi::CString;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// An address of any family a socket uses.
#[derive(Clone, Copy)]
pub struct SockAddr {
    st: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl std::fmt::Debug for SockAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (h, p) = self.host_port();
        write!(f, "SockAddr({h}:{p})")
    }
}

impl SockAddr {
    /// An all-zero address for a syscall to fill.
    pub fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: an all-zero sockaddr_storage is valid.
            st: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }

    /// An IP address and port.
    pub fn ip(a: SocketAddr) -> SockAddr {
        let (st, len) = crate::rt::sys::sockaddr(a);
        SockAddr { st, len }
    }

    /// A unix socket path; None when it does not fit `sun_path`. A leading
    /// NUL byte names an abstract socket (its length counts exactly).
    pub fn unix(path: &[u8]) -> Option<SockAddr> {
        let mut a = SockAddr::empty();
        // SAFETY: sockaddr_un fits in sockaddr_storage, which is all zero.
        let un =
            unsafe { &mut *(&mut a.st as *mut libc::sockaddr_storage).cast::<libc::sockaddr_un>() };
        un.sun_family = libc::AF_UNIX as libc::sa_family_t;
        if path.len() >= un.sun_path.len() {
            return None;
        }
        for (d, s) in un.sun_path.iter_mut().zip(path) {
            *d = *s as libc::c_char;
        }
        let base = std::mem::offset_of!(libc::sockaddr_un, sun_path);
        let n = if path.first() == Some(&0) {
            path.len()
        } else {
            path.len() + 1
        };
        a.len = (base + n) as libc::socklen_t;
        Some(a)
    }

    /// The address for `domain` of a host that is an IP literal (or
    /// `localhost`) and port, or a unix path; None when `host` needs
    /// resolving (see `resolve`) or does not fit.
    pub fn literal(domain: i32, host: &str, port: u16) -> Option<SockAddr> {
        if domain == libc::AF_UNIX {
            return SockAddr::unix(host.as_bytes());
        }
        let ip: IpAddr = match host {
            "localhost" if domain == libc::AF_INET6 => IpAddr::V6(Ipv6Addr::LOCALHOST),
            "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
            h => {
                let h = h
                    .strip_prefix('[')
                    .and_then(|h| h.strip_suffix(']'))
                    .unwrap_or(h);
                h.parse().ok()?
            }
        };
        match (domain, ip) {
            (libc::AF_INET, IpAddr::V6(_)) | (libc::AF_INET6, IpAddr::V4(_)) => None,
            _ => Some(SockAddr::ip(SocketAddr::new(ip, port))),
        }
    }

    /// Pointer and length for connect/bind/sendto.
    pub fn as_raw(&self) -> (*const libc::sockaddr, libc::socklen_t) {
        ((&self.st as *const libc::sockaddr_storage).cast(), self.len)
    }

    /// Pointer and length slot for accept/recvfrom/getsockname to fill.
    pub fn as_raw_mut(&mut self) -> (*mut libc::sockaddr, &mut libc::socklen_t) {
        (
            (&mut self.st as *mut libc::sockaddr_storage).cast(),
            &mut self.len,
        )
    }

    /// The address family.
    pub fn family(&self) -> i32 {
        i32::from(self.st.ss_family)
    }

    /// The IP address and port, for AF_INET and AF_INET6.
    pub fn socket_addr(&self) -> Option<SocketAddr> {
        let p = (&self.st as *const libc::sockaddr_storage).cast::<u8>();
        match self.family() {
            libc::AF_INET => {
                // SAFETY: the family says the storage holds a sockaddr_in.
                let sin = unsafe { &*p.cast::<libc::sockaddr_in>() };
                let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
                Some(SocketAddr::new(IpAddr::V4(ip), u16::from_be(sin.sin_port)))
            }
            libc::AF_INET6 => {
                // SAFETY: the family says the storage holds a sockaddr_in6.
                let sin6 = unsafe { &*p.cast::<libc::sockaddr_in6>() };
                let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
                Some(SocketAddr::new(
                    IpAddr::V6(ip),
                    u16::from_be(sin6.sin6_port),
                ))
            }
            _ => None,
        }
    }

    /// Swoole's view: (address, port) for IP sockets, (path, 0) for unix
    /// sockets, ("", 0) for anything else.
    pub fn host_port(&self) -> (String, u16) {
        if let Some(a) = self.socket_addr() {
            return (a.ip().to_string(), a.port());
        }
        if self.family() == libc::AF_UNIX {
            let base = std::mem::offset_of!(libc::sockaddr_un, sun_path);
            let n = (self.len as usize).saturating_sub(base);
            // SAFETY: the family says the storage holds a sockaddr_un.
            let un = unsafe {
                &*(&self.st as *const libc::sockaddr_storage).cast::<libc::sockaddr_un>()
            };
            let path: Vec<u8> = un.sun_path[..n.min(un.sun_path.len())]
                .iter()
                .map(|c| *c as u8)
                .collect();
            let end = if path.first() == Some(&0) {
                path.len()
            } else {
                memchr::memchr(0, &path).unwrap_or(path.len())
            };
            return (String::from_utf8_lossy(&path[..end]).into_owned(), 0);
        }
        (String::new(), 0)
    }
}

/// The addresses `host` resolves to for `domain` (AF_INET or AF_INET6),
/// in the resolver's order. Blocks: run it on the blocking pool.
pub fn resolve(host: &str, domain: i32) -> Vec<IpAddr> {
    let Ok(h) = CString::new(host) else {
        return Vec::new();
    };
    crate::rt::sys::getaddrinfo(&h, c"", domain, libc::SOCK_STREAM, 0)
}

/// Whether `host` needs the resolver (it is not an IP literal, `localhost`
/// or a unix path).
pub fn needs_resolve(domain: i32, host: &str) -> bool {
    domain != libc::AF_UNIX && SockAddr::literal(domain, host, 0).is_none()
}
