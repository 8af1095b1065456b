//! The `syscall!` macro and the few libc helpers the runtime core needs.
//!
//! Owns: turning a libc return value of -1 into `io::Error` (mio's style),
//! reading `errno`, switching an fd's O_NONBLOCK.
//! May not: hold state. With `server/`, the only direct libc caller.

/// Calls a libc function and maps a `-1` result to `io::Error::last_os_error()`.
/// Expands to an unsafe call: use it inside an `unsafe` block whose SAFETY
/// comment says why the arguments are valid.
#[macro_export]
macro_rules! syscall {
    ($fn: ident ( $($arg: expr),* $(,)* ) ) => {{
        let res = libc::$fn($($arg, )*);
        if res == -1 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(res)
        }
    }};
}

/// The calling thread's `errno` (EIO when there is none to read).
pub fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// Sets the calling thread's `errno` (what `swoole_errno()` reports).
pub fn set_errno(code: i32) {
    // SAFETY: __errno_location returns this thread's errno slot.
    unsafe { *libc::__errno_location() = code };
}

/// SO_RCVTIMEO and SO_SNDTIMEO of socket `fd` (zero: none).
pub fn set_socket_timeouts(fd: std::os::fd::RawFd, t: std::time::Duration) -> std::io::Result<()> {
    let tv = libc::timeval {
        tv_sec: t.as_secs().min(i64::MAX as u64) as libc::time_t,
        tv_usec: t.subsec_micros() as libc::suseconds_t,
    };
    for opt in [libc::SO_RCVTIMEO, libc::SO_SNDTIMEO] {
        // SAFETY: setsockopt(2) with a timeval of the right size.
        unsafe {
            syscall!(setsockopt(
                fd,
                libc::SOL_SOCKET,
                opt,
                (&tv as *const libc::timeval).cast(),
                std::mem::size_of::<libc::timeval>() as libc::socklen_t,
            ))
        }?;
    }
    Ok(())
}

/// Turns O_NONBLOCK on or off for `fd`; a failure leaves the fd as it was.
pub fn set_nonblocking(fd: std::os::fd::RawFd, on: bool) {
    // SAFETY: fcntl(2) flag get/set on an fd the caller holds.
    unsafe {
        if let Ok(fl) = syscall!(fcntl(fd, libc::F_GETFL)) {
            let new = if on {
                fl | libc::O_NONBLOCK
            } else {
                fl & !libc::O_NONBLOCK
            };
            if new != fl {
                // fcntl: on error the fd keeps its mode, as documented above.
                let _ = syscall!(fcntl(fd, libc::F_SETFL, new));
            }
        }
    }
}

/// The size of a memory page on this machine.
pub fn page_size() -> usize {
    // SAFETY: sysconf has no memory-safety preconditions.
    // Not syscall!: -1 may come without errno (no such limit); any value
    // below 1 falls back to 4096.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n <= 0 {
        4096
    } else {
        n as usize
    }
}

/// This process's pid, cached: glibc no longer caches getpid(), and the
/// shared-memory locks stamp every acquisition with it (a syscall per
/// Table row access otherwise). A fork clears the cache in the child
/// (pthread_atfork), so a forked process never sees its parent's pid.
pub fn pid() -> i32 {
    use std::sync::atomic::{AtomicI32, Ordering::Relaxed};
    static PID: AtomicI32 = AtomicI32::new(0);
    static AT_FORK: std::sync::Once = std::sync::Once::new();
    extern "C" fn forget() {
        PID.store(0, Relaxed);
    }
    let cached = PID.load(Relaxed);
    if cached > 0 {
        return cached;
    }
    AT_FORK.call_once(|| {
        // SAFETY: registers a child handler that only stores to an atomic
        // (async-signal-safe); nothing to undo if it fails (no caching
        // then: see below).
        let ok = unsafe { libc::pthread_atfork(None, None, Some(forget)) } == 0;
        if !ok {
            PID.store(-1, Relaxed);
        }
    });
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    // -1: the fork handler could not be registered, so never cache.
    if PID.load(Relaxed) != -1 {
        PID.store(me, Relaxed);
    }
    me
}

/// False only when process `pid` is known to be gone (ESRCH); true for a
/// live one, one we may not signal, and for 0 or less (no process named).
/// The shared-memory locks use it to take over a lock whose holder died.
pub fn process_alive(pid: i32) -> bool {
    // SAFETY: kill(pid, 0) only asks whether the process exists.
    pid <= 0 || unsafe { libc::kill(pid, 0) } == 0 || errno() != libc::ESRCH
}

/// A `sockaddr_storage` holding `a`, and its length.
pub fn sockaddr(a: std::net::SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: a zeroed sockaddr_storage is valid; we write the family's layout.
    let mut st: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    match a {
        std::net::SocketAddr::V4(v4) => {
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: v4.port().to_be(),
                sin_addr: libc::in_addr {
                    s_addr: u32::from_ne_bytes(v4.ip().octets()),
                },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_in fits in sockaddr_storage.
            unsafe { std::ptr::write((&mut st as *mut libc::sockaddr_storage).cast(), sin) };
            (
                st,
                std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
            )
        }
        std::net::SocketAddr::V6(v6) => {
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: v6.port().to_be(),
                sin6_flowinfo: v6.flowinfo(),
                sin6_addr: libc::in6_addr {
                    s6_addr: v6.ip().octets(),
                },
                sin6_scope_id: v6.scope_id(),
            };
            // SAFETY: sockaddr_in6 fits in sockaddr_storage.
            unsafe { std::ptr::write((&mut st as *mut libc::sockaddr_storage).cast(), sin6) };
            (
                st,
                std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t,
            )
        }
    }
}

/// CLOCK_MONOTONIC_COARSE in milliseconds: a few nanoseconds to read (no
/// hardware counter), at the kernel tick's resolution (1–4 ms) — enough for
/// `Coroutine::getElapsed`, cheap enough for every coroutine start.
pub fn coarse_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills the timespec we pass; it cannot fail for
    // this clock id on Linux (if it did, ts stays 0 and elapsed times only
    // come out too large).
    let _ = unsafe { crate::syscall!(clock_gettime(libc::CLOCK_MONOTONIC_COARSE, &mut ts)) };
    (ts.tv_sec as u64)
        .saturating_mul(1000)
        .saturating_add(ts.tv_nsec as u64 / 1_000_000)
}

/// Types an all-zero page is a valid value of (atomics), for `Shared`.
pub trait ZeroValid: Sync {}
impl ZeroValid for std::sync::atomic::AtomicU32 {}
impl ZeroValid for std::sync::atomic::AtomicI64 {}
impl ZeroValid for std::sync::atomic::AtomicI32 {}
impl ZeroValid for std::sync::atomic::AtomicU64 {}
impl<T: ZeroValid, const N: usize> ZeroValid for [T; N] {}

/// One value in memory shared with the processes forked after it was made
/// (Swoole's shared-memory atomics and locks): its own anonymous shared
/// mapping, zero-filled by the kernel. Freed when dropped here; other
/// processes keep their own mapping of the same pages.
pub struct Shared<T: ZeroValid> {
    /// The mapping (whole pages), holding the value at its start.
    ptr: std::ptr::NonNull<T>,
}

/// A shared 32-bit word (`Swoole\Atomic`, the shared coroutine lock).
pub type SharedU32 = Shared<std::sync::atomic::AtomicU32>;

impl<T: ZeroValid> Shared<T> {
    /// A zeroed value in a fresh shared mapping.
    pub fn new() -> std::io::Result<Shared<T>> {
        const { assert!(std::mem::align_of::<T>() <= 4096) };
        // SAFETY: a fresh anonymous shared mapping of whole pages; the kernel
        // zero-fills it, a valid T (ZeroValid) at its page-aligned start.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                Self::LEN,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        std::ptr::NonNull::new(p.cast())
            .map(|ptr| Shared { ptr })
            .ok_or_else(|| std::io::Error::other("mmap returned null"))
    }
}

impl<T: ZeroValid> Shared<T> {
    /// Bytes mapped: the value's size rounded up to whole pages
    /// (`div_ceil` is not usable in a const of a generic impl here).
    #[allow(clippy::manual_div_ceil)]
    const LEN: usize = (std::mem::size_of::<T>() + 4095) / 4096 * 4096
        + if std::mem::size_of::<T>() == 0 {
            4096
        } else {
            0
        };
}

impl<T: ZeroValid> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared").field("ptr", &self.ptr).finish()
    }
}

impl<T: ZeroValid> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the mapping lives until drop and holds a T.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: ZeroValid> Drop for Shared<T> {
    fn drop(&mut self) {
        // SAFETY: our own mapping of LEN bytes; nothing refers to it after
        // drop (other processes keep their own mapping of the same pages).
        // munmap: nothing to do on error.
        let _ = unsafe { crate::syscall!(munmap(self.ptr.as_ptr().cast(), Self::LEN)) };
    }
}

/// futex(2) FUTEX_WAIT on a word in shared memory: sleeps (the whole thread)
/// while `*word == expected`, until woken or `timeout` passes. Ok when woken;
/// Err (EAGAIN: the value differed, ETIMEDOUT, EINTR) otherwise.
pub fn futex_wait(
    word: &std::sync::atomic::AtomicU32,
    expected: u32,
    timeout: Option<std::time::Duration>,
) -> std::io::Result<()> {
    let ts = timeout.map(|d| libc::timespec {
        tv_sec: d.as_secs().min(i64::MAX as u64) as libc::time_t,
        tv_nsec: d.subsec_nanos() as libc::c_long,
    });
    let tp = ts
        .as_ref()
        .map_or(std::ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: FUTEX_WAIT (not PRIVATE: the word may be shared across
    // processes) on a live, aligned 32-bit word; the timeout outlives the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT,
            expected,
            tp,
            std::ptr::null::<u32>(),
            0,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// futex(2) FUTEX_WAKE: wakes up to `n` waiters of `word`; how many woke.
pub fn futex_wake(word: &std::sync::atomic::AtomicU32, n: i32) -> std::io::Result<i64> {
    // SAFETY: FUTEX_WAKE on a live, aligned 32-bit word.
    let r = unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAKE,
            n,
            std::ptr::null::<libc::timespec>(),
            std::ptr::null::<u32>(),
            0,
        )
    };
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(r as i64)
    }
}

/// Calls `f(name, flags, address)` for every node getifaddrs(3) lists that
/// has an address.
fn each_ifaddr(mut f: impl FnMut(String, u32, &libc::sockaddr)) {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `head` with a list we free below.
    if unsafe { crate::syscall!(getifaddrs(&mut head)) }.is_err() {
        return;
    }
    let mut p = head;
    while !p.is_null() {
        // SAFETY: a node of the list getifaddrs returned, alive until
        // freeifaddrs.
        unsafe {
            let a = (*p).ifa_addr;
            if !a.is_null() {
                let name = std::ffi::CStr::from_ptr((*p).ifa_name)
                    .to_string_lossy()
                    .into_owned();
                f(name, (*p).ifa_flags, &*a);
            }
            p = (*p).ifa_next;
        }
    }
    // SAFETY: the list getifaddrs gave us, freed once.
    unsafe { libc::freeifaddrs(head) };
}

/// Every interface address of this host: (interface name, address).
pub fn local_addresses() -> Vec<(String, std::net::IpAddr)> {
    let mut out = Vec::new();
    each_ifaddr(|name, _, a| {
        // SAFETY: an address of the family it reports (getifaddrs).
        unsafe {
            match i32::from(a.sa_family) {
                libc::AF_INET => {
                    let v4 = &*(a as *const libc::sockaddr as *const libc::sockaddr_in);
                    let ip = std::net::Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr));
                    out.push((name, ip.into()));
                }
                libc::AF_INET6 => {
                    let v6 = &*(a as *const libc::sockaddr as *const libc::sockaddr_in6);
                    out.push((name, std::net::Ipv6Addr::from(v6.sin6_addr.s6_addr).into()));
                }
                _ => {}
            }
        }
    });
    out
}

/// The hardware address of each interface that has an IPv4 address and is
/// not a loopback (the interfaces SIOCGIFCONF lists), by name.
pub fn local_macs() -> Vec<(String, [u8; 6])> {
    let mut with_v4 = Vec::new();
    let mut macs: Vec<(String, [u8; 6])> = Vec::new();
    each_ifaddr(|name, flags, a| {
        if flags & libc::IFF_LOOPBACK as u32 != 0 {
            return;
        }
        match i32::from(a.sa_family) {
            libc::AF_INET => with_v4.push(name),
            libc::AF_PACKET => {
                // SAFETY: an AF_PACKET address is a sockaddr_ll.
                let ll = unsafe { &*(a as *const libc::sockaddr as *const libc::sockaddr_ll) };
                if ll.sll_halen == 6 {
                    let mut m = [0u8; 6];
                    m.copy_from_slice(&ll.sll_addr[..6]);
                    macs.push((name, m));
                }
            }
            _ => {}
        }
    });
    macs.retain(|(n, _)| with_v4.contains(n));
    macs
}

/// Bob Jenkins' one-at-a-time hash (`swoole_hashcode($s, 1)`).
pub fn one_at_a_time(data: &[u8]) -> u32 {
    let mut h: u32 = 0;
    for &b in data {
        h = h.wrapping_add(u32::from(b));
        h = h.wrapping_add(h << 10);
        h ^= h >> 6;
    }
    h = h.wrapping_add(h << 3);
    h ^= h >> 11;
    h.wrapping_add(h << 15)
}

/// getaddrinfo(3): the addresses of `host` (optionally for `service`) of the
/// given family, socket type and protocol, in the resolver's order. Empty
/// when it resolves to nothing or fails. Blocks: run it off the PHP thread.
pub fn getaddrinfo(
    host: &std::ffi::CStr,
    service: &std::ffi::CStr,
    family: i32,
    socktype: i32,
    protocol: i32,
) -> Vec<std::net::IpAddr> {
    // SAFETY: all-zero is a valid hints struct.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let serv = if service.is_empty() {
        std::ptr::null()
    } else {
        service.as_ptr()
    };
    // SAFETY: NUL-terminated inputs; the resolver allocates the list, which we free.
    let rc = unsafe { libc::getaddrinfo(host.as_ptr(), serv, &hints, &mut res) };
    let mut out = Vec::new();
    if rc != 0 {
        return out;
    }
    let mut p = res;
    // SAFETY: walking the list getaddrinfo returned; each ai_addr is a
    // sockaddr of ai_family's kind.
    unsafe {
        while !p.is_null() {
            let a = (*p).ai_addr;
            if !a.is_null() {
                match (*p).ai_family {
                    libc::AF_INET => {
                        let sin = &*(a as *const libc::sockaddr_in);
                        out.push(std::net::IpAddr::V4(std::net::Ipv4Addr::from(
                            u32::from_be(sin.sin_addr.s_addr),
                        )));
                    }
                    libc::AF_INET6 => {
                        let sin6 = &*(a as *const libc::sockaddr_in6);
                        out.push(std::net::IpAddr::V6(std::net::Ipv6Addr::from(
                            sin6.sin6_addr.s6_addr,
                        )));
                    }
                    _ => {}
                }
            }
            p = (*p).ai_next;
        }
        libc::freeaddrinfo(res);
    }
    out
}

/// N random bytes (getrandom(2); the clock if it fails): boundaries,
/// WebSocket keys. Not for secrets.
pub fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // SAFETY: getrandom writes at most N bytes into our buffer.
    let n = unsafe { libc::getrandom(b.as_mut_ptr().cast(), N, 0) };
    if n != N as isize {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        for (i, x) in b.iter_mut().enumerate() {
            *x = (t >> ((i % 16) * 8)) as u8 ^ i as u8;
        }
    }
    b
}

/// `len` bytes of fresh anonymous shared memory, zero-filled by the kernel
/// and committed only as touched (Swoole's tables, the PROCESS master's
/// session table): shared with every process forked after it; unmapped
/// here when dropped (other processes keep their own mapping).
pub struct SharedBytes {
    ptr: std::ptr::NonNull<u8>,
    len: usize,
}

impl SharedBytes {
    /// Maps `len` bytes.
    pub fn new(len: usize) -> std::io::Result<SharedBytes> {
        // SAFETY: a fresh anonymous shared mapping; the kernel zero-fills it.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len.max(1),
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let ptr = std::ptr::NonNull::new(p.cast())
            .ok_or_else(|| std::io::Error::other("mmap returned null"))?;
        Ok(SharedBytes {
            ptr,
            len: len.max(1),
        })
    }

    /// The first byte (page-aligned).
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Bytes mapped.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Never true (at least one byte is mapped).
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl Drop for SharedBytes {
    fn drop(&mut self) {
        // SAFETY: our own mapping of `len` bytes; nothing refers to it after
        // drop (other processes keep their own mapping).
        // munmap: nothing to do on error.
        let _ = unsafe { crate::syscall!(munmap(self.ptr.as_ptr().cast(), self.len)) };
    }
}
