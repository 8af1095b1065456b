//! `Channel<T>`: a bounded FIFO queue between coroutines (Swoole semantics).
//!
//! Invariants: `queue.len() <= cap`; a coroutine id is in `consumers` only
//! while it is parked in `pop`, and in `producers` only while parked in `push`;
//! the waker removes the waiter from its queue before resuming it, and a waiter
//! woken by its timeout or by cancel removes itself.
//! Hand-off: a push that finds a waiting consumer resumes it at once (nested
//! on the pusher, as Swoole does), so a ping-pong costs two switches, not four.
//! Fairness: a push waits while others already wait to push (and a pop while
//! others wait to pop), so waiters are served first come, first served.
//! May not: suspend except through `Runtime::park`.
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use super::WaitError;
use crate::rt::{Cid, Runtime, SwitchHook, WaitKind, Wakeup};

/// What a channel waiter is doing (for reports).
pub const WAIT_POP: WaitKind = WaitKind::Other("channel pop");
/// What a channel waiter is doing (for reports).
pub const WAIT_PUSH: WaitKind = WaitKind::Other("channel push");

/// The channel state.
#[derive(Debug)]
struct State<T> {
    /// Queued values, oldest first.
    queue: VecDeque<T>,
    /// Coroutines parked in `pop`, first come first.
    consumers: VecDeque<Cid>,
    /// Coroutines parked in `push`, first come first.
    producers: VecDeque<Cid>,
    /// Set by `close`; never cleared.
    closed: bool,
}

/// A bounded channel of `T`.
#[derive(Debug)]
pub struct Channel<T> {
    /// Capacity (at least 1).
    cap: usize,
    /// Mutable state; never borrowed across a switch.
    st: RefCell<State<T>>,
}

impl<T> Channel<T> {
    /// A channel holding up to `cap` values (`cap` < 1 is taken as 1).
    pub fn new(cap: usize) -> Self {
        Channel {
            cap: cap.max(1),
            st: RefCell::new(State {
                queue: VecDeque::new(),
                consumers: VecDeque::new(),
                producers: VecDeque::new(),
                closed: false,
            }),
        }
    }

    /// Capacity.
    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// Number of queued values.
    pub fn len(&self) -> usize {
        self.st.borrow().queue.len()
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.st.borrow().queue.is_empty()
    }

    /// True when `capacity` values are queued.
    pub fn is_full(&self) -> bool {
        self.st.borrow().queue.len() >= self.cap
    }

    /// True after `close`.
    pub fn is_closed(&self) -> bool {
        self.st.borrow().closed
    }

    /// Coroutines waiting in `pop`.
    pub fn consumer_num(&self) -> usize {
        self.st.borrow().consumers.len()
    }

    /// Coroutines waiting in `push`.
    pub fn producer_num(&self) -> usize {
        self.st.borrow().producers.len()
    }

    /// Waits in `queue` (consumers or producers) until woken; Ok when woken by
    /// the other side or close, Err on timeout or cancel.
    fn wait<H: SwitchHook>(
        &self,
        rt: &Runtime<H>,
        producer: bool,
        timeout: Option<Duration>,
    ) -> Result<(), WaitError> {
        let me = rt.current();
        if me.is_main() {
            return Err(WaitError::NotInCoroutine);
        }
        {
            let mut st = self.st.borrow_mut();
            match producer {
                true => st.producers.push_back(me),
                false => st.consumers.push_back(me),
            }
        }
        let kind = if producer { WAIT_PUSH } else { WAIT_POP };
        let w = rt
            .park(kind, timeout)
            .map_err(|_| WaitError::NotInCoroutine)?;
        match w {
            Wakeup::TimedOut | Wakeup::Canceled => {
                let mut st = self.st.borrow_mut();
                let q = if producer {
                    &mut st.producers
                } else {
                    &mut st.consumers
                };
                q.retain(|c| *c != me);
                Err(if w == Wakeup::TimedOut {
                    WaitError::Timeout
                } else {
                    WaitError::Canceled
                })
            }
            _ => Ok(()),
        }
    }

    /// Appends `v`, waiting up to `timeout` (None: forever) while the channel
    /// is full. On failure the value comes back with the reason.
    ///
    /// # Suspends
    pub fn push<H: SwitchHook>(
        &self,
        rt: &Runtime<H>,
        v: T,
        timeout: Option<Duration>,
    ) -> Result<(), (WaitError, T)> {
        {
            let st = self.st.borrow();
            if st.closed {
                return Err((WaitError::Closed, v));
            }
            if st.queue.len() >= self.cap || !st.producers.is_empty() {
                drop(st);
                if let Err(e) = self.wait(rt, true, timeout) {
                    return Err((e, v));
                }
                let st = self.st.borrow();
                if st.closed {
                    return Err((WaitError::Closed, v));
                }
            }
        }
        let consumer = {
            let mut st = self.st.borrow_mut();
            st.queue.push_back(v);
            st.consumers.pop_front()
        };
        if let Some(c) = consumer {
            rt.wake_now(c, Wakeup::Ready);
        }
        Ok(())
    }

    /// Takes the oldest value, waiting up to `timeout` (None: forever) while
    /// the channel is empty.
    ///
    /// # Suspends
    pub fn pop<H: SwitchHook>(
        &self,
        rt: &Runtime<H>,
        timeout: Option<Duration>,
    ) -> Result<T, WaitError> {
        {
            let st = self.st.borrow();
            if st.closed && st.queue.is_empty() {
                return Err(WaitError::Closed);
            }
            if st.queue.is_empty() || !st.consumers.is_empty() {
                drop(st);
                self.wait(rt, false, timeout)?;
            }
        }
        let (v, producer) = {
            let mut st = self.st.borrow_mut();
            match st.queue.pop_front() {
                Some(v) => (v, st.producers.pop_front()),
                // Woken by close (or an empty hand-off): nothing to take.
                None => return Err(WaitError::Closed),
            }
        };
        if let Some(p) = producer {
            rt.wake_now(p, Wakeup::Ready);
        }
        Ok(v)
    }

    /// Closes the channel and wakes every waiter; false if already closed.
    /// Queued values stay poppable.
    ///
    /// # Suspends
    pub fn close<H: SwitchHook>(&self, rt: &Runtime<H>) -> bool {
        let (producers, consumers) = {
            let mut st = self.st.borrow_mut();
            if st.closed {
                return false;
            }
            st.closed = true;
            (
                std::mem::take(&mut st.producers),
                std::mem::take(&mut st.consumers),
            )
        };
        for c in producers.into_iter().chain(consumers) {
            rt.wake_now(c, Wakeup::Ready);
        }
        true
    }

    /// Removes and returns every queued value (to release them outside a borrow).
    pub fn drain(&self) -> Vec<T> {
        self.st.borrow_mut().queue.drain(..).collect()
    }
}
