//! `Corust\Event` [`Swoole\Event`] and the `swoole_event_*` functions: fds
//! watched with PHP callbacks (`add`, `set`, `del`, `isset`, buffered
//! `write`), callbacks at fixed points of the loop (`defer`, `cycle`), and
//! the loop itself (`wait`, `dispatch`, `exit`).
//!
//! Owns: the watched fds, the deferred callables, the cycle callables, and
//! the loop's hooks (`PhpLoop`: timers, defers, cycle).
//! How a watch works: each watched fd has a watcher coroutine (Rust, with a
//! VM stack) parked on the fd in the directions asked; when the fd is ready it
//! starts the user's callback in a coroutine of its own (as Swoole does with
//! `enable_coroutine`), passing the value given to `add`, then waits again
//! (level-triggered, as Swoole's reactor: a callback that does not read is
//! called again). `set`/`del`/`write` poke it to re-read what to wait for.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::os::fd::RawFd;
use std::time::Duration;

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::coroutine::{ensure_drain, spawn_detached, spawn_native};
use super::error::{warn, warn_docref, E_WARNING};
use super::globals::PhpThread;
use super::runtime::{aborting, propagate, rt};
use super::system::{EVENT_READ, EVENT_WRITE};
use super::value::Callback;
use crate::rt::driver::io::Dir;
use crate::rt::{Cid, Error, Wakeup};
use crate::syscall;

/// The class name in warnings (Swoole's: `Swoole\Event`).
const CLASS: &str = "Swoole\\Event";

/// One watched fd.
struct Watch {
    /// What the user passed to `add` (each callback gets it).
    target: Zval,
    read: Option<Callback>,
    write: Option<Callback>,
    /// `SWOOLE_EVENT_READ` / `SWOOLE_EVENT_WRITE` bits.
    events: i64,
    /// Bytes `write()` could not send yet.
    out: Vec<u8>,
    /// This watch's number: a watcher whose number is gone stops.
    gen: u64,
    /// The watcher coroutine.
    watcher: Option<Cid>,
}

/// Something to run at the end of the loop's turn.
enum Deferred {
    /// `Event::defer`'s callable (in a coroutine of its own).
    Php(Callback),
    /// The runtime's own (resuming `join` callers).
    Native(Box<dyn FnOnce()>),
}

/// Runs `f` at the end of the loop's current turn, in order with `Event::defer`.
pub fn defer_native(f: Box<dyn FnOnce()>) {
    state().defers.borrow_mut().push(Deferred::Native(f));
}

#[derive(Default)]
struct State {
    watches: RefCell<HashMap<RawFd, Watch>>,
    defers: RefCell<Vec<Deferred>>,
    /// `cycle()` callables: [after each turn, before each wait].
    cycle: [RefCell<Option<Callback>>; 2],
    next_gen: Cell<u64>,
    /// Run at the end of each turn (`set_turn_end`).
    turn_end: RefCell<Option<Box<dyn FnMut()>>>,
    /// The loop waited since `turn_end` last ran.
    waited: Cell<bool>,
}

/// Runs `f` at the end of each turn of the loop from now on (None: no
/// more), once per wait in the reactor: Swoole's reactor end callback,
/// which a pool worker asked to stop uses for `workerExit`. The first call
/// is at the end of the current turn.
pub fn set_turn_end(f: Option<Box<dyn FnMut()>>) {
    let s = state();
    s.waited.set(true);
    *s.turn_end.borrow_mut() = f;
}

/// `turn_end`, once since the last wait.
fn run_turn_end() {
    let s = state();
    if !s.waited.replace(false) {
        return;
    }
    // Out of its cell while it runs: PHP code it calls may replace it.
    let Some(mut f) = s.turn_end.borrow_mut().take() else {
        return;
    };
    f();
    let mut slot = s.turn_end.borrow_mut();
    if slot.is_none() {
        *slot = Some(f);
    }
}

static STATE: PhpThread<State> = PhpThread::new();

fn state() -> &'static State {
    STATE.get(State::default)
}

/// The loop's hooks in a PHP process: user timers, `defer`, `cycle`.
pub struct PhpLoop;

impl crate::rt::LoopHooks for PhpLoop {
    fn timer(&mut self, id: u64, tick: bool) {
        super::timer::fire(id, tick);
    }

    fn before_wait(&mut self) {
        run_cycle(1);
        state().waited.set(true);
    }

    fn after_turn(&mut self) -> bool {
        super::timer::next_round();
        // The callables deferred so far; those they defer go to the next turn.
        let now = std::mem::take(&mut *state().defers.borrow_mut());
        for d in now {
            if aborting() {
                break;
            }
            match d {
                Deferred::Php(cb) => spawn_detached(cb),
                Deferred::Native(f) => f(),
            }
        }
        run_cycle(0);
        if !aborting() {
            run_turn_end();
        }
        !state().defers.borrow().is_empty()
    }

    fn may_exit(&mut self) -> bool {
        super::coroutine_api::exit_condition_met()
    }
}

fn run_cycle(which: usize) {
    let cb = state().cycle[which].borrow().as_ref().map(Callback::share);
    if let Some(cb) = cb {
        if !aborting() {
            spawn_detached(cb);
        }
    }
}

/// The fd of argument `i`, with Swoole's warnings (`unknown` is the extra
/// warning its caller adds, if any).
fn fd_arg(ex: &mut ExecuteData, i: usize, unknown: Option<&str>) -> Option<RawFd> {
    let z = args::get(ex, i)?;
    match super::fd::fd_of(z) {
        Ok(fd) => Some(fd),
        Err(why) => {
            warn_docref(E_WARNING, &why.text());
            if let Some(u) = unknown {
                warn_docref(E_WARNING, u);
            }
            None
        }
    }
}

/// An optional callable argument: Ok(None) when absent or null.
fn opt_callback(
    ex: &mut ExecuteData,
    i: usize,
    fname: &str,
    pname: &str,
) -> Result<Option<Callback>, ()> {
    match args::get(ex, i) {
        None => Ok(None),
        Some(z) if z.is_null() => Ok(None),
        Some(z) => match Callback::new(z, Vec::new()) {
            Ok(cb) => Ok(Some(cb)),
            Err(why) => {
                let fname = args::name_of(ex, fname);
                super::error::throw_type_error(&format!(
                    "{fname}(): Argument #{} (${pname}) must be a valid callback or null, {why}",
                    i + 1
                ));
                Err(())
            }
        },
    }
}

/// Wakes the watcher of `fd` so it re-reads what to wait for.
fn poke(fd: RawFd) {
    let cid = state().watches.borrow().get(&fd).and_then(|w| w.watcher);
    if let Some(cid) = cid {
        rt(|r| r.unpark(cid, Wakeup::Canceled));
    }
}

/// The directions the watcher of `fd` waits for; None once the watch `gen` is gone.
fn wanted(fd: RawFd, gen: u64) -> Option<Vec<(RawFd, Dir)>> {
    let watches = state().watches.borrow();
    let w = watches.get(&fd).filter(|w| w.gen == gen)?;
    let mut v = Vec::with_capacity(2);
    if w.events & EVENT_READ != 0 {
        v.push((fd, Dir::Read));
    }
    if w.events & EVENT_WRITE != 0 || !w.out.is_empty() {
        v.push((fd, Dir::Write));
    }
    Some(v)
}

/// Readable / writable now (a hang-up or error counts as both, as the reactor
/// hands it to the callbacks).
fn ready_now(fd: RawFd) -> (bool, bool) {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN | libc::POLLOUT,
        revents: 0,
    };
    // SAFETY: poll on one pollfd of ours, no waiting.
    if unsafe { syscall!(poll(&mut p, 1, 0)) }.is_err() {
        return (true, true);
    }
    let bad = p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0;
    (
        p.revents & libc::POLLIN != 0 || bad,
        p.revents & libc::POLLOUT != 0 || bad,
    )
}

/// Sends what `write()` buffered for `fd`; false on a write error (the
/// buffer is then dropped, with a warning).
fn flush(fd: RawFd) -> bool {
    let mut watches = state().watches.borrow_mut();
    let Some(w) = watches.get_mut(&fd) else {
        return true;
    };
    while !w.out.is_empty() {
        // SAFETY: writing from our buffer to the user's fd.
        match unsafe { syscall!(write(fd, w.out.as_ptr().cast(), w.out.len())) } {
            Ok(n) => {
                w.out.drain(..n as usize);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                w.out.clear();
                drop(watches);
                warn(
                    E_WARNING,
                    &format!(
                        "{CLASS}::write(): write to fd#{fd} failed: {}",
                        super::error::os_error_text(&e)
                    ),
                );
                return false;
            }
        }
    }
    true
}

/// Starts the user's callback for `fd` in a coroutine of its own.
fn call(fd: RawFd, gen: u64, read: bool) {
    let cb = {
        let watches = state().watches.borrow();
        let Some(w) = watches.get(&fd).filter(|w| w.gen == gen) else {
            return;
        };
        let cb = if read {
            w.read.as_ref()
        } else {
            w.write.as_ref()
        };
        cb.map(|cb| cb.with_args(vec![w.target.shallow_clone()]))
    };
    if let Some(cb) = cb {
        spawn_detached(cb);
    }
}

/// The watcher coroutine of watch `gen` on `fd`.
fn watch(fd: RawFd, gen: u64) {
    while let Some(dirs) = wanted(fd, gen) {
        if aborting() {
            return;
        }
        let w = if dirs.is_empty() {
            // Paused (`set` with no events): the fd stays in the loop (which
            // keeps running, as Swoole's does) until a poke.
            rt(|r| r.sleep(Duration::from_secs(3600)))
        } else {
            rt(|r| r.wait_fds(&dirs, None))
        };
        match w {
            Ok(Wakeup::Ready) => {}
            // Poked: re-read the watch.
            Ok(_) => continue,
            // A coroutine of the user's waits on the fd itself: let it.
            Err(Error::Busy { .. }) => {
                let _ = rt(|r| r.sleep(Duration::from_millis(1)));
                continue;
            }
            Err(e) => {
                warn(E_WARNING, &format!("{CLASS}: fd#{fd} removed: {e}"));
                remove(fd, gen);
                return;
            }
        }
        let (readable, writable) = ready_now(fd);
        let want_read = dirs.iter().any(|d| d.1 == Dir::Read);
        let want_write = dirs.iter().any(|d| d.1 == Dir::Write);
        if readable && want_read {
            call(fd, gen, true);
        }
        if writable && want_write {
            let buffered = state()
                .watches
                .borrow()
                .get(&fd)
                .is_some_and(|w| w.gen == gen && !w.out.is_empty());
            if buffered {
                flush(fd);
            } else {
                call(fd, gen, false);
            }
        }
    }
}

/// Drops watch `gen` of `fd` (its callables are released outside the borrow).
fn remove(fd: RawFd, gen: u64) -> bool {
    let old = {
        let mut watches = state().watches.borrow_mut();
        match watches.get(&fd) {
            Some(w) if gen == 0 || w.gen == gen => watches.remove(&fd),
            _ => None,
        }
    };
    match old {
        Some(w) => {
            if let Some(cid) = w.watcher {
                rt(|r| r.unpark(cid, Wakeup::Canceled));
            }
            drop(w);
            true
        }
        None => false,
    }
}

handler!(
    /// `Event::add(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = SWOOLE_EVENT_READ): int|false`.
    event_add(ex, rv) {
        let f = "Swoole\\Event::add";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(fd) = fd_arg(ex, 0, Some("unknown fd type")) else {
            ret_bool(rv, false);
            return;
        };
        let Ok(events) = args::long(ex, 3, f, "events", Some(EVENT_READ)) else { return };
        let Ok(read) = opt_callback(ex, 1, f, "read_callback") else { return };
        let Ok(write) = opt_callback(ex, 2, f, "write_callback") else { return };
        let fail = |rv: &mut Zval, msg: String| {
            warn_docref(E_WARNING, &msg);
            ret_bool(rv, false);
        };
        if fd == 0 && events & EVENT_WRITE != 0 {
            return fail(rv, format!("invalid socket fd [{fd}]"));
        }
        if state().watches.borrow().contains_key(&fd) {
            return fail(rv, "already exist".into());
        }
        if events & (EVENT_READ | EVENT_WRITE) == 0 {
            return fail(rv, "invalid events".into());
        }
        if events & EVENT_READ != 0 && read.is_none() {
            return fail(rv, format!("{CLASS}: unable to find readable callback of fd [{fd}]"));
        }
        if events & EVENT_WRITE != 0 && write.is_none() {
            return fail(rv, format!("{CLASS}: unable to find writable callback of fd [{fd}]"));
        }
        // SAFETY: fcntl(2) F_GETFL only asks whether the fd is open.
        if let Err(e) = unsafe { syscall!(fcntl(fd, libc::F_GETFL)) } {
            return fail(rv, format!("swoole_event_add failed: {}", super::error::os_error_text(&e)));
        }
        // As Swoole: the fd is made non-blocking.
        crate::rt::sys::set_nonblocking(fd, true);
        let Some(target) = args::get(ex, 0).map(|z| z.dereference().shallow_clone()) else { return };
        let gen = state().next_gen.get() + 1;
        state().next_gen.set(gen);
        state().watches.borrow_mut().insert(fd, Watch { target, read, write, events, out: Vec::new(), gen, watcher: None });
        ensure_drain();
        match spawn_native(move || watch(fd, gen)) {
            Ok(cid) => {
                if let Some(w) = state().watches.borrow_mut().get_mut(&fd) {
                    if w.gen == gen {
                        w.watcher = Some(cid);
                    }
                }
                propagate();
                ret_long(rv, i64::from(fd));
            }
            Err(e) => {
                remove(fd, gen);
                fail(rv, format!("swoole_event_add failed: {e}"));
            }
        }
    }
);

handler!(
    /// `Event::set(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = 0): bool`.
    event_set(ex, rv) {
        let f = "Swoole\\Event::set";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(fd) = fd_arg(ex, 0, None) else { ret_bool(rv, false); return };
        let Ok(events) = args::long(ex, 3, f, "events", Some(0)) else { return };
        let Ok(read) = opt_callback(ex, 1, f, "read_callback") else { return };
        let Ok(write) = opt_callback(ex, 2, f, "write_callback") else { return };
        let (old, msg) = {
            let mut watches = state().watches.borrow_mut();
            let Some(w) = watches.get_mut(&fd) else {
                drop(watches);
                warn_docref(E_WARNING, &format!("socket[{fd}] is not found in the reactor"));
                ret_bool(rv, false);
                return;
            };
            let mut old = Vec::new();
            if let Some(cb) = read { old.extend(w.read.replace(cb)); }
            if let Some(cb) = write { old.extend(w.write.replace(cb)); }
            let msg = if events & EVENT_READ != 0 && w.read.is_none() {
                Some("readable")
            } else if events & EVENT_WRITE != 0 && w.write.is_none() {
                Some("writable")
            } else {
                w.events = events;
                None
            };
            (old, msg)
        };
        drop(old);
        if let Some(which) = msg {
            warn_docref(E_WARNING, &format!("{CLASS}: unable to find {which} callback of fd [{fd}]"));
            ret_bool(rv, false);
            return;
        }
        poke(fd);
        ret_bool(rv, true);
    }
);

handler!(
    /// `Event::del(mixed $fd): bool`.
    event_del(ex, rv) {
        if args::need(ex, 1, "Swoole\\Event::del").is_err() { return; }
        let Some(fd) = fd_arg(ex, 0, Some("unknown type")) else {
            ret_bool(rv, false);
            return;
        };
        ret_bool(rv, remove(fd, 0));
    }
);

handler!(
    /// `Event::isset(mixed $fd, int $events = SWOOLE_EVENT_READ | SWOOLE_EVENT_WRITE): bool`.
    event_isset(ex, rv) {
        let f = "Swoole\\Event::isset";
        if args::need(ex, 1, f).is_err() { return; }
        let Some(fd) = fd_arg(ex, 0, Some("unknown type")) else {
            ret_bool(rv, false);
            return;
        };
        let Ok(events) = args::long(ex, 1, f, "events", Some(EVENT_READ | EVENT_WRITE)) else { return };
        let set = state().watches.borrow().get(&fd).is_some_and(|w| w.events & events != 0);
        ret_bool(rv, set);
    }
);

handler!(
    /// `Event::write(mixed $fd, string $data): bool` — sends now what the fd
    /// takes; the rest is sent by the loop as the fd becomes writable.
    event_write(ex, rv) {
        let f = "Swoole\\Event::write";
        if args::need(ex, 2, f).is_err() { return; }
        let Ok(data) = args::string(ex, 1, f, "data").map(|b| b.into_owned()) else { return };
        if data.is_empty() {
            warn_docref(E_WARNING, "data empty");
            ret_bool(rv, false);
            return;
        }
        let Some(fd) = fd_arg(ex, 0, Some("unknown type")) else {
            ret_bool(rv, false);
            return;
        };
        let was_empty = {
            let mut watches = state().watches.borrow_mut();
            let Some(w) = watches.get_mut(&fd) else {
                drop(watches);
                warn_docref(E_WARNING, &format!("socket[{fd}] is not found in the reactor"));
                ret_bool(rv, false);
                return;
            };
            let e = w.out.is_empty();
            w.out.extend_from_slice(&data);
            e
        };
        if was_empty {
            if !flush(fd) {
                ret_bool(rv, false);
                return;
            }
            poke(fd);
        }
        ret_bool(rv, true);
    }
);

handler!(
    /// `Event::defer(callable $callback): true` — runs it (in a coroutine)
    /// at the end of the loop's current turn.
    event_defer(ex, rv) {
        let Some(cb) = super::coroutine::callback_arg(ex, 0, None, "Swoole\\Event::defer", "callback") else { return };
        state().defers.borrow_mut().push(Deferred::Php(cb));
        ensure_drain();
        ret_bool(rv, true);
    }
);

handler!(
    /// `Event::cycle(?callable $callback, bool $before = false): bool` — runs
    /// it on every turn of the loop (before each wait with `$before`); null
    /// removes it (false when none was set).
    event_cycle(ex, rv) {
        let f = "Swoole\\Event::cycle";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(cb) = opt_callback(ex, 0, f, "callback") else { return };
        let Ok(before) = args::boolean(ex, 1, f, "before", false) else { return };
        let slot = &state().cycle[usize::from(before)];
        let none = cb.is_none();
        let old = std::mem::replace(&mut *slot.borrow_mut(), cb);
        let had = old.is_some();
        drop(old);
        ret_bool(rv, !none || had);
    }
);

handler!(
    /// `Event::dispatch(): bool` — one turn of the loop.
    event_dispatch(_ex, rv) {
        if !rt(|r| r.current()).is_main() || rt(|r| r.is_looping() || r.is_halted()) {
            ret_bool(rv, false);
            return;
        }
        let r = rt(|r| r.run_once(&mut PhpLoop));
        propagate();
        match r {
            Ok(()) => ret_bool(rv, true),
            Err(e) => super::error::throw_rt(&e),
        }
    }
);

handler!(
    /// `Event::exit(): void` — stops the loop: timers are cleared, nothing
    /// more runs.
    event_exit(_ex, _rv) {
        super::timer::clear_users();
        rt(|r| r.halt());
    }
);

/// The loop of `Event::wait` ran dry: as Swoole frees its reactor then, the
/// cycle callables go.
pub fn loop_ended() {
    for c in &state().cycle {
        let old = c.borrow_mut().take();
        drop(old);
    }
}

/// Request shutdown: forget the callables (the engine frees request memory).
pub fn shutdown() {
    let s = state();
    std::mem::forget(std::mem::take(&mut *s.watches.borrow_mut()));
    std::mem::forget(std::mem::take(&mut *s.defers.borrow_mut()));
    for c in &s.cycle {
        std::mem::forget(c.borrow_mut().take());
    }
    std::mem::forget(s.turn_end.borrow_mut().take());
}

/// The class (`Corust\Event`).
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::MethodFlags;
    let sf = MethodFlags::Public | MethodFlags::Static;
    let mut cb = ClassBuilder::new("Corust\\Event");
    for (name, h) in METHODS {
        cb = cb.method(FunctionBuilder::new(*name, *h), sf);
    }
    cb.registration(|_, a| std::mem::forget(a))
}

type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// The methods, by name (also registered as `swoole_event_<name>`).
pub const METHODS: &[(&str, Handler)] = &[
    ("add", event_add),
    ("del", event_del),
    ("set", event_set),
    ("isset", event_isset),
    ("dispatch", event_dispatch),
    ("defer", event_defer),
    ("cycle", event_cycle),
    ("write", event_write),
    ("wait", super::coroutine::event_wait),
    ("exit", event_exit),
];

/// Swoole 6.2.2's declarations (its methods share the `swoole_event_*` arginfo).
pub const SIGNATURES: &[&str] = &[
    "add(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = SWOOLE_EVENT_READ): false|int",
    "del(mixed $fd): bool",
    "set(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = 0): bool",
    "isset(mixed $fd, int $events = SWOOLE_EVENT_READ | SWOOLE_EVENT_WRITE): bool",
    "dispatch(): bool",
    "defer(callable $callback): bool",
    "cycle(?callable $callback, bool $before = false): bool",
    "write(mixed $fd, string $data): bool",
    "wait(): void",
    "exit(): void",
];
