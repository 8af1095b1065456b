//! `Corust\Timer` [`Swoole\Timer`]: after, tick, clear, clearAll, exists,
//! list, info, stats.
//!
//! Owns: the map from timer id to the PHP callable and what `info()` reports
//! of it, and internal timers' Rust actions; the timing itself lives in
//! `rt::driver::time`. Each firing runs the callable in a new coroutine (a tick
//! gets its timer id as first argument).

use crate::rt::idmap::IdMap;
use std::cell::RefCell;
use std::time::Duration;

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::coroutine_api::array_iterator;
use super::error::{warn_docref, E_WARNING};
use super::globals::PhpThread;
use super::runtime::rt;
use super::value::{zval_long, Callback};

/// Callables of armed user timers.
static CALLBACKS: PhpThread<RefCell<IdMap<u64, Callback>>> = PhpThread::new();

fn callbacks<R>(f: impl FnOnce(&RefCell<IdMap<u64, Callback>>) -> R) -> R {
    f(CALLBACKS.get(|| RefCell::new(IdMap::default())))
}

/// What `Timer::info()` reports of a user timer.
#[derive(Clone, Copy)]
struct Info {
    /// The period in ms (the delay for `after`).
    interval: i64,
    /// Times it fired.
    count: i64,
    /// When it fires next, in ms since the first timer of the process.
    due: i64,
    /// The `round` it was armed in.
    round: i64,
    /// Cleared while its callback runs.
    removed: bool,
}

#[derive(Default)]
struct Book {
    info: IdMap<u64, Info>,
    /// When the first timer was armed (Swoole's timer start).
    epoch: Option<std::time::Instant>,
    /// Turns of the loop so far (Swoole's timer `round`).
    round: i64,
    /// The timer whose callback runs now.
    firing: Option<u64>,
}

static BOOK: PhpThread<RefCell<Book>> = PhpThread::new();

fn book<R>(f: impl FnOnce(&mut Book) -> R) -> R {
    f(&mut BOOK.get(|| RefCell::new(Book::default())).borrow_mut())
}

/// ms since the first timer.
fn rel_ms(b: &mut Book) -> i64 {
    let e = *b.epoch.get_or_insert_with(std::time::Instant::now);
    e.elapsed().as_millis() as i64
}

/// Rust actions of internal one-shot timers (`setTimeLimit`), by timer id.
static NATIVE: PhpThread<RefCell<Natives>> = PhpThread::new();

/// Internal timers' actions by timer id.
type Natives = IdMap<u64, Box<dyn FnOnce()>>;

fn natives<R>(f: impl FnOnce(&RefCell<Natives>) -> R) -> R {
    f(NATIVE.get(|| RefCell::new(IdMap::default())))
}

/// Runs `f` on the event loop after `d`: an internal timer, which
/// `Timer::list()`, `clear()` and `clearAll()` do not see.
pub fn after_native(d: Duration, f: impl FnOnce() + 'static) {
    super::coroutine::ensure_drain();
    let id = rt(|r| r.add_timer(d, None));
    natives(|m| m.borrow_mut().insert(id, Box::new(f)));
}

/// Called by the event loop for each due user timer.
pub fn fire(id: u64, is_tick: bool) {
    if let Some(f) = natives(|m| m.borrow_mut().remove(&id)) {
        f();
        return;
    }
    book(|b| b.firing = Some(id));
    let cb = callbacks(|m| {
        let mut m = m.borrow_mut();
        if is_tick {
            m.get(&id).map(|cb| {
                let mut c = cb.share();
                c.prepend_arg(zval_long(id as i64));
                c
            })
        } else {
            m.remove(&id)
        }
    });
    if let Some(cb) = cb {
        super::coroutine::spawn_detached(cb);
    }
    // As Swoole's timer node: it stays (info(), stats()) while its callback
    // runs; a tick's count and next time move on after it.
    book(|b| {
        b.firing = None;
        let now = rel_ms(b);
        match b.info.get_mut(&id) {
            Some(i) if is_tick && !i.removed => {
                i.count += 1;
                i.due = now + i.interval;
            }
            _ => {
                b.info.remove(&id);
            }
        }
    });
}

/// One turn of the event loop went by (Swoole's timer `round`).
pub fn next_round() {
    book(|b| b.round += 1);
}

fn add(ex: &mut ExecuteData, rv: &mut Zval, fname: &str, tick: bool) {
    if args::need(ex, 2, fname).is_err() {
        return;
    }
    let Ok(ms) = args::long(ex, 0, fname, "ms", None) else {
        return;
    };
    if ms < 1 {
        warn_docref(E_WARNING, "Timer must be greater than or equal to 1");
        ret_bool(rv, false);
        return;
    }
    let Some(cb) = super::coroutine::callback_arg(ex, 1, Some(2), fname, "callback") else {
        return;
    };
    super::coroutine::ensure_drain();
    let d = Duration::from_millis(ms as u64);
    let id = rt(|r| r.add_timer(d, if tick { Some(d) } else { None }));
    callbacks(|m| m.borrow_mut().insert(id, cb));
    book(|b| {
        let due = rel_ms(b) + ms;
        let round = b.round;
        b.info.insert(
            id,
            Info {
                interval: if tick { ms } else { 0 },
                count: 0,
                due,
                round,
                removed: false,
            },
        );
    });
    ret_long(rv, id as i64);
}

handler!(
    /// `Timer::after(int $ms, callable $fn, mixed ...$args): int|false`.
    after(ex, rv) { add(ex, rv, "Corust\\Timer::after", false) }
);

handler!(
    /// `Timer::tick(int $ms, callable $fn, mixed ...$args): int|false`.
    tick(ex, rv) { add(ex, rv, "Corust\\Timer::tick", true) }
);

/// True for an internal timer's id.
fn is_native(id: u64) -> bool {
    natives(|m| m.borrow().contains_key(&id))
}

/// The armed user timers (internal ones left out).
fn user_ids() -> Vec<u64> {
    let mut ids = rt(|r| r.timer_ids());
    ids.retain(|id| !is_native(*id));
    ids
}

pub fn clear_id(id: u64) -> bool {
    if is_native(id) {
        return false;
    }
    let ok = rt(|r| r.clear_timer(id));
    book(|b| {
        if b.firing == Some(id) {
            if let Some(i) = b.info.get_mut(&id) {
                i.removed = true;
            }
        } else {
            b.info.remove(&id);
        }
    });
    // Drop the callable outside the map borrow: its destructor may run PHP code.
    let cb = callbacks(|m| m.borrow_mut().remove(&id));
    drop(cb);
    ok
}

handler!(
    /// `Timer::clear(int $id): bool`.
    clear(ex, rv) {
        if args::need(ex, 1, "Corust\\Timer::clear").is_err() { return; }
        let Ok(id) = args::long(ex, 0, "Corust\\Timer::clear", "timer_id", None) else { return };
        ret_bool(rv, id > 0 && clear_id(id as u64));
    }
);

handler!(
    /// `Timer::clearAll(): bool`.
    clear_all(_ex, rv) {
        clear_users();
        ret_bool(rv, true);
    }
);

handler!(
    /// `Timer::exists(int $id): bool`.
    exists(ex, rv) {
        if args::need(ex, 1, "Corust\\Timer::exists").is_err() { return; }
        let Ok(id) = args::long(ex, 0, "Corust\\Timer::exists", "timer_id", None) else { return };
        ret_bool(rv, id > 0 && !is_native(id as u64) && rt(|r| r.timer_exists(id as u64)));
    }
);

handler!(
    /// `Timer::list(): ArrayIterator` of armed timer ids.
    list(_ex, rv) {
        *rv = array_iterator("Corust\\Timer\\Iterator", &user_ids());
    }
);

handler!(
    /// `Timer::info(int $timer_id): ?array` — `exec_msec` (when it fires next,
    /// ms since the first timer), `exec_count`, `interval`, `round`, `removed`.
    info(ex, rv) {
        let f = "Swoole\\Timer::info";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(id) = args::long(ex, 0, f, "timer_id", None) else { return };
        let Some(i) = book(|b| b.info.get(&(id.max(0) as u64)).copied()) else {
            rv.set_null();
            return;
        };
        let mut ht = ext_php_rs::types::ZendHashTable::new();
        let _ = ht.insert("exec_msec", i.due);
        let _ = ht.insert("exec_count", i.count);
        let _ = ht.insert("interval", i.interval);
        let _ = ht.insert("round", i.round);
        let _ = ht.insert("removed", i.removed);
        rv.set_hashtable(ht);
    }
);

handler!(
    /// `Timer::stats(): array` — `initialized`, `num` (armed timers, the
    /// runtime's own included, as Swoole counts), `round`.
    stats(_ex, rv) {
        let (init, round) = book(|b| (b.epoch.is_some(), b.round));
        let mut ht = ext_php_rs::types::ZendHashTable::new();
        let _ = ht.insert("initialized", init);
        // The timer whose callback runs is still counted, as Swoole's node.
        let firing = book(|b| b.firing.is_some_and(|id| !rt(|r| r.timer_exists(id))));
        let _ = ht.insert("num", (rt(|r| r.timer_count()) + usize::from(firing)) as i64);
        let _ = ht.insert("round", round);
        rv.set_hashtable(ht);
    }
);

/// Clears every user timer (`Timer::clearAll`, `Event::exit`).
pub fn clear_users() {
    for id in user_ids() {
        clear_id(id);
    }
}

/// Request shutdown: forget the callables (the engine frees request memory).
pub fn shutdown() {
    book(|b| *b = Book::default());
    natives(|m| std::mem::forget(std::mem::take(&mut *m.borrow_mut())));
    callbacks(|m| {
        let old = std::mem::take(&mut *m.borrow_mut());
        std::mem::forget(old);
    });
}

/// `Swoole\Timer`'s declarations (Swoole 6.2.2: its methods share the `swoole_timer_*` arginfo).
pub const SIGNATURES: &[&str] = &[
    "after(int $ms, callable $callback, mixed ...$params): false|int",
    "tick(int $ms, callable $callback, mixed ...$params): false|int",
    "clear(int $timer_id): bool",
    "clearAll(): bool",
    "exists(int $timer_id): bool",
    "list(): Swoole\\Timer\\Iterator",
    "info(int $timer_id): ?array",
    "stats(): array",
];
