//! Coroutine identity, states and the host switch hook.
//!
//! States and legal transitions of a task:
//! `Running` (on the resume chain) → `Parked` (suspended, waiting for a wake-up
//! source or for `resume()` after `yield()`) → `Ready` (queued to run) →
//! `Running` → … → finished (the task record is removed).
//! A new task goes straight to `Running` (Swoole runs `go()` bodies at once).

pub mod stack;
pub mod switch;

/// A coroutine id. Ids start at 1 and only grow; 0 stands for the main context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cid(pub u64);

impl Cid {
    /// The main (non-coroutine) context.
    pub const MAIN: Cid = Cid(0);

    /// True for the main context.
    #[inline]
    pub fn is_main(self) -> bool {
        self.0 == 0
    }
}

/// Why a suspended coroutine was resumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wakeup {
    /// First run of a new coroutine.
    Start,
    /// Woken by whoever it waited for (`unpark`, `resume`).
    Ready,
    /// Its deadline passed.
    TimedOut,
    /// Canceled (`Coroutine::cancel`, shutdown).
    Canceled,
}

/// What a parked coroutine waits for (shown in deadlock reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitKind {
    /// `Coroutine::yield()`: only `resume()` wakes it.
    Yield,
    /// `sleep()` or a timed wait: a timer wakes it.
    Sleep,
    /// Any other wait, named.
    Other(&'static str),
    /// A background listener (a signal handler's): not a deadlock when the
    /// loop has nothing else left.
    Background(&'static str),
}

/// The scheduling state of a live coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// On the resume chain (running now, or resumed another coroutine).
    Running,
    /// In the ready queue.
    Ready,
    /// Suspended, waiting.
    Parked(WaitKind),
}

/// Saves and restores host state (the PHP VM) around every switch.
///
/// The runtime stores one `Saved` per coroutine plus one for the main context.
/// `save` copies the live host state out; `restore` installs a saved one.
pub trait SwitchHook: 'static {
    /// The per-context snapshot of host state.
    type Saved: Default;
    /// Host data attached to each coroutine (defer list, context…).
    type Local: Default;
    /// Copies the live host state into `into`.
    fn save(into: &mut Self::Saved);
    /// Makes `from` the live host state.
    fn restore(from: &Self::Saved);
}

/// No host state: pure-Rust coroutines (tests).
impl SwitchHook for () {
    type Saved = ();
    type Local = ();
    #[inline]
    fn save(_: &mut ()) {}
    #[inline]
    fn restore(_: &()) {}
}
