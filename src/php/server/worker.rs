//! A worker process: its scheduler, the accept loop on the shared listening
//! socket, one coroutine per connection (HTTP in `http.rs`, plain TCP here),
//! the graceful stop and the task channels it starts.

use std::os::fd::RawFd;
use std::rc::Rc;
use std::time::Duration;

use super::outbox::{Outbox, Watermarks};
use super::*;
use crate::server::log;
use crate::server::packet::{SplitError, Splitter};

/// A worker's life: fresh reactor, onWorkerStart, accept loop, graceful stop.
pub(super) fn worker_main(
    ex: &ExecuteData,
    srv: &ServerObj,
    server: Zval,
    cfg: Config,
    id: usize,
    ipc: task::Ipc,
) {
    let is_task = id >= cfg.worker_num;
    rt(|r| r.after_fork());
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() };
    // Swoole's master in BASE mode is worker 0 (PROCESS mode: the master).
    let process_mode = super::vconn::active();
    if process_mode {
        super::vconn::batch_per_turn();
    }
    if let Some(pid0) = srv
        .board
        .borrow()
        .as_ref()
        .filter(|_| !process_mode)
        .and_then(|b| {
            b.slot(0)
                .map(|s| s.pid.load(std::sync::atomic::Ordering::Relaxed))
        })
    {
        set_prop(ex, 5, zval_long(i64::from(pid0)));
    }
    set_prop(ex, 7, zval_long(id as i64));
    set_prop(ex, 8, zval_long(pid as i64));
    set_prop(ex, 9, {
        let mut z = Zval::new();
        z.set_bool(is_task);
        z
    });
    io::set_send_timeout(cfg.send_timeout);
    // Sync mode: nothing yields unless the application asks (Swoole's
    // enable_coroutine => false); otherwise the `hook_flags` setting.
    if !cfg.enable_coroutine {
        super::super::hook::apply(0);
    } else if let Some(flags) = cfg.hook_flags {
        super::super::hook::apply(flags);
    }
    let w = Rc::new(Worker {
        id,
        board: srv.board.borrow().clone(),
        cfg: cfg.clone(),
        server: server.shallow_clone(),
        listeners: listener::all(srv, &cfg),
        stopping: Cell::new(false),
        idle: RefCell::new(IdSet::default()),
        conns: RefCell::new(IdMap::default()),
        closed: RefCell::new(IdMap::default()),
        sids: RefCell::new(IdMap::default()),
        fds: RefCell::new(Default::default()),
        accepted: Cell::new(0),
        ws_conns: RefCell::new(IdMap::default()),
        closing: RefCell::new(IdMap::default()),
        last_full_warning: Cell::new(None),
        served: Cell::new(0),
        accept_cids: RefCell::new(Vec::new()),
        signal_cid: Cell::new(None),
        extra_cids: RefCell::new(Vec::new()),
    });
    *CURRENT.get(|| RefCell::new(None)).borrow_mut() = Some(w.clone());
    let on_start = callback(srv, "workerstart");
    let on_task = callback(srv, "task");
    let on_finish = callback(srv, "finish");
    let on_stop = callback(srv, "workerstop");
    let on_exit = callback(srv, "workerexit");
    let on_pipe = callback(srv, "pipemessage");
    let w2 = w.clone();
    let _ = spawn_native(move || {
        // Signals: SIGTERM asks for a graceful stop.
        if let Ok(sig) = SignalFd::new(&[libc::SIGTERM]) {
            let w3 = w2.clone();
            let _ = spawn_native(move || {
                w3.signal_cid.set(Some(rt(|r| r.current())));
                while let Ok(Wakeup::Ready) = rt(|r| r.wait_fd(sig.fd, Dir::Read, None)) {
                    if sig.read().is_some() {
                        w3.stop();
                        if w3.cfg.helper {
                            // The library's stats timer and (worker 0) admin
                            // server go, so the worker's loop can end.
                            let (cfg, server) = (w3.cfg.clone(), w3.server.shallow_clone());
                            let _ = spawn_native(move || {
                                helper::call(&cfg, "onWorkerExit", &server, Some(id as i64));
                                if id == 0 {
                                    helper::call(&cfg, "onBeforeShutdown", &server, None);
                                }
                            });
                        }
                        // workerExit, once, while the worker drains (Hyperf
                        // clears its timers there so the loop can end).
                        if let Some(cb) = &on_exit {
                            let (cb, server) = (cb.shallow_clone(), w3.server.shallow_clone());
                            let _ = spawn_native(move || {
                                call_as_new(&cb, vec![server, zval_long(id as i64)]);
                            });
                        }
                        let deadline = std::time::Instant::now()
                            + Duration::from_secs_f64(w3.cfg.max_wait_time);
                        // In-flight work gets max_wait_time, then the worker leaves.
                        let w4 = w3.clone();
                        let _ = spawn_native(move || {
                            while !w4.conns.borrow().is_empty() {
                                if std::time::Instant::now() >= deadline {
                                    // SAFETY: last resort exit of a worker that did not finish in time.
                                    unsafe { libc::_exit(0) };
                                }
                                let _ = rt(|r| r.sleep(Duration::from_millis(20)));
                            }
                        });
                        break;
                    }
                }
            });
        }
        // The inboxes (task results, pipe messages) are open before
        // workerStart, so it may already sendMessage() and taskwait().
        let t = if is_task {
            task::start_task_worker(
                ipc,
                id - w2.cfg.worker_num,
                id,
                w2.server.shallow_clone(),
                on_task,
                on_pipe,
                task::TaskMode {
                    coroutine: w2.cfg.task_enable_coroutine,
                    object: w2.cfg.task_enable_coroutine || w2.cfg.task_object,
                },
            )
        } else {
            task::start_worker(ipc, id, w2.server.shallow_clone(), on_finish, on_pipe)
        };
        w2.extra_cids.borrow_mut().extend(t);
        if w2.cfg.helper {
            // Swoole's BASE mode: onStart runs in the first worker 0.
            let first = id == 0
                && w2.board.as_ref().is_some_and(|b| {
                    b.onstart_called
                        .swap(1, std::sync::atomic::Ordering::Relaxed)
                        == 0
                });
            if first {
                helper::call(&w2.cfg, "onStart", &w2.server, None);
            }
            helper::call(&w2.cfg, "onWorkerStart", &w2.server, Some(id as i64));
            if aborting() {
                return;
            }
        }
        if let Some(cb) = &on_start {
            if !call_as_new(cb, vec![w2.server.shallow_clone(), zval_long(id as i64)]) {
                return;
            }
        }
        if !is_task && !w2.stopping.get() && process_mode {
            // The master runs the heartbeat (it sees every client's bytes).
            // UDP ports stay with the workers; the rest is the master's.
            for l in w2
                .listeners
                .iter()
                .filter(|l| l.proto == listener::Proto::Udp)
                .cloned()
            {
                let w3 = w2.clone();
                let _ = spawn_native(move || serve_port(w3, l));
            }
            let w3 = w2.clone();
            super::vconn::run(
                Box::new(move |fd, meta, how| {
                    let Some(l) = w3.listeners.get(usize::from(meta.port)).cloned() else {
                        super::io::close(fd);
                        return;
                    };
                    let sid = i64::try_from(meta.sid).unwrap_or(i64::MAX);
                    start_conn(&w3, &l, fd, meta.peer, meta.connect_time, Some((sid, how)));
                }),
                {
                    let w3 = w2.clone();
                    Box::new(move |fd| {
                        super::proxy::close_now(&w3, fd, false);
                    })
                },
            );
        } else if !is_task && !w2.stopping.get() {
            let w3 = w2.clone();
            let _ = spawn_native(move || heartbeat(w3));
            // One accept (or UDP receive) loop per port; the primary's runs
            // on this coroutine.
            for l in w2.listeners.iter().skip(1).cloned() {
                let w3 = w2.clone();
                let _ = spawn_native(move || serve_port(w3, l));
            }
            if let Some(l) = w2.listeners.first().cloned() {
                serve_port(w2, l);
            }
        }
    });
    propagate();
    run_loop(process_mode);
    propagate();
    if on_stop.is_some() || w.cfg.helper {
        let w4 = w.clone();
        let _ = spawn_native(move || {
            helper::call(&w4.cfg, "onWorkerStop", &w4.server, Some(id as i64));
            if let Some(cb) = on_stop {
                call_as_new(&cb, vec![w4.server.shallow_clone(), zval_long(id as i64)]);
            }
        });
        run_loop(process_mode);
        propagate();
    }
    if process_mode {
        super::vconn::flush_last();
    }
}

/// The worker's event loop: user timers; in PROCESS mode also, at the end
/// of every turn, what the turn sent to the master goes as one message.
fn run_loop(process_mode: bool) {
    struct Hooks;
    impl crate::rt::LoopHooks for Hooks {
        fn timer(&mut self, id: crate::rt::driver::time::TimerId, tick: bool) {
            super::super::timer::fire(id, tick);
        }
        fn after_turn(&mut self) -> bool {
            super::vconn::flush_turn();
            false
        }
    }
    if process_mode {
        let _ = rt(|r| r.run(&mut Hooks));
    } else {
        let _ = rt(|r| r.run(&mut super::super::timer::fire));
    }
}

fn serve_port(w: Rc<Worker>, l: Rc<listener::Listener>) {
    if l.proto == listener::Proto::Udp {
        udp_loop(w, l)
    } else {
        accept_loop(w, l)
    }
}

/// A UDP port: every worker reads datagrams off the shared socket; each
/// runs `packet($server, $data, $clientInfo)` (in a coroutine of its own
/// with coroutines on).
fn udp_loop(w: Rc<Worker>, l: Rc<listener::Listener>) {
    let fd = l.fd;
    w.accept_cids.borrow_mut().push(rt(|r| r.current()));
    let mut buf = vec![0u8; 65536];
    while !w.stopping.get() {
        match rt(|r| r.wait_owned_fd(fd, Dir::Read, None)) {
            Ok(Wakeup::Ready) => {}
            _ => break,
        }
        while !w.stopping.get() {
            let Some((n, from)) = recv_datagram(fd, &mut buf) else {
                break;
            };
            let Some(cb) = l.on_packet.as_ref() else {
                continue;
            };
            let mut data = Zval::new();
            data.set_binary(buf[..n].to_vec());
            let mut info = ZendHashTable::new();
            let _ = info.insert("server_socket", i64::from(fd));
            let _ = info.insert("dispatch_time", unix_now());
            let _ = info.insert("server_port", i64::from(l.port));
            match from.socket_addr() {
                Some(peer) => {
                    let _ = info.insert("address", peer.ip().to_string());
                    let _ = info.insert("port", i64::from(peer.port()));
                }
                // A unix datagram peer: its path, no port (Swoole's).
                None => {
                    let _ = info.insert("address", from.host_port().0);
                }
            }
            let mut iz = Zval::new();
            iz.set_hashtable(info);
            let argv = vec![w.server.shallow_clone(), data, iz];
            if let Some(s) = w.slot() {
                s.begin();
            }
            if w.cfg.enable_coroutine {
                let (cb, w2) = (cb.shallow_clone(), w.clone());
                let _ = spawn_native(move || {
                    call_as_new(&cb, argv);
                    if let Some(s) = w2.slot() {
                        s.end();
                    }
                });
            } else {
                call_as_new(cb, argv);
                if let Some(s) = w.slot() {
                    s.end();
                }
            }
            if aborting() {
                return;
            }
        }
    }
}

/// One datagram if one is waiting (its length and sender).
fn recv_datagram(fd: RawFd, buf: &mut [u8]) -> Option<(usize, crate::rt::net::SockAddr)> {
    loop {
        match crate::rt::net::socket::try_recv_from(fd, buf) {
            Ok(got) => return Some(got),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

fn accept_loop(w: Rc<Worker>, l: Rc<listener::Listener>) {
    let lfd = l.fd;
    w.accept_cids.borrow_mut().push(rt(|r| r.current()));
    while !w.stopping.get() {
        match rt(|r| r.wait_owned_fd(lfd, Dir::Read, None)) {
            Ok(Wakeup::Ready) => {}
            _ => break,
        }
        while !w.stopping.get() {
            // SAFETY: accept4 into a zeroed sockaddr_storage of its size.
            let (fd, peer) = unsafe {
                let mut st: libc::sockaddr_storage = std::mem::zeroed();
                let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                let fd = syscall!(accept4(
                    lfd,
                    (&mut st as *mut libc::sockaddr_storage).cast(),
                    &mut len,
                    libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
                ));
                (fd, peer_addr(&st))
            };
            // Any error (EAGAIN: the backlog is drained) ends this batch; the
            // next readiness starts another.
            let Ok(fd) = fd else { break };
            let one: libc::c_int = l.cfg.open_tcp_nodelay.into();
            // SAFETY: TCP_NODELAY (as the port says) on our new socket.
            // setsockopt: without TCP_NODELAY the connection still works
            // (unix sockets refuse it), so a failure is ignored.
            let _ = unsafe {
                syscall!(setsockopt(
                    fd,
                    libc::IPPROTO_TCP,
                    libc::TCP_NODELAY,
                    (&one as *const libc::c_int).cast(),
                    4,
                ))
            };
            if w.conns.borrow().len() >= w.cfg.max_connection {
                // As Swoole: the connection is closed at once, with a
                // warning (at most one a second during a flood).
                let now = std::time::Instant::now();
                if w.last_full_warning
                    .get()
                    .is_none_or(|t| now.duration_since(t).as_secs() >= 1)
                {
                    w.last_full_warning.set(Some(now));
                    eprintln!(
                        "corust: WARNING Too many connections [now: {}] (max_connection {})",
                        w.conns.borrow().len() + 1,
                        w.cfg.max_connection
                    );
                }
                // SAFETY: closing the fd we just accepted and own.
                // close: nothing to do on error, the fd is gone either way.
                let _ = unsafe { syscall!(close(fd)) };
                continue;
            }
            start_conn(&w, &l, fd, peer, unix_now(), None);
            if aborting() {
                return;
            }
        }
    }
}

/// A new connection of port `l` (accepted here, or a session the master
/// handed over: `how`): listed, given its session id, served in a
/// coroutine of its own.
fn start_conn(
    w: &Rc<Worker>,
    l: &Rc<listener::Listener>,
    fd: RawFd,
    peer: std::net::SocketAddr,
    now: f64,
    how: Option<(i64, super::vconn::Start)>,
) {
    w.conns.borrow_mut().insert(
        fd,
        Client {
            peer,
            server_port: l.port,
            connect_time: now,
            last_recv: Cell::new(now),
            out: (l.proto == listener::Proto::Tcp).then(|| tcp_outbox(w, l, fd)),
            protect: Cell::new(false),
            uid: Cell::new(0),
            paused: Cell::new(false),
            resume: RefCell::new(Default::default()),
        },
    );
    match how {
        Some((sid, _)) => w.open_session_as(fd, sid),
        None => {
            w.open_session(fd);
        }
    }
    let adopted_ws = match how {
        Some((_, super::vconn::Start::AdoptWs(deflate))) => Some(deflate),
        _ => None,
    };
    let w2 = w.clone();
    let l2 = l.clone();
    let serve = move || {
        // The session id goes with the connection's last event.
        struct End(Rc<Worker>, RawFd);
        impl Drop for End {
            fn drop(&mut self) {
                self.0.end_session(self.1);
            }
        }
        let _end = End(w2.clone(), fd);
        let w3 = w2.clone();
        let http = l2.proto != listener::Proto::Tcp;
        if let Some(ctx) = l2.tls.clone() {
            if !tls_handshake(&w2, &ctx, &l2.cfg.tls, fd, peer) {
                return;
            }
        }
        let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if let Some(deflate) = adopted_ws {
                super::websocket::serve_adopted(w3, l2, fd, deflate)
            } else if http {
                http::serve(w3, l2, fd, peer)
            } else {
                serve_tcp(w3, l2, fd)
            }
        }));
        // A panic while serving costs this connection only: a 500
        // for an HTTP client, a log line, the connection closed.
        if let Err(p) = served {
            eprintln!(
                "corust: internal error serving fd {fd} (Rust panic: {}); connection closed",
                super::super::fence::message(&*p)
            );
            if w2.conns.borrow_mut().remove(&fd).is_some() {
                if let Some(s) = w2.slot() {
                    s.closed();
                }
                if http {
                    http::send_error(fd, 500);
                }
                io::close(fd);
            }
        }
    };
    if spawn_native(serve).is_err() {
        w.conns.borrow_mut().remove(&fd);
        w.end_session(fd);
        if let Some(s) = w.slot() {
            s.closed();
        }
        io::close(fd);
    }
}

/// The TLS handshake of a new connection on a SWOOLE_SSL port, before any
/// event: false (logged as Swoole does, the connection closed and never
/// reported) when the client does not complete it.
fn tls_handshake(
    w: &Rc<Worker>,
    ctx: &crate::rt::net::tls::TlsContext,
    cfg: &crate::rt::net::tls::TlsConfig,
    fd: RawFd,
    peer: std::net::SocketAddr,
) -> bool {
    // A client that never finishes its handshake holds only this coroutine,
    // and not for ever.
    const HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
    let verified = io::tls_accept(fd, ctx, HANDSHAKE_TIMEOUT).and_then(|()| {
        // As Swoole: with `ssl_client_cert_file` and `ssl_verify_peer`, a
        // client that sent no certificate is closed, one whose certificate
        // fails verification is logged and closed.
        if cfg.client_cert_file.is_none() || !cfg.verify_peer {
            return Ok(());
        }
        if io::tls_peer_cert(fd).is_none() {
            return Err(io::AcceptError::Io);
        }
        io::tls_verify(fd, cfg.allow_self_signed).map_err(|t| {
            let who = crate::server::log::Who::Worker;
            super::super::net::tls::log_verify_failure(who, w.id, fd, &t);
            io::AcceptError::Io
        })
    });
    match verified {
        Ok(()) => true,
        Err(e) => {
            if let io::AcceptError::Tls(t) = e {
                let who = crate::server::log::Who::Worker;
                io::log_bad_client(who, w.id, &(peer.ip().to_string(), peer.port()), &t);
            }
            if w.conns.borrow_mut().remove(&fd).is_some() {
                if let Some(s) = w.slot() {
                    s.closed();
                }
            }
            io::close(fd);
            false
        }
    }
}

/// A TCP connection's output buffer, with the port's bufferFull and
/// bufferEmpty callbacks (each run in a coroutine of its own).
fn tcp_outbox(w: &Rc<Worker>, l: &listener::Listener, fd: RawFd) -> Rc<Outbox> {
    let out = Outbox::new(fd);
    let [full, empty] = &l.on_buffer;
    if full.is_some() || empty.is_some() {
        let cbs = [
            full.as_ref().map(|z| z.shallow_clone()),
            empty.as_ref().map(|z| z.shallow_clone()),
        ];
        let server = w.server.shallow_clone();
        out.set_watermarks(Watermarks {
            high: l.cfg.high_watermark(),
            low: l.cfg.buffer_low_watermark,
            has_full: full.is_some(),
            notify: Box::new(move |is_full| {
                let Some(cb) = cbs[usize::from(!is_full)]
                    .as_ref()
                    .map(|z| z.shallow_clone())
                else {
                    return;
                };
                let argv = vec![server.shallow_clone(), zval_long(super::session_of(fd))];
                let _ = spawn_native(move || {
                    call_as_new(&cb, argv);
                });
            }),
        });
    }
    out
}

/// A plain TCP connection: onConnect, then onReceive for each event its
/// port's protocol cuts from the stream (`server::packet`), then onClose.
/// With coroutines on, each onReceive is a coroutine of its own, so events
/// of one connection overlap as with Swoole; without, they run in turn.
fn serve_tcp(w: Rc<Worker>, l: Rc<listener::Listener>, fd: RawFd) {
    // Each event runs as a coroutine of its own (run_as_new), with no parent.
    rt(|r| r.detach());
    let reactor_id = if w.is_task() { 0 } else { w.id as i64 };
    let server = w.server.shallow_clone();
    let sid = w.sid(fd);
    let args = move |rid: i64, extra: Option<Zval>| {
        let mut v = vec![server.shallow_clone(), zval_long(sid), zval_long(rid)];
        v.extend(extra);
        v
    };
    let mut alive = match l.on_tcp[0].as_ref().filter(|_| !super::vconn::adopted(fd)) {
        Some(cb) => call_as_new(cb, args(reactor_id, None)),
        None => true,
    };
    let packets = &l.cfg.packets;
    let mut split = Splitter::new(
        packets.protocol(l.cfg.package_max_length),
        packets.eof_split,
    );
    let concurrent = w.cfg.enable_coroutine;
    'conn: while alive && w.conns.borrow().contains_key(&fd) {
        match io::read_some(fd, split.buffer(), None) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        w.touch(fd);
        if !wait_resumed(&w, fd) {
            break;
        }
        loop {
            let data = match split.next_packet() {
                Ok(Some(data)) => data,
                Ok(None) => break,
                Err(e) => {
                    let peer = w.conns.borrow().get(&fd).map(|c| c.peer);
                    let at =
                        peer.map_or_else(String::new, |p| format!("<{}:{}>", p.ip(), p.port()));
                    if split.is_mqtt() && matches!(e, SplitError::Malformed(_)) {
                        log::warning(
                            log::Who::Worker,
                            w.id,
                            "mqtt::get_package_length",
                            crate::swerr::PACKAGE_LENGTH_TOO_LARGE,
                            "bad request, the variable header size is larger than 4",
                        );
                    }
                    let func = if split.is_raw() || matches!(e, SplitError::NoEof(_)) {
                        "Protocol::recv_with_eof_protocol"
                    } else {
                        "Protocol::recv_with_length_protocol"
                    };
                    log::warning(
                        log::Who::Worker,
                        w.id,
                        func,
                        e.code(),
                        &format!("{}{at}", e.message()),
                    );
                    break 'conn;
                }
            };
            let Some(cb) = &l.on_tcp[1] else { continue };
            if let Some(s) = w.slot() {
                s.begin();
            }
            let mut z = Zval::new();
            z.set_binary(data);
            if concurrent {
                let (cb, argv, w2) = (cb.shallow_clone(), args(reactor_id, Some(z)), w.clone());
                let spawned = spawn_native(move || {
                    call_as_new(&cb, argv);
                    if let Some(s) = w2.slot() {
                        s.end();
                    }
                });
                alive = spawned.is_ok() && !aborting();
            } else {
                alive = call_as_new(cb, args(reactor_id, Some(z)));
                if let Some(s) = w.slot() {
                    s.end();
                }
            }
            if !alive || !w.conns.borrow().contains_key(&fd) {
                break 'conn;
            }
        }
    }
    // Still listed: the peer left (or the stream broke); onClose is ours to
    // run. Otherwise close() already ran it.
    let out = w.retire(fd);
    match out {
        Some(out) => {
            if let Some(s) = w.slot() {
                s.closed();
            }
            let left = super::vconn::abandoned(fd);
            if let Some(cb) = l.on_tcp[2].as_ref().filter(|_| alive && !left) {
                call_as_new(cb, args(reactor_id, None));
            }
            if let Some(o) = out {
                o.detach();
            }
        }
        None => {
            // close() queued the close behind what was sent before it.
            let out = w.closing.borrow_mut().remove(&fd);
            if let Some(o) = out {
                o.drain(w.cfg.send_timeout);
                o.detach();
            }
        }
    }
    io::close(fd);
}

/// While the connection is paused, waits for `resume()`; false when the
/// connection went (or the wait was canceled) meanwhile.
fn wait_resumed(w: &Worker, fd: RawFd) -> bool {
    loop {
        let me = rt(|r| r.current());
        match w.conns.borrow().get(&fd) {
            None => return false,
            Some(c) if !c.paused.get() => return true,
            Some(c) => c.resume.borrow_mut().add(me),
        }
        if !rt(|r| crate::rt::sync::waiters::wait(r, "server resume", None)).unwrap_or(false) {
            return false;
        }
    }
}

/// Closes, every `heartbeat_check_interval` seconds, the connections that
/// sent nothing for their port's `heartbeat_idle_time` (Swoole's BASE-mode
/// sweep: the connection ends as if the peer had left, onClose included).
pub(super) fn heartbeat(w: Rc<Worker>) {
    let interval = w.heartbeat_interval();
    if interval == 0 {
        return;
    }
    w.extra_cids.borrow_mut().push(rt(|r| r.current()));
    loop {
        match rt(|r| r.sleep(Duration::from_secs(interval))) {
            Ok(Wakeup::TimedOut) | Ok(Wakeup::Ready) => {}
            _ => return,
        }
        if w.stopping.get() {
            return;
        }
        for fd in w.idle_connections() {
            io::shutdown(fd);
        }
    }
}

fn peer_addr(st: &libc::sockaddr_storage) -> std::net::SocketAddr {
    // SAFETY: the kernel filled st for the family it reports.
    unsafe {
        match st.ss_family as i32 {
            libc::AF_INET => {
                let a = &*(st as *const _ as *const libc::sockaddr_in);
                std::net::SocketAddr::new(
                    std::net::Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr)).into(),
                    u16::from_be(a.sin_port),
                )
            }
            libc::AF_INET6 => {
                let a = &*(st as *const _ as *const libc::sockaddr_in6);
                std::net::SocketAddr::new(
                    std::net::Ipv6Addr::from(a.sin6_addr.s6_addr).into(),
                    u16::from_be(a.sin6_port),
                )
            }
            // A unix socket peer has no IP address.
            _ => std::net::SocketAddr::from(([0, 0, 0, 0], 0)),
        }
    }
}
