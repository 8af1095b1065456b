//! The one place that calls corosensei: create, resume, suspend, reset.
//!
//! Owns: `Fiber`, a corosensei coroutine on a pooled stack plus the pointer to
//! its `Yielder` (so code deep inside the coroutine can suspend it).
//! Invariants: a `Fiber` that has started and not finished is never dropped
//! normally (that would unwind through host C frames); its owner either runs it
//! to completion or calls [`Fiber::force_reset`] first. Host state (the PHP VM)
//! is saved and restored by the scheduler around every [`Fiber::resume`].
//! May not: know what the host state is.

use std::cell::Cell;

use corosensei::{Coroutine, CoroutineResult, Yielder};

use super::stack::PooledStack;
use super::Wakeup;

/// What a resume passes in: why, and where the fiber keeps its yielder (so
/// the body can record it on its first run without a separate allocation).
pub struct Resume {
    /// Why the fiber is resumed.
    w: Wakeup,
    /// The resumed fiber's own yielder slot.
    slot: *const YielderSlot,
}

/// Where a started fiber's `Yielder` lives (inside the fiber, which sits in
/// its boxed task and so never moves while it runs).
pub struct YielderSlot(Cell<*const Yielder<Resume, ()>>);

type Co = Coroutine<Resume, (), (), PooledStack>;

/// A stackful coroutine body and its suspension point.
pub struct Fiber {
    /// The corosensei coroutine.
    co: Co,
    /// The body's `Yielder`, written when the body starts.
    yielder: YielderSlot,
}

impl std::fmt::Debug for Fiber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fiber")
            .field("done", &self.co.done())
            .finish()
    }
}

impl Fiber {
    /// Prepares `body` to run on `stack`; nothing runs until the first resume.
    pub fn new<F: FnOnce() + 'static>(stack: PooledStack, body: F) -> Self {
        let co = Co::with_stack(stack, move |y: &Yielder<Resume, ()>, first: Resume| {
            // SAFETY: `first.slot` points into the Fiber that owns this
            // coroutine (see `resume`), which outlives the body.
            unsafe { (*first.slot).0.set(y) };
            body();
        });
        Fiber {
            co,
            yielder: YielderSlot(Cell::new(std::ptr::null())),
        }
    }

    /// Runs the fiber until it suspends or finishes; true when it finished.
    ///
    /// # Safety
    /// The fiber must not be running already (not on the current resume chain),
    /// must not move while it runs, and no borrow of scheduler state may be
    /// held across this call.
    #[inline]
    pub unsafe fn resume(this: *mut Fiber, w: Wakeup) -> bool {
        // SAFETY: the caller guarantees exclusive access while it runs; the
        // slot pointer stays valid because the fiber does not move.
        unsafe {
            let slot = &raw const (*this).yielder;
            let co = &mut (*this).co;
            matches!(co.resume(Resume { w, slot }), CoroutineResult::Return(()))
        }
    }

    /// Suspends the fiber that is running now, returning to its resumer.
    ///
    /// # Safety
    /// `this` must be the fiber currently running on this thread, started.
    #[inline]
    pub unsafe fn suspend(this: *const Fiber) -> Wakeup {
        // SAFETY: a started fiber has stored its yielder; the caller says we
        // are running on that fiber's stack.
        unsafe {
            let y = (*this).yielder.0.get();
            (*y).suspend(()).w
        }
    }

    /// Takes the stack back from a finished (or reset) fiber.
    pub fn into_stack(self) -> PooledStack {
        self.co.into_stack()
    }

    /// True once the body has returned (or the fiber was reset).
    pub fn done(&self) -> bool {
        self.co.done()
    }

    /// Marks a suspended fiber finished without running the rest of its body,
    /// so that it can be dropped and its stack reused.
    ///
    /// # Safety
    /// Nothing on the fiber's stack may need its destructor to run for memory
    /// safety; the host must already have released what it keeps there.
    pub unsafe fn force_reset(&mut self) {
        // SAFETY: forwarded from the caller.
        unsafe { self.co.force_reset() };
    }
}
