//! fork, waitpid, signalfd and the manager loop.
//!
//! Owns: the manager's table worker id → pid and its signal handling.
//! Invariants: in the manager, SIGTERM/SIGINT/SIGUSR1/SIGCHLD are blocked
//! and read from a signalfd (no async signal handlers); a child starts with
//! its own signalfd for SIGTERM and must build a fresh reactor (epoll is not
//! shared across fork).

use std::io;
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

use crate::syscall;

/// Turns the process into a daemon as Swoole's `daemonize` does: stdout and
/// stderr go to `log` (appended) or /dev/null, stdin reads /dev/null, the
/// working directory becomes `/`, and the process continues in a forked
/// child in a new session while the original process exits at once (status
/// 0, without running anything else). Returns in the child.
pub fn daemonize(log: Option<&std::path::Path>) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let out = match log {
        Some(p) => std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(p)?,
        None => std::fs::OpenOptions::new().write(true).open("/dev/null")?,
    };
    let null = std::fs::File::open("/dev/null")?;
    // SAFETY: dup2 onto the standard descriptors of fds we just opened.
    unsafe {
        syscall!(dup2(null.as_raw_fd(), 0))?;
        syscall!(dup2(out.as_raw_fd(), 1))?;
        syscall!(dup2(out.as_raw_fd(), 2))?;
    }
    // SAFETY: daemon(3) forks; the parent leaves with _exit(0), so nothing of
    // its state runs twice; the child returns here in a new session.
    unsafe { syscall!(daemon(0, 1)) }?;
    Ok(())
}

/// Sets the listen backlog of a listening socket (Linux applies a second
/// `listen()` to the socket already listening).
pub fn set_backlog(fd: RawFd, backlog: i32) -> io::Result<()> {
    // SAFETY: listen(2) on a socket we own.
    unsafe { syscall!(listen(fd, backlog)) }.map(|_| ())
}

/// Creates a listening TCP socket (SO_REUSEADDR), non-blocking, close-on-exec.
pub fn listen_tcp(host: &str, port: u16, backlog: i32) -> io::Result<RawFd> {
    bind_socket(host, port, Some(backlog))
}

/// Creates a bound UDP socket (SO_REUSEADDR), non-blocking, close-on-exec.
pub fn bind_udp(host: &str, port: u16) -> io::Result<RawFd> {
    bind_socket(host, port, None)
}

/// Creates a bound unix socket at `path` (listening with `backlog` when
/// `stream`), non-blocking, close-on-exec.
pub fn bind_unix(path: &str, stream: bool, backlog: i32) -> io::Result<RawFd> {
    let addr = crate::rt::net::SockAddr::unix(path.as_bytes())
        .ok_or_else(|| io::Error::from_raw_os_error(libc::ENAMETOOLONG))?;
    let ty = if stream {
        libc::SOCK_STREAM
    } else {
        libc::SOCK_DGRAM
    };
    // SAFETY: plain socket(2) with constant arguments.
    let fd = unsafe {
        syscall!(socket(
            libc::AF_UNIX,
            ty | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0
        ))
    }?;
    let (p, len) = addr.as_raw();
    // SAFETY: bind/listen on the fd we own, with the address's own length.
    let r = unsafe {
        syscall!(bind(fd, p, len)).and_then(|_| {
            if stream {
                syscall!(listen(fd, backlog))
            } else {
                Ok(0)
            }
        })
    };
    if let Err(e) = r {
        // SAFETY: closing our own fd.
        // close: nothing to do on error, the fd is gone either way.
        let _ = unsafe { syscall!(close(fd)) };
        return Err(e);
    }
    Ok(fd)
}

/// A bound socket: stream and listening with `backlog`, else datagram.
fn bind_socket(host: &str, port: u16, backlog: Option<i32>) -> io::Result<RawFd> {
    let addr: std::net::SocketAddr = match host.parse::<std::net::IpAddr>() {
        Ok(ip) => std::net::SocketAddr::new(ip, port),
        Err(_) => std::net::ToSocketAddrs::to_socket_addrs(&(host, port))?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address"))?,
    };
    let domain = if addr.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    };
    // SAFETY: plain socket(2) with constant arguments.
    let fd = unsafe {
        syscall!(socket(
            domain,
            if backlog.is_some() {
                libc::SOCK_STREAM
            } else {
                libc::SOCK_DGRAM
            } | libc::SOCK_NONBLOCK
                | libc::SOCK_CLOEXEC,
            0
        ))
    }?;
    let one: libc::c_int = 1;
    let (st, len) = crate::rt::sys::sockaddr(addr);
    // SAFETY: setsockopt/bind/listen on the fd we own, with valid buffers.
    let r = unsafe {
        syscall!(setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_REUSEADDR,
            (&one as *const libc::c_int).cast(),
            4
        ))
        .and_then(|_| syscall!(bind(fd, (&st as *const libc::sockaddr_storage).cast(), len)))
        .and_then(|_| match backlog {
            Some(b) => syscall!(listen(fd, b)),
            None => Ok(0),
        })
    };
    if let Err(e) = r {
        // SAFETY: closing our own fd.
        // close: nothing to do on error, the fd is gone either way.
        let _ = unsafe { syscall!(close(fd)) };
        return Err(e);
    }
    Ok(fd)
}

/// The address family a socket is bound in (AF_INET, AF_INET6, AF_UNIX;
/// -1 when unknown).
pub fn family(fd: RawFd) -> i32 {
    crate::rt::net::socket::sock_name(fd).map_or(-1, |a| a.family())
}

/// The port a socket is bound to (0 for a unix socket).
pub fn local_port(fd: RawFd) -> io::Result<u16> {
    crate::rt::net::socket::sock_name(fd).map(|a| a.host_port().1)
}

/// A signalfd over a set of signals, which are blocked for the process.
#[derive(Debug)]
pub struct SignalFd {
    /// The fd (non-blocking, close-on-exec).
    pub fd: RawFd,
}

impl SignalFd {
    /// Blocks `signals` and opens a signalfd for them.
    pub fn new(signals: &[libc::c_int]) -> io::Result<SignalFd> {
        // SAFETY: building a sigset and changing this thread's mask.
        unsafe {
            let set = sigset(signals);
            // pthread_sigmask returns an error number, not -1 (EINVAL only
            // for a bad `how`).
            let rc = libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            if rc != 0 {
                return Err(io::Error::from_raw_os_error(rc));
            }
            let fd = syscall!(signalfd(-1, &set, libc::SFD_NONBLOCK | libc::SFD_CLOEXEC))?;
            Ok(SignalFd { fd })
        }
    }

    /// Reads one pending signal, if any.
    pub fn read(&self) -> Option<u32> {
        self.read_from().map(|(s, _)| s)
    }

    /// Reads one pending signal and the pid that sent it, if any.
    pub fn read_from(&self) -> Option<(u32, u32)> {
        // SAFETY: reading one signalfd_siginfo into a buffer of its size.
        unsafe {
            let mut info: libc::signalfd_siginfo = std::mem::zeroed();
            let n = syscall!(read(
                self.fd,
                (&mut info as *mut libc::signalfd_siginfo).cast(),
                std::mem::size_of::<libc::signalfd_siginfo>(),
            ));
            // Err(EAGAIN): no signal pending.
            match n {
                Ok(n) if n == std::mem::size_of::<libc::signalfd_siginfo>() as isize => {
                    Some((info.ssi_signo, info.ssi_pid))
                }
                _ => None,
            }
        }
    }

    /// Waits up to `timeout` for a signal (blocking poll; the manager runs no coroutines).
    pub fn wait(&self, timeout: Option<Duration>) -> Option<u32> {
        self.wait_from(timeout).map(|(s, _)| s)
    }

    /// `wait`, with the pid of the sender.
    pub fn wait_from(&self, timeout: Option<Duration>) -> Option<(u32, u32)> {
        if let Some(s) = self.read_from() {
            return Some(s);
        }
        let mut p = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as i32);
        // SAFETY: polling one valid pollfd.
        // poll: on error (EINTR) the read below finds nothing and the caller
        // waits again.
        let _ = unsafe { syscall!(poll(&mut p, 1, ms)) };
        self.read_from()
    }

    /// `wait_from`, also waking when `extra` is readable: the signal, if
    /// one came, and whether `extra` is readable.
    pub fn wait_with(&self, extra: RawFd, timeout: Option<Duration>) -> (Option<(u32, u32)>, bool) {
        if let Some(s) = self.read_from() {
            return (Some(s), false);
        }
        let mut p = [
            libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: extra,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as i32);
        // SAFETY: polling two valid pollfds of an array we own.
        // poll: on error (EINTR) nothing is ready and the caller waits again.
        let _ = unsafe { syscall!(poll(p.as_mut_ptr(), 2, ms)) };
        (self.read_from(), p[1].revents & libc::POLLIN != 0)
    }

    /// Closes the fd (in a child) and unblocks the signals.
    pub fn close_and_unblock(self, signals: &[libc::c_int]) {
        // SAFETY: closing our fd and restoring the mask of this (child) process.
        unsafe {
            // close: nothing to do on error, the fd is gone either way.
            let _ = syscall!(close(self.fd));
            let set = sigset(signals);
            // pthread_sigmask returns an error number (EINVAL only for a bad
            // `how`); there is nothing a child could do about one.
            let _ = libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

/// The set of `signals`.
fn sigset(signals: &[libc::c_int]) -> libc::sigset_t {
    // SAFETY: a zeroed sigset_t is valid storage for sigemptyset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: sigemptyset/sigaddset on our own set. Their only error is
    // EINVAL for a signal number out of range; ours are libc constants.
    unsafe {
        let _ = syscall!(sigemptyset(&mut set));
        for s in signals {
            let _ = syscall!(sigaddset(&mut set, *s));
        }
    }
    set
}

/// Those of `signals` this thread has blocked now.
pub fn blocked(signals: &[libc::c_int]) -> Vec<libc::c_int> {
    // SAFETY: a zeroed sigset_t is valid storage for the kernel to fill.
    let mut cur: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: reads this thread's mask without changing it (null new set).
    // pthread_sigmask returns an error number; with SIG_BLOCK and a null set
    // it cannot fail, and on failure `cur` stays empty (nothing blocked).
    let _ = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut cur) };
    signals
        .iter()
        .copied()
        // SAFETY: sigismember on our own, initialised set.
        .filter(|&s| unsafe { libc::sigismember(&cur, s) } == 1)
        .collect()
}

/// Signals the manager handles.
pub const MANAGER_SIGNALS: [libc::c_int; 5] = [
    libc::SIGTERM,
    libc::SIGINT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGCHLD,
];

/// What `Manager::run` returns in each process.
#[derive(Debug, PartialEq, Eq)]
pub enum Role {
    /// The manager, after every worker has stopped.
    Stopped,
    /// A freshly forked worker with this id.
    Worker(usize),
}

/// A worker that ends abnormally sooner than this after its fork failed to
/// start (an exception in `workerStart`, a fatal error at boot).
const START_GRACE: Duration = Duration::from_secs(2);
/// First delay before re-forking a worker that failed to start; it doubles
/// with each consecutive failure of that slot, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// Longest delay between two re-forks of a slot that keeps failing.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// The delay before the next fork of a slot after `failures` consecutive
/// start failures (0: none, fork at once).
pub fn backoff(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    let doublings = (failures - 1).min(16);
    FIRST_BACKOFF
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF)
}

/// What the manager tells its owner (Swoole's manager-side events).
pub trait ManagerEvents {
    /// Worker `id` (pid `pid`) ended with exit code `code` or signal `sig`.
    fn worker_error(&mut self, id: usize, pid: i32, code: i32, sig: i32);
    /// A stop was asked for; the workers are told next (`beforeShutdown`).
    fn before_shutdown(&mut self) {}
    /// A reload begins (`beforeReload`).
    fn before_reload(&mut self) {}
    /// Every worker has been replaced and the old ones have exited
    /// (`afterReload`).
    fn after_reload(&mut self) {}
    /// The manager's inbox (`Manager::with_inbox`) is readable.
    fn inbox_ready(&mut self) {}
    /// When the owner next has something to run in the manager (its
    /// timers: a pool's `Timer::after` from `onStart`); the wait for
    /// signals ends by then. None: nothing.
    fn next_tick(&mut self) -> Option<Instant> {
        None
    }
    /// Runs what is due (called once `next_tick` has passed, between two
    /// waits for signals, as Swoole's pool master selects its timers).
    fn tick(&mut self) {}
}

/// Forks and supervises workers.
///
/// Crash-loop back-off: a worker that ends abnormally within `START_GRACE`
/// of its fork counts as a failed start of its slot; the slot is re-forked
/// after `backoff(failures)` (a log line each time), and its count resets
/// once a worker of that slot has lived past the grace period or exited
/// cleanly.
#[derive(Debug)]
pub struct Manager {
    /// pid of each worker slot (0 = none).
    pids: Vec<libc::pid_t>,
    /// When each slot's worker was forked.
    born: Vec<Instant>,
    /// Consecutive start failures of each slot.
    failures: Vec<u32>,
    /// When each empty slot is due to be re-forked (None: not waiting).
    due: Vec<Option<Instant>>,
    /// Workers being replaced by a reload: they are not re-forked on exit.
    retiring: Vec<libc::pid_t>,
    /// Signals to the manager.
    sig: Option<SignalFd>,
    /// Set once a stop was asked for.
    stopping: bool,
    /// How long workers get to finish before SIGKILL.
    max_wait: Duration,
    /// Slots a reload replaces (workers and task workers; the user
    /// processes after them are left running, as Swoole does).
    reloadable: usize,
    /// Where each slot's pid and status are published to all processes.
    board: Option<std::rc::Rc<crate::rt::sys::Shared<super::board::Board>>>,
    /// An fd whose readability the manager reports (`inbox_ready`), for
    /// requests the workers send it (Swoole's manager commands).
    inbox: Option<RawFd>,
}

impl Manager {
    /// A manager for `workers` workers.
    pub fn new(workers: usize, max_wait: Duration) -> io::Result<Manager> {
        let n = workers.max(1);
        Ok(Manager {
            pids: vec![0; n],
            born: vec![Instant::now(); n],
            failures: vec![0; n],
            due: vec![None; n],
            retiring: Vec::new(),
            sig: Some(SignalFd::new(&MANAGER_SIGNALS)?),
            stopping: false,
            max_wait,
            reloadable: n,
            board: None,
            inbox: None,
        })
    }

    /// Only the first `n` slots are replaced by a reload.
    pub fn reload_only(mut self, n: usize) -> Self {
        self.reloadable = n.min(self.pids.len());
        self
    }

    /// Publishes each slot's pid and status on `board`.
    pub fn with_board(
        mut self,
        board: std::rc::Rc<crate::rt::sys::Shared<super::board::Board>>,
    ) -> Self {
        self.board = Some(board);
        self
    }

    /// Reports `fd`'s readability to `ManagerEvents::inbox_ready`.
    pub fn with_inbox(mut self, fd: RawFd) -> Self {
        self.inbox = Some(fd);
        self
    }

    fn slot(&self, id: usize) -> Option<&super::board::Slot> {
        self.board.as_ref().and_then(|b| b.slot(id))
    }

    /// pid of every live worker.
    pub fn worker_pids(&self) -> Vec<libc::pid_t> {
        self.pids.iter().copied().filter(|p| *p > 0).collect()
    }

    fn spawn(&mut self, id: usize) -> io::Result<Option<Role>> {
        // SAFETY: fork(2); the child continues below with a copy of this process.
        let pid = unsafe { syscall!(fork()) }?;
        if pid == 0 {
            if let Some(sig) = self.sig.take() {
                sig.close_and_unblock(&MANAGER_SIGNALS);
            }
            // SAFETY: getpid has no preconditions.
            let me = unsafe { libc::getpid() };
            if let Some(s) = self.slot(id) {
                s.born(me);
            }
            return Ok(Some(Role::Worker(id)));
        }
        if let Some(s) = self.slot(id) {
            s.born(pid);
        }
        self.pids[id] = pid;
        self.born[id] = Instant::now();
        self.due[id] = None;
        Ok(None)
    }

    fn signal_all(&self, sig: libc::c_int) {
        for p in self
            .worker_pids()
            .into_iter()
            .chain(self.retiring.iter().copied())
        {
            // SAFETY: signalling our own children.
            // kill: ESRCH means the child is already gone; reap() collects it.
            let _ = unsafe { syscall!(kill(p, sig)) };
        }
    }

    /// Forks the workers, then supervises them until a stop. In a child this
    /// returns `Role::Worker(id)` at once. `events` hears, in the manager,
    /// of each worker that ended abnormally, of a stop before the workers
    /// are asked to leave, and of each reload before and after it.
    pub fn run(&mut self, events: &mut dyn ManagerEvents) -> io::Result<Role> {
        for id in 0..self.pids.len() {
            if let Some(r) = self.spawn(id)? {
                return Ok(r);
            }
        }
        let mut deadline: Option<Instant> = None;
        let mut reloading = false;
        loop {
            let next_due = self.due.iter().flatten().min().copied();
            let wake = [deadline, next_due, events.next_tick()]
                .into_iter()
                .flatten()
                .min();
            let timeout = wake.map(|d| d.saturating_duration_since(Instant::now()));
            let timeout = timeout.or(Some(Duration::from_millis(500)));
            let got = match (self.sig.as_ref(), self.inbox) {
                (Some(s), Some(fd)) => {
                    let (got, ready) = s.wait_with(fd, timeout);
                    if ready {
                        events.inbox_ready();
                    }
                    got
                }
                (s, _) => s.and_then(|s| s.wait_from(timeout)),
            };
            if events.next_tick().is_some_and(|t| t <= Instant::now()) {
                events.tick();
            }
            // SIGUSR2 from one of our workers: it leaves the pool
            // (`Process\Pool::detach`) and its slot gets a new worker.
            if let Some((sig, from)) = got {
                if sig as i32 == libc::SIGUSR2 && !self.stopping {
                    if let Some(r) = self.detach(from as libc::pid_t)? {
                        return Ok(r);
                    }
                }
            }
            match got.map(|(s, _)| s as i32) {
                Some(libc::SIGTERM) | Some(libc::SIGINT) if !self.stopping => {
                    events.before_shutdown();
                    self.mark_shutting_down();
                    self.stopping = true;
                    deadline = Some(Instant::now() + self.max_wait);
                    self.signal_all(libc::SIGTERM);
                }
                Some(libc::SIGUSR1) if !self.stopping => {
                    events.before_reload();
                    if let Some(r) = self.reload()? {
                        return Ok(r);
                    }
                    reloading = true;
                }
                _ => {}
            }
            if let Some(r) = self.reap(events)? {
                return Ok(r);
            }
            // As Swoole: afterReload once every replaced worker has left.
            if reloading && self.retiring.is_empty() {
                reloading = false;
                events.after_reload();
            }
            if let Some(r) = self.fork_due()? {
                return Ok(r);
            }
            if self.stopping {
                if self.worker_pids().is_empty() && self.retiring.is_empty() {
                    return Ok(Role::Stopped);
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    self.signal_all(libc::SIGKILL);
                    deadline = Some(Instant::now() + Duration::from_secs(1));
                }
            }
        }
    }

    /// Collects exited workers; re-forks them unless stopping or retired.
    fn reap(&mut self, events: &mut dyn ManagerEvents) -> io::Result<Option<Role>> {
        loop {
            let mut status = 0;
            // SAFETY: non-blocking wait for any child.
            // Ok(0): none has exited; Err(ECHILD): no children left.
            let pid = match unsafe { syscall!(waitpid(-1, &mut status, libc::WNOHANG)) } {
                Ok(pid) if pid > 0 => pid,
                _ => return Ok(None),
            };
            if let Some(i) = self.retiring.iter().position(|p| *p == pid) {
                self.retiring.swap_remove(i);
                continue;
            }
            if let Some(id) = self.pids.iter().position(|p| *p == pid) {
                self.pids[id] = 0;
                if let Some(s) = self.slot(id) {
                    s.gone();
                }
                let (code, sig) = if libc::WIFSIGNALED(status) {
                    (0, libc::WTERMSIG(status))
                } else {
                    (libc::WEXITSTATUS(status), 0)
                };
                let failed = code != 0 || sig != 0;
                if failed {
                    events.worker_error(id, pid, code, sig);
                }
                if self.stopping {
                    continue;
                }
                let lived = self.born[id].elapsed();
                if failed && lived < START_GRACE {
                    self.failures[id] = self.failures[id].saturating_add(1);
                } else {
                    self.failures[id] = 0;
                }
                let wait = backoff(self.failures[id]);
                if wait.is_zero() {
                    if let Some(r) = self.spawn(id)? {
                        return Ok(Some(r));
                    }
                } else {
                    eprintln!(
                        "corust: worker #{id} (pid {pid}) failed {} time(s) in a row within {} ms of its start (exit code {code}, signal {sig}); restarting it in {} ms",
                        self.failures[id],
                        lived.as_millis(),
                        wait.as_millis()
                    );
                    self.due[id] = Some(Instant::now() + wait);
                }
            }
        }
    }

    /// Forks the slots whose back-off has run out.
    fn fork_due(&mut self) -> io::Result<Option<Role>> {
        if self.stopping {
            return Ok(None);
        }
        let now = Instant::now();
        for id in 0..self.pids.len() {
            if self.due[id].is_some_and(|d| d <= now) && self.pids[id] == 0 {
                if let Some(r) = self.spawn(id)? {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// Replaces workers one at a time: the new one is up before the old one
    /// is asked to leave, so the port never stops answering.
    fn reload(&mut self) -> io::Result<Option<Role>> {
        for id in 0..self.reloadable {
            let old = self.pids[id];
            if let Some(r) = self.spawn(id)? {
                return Ok(Some(r));
            }
            if old > 0 {
                self.retiring.push(old);
                // SAFETY: signalling our own child.
                // kill: ESRCH means the child is already gone; reap() collects it.
                let _ = unsafe { syscall!(kill(old, libc::SIGTERM)) };
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(None)
    }

    /// Worker `pid` detached itself: it runs on unsupervised (its exit is
    /// reaped and ignored) and its slot gets a new worker at once. A SIGUSR2
    /// from anyone else is ignored (Swoole reloads task workers on it).
    fn detach(&mut self, pid: libc::pid_t) -> io::Result<Option<Role>> {
        let Some(id) = self.pids.iter().position(|p| *p == pid && pid > 0) else {
            return Ok(None);
        };
        self.pids[id] = 0;
        if let Some(s) = self.slot(id) {
            s.gone();
        }
        self.spawn(id)
    }

    fn mark_shutting_down(&self) {
        if let Some(b) = &self.board {
            b.shutting_down
                .store(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Asks every worker to stop (`shutdown()` from the manager).
    pub fn request_stop(&mut self) {
        self.mark_shutting_down();
        self.stopping = true;
        self.signal_all(libc::SIGTERM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_cap() {
        let ms = |n| backoff(n).as_millis();
        assert_eq!([ms(0), ms(1), ms(2), ms(3), ms(4)], [0, 100, 200, 400, 800]);
        assert_eq!(ms(8), 10_000);
        assert_eq!(ms(u32::MAX), 10_000);
    }
}

#[cfg(test)]
mod tick_tests {
    use super::*;

    /// Ticks once, when due, and then asks the manager to stop (SIGTERM to
    /// itself), as a pool's `Timer::after(…, fn () => $pool->shutdown())`.
    struct StopOnTick {
        at: Instant,
        ticks: u32,
    }

    impl ManagerEvents for StopOnTick {
        fn worker_error(&mut self, _id: usize, _pid: i32, _code: i32, _sig: i32) {}

        fn next_tick(&mut self) -> Option<Instant> {
            (self.ticks == 0).then_some(self.at)
        }

        fn tick(&mut self) {
            self.ticks += 1;
            // SAFETY: signalling ourselves; the manager reads it from its
            // signalfd (SIGTERM is blocked in this process).
            let _ = unsafe { syscall!(kill(libc::getpid(), libc::SIGTERM)) };
        }
    }

    /// The manager (and its worker) run in a forked process of their own:
    /// its blocked signals and `waitpid(-1)` then touch no other test.
    #[test]
    fn manager_ticks_when_due_between_signal_waits() {
        // SAFETY: fork in a test; the child runs the manager and _exits.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            let code = (|| {
                let start = Instant::now();
                let mut mgr = Manager::new(1, Duration::from_secs(2)).ok()?;
                let mut ev = StopOnTick {
                    at: start + Duration::from_millis(150),
                    ticks: 0,
                };
                match mgr.run(&mut ev).ok()? {
                    Role::Worker(_) => loop {
                        // The worker waits for the manager's SIGTERM
                        // (default action: it ends).
                        // SAFETY: pause(2) has no preconditions.
                        unsafe { libc::pause() };
                    },
                    Role::Stopped => {}
                }
                let took = start.elapsed();
                let ok = ev.ticks == 1
                    && took >= Duration::from_millis(150)
                    && took < Duration::from_secs(2);
                Some(if ok { 0 } else { 2 })
            })()
            .unwrap_or(3);
            // SAFETY: leave the forked test process at once.
            unsafe { libc::_exit(code) };
        }
        let mut st = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut st, 0) };
        assert!(libc::WIFEXITED(st));
        assert_eq!(libc::WEXITSTATUS(st), 0);
    }
}
