//! `go()`, `defer()`, `Corust\run()`, `Corust\Coroutine` and `Corust\Event`.
//!
//! Owns: the process's `Runtime<ZendVm>`, the body every PHP coroutine runs
//! (VM stack setup, the callable, defers, uncaught-exception report, cleanup),
//! and the propagation of `exit()` / fatal errors out of coroutines: the body
//! records an `Abort` and halts the scheduler; every place that resumed a
//! coroutine (`go`, `resume`, the event loop) re-raises it in its own context,
//! so it climbs the resume chain to the main script, which ends as plain PHP
//! would (shutdown functions run, exit status kept).
//! May not: touch EG directly (that is `vm/`).

use crate::php::error::warn_docref;

use std::rc::Rc;

use ext_php_rs::ffi::{
    zend_clear_exception, zend_exception_error, zend_is_unwind_exit, zend_throw_unwind_exit,
};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool, ret_long};
use super::error::{throw_rt, throw_type_error, warn, E_WARNING};
use super::runtime::{aborting, propagate, rt, state};
use super::runtime::{set_abort, Abort};
use super::value::{zval_str, Callback};
use super::vm;
use crate::rt::{Cid, Error};

/// `E_ERROR`.
const E_ERROR: i32 = 1;
/// `E_DONT_BAIL`: report, the caller bails out itself.
const E_DONT_BAIL: i32 = 1 << 15;

/// What a coroutine in `Coroutine::join()` waits on.
pub const JOIN_WAIT: &str = "Coroutine::join";

/// What a coroutine runs, and where its outcome goes.
pub enum Job {
    /// `go()`: the result is dropped; an uncaught exception is fatal.
    Go(Callback),
    /// One callable of `parallel()`: result or exception goes to `par`.
    Parallel {
        /// The callable.
        cb: Callback,
        /// Its position in the input.
        slot: usize,
        /// The shared outcome.
        par: Rc<super::parallel::Par>,
    },
}

fn is_exit(ex: *mut ext_php_rs::ffi::zend_object) -> bool {
    // SAFETY: ex is a live exception object (or checked null by callers).
    !ex.is_null() && unsafe { zend_is_unwind_exit(ex) }
}

/// Releases an exception reference we took out of EG.
fn release_exception(ex: *mut ext_php_rs::ffi::zend_object) {
    if ex.is_null() {
        return;
    }
    // SAFETY: we own the reference; zend_clear_exception releases it.
    unsafe {
        vm::set_exception(ex);
        zend_clear_exception();
    }
}

/// Calls `cb` (in the running coroutine); returns the exception it left, owned.
fn call_catching(cb: &mut Callback) -> *mut ext_php_rs::ffi::zend_object {
    let mut rv = Zval::new();
    cb.call(&mut rv);
    drop(rv);
    vm::take_exception()
}

/// Runs `f` as the whole life of a new coroutine: its own VM stack, its own
/// bailout scope (a fatal error inside ends the process, see `propagate`),
/// and the stack freed at the end.
fn on_own_vm(f: impl FnOnce()) {
    // SAFETY: first thing on the new coroutine, before any PHP code.
    unsafe { vm::init_stack() };
    // A panic ends this coroutine (logged), not the process; it never
    // unwinds into the scheduler that resumed us.
    if !vm::try_bailout(|| super::fence::quiet("a coroutine", (), f)) {
        set_abort(Abort::Bailout);
    }
    // SAFETY: the coroutine's PHP frames are all gone; the resumer's VM state
    // is restored right after we return.
    unsafe { vm::free_stack() };
}

/// The body of every PHP coroutine.
fn body(job: Job) {
    let cid = rt(|r| r.current());
    on_own_vm(move || {
        let (cb, sink) = match job {
            Job::Go(cb) => (cb, None),
            Job::Parallel { cb, slot, par } => (cb, Some((slot, par))),
        };
        run_life(
            move |rv| {
                let mut cb = cb;
                cb.call(rv);
            },
            sink,
            cid,
        );
    });
}

/// Runs `cb` on the running coroutine as though it were a new coroutine:
/// fresh id, context and defers (run when `cb` returns). A server runs each
/// request and each TCP event this way, so no coroutine is created per
/// request. False when `cb` ended the process (exit or fatal error): the
/// caller stops; the event loop is halted and re-raises it.
pub fn run_as_new(cb: &mut Callback) -> bool {
    // The running coroutine's id is unused so far: a fresh coroutine's, or
    // the one the previous life left behind (see the end of this function).
    let cid = rt(|r| {
        r.mark_started();
        r.current()
    });
    if cid.is_main() {
        return false;
    }
    let call = |rv: &mut Zval| {
        cb.call(rv);
        // The arguments (a request's objects) go now, as with a coroutine's end.
        cb.clear_args();
    };
    // A new coroutine starts with its creator's error_reporting; a level the
    // handler set must not carry over to the next request of the connection.
    let level = vm::error_reporting();
    if !vm::try_bailout(move || run_life(call, None, cid)) {
        set_abort(Abort::Bailout);
    }
    vm::set_error_reporting(level);
    // The request's id ends with it (`exists()` turns false, `join()` returns);
    // the connection waits for the next request under an id nobody holds.
    if let Ok((_, old)) = rt(|r| r.renew()) {
        drop(old);
    }
    state().abort.get().is_none()
}

/// One coroutine life (coroutine `cid`): `call` runs the callable, putting
/// its result in the zval and releasing what it is done with; inside a bailout scope:
/// `exit()` ends the process; the outcome goes to `sink` (parallel) or an
/// uncaught exception is fatal (reported, then a bailout to the enclosing
/// scope); defers run last-in first-out and the context goes at the end.
fn run_life(
    call: impl FnOnce(&mut Zval),
    sink: Option<(usize, Rc<super::parallel::Par>)>,
    cid: Cid,
) {
    let mut rv = Zval::new();
    call(&mut rv);
    let mut pending = vm::take_exception();
    if is_exit(pending) {
        release_exception(pending);
        // As exit() in a script: what its buffers hold is printed.
        vm::output::end_of_life();
        set_abort(Abort::Exit);
        return;
    }
    if let Some((slot, par)) = &sink {
        // parallel(): the outcome is collected, not fatal.
        par.record(*slot, std::mem::take(&mut rv), pending);
        pending = std::ptr::null_mut();
    }
    // As Swoole: an uncaught exception is reported at once, on this
    // coroutine, before its defers run (they still run, last-in first-out);
    // one thrown by a defer is reported and the rest are skipped.
    let mut fatal = false;
    if !pending.is_null() {
        report_uncaught(pending, cid);
        fatal = true;
    }
    while let Some(mut d) = rt(|r| r.with_local(cid, |l| l.defers.pop())).flatten() {
        // As Swoole: a defer gets the coroutine's return value, if it returned.
        if !matches!(rv.get_type(), ext_php_rs::flags::DataType::Undef) {
            d.prepend_arg(rv.shallow_clone());
        }
        let ex = call_catching(&mut d);
        drop(d);
        if is_exit(ex) {
            release_exception(ex);
            set_abort(Abort::Exit);
            return;
        }
        if !ex.is_null() {
            report_uncaught(ex, cid);
            fatal = true;
            let rest =
                rt(|r| r.with_local(cid, |l| std::mem::take(&mut l.defers))).unwrap_or_default();
            drop(rest);
            break;
        }
    }
    drop(rv);
    // The context goes with the coroutine (destructors of stored objects run
    // here); Coroutine::join() callers resume at the end of the loop's turn.
    let (ctx, joiners) =
        rt(|r| r.with_local(cid, |l| (l.context.take(), l.joiners.take()))).unwrap_or_default();
    drop(ctx);
    if !joiners.is_empty() {
        super::event::defer_native(Box::new(move || rt(|r| joiners.wake_all_if(r, JOIN_WAIT))));
    }
    // Output buffers it left open are flushed, as at the end of a script.
    vm::output::end_of_life();
    if fatal {
        // SAFETY: bailout to the enclosing zend_try (the coroutine's own, or
        // run_as_new's); no Rust frame with a destructor is live in between.
        unsafe { ext_php_rs::zend::bailout() };
    }
    if let Some((_, par)) = sink {
        par.finish_one();
    }
}

/// PHP's "Fatal error: Uncaught …" report for an exception that ended a
/// coroutine, naming the coroutine ("thrown in coroutine #N in file on line L");
/// sets exit status 255. Falls back to the engine's own report when the
/// exception cannot be rendered (its __toString throws, say).
fn report_uncaught(ex: *mut ext_php_rs::ffi::zend_object, cid: Cid) {
    // SAFETY: ex is an owned, live exception object; we only read it, through
    // the engine's own accessors, then release our reference.
    let bound = unsafe {
        // A parse or compile error (an include in the coroutine) is reported
        // as PHP reports it: "Parse error: …", not "Uncaught …".
        let ce = (*ex).ce;
        if ce == ext_php_rs::ffi::zend_ce_parse_error
            || ce == ext_php_rs::ffi::zend_ce_compile_error
        {
            zend_exception_error(ex, E_ERROR);
            return;
        }
        let mut obj = Zval::new();
        obj.set_object(&mut *ex);
        let text = obj
            .try_call_method("__toString", vec![])
            .ok()
            .and_then(|z| z.string());
        if text.is_none() || !vm::take_exception().is_null() {
            drop(obj);
            zend_exception_error(ex, E_ERROR);
            return;
        }
        let base = super::sys::zend::zend_get_exception_base(ex);
        let mut tmp = Zval::new();
        let read = |name: &str, tmp: &mut Zval| {
            let p = ext_php_rs::ffi::zend_read_property(
                base,
                ex,
                name.as_ptr().cast(),
                name.len(),
                true,
                tmp as *mut Zval,
            );
            if p.is_null() {
                None
            } else {
                Some((*(p as *mut Zval)).shallow_clone())
            }
        };
        let file = read("file", &mut tmp)
            .and_then(|z| z.string())
            .unwrap_or_default();
        let line = read("line", &mut tmp).and_then(|z| z.long()).unwrap_or(0);
        let bound = (*ex).ce
            == super::error::ERROR_CE
                .load(std::sync::atomic::Ordering::Relaxed)
                .cast()
            && read("code", &mut tmp).and_then(|z| z.long())
                == Some(super::error::CO_HAS_BEEN_BOUND);
        drop(obj);
        // Our reference goes now; the message is built from copies.
        release_exception(ex);
        let msg = std::ffi::CString::new(format!(
            "Uncaught {}\n  thrown in coroutine #{}",
            text.unwrap_or_default(),
            cid.0
        ))
        .unwrap_or_default();
        let fname = ext_php_rs::types::ZendStr::new(&file, false);
        ext_php_rs::ffi::zend_error_at(
            E_ERROR | E_DONT_BAIL,
            fname.as_ptr() as *mut ext_php_rs::ffi::zend_string,
            line as u32,
            c"%s".as_ptr(),
            msg.as_ptr(),
        );
        bound
    };
    if bound {
        if let Some(holder) = super::error::take_bound_holder() {
            print_holder_trace(Cid(holder));
        }
    }
}

/// After an uncaught "has been bound" error, the stack of the coroutine
/// holding the resource, as Swoole prints it.
fn print_holder_trace(holder: Cid) {
    let mut out = format!(
        "\n [Coroutine-{}] Stack trace:\n -------------------------------------------------------------------\n",
        holder.0
    );
    let trace = rt(|r| r.with_saved(holder, |saved| vm::backtrace_of(saved, 0, 0)));
    if let Some(text) = trace.as_ref().and_then(trace_text) {
        out.push_str(&text);
    }
    // SAFETY: writing our bytes through the engine's output layer.
    unsafe { ext_php_rs::ffi::php_output_write(out.as_ptr().cast(), out.len()) };
}

/// Starts a coroutine running Rust code `f` that may call into PHP (create
/// objects, start PHP coroutines): it gets a VM stack and its own bailout
/// scope like every PHP coroutine. No abort propagation.
pub fn spawn_native(f: impl FnOnce() + 'static) -> Result<Cid, Error> {
    rt(|r| r.spawn(move || on_own_vm(f)))
}

/// Starts a coroutine running `job` (nested, at once). No abort propagation.
pub fn spawn_job(job: Job) -> Result<Cid, Error> {
    super::preempt::ensure();
    rt(|r| r.spawn(move || body(job)))
}

/// Creates and starts a coroutine for `cb`, then re-raises any abort.
/// Returns its id, or None after a warning when the limit is reached.
fn start(cb: Callback) -> Option<Cid> {
    ensure_drain();
    match spawn_job(Job::Go(cb)) {
        Ok(cid) => {
            propagate();
            Some(cid)
        }
        Err(e @ Error::TooManyCoroutines(_)) => {
            warn_docref(E_WARNING, &e.to_string());
            None
        }
        Err(e) => {
            throw_rt(&e);
            None
        }
    }
}

/// Starts a coroutine for a timer callback (from the event loop).
/// An exit or fatal inside it halts the loop, which re-raises it once it returns.
pub fn spawn_detached(mut cb: Callback) {
    if !super::coroutine_api::callbacks_in_coroutines() && rt(|r| r.current()).is_main() {
        // `enable_coroutine => false`: on the loop itself, as Swoole.
        let mut rv = Zval::new();
        cb.call(&mut rv);
        return;
    }
    if let Err(e) = spawn_job(Job::Go(cb)) {
        warn(E_WARNING, &e.to_string());
    }
}

/// Makes sure pending work runs at the end of the main script.
pub fn ensure_drain() {
    if rt(|r| r.current()).is_main() && !rt(|r| r.is_looping()) {
        super::hook::catch_up();
        register_drain();
    }
}

/// Reads a callable argument at `i` plus bound arguments from `rest_from`.
pub fn callback_arg(
    ex: &mut ExecuteData,
    i: usize,
    rest_from: Option<usize>,
    fname: &str,
    pname: &str,
) -> Option<Callback> {
    args::need(ex, i + 1, fname).ok()?;
    let bound = rest_from.map(|f| args::rest(ex, f)).unwrap_or_default();
    let z = args::get(ex, i)?;
    match Callback::new(z, bound) {
        Ok(cb) => Some(cb),
        Err(why) => {
            let fname = args::name_of(ex, fname);
            throw_type_error(&format!(
                "{fname}(): Argument #{} (${pname}) must be a valid callback, {why}",
                i + 1
            ));
            None
        }
    }
}

/// Makes the pending coroutines and timers run when the main script ends
/// (Swoole registers its event loop the same way).
fn register_drain() {
    if state().drain_registered.replace(true) {
        return;
    }
    if let Ok(mut reg) = Callback::new(
        &zval_str("register_shutdown_function"),
        vec![zval_str("Corust\\Event::wait")],
    ) {
        let mut rv = Zval::new();
        reg.call(&mut rv);
    }
}

/// Runs the event loop on the main context until nothing is left to do.
pub(crate) fn run_loop() -> Result<(), Error> {
    let r = rt(|r| r.run(&mut super::event::PhpLoop));
    propagate();
    r
}

handler!(
    /// `go(callable $fn, mixed ...$args): int|false` (also `co`, `Coroutine::create`).
    go(ex, rv) {
        match callback_arg(ex, 0, Some(1), "go", "callback").and_then(start) {
            Some(cid) => ret_long(rv, cid.0 as i64),
            None => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `defer(callable $fn): void` (also `Coroutine::defer`).
    defer(ex, _rv) {
        let cur = rt(|r| r.current());
        if cur.is_main() {
            throw_rt(&Error::NotInCoroutine);
            return;
        }
        if let Some(cb) = callback_arg(ex, 0, None, "defer", "callback") {
            rt(|r| r.with_local(cur, |l| l.defers.push(cb)));
        }
    }
);

handler!(
    /// `Corust\run(callable $fn, mixed ...$args): bool` (also `Co\run`).
    run(ex, rv) {
        if !rt(|r| r.current()).is_main() || rt(|r| r.is_looping()) {
            warn_docref(E_WARNING, "an event loop is already running; call go() instead");
            ret_bool(rv, false);
            return;
        }
        let Some(cb) = callback_arg(ex, 0, Some(1), "Corust\\run", "callback") else {
            return;
        };
        super::hook::catch_up();
        if let Some(ok) = run_jobs(vec![cb]) {
            ret_bool(rv, ok);
        }
    }
);

/// Starts a coroutine for each callback, then runs the event loop until
/// nothing is left (`Co\run`, `Scheduler::start`; the caller checked that
/// no loop runs). Some(true) when it ran; Some(false) when no coroutine
/// could be started; None after an exception or a deadlock report (the
/// script then ends with status 255).
pub fn run_jobs(jobs: Vec<Callback>) -> Option<bool> {
    run_jobs_then(jobs, || {})
}

/// `run_jobs`, with `then` run once every job has started (each ran until
/// it first waited) and before the loop: a pool worker sets up its SIGTERM
/// handling there, once `workerStart` has given control back, as Swoole.
pub fn run_jobs_then(jobs: Vec<Callback>, then: impl FnOnce()) -> Option<bool> {
    let mut started = false;
    for cb in jobs {
        started |= spawn_job(Job::Go(cb)).is_ok();
        propagate();
        if aborting() || vm::has_exception() {
            return None;
        }
    }
    if !started {
        return Some(false);
    }
    then();
    match run_loop() {
        Ok(()) => {
            if report_deadlock() {
                // Like exit(255): the script ends here, shutdown functions run.
                vm::set_exit_status(255);
                // SAFETY: throwing the engine's unwind-exit marker, as exit() does.
                unsafe { zend_throw_unwind_exit() };
                return None;
            }
            Some(true)
        }
        Err(e) => {
            throw_rt(&e);
            None
        }
    }
}

handler!(
    /// `Corust\Event::wait(): void` — run the event loop to completion (the
    /// shutdown function that finishes top-level `go()` coroutines).
    event_wait(_ex, _rv) {
        if !rt(|r| r.current()).is_main() {
            throw_rt(&Error::AlreadyRunning);
            return;
        }
        // After a fatal error (bailout) nothing may resume.
        // SAFETY: reading a flag of the compiler globals on the PHP thread.
        if unsafe { ext_php_rs::ffi::compiler_globals.unclean_shutdown } || rt(|r| r.is_halted() || r.is_looping()) {
            return;
        }
        let r = run_loop();
        super::event::loop_ended();
        match r {
            Err(e) => throw_rt(&e),
            Ok(()) => {
                if report_deadlock() {
                    vm::set_exit_status(255);
                }
            }
        }
    }
);

/// After the event loop ran dry: if coroutines are still suspended, nothing
/// can ever wake them. As Swoole (`enable_deadlock_check`, on by default):
/// `Swoole\Coroutine\deadlock_check()` prints its report (each stuck
/// coroutine's backtrace), then they are discarded and the script goes on.
/// Returns false (nothing makes the script fail).
fn report_deadlock() -> bool {
    if rt(|r| r.is_halted()) || rt(|r| r.parked()).is_empty() {
        return false;
    }
    if super::coroutine_api::option_bool("enable_deadlock_check", true) {
        if let Ok(mut f) = Callback::new(&zval_str("Swoole\\Coroutine\\deadlock_check"), Vec::new())
        {
            let mut rv = Zval::new();
            f.call(&mut rv);
        } else {
            // No library (Swoole names off): the banner alone, as Swoole without its library.
            let n = rt(|r| r.count());
            let out = format!(
                "\n ===================================================================\n  [FATAL ERROR]: all coroutines (count: {n}) are asleep - deadlock! \n ===================================================================\n"
            );
            // SAFETY: writing our bytes through the engine's output layer.
            unsafe { ext_php_rs::ffi::php_output_write(out.as_ptr().cast(), out.len()) };
        }
    }
    discard_all();
    false
}

/// A backtrace array as PHP prints it (`#0 file(line): func(args)` lines,
/// without `{main}`), as Swoole's printBackTrace does.
pub fn trace_text(t: &Zval) -> Option<String> {
    let arr = t.array()?;
    // SAFETY: the engine renders a backtrace array it produced; we copy the
    // text and release the string.
    unsafe {
        let ht = arr as *const ext_php_rs::types::ZendHashTable as *mut ext_php_rs::ffi::HashTable;
        let s = super::sys::zend::zend_trace_to_string(ht, false);
        if s.is_null() {
            return None;
        }
        let owned = ext_php_rs::boxed::ZBox::<ext_php_rs::types::ZendStr>::from_raw(s.cast());
        let text = String::from_utf8_lossy(owned.as_bytes()).into_owned();
        Some(text)
    }
}

/// Discards every suspended coroutine (see `shutdown`).
fn discard_all() {
    super::autoload::forget();
    rt(|r| {
        r.reset_all(&mut |_, saved, local| {
            // SAFETY: this coroutine never runs again.
            unsafe { vm::free_saved_stack(saved) };
            // Callables of a discarded coroutine: leaked on purpose, the engine
            // frees all request memory next (running PHP destructors now is unsafe).
            std::mem::forget(std::mem::take(&mut local.defers));
            std::mem::forget(local.context.take());
        })
    });
}

/// In a process forked from this one (`Process::start`, `daemon`): the
/// parent's suspended coroutines, timers and watched fds are not the
/// child's (Swoole frees its timers and reactor after fork): they are
/// dropped without running anything; the callables are leaked on purpose.
pub fn after_fork_child() {
    discard_all();
    super::timer::shutdown();
    super::event::shutdown();
    rt(|r| r.after_fork());
}

/// Request shutdown: discard coroutines that can never finish (a deadlock, or
/// the rest after an exit/fatal). Their VM stacks are freed; what their frames
/// referenced is left to the engine's end-of-request cleanup.
pub fn shutdown() {
    discard_all();
    std::mem::forget(state().main_context.borrow_mut().take());
    super::timer::shutdown();
    super::event::shutdown();
    super::coroutine_api::shutdown();
}
