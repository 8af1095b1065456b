//! A libcurl multi handle driven by the reactor: libcurl tells us, through
//! its socket callback, which fds each transfer waits on; a coroutine waits
//! for them (and for libcurl's next timeout) in the scheduler and hands the
//! ready ones back to `curl_multi_socket_action`, so every callback of the
//! transfer runs in that coroutine.
//!
//! Invariants: a `Multi` lives in a `Box` that outlives its CURLM (the
//! socket callback holds its address); no borrow of its cells is held while
//! libcurl runs (libcurl calls back into them).

use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_long, c_void};
use std::os::fd::RawFd;
use std::time::Duration;

use super::super::super::runtime::{aborting, rt};
use super::super::super::swoole_error::set_last_error;
use super::super::super::sys::curl::*;
use crate::rt::driver::io::Dir;
use crate::rt::{Cid, Wakeup};

/// One multi handle and the sockets libcurl asked us to watch.
pub struct Multi {
    /// The handle (ours for an easy transfer, the user's for curl_multi).
    pub m: *mut CurlM,
    /// fd and `CURL_POLL_*` of every socket libcurl watches now.
    socks: RefCell<Vec<(RawFd, c_int)>>,
    /// The coroutine driving or waiting on it.
    pub owner: Cell<Option<Cid>>,
}

/// Why a wait ended without events.
pub enum Stop {
    /// The coroutine was canceled, or the process is exiting.
    Canceled,
    /// The scheduler refused the wait.
    Failed(crate::rt::Error),
}

impl Multi {
    /// Takes over the socket callback of `m`.
    pub fn adopt(lib: &Lib, m: *mut CurlM) -> Box<Multi> {
        let multi = Box::new(Multi {
            m,
            socks: RefCell::new(Vec::new()),
            owner: Cell::new(None),
        });
        let data = &*multi as *const Multi as *mut c_void;
        // SAFETY: a live multi handle; the callback and its data (the boxed
        // Multi, which outlives the handle) have libcurl's prototypes.
        unsafe {
            (lib.multi_setopt)(
                m,
                CURLMOPT_SOCKETFUNCTION,
                on_socket as SocketCallback as *mut c_void,
            );
            (lib.multi_setopt)(m, CURLMOPT_SOCKETDATA, data);
        }
        multi
    }

    /// A new multi handle of our own.
    pub fn create(lib: &Lib) -> Option<Box<Multi>> {
        // SAFETY: plain constructor.
        let m = unsafe { (lib.multi_init)() };
        (!m.is_null()).then(|| Multi::adopt(lib, m))
    }

    /// libcurl's next timeout: None for "none set".
    pub fn timeout(&self, lib: &Lib) -> Option<Duration> {
        let mut ms: c_long = -1;
        // SAFETY: live handle, out-pointer to a local.
        unsafe { (lib.multi_timeout)(self.m, &mut ms) };
        (ms >= 0).then(|| Duration::from_millis(ms as u64))
    }

    /// True when libcurl watches no socket.
    pub fn idle(&self) -> bool {
        self.socks.borrow().is_empty()
    }

    /// Waits (suspending the coroutine) until one of the sockets is ready or
    /// `timeout` passes; returns each ready fd with its `CURL_CSELECT_*` bits.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<Vec<(RawFd, c_int)>, Stop> {
        let socks = self.socks.borrow().clone();
        if timeout != Some(Duration::ZERO) {
            let mut fds = Vec::with_capacity(socks.len() * 2);
            for &(fd, what) in &socks {
                if what != CURL_POLL_OUT {
                    fds.push((fd, Dir::Read));
                }
                if what == CURL_POLL_OUT || what == CURL_POLL_INOUT {
                    fds.push((fd, Dir::Write));
                }
            }
            // Nothing to watch and no timer: look again in a second, as
            // libcurl's own loop would after its longest sleep.
            let timeout = if fds.is_empty() {
                Some(timeout.unwrap_or(Duration::from_secs(1)))
            } else {
                timeout
            };
            match rt(|r| r.wait_fds(&fds, timeout)) {
                Ok(Wakeup::Canceled) => return Err(Stop::Canceled),
                Ok(_) => {}
                Err(e) => return Err(Stop::Failed(e)),
            }
            if aborting() {
                return Err(Stop::Canceled);
            }
        }
        Ok(ready(&socks))
    }
}

/// Which of `socks` are ready now (one poll, no wait).
fn ready(socks: &[(RawFd, c_int)]) -> Vec<(RawFd, c_int)> {
    if socks.is_empty() {
        return Vec::new();
    }
    let mut pfds: Vec<libc::pollfd> = socks
        .iter()
        .map(|&(fd, what)| libc::pollfd {
            fd,
            events: match what {
                CURL_POLL_IN => libc::POLLIN,
                CURL_POLL_OUT => libc::POLLOUT,
                _ => libc::POLLIN | libc::POLLOUT,
            },
            revents: 0,
        })
        .collect();
    // SAFETY: an array of pollfd we own, its length, zero timeout.
    let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, 0) };
    if n <= 0 {
        return Vec::new();
    }
    pfds.iter()
        .filter(|p| p.revents != 0)
        .map(|p| {
            let mut bits = 0;
            if p.revents & (libc::POLLIN | libc::POLLHUP) != 0 {
                bits |= CURL_CSELECT_IN;
            }
            if p.revents & libc::POLLOUT != 0 {
                bits |= CURL_CSELECT_OUT;
            }
            if p.revents & (libc::POLLERR | libc::POLLNVAL) != 0 {
                bits |= CURL_CSELECT_ERR;
            }
            (p.fd, bits)
        })
        .collect()
}

/// `curl_socket_callback`: records what libcurl wants watched.
unsafe extern "C" fn on_socket(
    _easy: *mut Curl,
    fd: c_int,
    what: c_int,
    userp: *mut c_void,
    _socketp: *mut c_void,
) -> c_int {
    crate::php::fence::quiet("curl socket callback", -1, || {
        // SAFETY: userp is the boxed Multi given with CURLMOPT_SOCKETDATA,
        // alive as long as its handle.
        let multi = unsafe { &*(userp as *const Multi) };
        let mut socks = multi.socks.borrow_mut();
        socks.retain(|&(f, _)| f != fd);
        if what != CURL_POLL_REMOVE && what != 0 {
            socks.push((fd, what));
        }
        0
    })
}

/// Runs one easy transfer on `multi` in the calling coroutine.
pub fn perform(lib: &Lib, multi: &Multi, easy: *mut Curl) -> CurlCode {
    // SAFETY: live handles; the easy one is in no other multi (libcurl
    // checks and refuses otherwise).
    if unsafe { (lib.multi_add_handle)(multi.m, easy) } != CURLM_OK {
        return CURLE_FAILED_INIT;
    }
    multi.owner.set(Some(rt(|r| r.current())));
    let mut running: c_int = 1;
    // SAFETY: live handle; starts the transfer (libcurl's "timeout" kick).
    unsafe { (lib.multi_socket_action)(multi.m, CURL_SOCKET_TIMEOUT, 0, &mut running) };
    let result = loop {
        if let Some(code) = finished(lib, multi.m, easy) {
            break code;
        }
        if running == 0 {
            break CURLE_OK;
        }
        match multi.wait(multi.timeout(lib)) {
            Ok(ready) if ready.is_empty() => {
                // SAFETY: live handle; the timer's turn.
                unsafe { (lib.multi_socket_action)(multi.m, CURL_SOCKET_TIMEOUT, 0, &mut running) };
            }
            Ok(ready) => {
                for (fd, bits) in ready {
                    // SAFETY: live handle, an fd libcurl gave us.
                    unsafe { (lib.multi_socket_action)(multi.m, fd, bits, &mut running) };
                }
            }
            Err(stop) => {
                match stop {
                    Stop::Failed(e) => super::super::super::error::throw_rt(&e),
                    Stop::Canceled => set_last_error(crate::swerr::CO_CANCELED),
                }
                break CURLE_ABORTED_BY_CALLBACK;
            }
        }
    };
    multi.owner.set(None);
    // SAFETY: the handle we added above.
    unsafe { (lib.multi_remove_handle)(multi.m, easy) };
    result
}

/// The result of `easy` once libcurl reports it done.
fn finished(lib: &Lib, m: *mut CurlM, easy: *mut Curl) -> Option<CurlCode> {
    let mut left: c_int = 0;
    let mut out = None;
    loop {
        // SAFETY: live handle; the message stays valid until the next
        // libcurl call on this handle, and is read before it.
        let msg = unsafe { (lib.multi_info_read)(m, &mut left) };
        if msg.is_null() {
            return out;
        }
        // SAFETY: non-null message from libcurl.
        let msg = unsafe { &*msg };
        if msg.msg == CURLMSG_DONE && msg.easy_handle == easy {
            out = Some(msg.result);
        }
    }
}
