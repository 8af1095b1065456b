//! SWOOLE_PROCESS, PHP side: `start()` makes the calling process the master
//! (`server::master`, no PHP on its loop) and forks the manager, which forks
//! the workers as in BASE mode. Each worker serves the sessions the master
//! hands it over its socket pair (`vconn`); UDP ports stay with the workers.

use std::io;
use std::os::fd::RawFd;

use super::listener::{self, Proto};
use super::{Config, ServerObj};
use crate::server::master;
use crate::server::process::{SignalFd, MANAGER_SIGNALS};
use crate::syscall;

/// Whether `start()` runs a master: SWOOLE_PROCESS with a stream port, and
/// no TLS port (the master speaks clear text: such servers run BASE mode).
pub(super) fn wanted(srv: &ServerObj, cfg: &Config) -> bool {
    if !srv.process_mode.get() {
        return false;
    }
    let ls = listener::all(srv, cfg);
    !ls.iter().any(|l| l.tls.is_some()) && ls.iter().any(|l| l.proto != Proto::Udp)
}

/// Each worker's socket pair: (master ends, worker ends).
pub(super) fn links(workers: usize) -> io::Result<(Vec<RawFd>, Vec<RawFd>)> {
    let mut m = Vec::new();
    let mut w = Vec::new();
    for _ in 0..workers.max(1) {
        let (a, b) = super::task::pair()?;
        m.push(a);
        w.push(b);
    }
    Ok((m, w))
}

/// Which side of the fork `start()` continues on.
pub(super) enum Side {
    /// The master: its loop, to `run` (after onStart), and the manager's pid.
    Master(master::Config, i32),
    /// The manager.
    Manager,
}

/// The master's loop, until the manager has stopped.
pub(super) fn run(cfg: master::Config) -> io::Result<()> {
    master::run(cfg)
}

fn close_all(fds: &[RawFd]) {
    for &fd in fds {
        // SAFETY: closing an fd of ours this process does not use.
        let _ = unsafe { syscall!(close(fd)) };
    }
}

/// Forks the manager; the master runs until the manager is gone.
pub(super) fn fork(
    srv: &ServerObj,
    cfg: &Config,
    links: (Vec<RawFd>, Vec<RawFd>),
) -> io::Result<Side> {
    let (mends, wends) = links;
    // Blocked before the fork: no signal sent meanwhile is lost.
    let sig = SignalFd::new(&MANAGER_SIGNALS)?;
    let mut ports = Vec::new();
    let all = listener::all(srv, cfg);
    // Swoole's heartbeat rule: sweep at most every half idle time of any port.
    let mut interval = cfg.heartbeat_check_interval;
    for l in &all {
        let idle = l.cfg.heartbeat_idle_time;
        if idle > 0 {
            let want = if idle > 2 { idle / 2 } else { 1 };
            if interval == 0 || interval > want {
                interval = want;
            }
        }
    }
    for (i, l) in all.iter().enumerate() {
        let kind = match l.proto {
            Proto::Udp => continue,
            Proto::Tcp => master::PortKind::Tcp,
            Proto::Http | Proto::WebSocket => master::PortKind::Http,
        };
        // SAFETY: dup of a listening fd we hold (the master owns the copy).
        let fd = unsafe { syscall!(dup(l.fd)) }?;
        ports.push(master::Port {
            fd,
            kind,
            max_package: l.cfg.package_max_length,
            nodelay: l.cfg.open_tcp_nodelay,
            index: u8::try_from(i).unwrap_or(u8::MAX),
            number: l.port,
            idle_time: match l.cfg.heartbeat_idle_time {
                0 => cfg.heartbeat_check_interval.saturating_mul(2),
                n => n,
            },
        });
    }
    // Twice the connections allowed (bounded), a multiple of the workers:
    // each worker's ids have their share of the slots.
    let n = cfg.worker_num.max(1);
    let cap = (cfg.max_connection.clamp(1024, 65536) * 2).div_ceil(n) * n;
    let sessions = std::rc::Rc::new(master::sessions::Sessions::new(cap)?);
    // SAFETY: fork(2); the child continues as the manager.
    let pid = unsafe { syscall!(fork()) }?;
    if pid == 0 {
        close_all(&mends);
        close_all(&ports.iter().map(|p| p.fd).collect::<Vec<_>>());
        close_all(&[sig.fd]);
        super::vconn::set_links(wends, sessions);
        return Ok(Side::Manager);
    }
    close_all(&wends);
    let out_limit = cfg.buffer_output_size.max(cfg.socket_buffer_size);
    let run = master::Config {
        ports,
        links: mends,
        dispatch_mode: cfg.dispatch_mode,
        max_connection: cfg.max_connection,
        out_limit,
        signals: sig,
        manager_pid: pid,
        heartbeat_interval: interval,
        sessions,
    };
    Ok(Side::Master(run, pid))
}
