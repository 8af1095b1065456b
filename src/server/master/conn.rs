//! The master's clients: the accept loop, one reader per connection that
//! cuts what the client sends and hands it to the session's worker, writing
//! back what workers send (buffered while the client is slow), and the
//! heartbeat over them.

use super::*;

/// One client connection.
pub(super) struct Conn {
    pub(super) sock: Socket,
    pub(super) meta: Meta,
    pub(super) worker: usize,
    /// Workers that got a message of it (per-message dispatch: each is told
    /// of its end).
    pub(super) seen: RefCell<Vec<bool>>,
    /// Unix time of the last byte from the client (the heartbeat's).
    pub(super) last_recv: Cell<f64>,
    /// `protect()`: the heartbeat leaves it alone.
    pub(super) protected: Cell<bool>,
    /// The WebSocket session compresses (permessage-deflate).
    pub(super) deflate: Cell<bool>,
    pub(super) idle_time: u64,
    pub(super) framer: RefCell<Framer>,
    /// Bytes from workers not yet written to the client.
    pub(super) out: RefCell<VecDeque<u8>>,
    pub(super) flushing: Cell<bool>,
    /// The worker asked for a close once `out` is written.
    pub(super) close_after: Cell<bool>,
    /// The worker knows the session is over (it closed it, or was told).
    pub(super) told: Cell<bool>,
    /// Link readers waiting for `out` to shrink.
    pub(super) drained: RefCell<Waiters>,
}

pub(super) fn accept_loop(m: Rc<Master>, port: usize) {
    m.accept_cids.borrow_mut().push(rt(|r| r.current()));
    let (lsock, p) = m.ports[port].clone();
    let Port {
        kind,
        max_package: max,
        nodelay,
        index,
        idle_time,
        number,
        ..
    } = p;
    while !m.stopping.get() {
        let (sock, addr) = match rt(|r| lsock.accept(r, Deadline::NEVER)) {
            Ok(got) => got,
            Err(NetError::Io(e))
                if matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE)) =>
            {
                let _ = rt(|r| r.sleep(Duration::from_millis(10)));
                continue;
            }
            Err(NetError::Io(_)) => continue,
            Err(_) => break,
        };
        if nodelay {
            let _ = sock.set_option(libc::IPPROTO_TCP, libc::TCP_NODELAY, 1);
        }
        if m.conns.borrow().len() >= m.max_connection {
            let now = std::time::Instant::now();
            if m.last_full_warning
                .get()
                .is_none_or(|t| now.duration_since(t).as_secs() >= 1)
            {
                m.last_full_warning.set(Some(now));
                eprintln!(
                    "corust: WARNING Too many connections [now: {}] (max_connection {})",
                    m.conns.borrow().len() + 1,
                    m.max_connection
                );
            }
            rt(|r| sock.close(r));
            continue;
        }
        let unix_peer = addr.socket_addr().is_none();
        let peer = addr
            .socket_addr()
            .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
        let (worker, mut sid) =
            dispatch::place(m.dispatch_mode, m.links.len(), m.last_sid.get(), &peer);
        // The id's slot in the shared table may still hold a long-lived
        // session: the next id of the same worker, then.
        let step = m.links.len().max(1) as u64;
        let mut tries = m.sessions.capacity();
        while !m.sessions.free_for(sid) && tries > 0 {
            sid += step;
            tries -= 1;
        }
        m.last_sid.set(sid);
        let framer = match kind {
            PortKind::Http => Framer::http(max),
            PortKind::Tcp => Framer::raw(),
        };
        let conn = Rc::new(Conn {
            sock,
            meta: Meta {
                sid,
                port: index,
                peer,
                connect_time: unix_now(),
            },
            worker,
            seen: RefCell::new(vec![false; m.links.len()]),
            last_recv: Cell::new(unix_now()),
            protected: Cell::new(false),
            deflate: Cell::new(false),
            idle_time,
            framer: RefCell::new(framer),
            out: RefCell::default(),
            flushing: Cell::new(false),
            close_after: Cell::new(false),
            told: Cell::new(false),
            drained: RefCell::default(),
        });
        // A table too small for this many connections of one worker: the
        // session is served, only other processes cannot look it up.
        if tries > 0 {
            m.sessions.open(&conn.meta, worker, number, unix_peer);
        }
        m.conns.borrow_mut().insert(sid, conn.clone());
        let m2 = m.clone();
        if rt(|r| r.spawn(move || serve(m2, conn))).is_err() {
            if let Some(c) = m.conns.borrow_mut().remove(&sid) {
                c.told.set(true);
            }
        }
    }
}

/// Reads one client: whole messages go to its worker; its end (or a
/// broken stream) is told to the worker unless the worker closed it.
pub(super) fn serve(m: Rc<Master>, c: Rc<Conn>) {
    let per_message = dispatch::per_message(m.dispatch_mode);
    let mut link = m.links[c.worker].clone();
    if !per_message {
        c.seen.borrow_mut()[c.worker] = true;
        link.post(wire::CONNECT, 0, &c.meta, &[]);
    }
    // Bytes read and not yet handed on are buf[..have]; the buffer is zeroed
    // only when it grows (a request bigger than it), not at every read.
    let mut buf: Vec<u8> = vec![0; 16 * 1024];
    let mut have = 0;
    loop {
        if have == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        let n = rt(|r| c.sock.read_some(r, &mut buf[have..], Deadline::NEVER)).unwrap_or_default();
        have += n;
        if n == 0 || c.told.get() {
            break;
        }
        let now = unix_now();
        c.last_recv.set(now);
        m.sessions.touch(c.meta.sid, now);
        let mut end = 0;
        {
            let mut f = c.framer.borrow_mut();
            while let Cut::Msg(k) = f.cut(&buf[end..have]) {
                end += k;
            }
        }
        if end > 0 {
            let mut flags = match (c.framer.borrow().is_ws(), c.deflate.get()) {
                (true, true) => wire::WS | wire::DEFLATE,
                (true, false) => wire::WS,
                _ => 0,
            };
            if per_message {
                let w = m.pick();
                c.seen.borrow_mut()[w] = true;
                link = m.links[w].clone();
                flags |= wire::NO_EVENTS;
            }
            link.post(wire::DATA, flags, &c.meta, &buf[..end]);
            buf.copy_within(end..have, 0);
            have -= end;
        }
        // The worker is behind: wait until it catches up.
        while link.queued() > LINK_HIGH && !c.told.get() {
            let me = rt(|r| r.current());
            link.room.borrow_mut().add(me);
            let woken = rt(|r| waiters::wait(r, "master link", None)).unwrap_or(false);
            link.room.borrow_mut().remove(me);
            if !woken {
                break;
            }
        }
    }
    m.conns.borrow_mut().remove(&c.meta.sid);
    m.sessions.close(c.meta.sid);
    if !c.told.replace(true) {
        let flags = if per_message { wire::NO_EVENTS } else { 0 };
        for (w, seen) in c.seen.borrow().iter().enumerate() {
            if *seen {
                m.links[w].post(wire::CLOSE, flags, &c.meta, &[]);
            }
        }
    }
    c.out.borrow_mut().clear();
    wake(&c.drained);
    // The fd closes with the last reference (a flusher may hold one): its
    // registration goes now, and the shutdown fails any write still to come.
    rt(|r| r.close_fd(c.sock.fd()));
    let _ = c.sock.shutdown(libc::SHUT_RDWR);
}

impl Conn {
    /// Writes to the client now what it takes; the rest waits in `out`.
    pub(super) fn write(self: &Rc<Self>, mut data: &[u8]) {
        if !self.flushing.get() {
            while !data.is_empty() {
                // SAFETY: send from a live slice; no SIGPIPE.
                match unsafe {
                    syscall!(send(
                        self.sock.fd(),
                        data.as_ptr().cast(),
                        data.len(),
                        libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL
                    ))
                } {
                    Ok(n) => data = &data[n as usize..],
                    Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
                    Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => break,
                    // The client is gone: its reader finds out and ends it.
                    Err(_) => return,
                }
            }
            if data.is_empty() {
                return;
            }
        }
        self.out.borrow_mut().extend(data);
        if !self.flushing.replace(true) {
            let me = self.clone();
            if rt(|r| r.spawn(move || me.flush())).is_err() {
                self.flushing.set(false);
            }
        }
    }

    fn flush(self: Rc<Self>) {
        let limit = 64 * 1024;
        loop {
            let chunk: Vec<u8> = {
                let out = self.out.borrow();
                if out.is_empty() {
                    break;
                }
                let (a, _) = out.as_slices();
                a[..a.len().min(limit)].to_vec()
            };
            match rt(|r| self.sock.write_some(r, &chunk, Deadline::NEVER)) {
                Ok(n) => {
                    self.out.borrow_mut().drain(..n);
                }
                Err(_) => {
                    self.out.borrow_mut().clear();
                    break;
                }
            }
            wake(&self.drained);
        }
        self.flushing.set(false);
        wake(&self.drained);
        if self.close_after.get() {
            let _ = self.sock.shutdown(libc::SHUT_RDWR);
        }
    }
}

/// Every `heartbeat_interval` seconds: clients silent for their port's
/// idle time are closed (their worker hears of it as a client leaving).
pub(super) fn heartbeat(m: Rc<Master>) {
    loop {
        if rt(|r| r.sleep(Duration::from_secs(m.heartbeat_interval))).is_err() || m.stopping.get() {
            return;
        }
        let now = unix_now();
        let idle: Vec<Rc<Conn>> = m
            .conns
            .borrow()
            .values()
            .filter(|c| {
                c.idle_time > 0
                    && !c.protected.get()
                    && c.last_recv.get() <= now - c.idle_time as f64
            })
            .cloned()
            .collect();
        for c in idle {
            let _ = c.sock.shutdown(libc::SHUT_RDWR);
        }
    }
}
