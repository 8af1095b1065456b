//! `Corust\Channel` [`Swoole\Coroutine\Channel`, `Co\Channel`].
//!
//! A thin binding over `rt::sync::channel::Channel<Zval>`: PHP values go in and
//! out with their refcounts (objects are shared, not copied) and are released
//! when popped or when the channel is freed. `errCode` and `capacity` are real
//! public properties (slots 0 and 1), as in Swoole.

use std::rc::Rc;
use std::sync::atomic::AtomicPtr;
use std::time::Duration;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::error::{throw_error, throw_rt};
use super::object::{prop_slot, this, this_obj, Native};
use super::runtime::{propagate, rt};
use crate::rt::sync::channel::Channel;
use crate::rt::sync::WaitError;

/// Property slot of `capacity`.
const PROP_CAPACITY: usize = 0;
/// Property slot of `errCode`.
const PROP_ERRCODE: usize = 1;

static HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

/// Rust side of a `Corust\Channel` object.
#[derive(Default)]
pub struct ChannelObj {
    /// Set by the constructor; shared with calls in flight.
    chan: std::cell::RefCell<Option<Rc<Channel<Zval>>>>,
}

impl Native for ChannelObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &HANDLERS
    }

    /// As Swoole's `Channel::~Channel()`: coroutines still waiting on a
    /// channel that goes away (request end) are named in a WARNING line.
    fn on_destroy(&self) {
        let Some(ch) = self.chan.borrow().clone() else {
            return;
        };
        for (n, who) in [
            (ch.producer_num(), "producers"),
            (ch.consumer_num(), "consumers"),
        ] {
            if n > 0 {
                crate::server::log::warning(
                    crate::server::log::Who::Other,
                    0,
                    "Channel::~Channel",
                    crate::swerr::CO_HAS_BEEN_DISCARDED,
                    &format!("channel is destroyed, {n} {who} will be discarded"),
                );
            }
        }
    }
}

/// PHP `float $timeout` (seconds; -1 or any value ≤ 0 = wait forever, as in Swoole).
pub fn timeout_arg(secs: f64) -> Option<Duration> {
    if secs > 0.0 && secs.is_finite() {
        // Swoole's timers are 1 ms at least (SW_TIMER_MIN_SEC).
        Some(Duration::from_secs_f64(secs.clamp(0.001, 1e9)))
    } else {
        None
    }
}

fn chan_of(ex: &ExecuteData) -> Option<Rc<Channel<Zval>>> {
    let c = this::<ChannelObj>(ex).and_then(|o| o.chan.borrow().clone());
    if c.is_none() {
        throw_error("must call constructor first");
    }
    c
}

fn set_prop_long(ex: &ExecuteData, slot: usize, v: i64) {
    let obj = this_obj(ex);
    // SAFETY: `this` was checked to be a channel object, which declares
    // capacity and errCode as its first two properties.
    unsafe {
        let z = &mut *(prop_slot(obj, slot) as *mut Zval);
        z.set_long(v);
    }
}

fn set_err(ex: &ExecuteData, code: i64) {
    set_prop_long(ex, PROP_ERRCODE, code);
}

handler!(
    /// `__construct(int $capacity = 1)`.
    construct(ex, _rv) {
        let Ok(cap) = args::long(ex, 0, "Corust\\Channel::__construct", "capacity", Some(1)) else { return };
        let Some(o) = this::<ChannelObj>(ex) else { return };
        let cap = cap.max(1) as usize;
        *o.chan.borrow_mut() = Some(Rc::new(Channel::new(cap)));
        set_prop_long(ex, PROP_CAPACITY, cap as i64);
        set_err(ex, 0);
    }
);

handler!(
    /// `push(mixed $data, float $timeout = -1): bool`.
    push(ex, rv) {
        if args::need(ex, 1, "Corust\\Channel::push").is_err() { return; }
        let Ok(t) = args::double(ex, 1, "Corust\\Channel::push", "timeout", Some(-1.0)) else { return };
        let Some(chan) = chan_of(ex) else { return };
        let Some(v) = args::get(ex, 0).map(|z| z.shallow_clone()) else { return };
        let r = rt(|r| chan.push(r, v, timeout_arg(t)));
        match r {
            Ok(()) => {
                set_err(ex, 0);
                ret_bool(rv, true);
            }
            Err((WaitError::NotInCoroutine, v)) => {
                drop(v);
                throw_rt(&crate::rt::Error::NotInCoroutine);
            }
            Err((e, v)) => {
                drop(v);
                set_err(ex, e.code());
                ret_bool(rv, false);
            }
        }
        propagate();
    }
);

handler!(
    /// `pop(float $timeout = -1): mixed` (false on timeout / closed, see errCode).
    pop(ex, rv) {
        let Ok(t) = args::double(ex, 0, "Corust\\Channel::pop", "timeout", Some(-1.0)) else { return };
        let Some(chan) = chan_of(ex) else { return };
        let r = rt(|r| chan.pop(r, timeout_arg(t)));
        match r {
            Ok(v) => {
                set_err(ex, 0);
                *rv = v;
            }
            Err(WaitError::NotInCoroutine) => throw_rt(&crate::rt::Error::NotInCoroutine),
            Err(e) => {
                set_err(ex, e.code());
                ret_bool(rv, false);
            }
        }
        propagate();
    }
);

handler!(
    /// `close(): bool`.
    close(ex, rv) {
        let Some(chan) = chan_of(ex) else { return };
        let ok = rt(|r| chan.close(r));
        ret_bool(rv, ok);
        propagate();
    }
);

handler!(
    /// `length(): int`.
    length(ex, rv) {
        if let Some(c) = chan_of(ex) { ret_long(rv, c.len() as i64) }
    }
);

handler!(
    /// `isEmpty(): bool`.
    is_empty(ex, rv) {
        if let Some(c) = chan_of(ex) { ret_bool(rv, c.is_empty()) }
    }
);

handler!(
    /// `isFull(): bool`.
    is_full(ex, rv) {
        if let Some(c) = chan_of(ex) { ret_bool(rv, c.is_full()) }
    }
);

handler!(
    /// `stats(): array{consumer_num, producer_num, queue_num}`.
    stats(ex, rv) {
        let Some(c) = chan_of(ex) else { return };
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("consumer_num", c.consumer_num() as i64);
        let _ = ht.insert("producer_num", c.producer_num() as i64);
        let _ = ht.insert("queue_num", c.len() as i64);
        rv.set_hashtable(ht);
    }
);

/// `Swoole\Coroutine\Channel`'s declarations (Swoole 6.2.2), applied at MINIT (`sig.rs`).
pub const SIGNATURES: &[&str] = &[
    "__construct(int $size = 1)",
    "push(mixed $data, float $timeout = -1): bool",
    "pop(float $timeout = -1): mixed",
    "stats(): array",
    "close(): bool",
    "length(): int",
    "isEmpty(): bool",
    "isFull(): bool",
];
