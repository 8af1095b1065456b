//! `Swoole\Lock`'s locks: a mutex (also the spinlock) and a reader-writer
//! lock in memory shared with the processes forked after they were made.
//! They block the whole process (they are for processes, not coroutines,
//! as Swoole's pthread locks are).
//!
//! Unlike Swoole's, a lock held by a process that died is not lost: the
//! holder's pid is in the lock word, and a waiter that finds the holder
//! gone takes the lock over (with a warning). A dead *reader* of the
//! reader-writer lock cannot be told apart from a live one; its share is
//! released only by the reader count being reset when a writer takes over
//! from a dead writer.
//!
//! Words: mutex — holder pid (0: free); rwlock — `state` (readers in the
//! low 31 bits, bit 31: a writer) and `writer` (its pid).

use std::sync::atomic::{AtomicU32, Ordering::*};
use std::time::{Duration, Instant};

use crate::rt::sys::{futex_wait, futex_wake, Shared, ZeroValid};

/// Why `lock` failed (errno values, as Swoole's `errCode`).
pub const EBUSY: i32 = libc::EBUSY;
/// Timed out.
pub const ETIMEDOUT: i32 = libc::ETIMEDOUT;
/// Not locked (unlock of a free lock).
pub const EPERM: i32 = libc::EPERM;

const WRITER: u32 = 1 << 31;
/// How often a waiter checks whether the holder still lives.
const CHECK: Duration = Duration::from_millis(100);

/// The shared words.
#[derive(Default)]
#[repr(C)]
pub struct Words {
    /// Mutex holder / rwlock state.
    state: AtomicU32,
    /// rwlock writer's pid.
    writer: AtomicU32,
}
impl ZeroValid for Words {}

/// One process-shared lock.
pub struct PLock {
    w: Shared<Words>,
    rw: bool,
}

impl PLock {
    /// A mutex (`rw` false) or reader-writer lock in fresh shared memory.
    pub fn new(rw: bool) -> std::io::Result<PLock> {
        Ok(PLock {
            w: Shared::new()?,
            rw,
        })
    }

    /// Sleeps on `word` (seen as `cur`) until woken, the deadline, or the
    /// next liveness check; Err(ETIMEDOUT) past the deadline.
    fn nap(word: &AtomicU32, cur: u32, until: Option<Instant>) -> Result<(), i32> {
        let mut slice = CHECK;
        if let Some(d) = until {
            let left = d.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ETIMEDOUT);
            }
            slice = slice.min(left);
        }
        let _ = futex_wait(word, cur, Some(slice));
        Ok(())
    }

    /// Takes the lock (shared when `shared` and it is a rwlock); `try_only`
    /// fails at once (EBUSY); `timeout` None waits as long as it takes.
    pub fn lock(&self, shared: bool, try_only: bool, timeout: Option<Duration>) -> Result<(), i32> {
        let until = timeout.map(|t| Instant::now() + t);
        let me = crate::rt::sys::pid() as u32;
        let st = &self.w.state;
        loop {
            let cur = st.load(Acquire);
            if self.rw && shared {
                if cur & WRITER == 0 {
                    if st.compare_exchange(cur, cur + 1, Acquire, Relaxed).is_ok() {
                        return Ok(());
                    }
                    continue;
                }
            } else if self.rw {
                if cur == 0 {
                    if st.compare_exchange(0, WRITER, Acquire, Relaxed).is_ok() {
                        self.w.writer.store(me, Relaxed);
                        return Ok(());
                    }
                    continue;
                }
            } else if cur == 0 {
                if st.compare_exchange(0, me, Acquire, Relaxed).is_ok() {
                    return Ok(());
                }
                continue;
            }
            // Held: by a process that is gone?
            let holder = if self.rw {
                if cur & WRITER != 0 {
                    self.w.writer.load(Relaxed)
                } else {
                    0
                }
            } else {
                cur
            };
            if holder != 0 && !crate::rt::sys::process_alive(holder as i32) {
                let next = if self.rw {
                    if shared {
                        1
                    } else {
                        WRITER
                    }
                } else {
                    me
                };
                if st.compare_exchange(cur, next, Acquire, Relaxed).is_ok() {
                    eprintln!("corust: WARNING Lock: holder process[{holder}] not exists, lock taken over");
                    if self.rw && !shared {
                        self.w.writer.store(me, Relaxed);
                    }
                    return Ok(());
                }
                continue;
            }
            if try_only {
                return Err(EBUSY);
            }
            Self::nap(st, cur, until)?;
        }
    }

    /// Releases the lock (a reader's share, or the writer's / holder's).
    pub fn unlock(&self) -> Result<(), i32> {
        let st = &self.w.state;
        loop {
            let cur = st.load(Acquire);
            if cur == 0 {
                return Err(EPERM);
            }
            let next = if self.rw && cur & WRITER == 0 {
                cur - 1
            } else {
                0
            };
            if st.compare_exchange(cur, next, Release, Relaxed).is_ok() {
                if next == 0 {
                    let _ = futex_wake(st, i32::MAX);
                }
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn mutex_try_timeout_and_unlock() {
        let l = PLock::new(false).unwrap();
        l.lock(false, false, None).unwrap();
        // The same process holds it: a try fails, a timed wait times out.
        assert_eq!(l.lock(false, true, None), Err(EBUSY));
        let t = Instant::now();
        assert_eq!(
            l.lock(false, false, Some(Duration::from_millis(50))),
            Err(ETIMEDOUT)
        );
        assert!(t.elapsed() >= Duration::from_millis(45));
        l.unlock().unwrap();
        assert_eq!(l.unlock(), Err(EPERM));
    }

    #[test]
    fn rwlock_readers_share_writers_exclude() {
        let l = PLock::new(true).unwrap();
        l.lock(true, false, None).unwrap();
        l.lock(true, false, None).unwrap();
        assert_eq!(l.lock(false, true, None), Err(EBUSY));
        l.unlock().unwrap();
        l.unlock().unwrap();
        l.lock(false, false, None).unwrap();
        assert_eq!(l.lock(true, true, None), Err(EBUSY));
        l.unlock().unwrap();
    }

    #[test]
    #[allow(unsafe_code)]
    fn excludes_across_fork_and_outlives_a_dead_holder() {
        let l = PLock::new(false).unwrap();
        let counter: Shared<AtomicU32> = Shared::new().unwrap();
        let parent_done: Shared<AtomicU32> = Shared::new().unwrap();
        // SAFETY: fork in a test; the child only uses the lock and _exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            for _ in 0..200 {
                l.lock(false, false, None).unwrap();
                let v = counter.load(Relaxed);
                std::hint::spin_loop();
                counter.store(v + 1, Relaxed);
                l.unlock().unwrap();
            }
            // Die holding it, once the parent no longer takes it without a
            // timeout (a zombie counts as alive until it is reaped).
            while parent_done.load(Relaxed) == 0 {
                std::hint::spin_loop();
            }
            l.lock(false, false, None).unwrap();
            // SAFETY: leave the forked test process at once.
            unsafe { libc::_exit(0) };
        }
        for _ in 0..200 {
            l.lock(false, false, None).unwrap();
            let v = counter.load(Relaxed);
            counter.store(v + 1, Relaxed);
            l.unlock().unwrap();
        }
        parent_done.store(1, Relaxed);
        let mut st = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(pid, &mut st, 0) };
        // The dead holder's lock is taken over within a liveness check.
        l.lock(false, false, Some(Duration::from_secs(2))).unwrap();
        assert_eq!(counter.load(Relaxed), 400);
    }
}
