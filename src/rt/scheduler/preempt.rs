//! Preemption (Swoole's `enable_preemptive_scheduler`): a ticker thread counts
//! time slices and raises a flag the host's interpreter polls (PHP's
//! `EG(vm_interrupt)`); at that safe point the host asks `slice_expired` and
//! calls `preempt`, which puts the running coroutine at the back of the next
//! turn of the event loop so timers, I/O and the others run first.
//!
//! The thread only stores into two atomics: it never touches the scheduler.
//! Threads do not survive `fork()`: `after_fork` forgets the parent's ticker
//! so the child starts its own on first need.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use parking_lot::Mutex;

use super::{Runtime, State};
use crate::rt::coroutine::switch::Fiber;
use crate::rt::{Error, SwitchHook, Wakeup};

/// One tick; Swoole's interrupt thread also wakes every 5 ms.
const TICK: Duration = Duration::from_millis(5);
/// Ticks a coroutine may run without switching before it is preempted: more
/// than 10 ms (Swoole's `MAX_EXEC_MSEC`), at most 15 ms.
const SLICE_TICKS: u64 = 3;

/// Ticks since the process started its first ticker.
static TICKS: AtomicU64 = AtomicU64::new(0);

struct Ticker {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

static TICKER: Mutex<Option<Ticker>> = Mutex::new(None);

/// The current tick.
#[inline]
pub fn ticks() -> u64 {
    TICKS.load(Ordering::Relaxed)
}

/// Starts the ticker unless one runs in this process. Each tick stores `true`
/// through `flag`, which must stay valid until `stop` (the host's
/// interrupt flag, a process-lifetime global).
pub fn start(flag: &'static AtomicBool) -> std::io::Result<()> {
    let mut slot = TICKER.lock();
    if slot.is_some() {
        return Ok(());
    }
    let stop = Arc::new(AtomicBool::new(false));
    let seen = stop.clone();
    let thread = std::thread::Builder::new()
        .name("corust-preempt".into())
        .spawn(move || {
            while !seen.load(Ordering::Acquire) {
                std::thread::park_timeout(TICK);
                TICKS.fetch_add(1, Ordering::Relaxed);
                flag.store(true, Ordering::SeqCst);
            }
        })?;
    *slot = Some(Ticker { stop, thread });
    Ok(())
}

/// True while a ticker runs in this process.
pub fn running() -> bool {
    TICKER.lock().is_some()
}

/// Stops and joins the ticker (within one tick at most: it is unparked).
pub fn stop() {
    let Some(t) = TICKER.lock().take() else {
        return;
    };
    t.stop.store(true, Ordering::Release);
    t.thread.thread().unpark();
    let _ = t.thread.join();
}

/// In a forked child: the parent's ticker thread is not there.
pub fn after_fork() {
    if let Some(t) = TICKER.lock().take() {
        // Its handle names a thread of the parent: dropping it detaches
        // nothing here, joining would wait forever.
        std::mem::forget(t);
    }
}

impl<H: SwitchHook> Runtime<H> {
    /// True when the running coroutine has held the CPU for a whole slice
    /// since it was last resumed (never on the main context).
    pub fn slice_expired(&self) -> bool {
        let inner = self.inner.borrow();
        !inner.cur_task.is_null() && ticks().wrapping_sub(inner.slice_tick) >= SLICE_TICKS
    }

    /// Suspends the running coroutine until the next turn of the event loop,
    /// after what is ready, due or readable then. Not cancelable (it is not
    /// waiting for anything).
    ///
    /// # Suspends
    pub fn preempt(&self) -> Result<Wakeup, Error> {
        let fiber = {
            let mut guard = self.inner.borrow_mut();
            let inner = &mut *guard;
            let task = inner.cur_task;
            if task.is_null() {
                return Err(Error::NotInCoroutine);
            }
            let cur = inner.current;
            inner.deferred.push_back(cur);
            // SAFETY: cur_task is the running task, alive.
            unsafe {
                (*task).state = State::Ready;
                &raw const (*task).fiber
            }
        };
        // SAFETY: `fiber` is the running coroutine's own fiber, started.
        Ok(unsafe { Fiber::suspend(fiber) })
    }
}
