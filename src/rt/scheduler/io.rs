//! The scheduler's I/O side: waiting for fds in the reactor (single and
//! several at once, with persistent registrations and readiness hints),
//! waking waiters of a closed fd, and running blocking work on the thread
//! pool while the coroutine waits.

use std::time::Duration;

use super::*;

impl<H: SwitchHook> Runtime<H> {
    pub(super) fn wait_io(&self, timeout: Option<Duration>) -> Result<(), Error> {
        let ready = {
            let mut inner = self.inner.borrow_mut();
            if inner.io.is_none() {
                inner.io = Some(IoDriver::new()?);
            }
            let mut ready = match inner.io.as_mut() {
                Some(io) => io.wait(timeout)?,
                None => Vec::new(),
            };
            if let Some(pool) = inner.pool.as_ref() {
                let done: Vec<Cid> = pool.done.lock().drain(..).collect();
                inner.blocking_pending -= done.len().min(inner.blocking_pending);
                ready.extend(done);
            }
            ready
        };
        for cid in ready {
            self.unpark(cid, Wakeup::Ready);
        }
        Ok(())
    }

    /// Runs `f` on a worker thread while the current coroutine waits (other
    /// coroutines run meanwhile); returns its result. Outside coroutines `f`
    /// simply runs here. `f` and its result cross threads: no PHP values.
    /// Err(Canceled) when the wait was canceled (the result is then dropped).
    ///
    /// # Suspends
    pub fn run_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Error> {
        let me = self.current();
        if me.is_main() {
            return Ok(f());
        }
        let slot: std::sync::Arc<parking_lot::Mutex<Option<T>>> =
            std::sync::Arc::new(parking_lot::Mutex::new(None));
        {
            let mut guard = self.inner.borrow_mut();
            let inner = &mut *guard;
            if inner.io.is_none() {
                inner.io = Some(IoDriver::new()?);
            }
            if inner.pool.is_none() {
                inner.pool = Some(crate::rt::blocking::Pool::new()?);
            }
            let (Some(io), Some(pool)) = (inner.io.as_ref(), inner.pool.as_ref()) else {
                return Ok(f());
            };
            let waker = io.waker();
            let done = pool.done.clone();
            let out = slot.clone();
            let job = Box::new(move || {
                let r = f();
                *out.lock() = Some(r);
                done.lock().push(me);
                let _ = waker.wake();
            });
            if !pool.submit(job) {
                return Err(Error::Io(std::io::Error::other("blocking pool stopped")));
            }
            inner.blocking_pending += 1;
        }
        loop {
            let w = self.park(WaitKind::Other("blocking call"), None)?;
            if let Some(v) = slot.lock().take() {
                return Ok(v);
            }
            if w == Wakeup::Canceled {
                return Err(Error::Io(std::io::Error::from(
                    std::io::ErrorKind::Interrupted,
                )));
            }
        }
    }

    /// Number of fds a coroutine waits on.
    pub(super) fn io_waiting(inner: &Inner<H>) -> usize {
        inner.io.as_ref().map_or(0, |io| io.waiting())
    }

    /// Suspends the current coroutine until any of `fds` is ready in its
    /// direction, the timeout passes or it is canceled (`stream_select`).
    ///
    /// # Suspends
    pub fn wait_fds(
        &self,
        fds: &[(std::os::fd::RawFd, Dir)],
        timeout: Option<Duration>,
    ) -> Result<Wakeup, Error> {
        let me = self.current();
        if me.is_main() {
            return Err(Error::NotInCoroutine);
        }
        let mut added: Vec<(std::os::fd::RawFd, Dir)> = Vec::new();
        let r = {
            let mut inner = self.inner.borrow_mut();
            if inner.io.is_none() {
                inner.io = Some(IoDriver::new()?);
            }
            let Some(io) = inner.io.as_mut() else {
                return Err(Error::NotInCoroutine);
            };
            // A kept-registered fd whose edge came while nobody waited is
            // ready now: no new edge would wake us.
            if fds.iter().any(|&(fd, dir)| io.take_edge(fd, dir)) {
                return Ok(Wakeup::Ready);
            }
            let mut r = Ok(());
            for &(fd, dir) in fds {
                if added.contains(&(fd, dir)) {
                    continue;
                }
                if let Some(holder) = io.holder(fd, dir) {
                    r = Err(Error::Busy {
                        fd,
                        holder: holder.0,
                    });
                    break;
                }
                if let Err(e) = io.add_waiter(fd, dir, me, false) {
                    r = Err(Error::Io(e));
                    break;
                }
                added.push((fd, dir));
            }
            r
        };
        let w = match r {
            Ok(()) => self.park(WaitKind::Other("stream_select"), timeout),
            Err(e) => Err(e),
        };
        if let Some(io) = self.inner.borrow_mut().io.as_mut() {
            for (fd, dir) in added {
                io.remove_waiter(fd, dir);
            }
        }
        w
    }

    /// See `IoDriver::take_ready`: false means "wait for an edge before trying".
    pub fn take_ready_hint(&self, fd: std::os::fd::RawFd, dir: Dir) -> bool {
        self.inner
            .borrow_mut()
            .io
            .as_mut()
            .is_none_or(|io| io.take_ready(fd, dir))
    }

    /// See `IoDriver::set_ready`.
    pub fn set_ready_hint(&self, fd: std::os::fd::RawFd, dir: Dir) {
        if let Some(io) = self.inner.borrow_mut().io.as_mut() {
            io.set_ready(fd, dir);
        }
    }

    /// The coroutine waiting on `fd` in direction `dir`, if any.
    pub fn fd_holder(&self, fd: std::os::fd::RawFd, dir: Dir) -> Option<Cid> {
        self.inner
            .borrow()
            .io
            .as_ref()
            .and_then(|io| io.holder(fd, dir))
    }

    /// `fd` is about to be closed: its waiters are woken with `Canceled`.
    pub fn close_fd(&self, fd: std::os::fd::RawFd) {
        let cids = match self.inner.borrow_mut().io.as_mut() {
            Some(io) => io.take_waiters(fd),
            None => return,
        };
        for c in cids {
            self.unpark(c, Wakeup::Canceled);
        }
    }

    /// Suspends the current coroutine until `fd` is ready in direction `dir`
    /// (or closed / in error), its timeout passes, or it is canceled.
    /// Another coroutine already waiting on the same fd and direction is an
    /// error naming it (a shared connection used concurrently).
    ///
    /// # Suspends
    pub fn wait_fd(
        &self,
        fd: std::os::fd::RawFd,
        dir: Dir,
        timeout: Option<Duration>,
    ) -> Result<Wakeup, Error> {
        self.wait_fd_inner(fd, dir, timeout, false)
    }

    /// As `wait_fd`, for a background listener (a signal handler's fd): the
    /// wait neither keeps the event loop running nor counts as a deadlock.
    ///
    /// # Suspends
    pub fn wait_fd_background(
        &self,
        fd: std::os::fd::RawFd,
        what: &'static str,
    ) -> Result<Wakeup, Error> {
        let me = self.current();
        if me.is_main() {
            return Err(Error::NotInCoroutine);
        }
        {
            let mut inner = self.inner.borrow_mut();
            if inner.io.is_none() {
                inner.io = Some(IoDriver::new()?);
            }
            let Some(io) = inner.io.as_mut() else {
                return Err(Error::NotInCoroutine);
            };
            if let Some(holder) = io.holder(fd, Dir::Read) {
                return Err(Error::Busy {
                    fd,
                    holder: holder.0,
                });
            }
            io.add_background_waiter(fd, Dir::Read, me)?;
        }
        let w = self.park(WaitKind::Background(what), None);
        if let Some(io) = self.inner.borrow_mut().io.as_mut() {
            io.remove_waiter(fd, Dir::Read);
        }
        w
    }

    /// As `wait_fd`, for an fd whose whole life the caller owns: it stays
    /// registered with epoll between waits until `close_fd`.
    ///
    /// # Suspends
    pub fn wait_owned_fd(
        &self,
        fd: std::os::fd::RawFd,
        dir: Dir,
        timeout: Option<Duration>,
    ) -> Result<Wakeup, Error> {
        self.wait_fd_inner(fd, dir, timeout, true)
    }

    fn wait_fd_inner(
        &self,
        fd: std::os::fd::RawFd,
        dir: Dir,
        timeout: Option<Duration>,
        persistent: bool,
    ) -> Result<Wakeup, Error> {
        let me = self.current();
        if me.is_main() {
            return Err(Error::NotInCoroutine);
        }
        {
            let mut inner = self.inner.borrow_mut();
            if inner.io.is_none() {
                inner.io = Some(IoDriver::new()?);
            }
            let Some(io) = inner.io.as_mut() else {
                return Err(Error::NotInCoroutine);
            };
            if let Some(holder) = io.holder(fd, dir) {
                return Err(Error::Busy {
                    fd,
                    holder: holder.0,
                });
            }
            // An edge that came while nobody waited will not come again: the
            // caller tries its syscall now instead of sleeping through it.
            if io.take_edge(fd, dir) {
                return Ok(Wakeup::Ready);
            }
            io.add_waiter(fd, dir, me, persistent)?;
        }
        let kind = match dir {
            Dir::Read => WaitKind::Other("socket read"),
            Dir::Write => WaitKind::Other("socket write"),
        };
        let w = self.park(kind, timeout);
        if let Some(io) = self.inner.borrow_mut().io.as_mut() {
            io.remove_waiter(fd, dir);
        }
        w
    }
}
