//! A coroutine lock (Swoole's `Coroutine\Lock`): one holder at a time; the
//! holder taking it again succeeds at once (re-entrant, one level, as
//! Swoole's); anyone may release it (Swoole does not check the owner).
//!
//! Two kinds of word underneath (`Word`): a local one, whose waiters park and
//! are woken in turn by `unlock`; and one in memory shared across forked
//! processes (`shared`), which a waiter polls with a sleep that doubles from
//! 1 ms to 100 ms, as Swoole's shared lock without a futex does.
//! May not: suspend except through `Runtime::park` / `Runtime::sleep`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::rt::{Cid, Runtime, SwitchHook, WaitKind, Wakeup};

/// What a waiter is doing (for reports).
pub const LOCK: WaitKind = WaitKind::Other("Coroutine\\Lock::lock()");

/// Why `lock` failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockError {
    /// Held by another coroutine and the caller would not wait (`LOCK_NB`).
    Busy,
    /// The wait was canceled.
    Canceled,
    /// Outside any coroutine.
    NotInCoroutine,
}

/// The word that says "held": this process's, or one in shared memory.
pub trait Word {
    /// Takes it if free; true when taken.
    fn try_take(&self) -> bool;
    /// Frees it; true when it was held.
    fn release(&self) -> bool;
}

impl Word for AtomicU32 {
    fn try_take(&self) -> bool {
        self.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    fn release(&self) -> bool {
        self.swap(0, Ordering::Release) == 1
    }
}

impl Word for crate::rt::sys::SharedU32 {
    fn try_take(&self) -> bool {
        (**self).try_take()
    }

    fn release(&self) -> bool {
        (**self).release()
    }
}

/// A coroutine lock over word `W`.
#[derive(Debug)]
pub struct Lock<W: Word> {
    /// Held or not (shared with other processes when `shared`).
    word: W,
    /// Polled across processes instead of parking in this one.
    shared: bool,
    /// The coroutine of this process that holds it (MAIN: none here).
    holder: Cell<Cid>,
    /// Coroutines of this process parked for it, in order.
    waiters: RefCell<VecDeque<Cid>>,
}

impl<W: Word> Lock<W> {
    /// A free lock over `word`.
    pub fn new(word: W, shared: bool) -> Self {
        Lock {
            word,
            shared,
            holder: Cell::new(Cid::MAIN),
            waiters: RefCell::new(VecDeque::new()),
        }
    }

    /// Takes the lock, waiting unless `wait` is false.
    ///
    /// # Suspends
    pub fn lock<H: SwitchHook>(&self, r: &Runtime<H>, wait: bool) -> Result<(), LockError> {
        let me = r.current();
        if me.is_main() {
            return Err(LockError::NotInCoroutine);
        }
        if self.holder.get() == me {
            return Ok(());
        }
        let mut pause = Duration::from_millis(1);
        loop {
            if self.word.try_take() {
                self.holder.set(me);
                return Ok(());
            }
            if !wait {
                return Err(LockError::Busy);
            }
            let woke = if self.shared {
                let w = r.sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
                w
            } else {
                self.waiters.borrow_mut().push_back(me);
                let w = r.park(LOCK, None);
                self.waiters.borrow_mut().retain(|c| *c != me);
                w
            };
            match woke {
                Ok(Wakeup::Canceled) | Err(_) => return Err(LockError::Canceled),
                Ok(_) => {}
            }
        }
    }

    /// Releases the lock (whoever calls it); wakes the next local waiter.
    pub fn unlock<H: SwitchHook>(&self, r: &Runtime<H>) -> Result<(), LockError> {
        if r.current().is_main() {
            return Err(LockError::NotInCoroutine);
        }
        if !self.word.release() {
            return Ok(());
        }
        self.holder.set(Cid::MAIN);
        let next = self.waiters.borrow_mut().pop_front();
        if let Some(c) = next {
            r.unpark(c, Wakeup::Ready);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::rt::tests::rt;
    use std::rc::Rc;

    #[test]
    fn holders_take_turns_and_nonblocking_sees_busy() {
        let lock = Rc::new(Lock::new(AtomicU32::new(0), false));
        let log = Rc::new(RefCell::new(Vec::new()));
        for i in 0..3 {
            let (l, g) = (lock.clone(), log.clone());
            rt(|r| {
                r.spawn(move || {
                    rt(|r| l.lock(r, true)).unwrap();
                    // Re-entrant for the holder.
                    rt(|r| l.lock(r, true)).unwrap();
                    g.borrow_mut().push(format!("in {i}"));
                    rt(|r| r.sleep(Duration::from_millis(5))).unwrap();
                    g.borrow_mut().push(format!("out {i}"));
                    rt(|r| l.unlock(r)).unwrap();
                })
            })
            .unwrap();
        }
        let l = lock.clone();
        let busy = Rc::new(Cell::new(None));
        let b = busy.clone();
        rt(|r| r.spawn(move || b.set(Some(rt(|r| l.lock(r, false)))))).unwrap();
        rt(|r| r.run(&mut |_, _| {})).unwrap();
        assert_eq!(busy.get(), Some(Err(LockError::Busy)));
        assert_eq!(
            *log.borrow(),
            ["in 0", "out 0", "in 1", "out 1", "in 2", "out 2"]
        );
        assert_eq!(rt(|r| lock.lock(r, true)), Err(LockError::NotInCoroutine));
    }
}
