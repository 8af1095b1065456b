//! Pooled C stacks for coroutines.
//!
//! Owns: carving coroutine stacks out of large anonymous mappings ("chunks"),
//! the free list that recycles them, the guard region at the low end of each
//! stack, and the SIGSEGV handler that turns a hit on a guard into a clean fatal.
//!
//! Why not corosensei's `DefaultStack`: it maps each stack separately with a
//! `PROT_NONE` guard page, i.e. two kernel mappings (VMAs) per stack, so the
//! stock `vm.max_map_count` (65530) caps a process at ≈ 32,000 live coroutines,
//! and each create pays an mmap/munmap pair. Here one chunk holds many stacks,
//! and guards are installed with `MADV_GUARD_INSTALL` (Linux ≥ 6.13), which does
//! not split the mapping. On older kernels we fall back to `mprotect` guards,
//! which do split it (documented limit: ≈ 32,000 coroutines there).
//!
//! Invariants: a stack slot is either on the free list or owned by exactly one
//! `PooledStack`; chunks are never unmapped (their addresses are read by the
//! signal handler without locks); the handler only reads the append-only chunk
//! table.
//!
//! May not: switch contexts.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

use corosensei::stack::{Stack, StackPointer};

use crate::rt::sys::page_size;

/// `madvise` advice that installs a guard region without splitting the VMA.
const MADV_GUARD_INSTALL: libc::c_int = 102;

/// Chunks are sized to hold about this many bytes of stacks.
const CHUNK_TARGET: usize = 64 << 20;

/// At most this many chunks are ever mapped (64 MiB each: 4 TiB of address space).
const MAX_CHUNKS: usize = 65536;

/// Size of the guard region below each stack. With MADV_GUARD_INSTALL a guard
/// costs no memory and no VMA, so it is generous: a large C frame cannot jump it.
const GUARD: usize = 64 << 10;

/// Default C stack size (Swoole's and PHP Fiber's default).
pub const DEFAULT_STACK_SIZE: usize = 2 << 20;

/// Smallest accepted C stack size.
pub const MIN_STACK_SIZE: usize = 64 << 10;
/// Largest C stack a coroutine can ask for (Swoole's 16 MiB).
pub const MAX_STACK_SIZE: usize = 16 << 20;

/// Append-only table of chunks read by the signal handler: (start, len, slot size).
static CHUNKS: [[AtomicUsize; 3]; MAX_CHUNKS] = [const {
    [
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    ]
}; MAX_CHUNKS];
static CHUNK_COUNT: AtomicUsize = AtomicUsize::new(0);

/// One coroutine stack: a slot of a chunk, returned to the pool on drop.
#[derive(Debug)]
pub struct PooledStack {
    /// Lowest usable address (just above the guard).
    limit: usize,
    /// Highest address; the stack grows down from here.
    base: usize,
}

// SAFETY: base/limit delimit a live, writable mapping owned by this value alone
// (chunks are never unmapped, and a slot is handed out once until returned).
unsafe impl Stack for PooledStack {
    #[inline]
    fn base(&self) -> StackPointer {
        StackPointer::new(self.base).unwrap_or(StackPointer::MIN)
    }
    #[inline]
    fn limit(&self) -> StackPointer {
        StackPointer::new(self.limit).unwrap_or(StackPointer::MIN)
    }
}

/// Configured usable stack size for new stacks (0 = default).
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);

/// Sets the C stack size for stacks created from now on; returns the size used
/// (Swoole's bounds: [`MIN_STACK_SIZE`] to [`MAX_STACK_SIZE`], rounded up to
/// whole pages).
pub fn set_stack_size(bytes: usize) -> usize {
    let page = page_size();
    let size = bytes.clamp(MIN_STACK_SIZE, MAX_STACK_SIZE).div_ceil(page) * page;
    STACK_SIZE.store(size, Ordering::Relaxed);
    size
}

/// The usable C stack size of new coroutines.
pub fn stack_size() -> usize {
    match STACK_SIZE.load(Ordering::Relaxed) {
        0 => DEFAULT_STACK_SIZE,
        n => n,
    }
}

/// A pool of stacks: a free list over chunks it mapped. One per runtime.
#[derive(Debug, Default)]
pub struct Pool {
    /// Total bytes per slot, guard included, of the slots in `free`.
    slot_size: usize,
    /// Free slots as (limit, base), reused last-in first-out (warm pages first).
    free: Vec<(usize, usize)>,
    /// Number of slots ever created.
    created: usize,
}

impl Pool {
    /// Takes a stack, mapping a new chunk when none is free.
    pub fn take(&mut self) -> io::Result<PooledStack> {
        let want = stack_size() + GUARD;
        if self.slot_size != want {
            // The configured size changed: slots of the old size are dropped
            // (their chunks stay mapped; the size is normally set once).
            self.free.clear();
            self.slot_size = want;
        }
        if self.free.is_empty() {
            refill(self)?;
        }
        match self.free.pop() {
            Some((limit, base)) => Ok(PooledStack { limit, base }),
            None => Err(io::Error::other("coroutine stack pool is empty")),
        }
    }

    /// Returns a stack for reuse.
    pub fn give(&mut self, s: PooledStack) {
        if s.base - s.limit + GUARD == self.slot_size {
            self.free.push((s.limit, s.base));
        }
    }

    /// Number of stacks ever mapped, and number now free.
    pub fn stats(&self) -> (usize, usize) {
        (self.created, self.free.len())
    }
}

fn refill(p: &mut Pool) -> io::Result<()> {
    let slot = p.slot_size;
    let n = (CHUNK_TARGET / slot).max(1);
    let len = n * slot;
    if CHUNK_COUNT.load(Ordering::Relaxed) >= MAX_CHUNKS {
        return Err(io::Error::other("too many coroutine stacks"));
    }
    // SAFETY: an anonymous private mapping with a null hint has no preconditions.
    // Not syscall!: mmap fails with the pointer MAP_FAILED, checked below.
    let addr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        )
    };
    if addr == libc::MAP_FAILED {
        return Err(io::Error::last_os_error());
    }
    let start = addr as usize;
    let mut new_slots = Vec::with_capacity(n);
    for i in 0..n {
        let lo = start + i * slot;
        install_guard(lo, GUARD)?;
        // Registration lives as long as the chunk, i.e. forever.
        std::mem::forget(corosensei::stack::valgrind::ValgrindStackRegistration::new(
            (lo + GUARD) as *mut u8,
            slot - GUARD,
        ));
        new_slots.push((lo + GUARD, lo + slot));
    }
    // Reserve a table row; the handler skips a row until its length is set.
    let idx = CHUNK_COUNT.fetch_add(1, Ordering::AcqRel);
    if idx >= MAX_CHUNKS {
        CHUNK_COUNT.store(MAX_CHUNKS, Ordering::Relaxed);
    } else {
        CHUNKS[idx][0].store(start, Ordering::Relaxed);
        CHUNKS[idx][2].store(slot, Ordering::Relaxed);
        CHUNKS[idx][1].store(len, Ordering::Release);
    }
    // Hand out low addresses first: pop() takes from the end.
    new_slots.reverse();
    p.free.extend(new_slots);
    p.created += n;
    install_overflow_handler();
    Ok(())
}

fn install_guard(lo: usize, len: usize) -> io::Result<()> {
    // SAFETY: [lo, lo+len) lies inside the mapping just created by refill().
    let r = unsafe { crate::syscall!(madvise(lo as *mut libc::c_void, len, MADV_GUARD_INSTALL)) };
    if r.is_ok() {
        return Ok(());
    }
    // Older kernels: a PROT_NONE page (splits the mapping: costs VMAs).
    // SAFETY: as above.
    unsafe { crate::syscall!(mprotect(lo as *mut libc::c_void, len, libc::PROT_NONE)) }.map(|_| ())
}

/// True when `addr` lies in the guard region of one of our stacks.
fn is_guard_hit(addr: usize) -> bool {
    let n = CHUNK_COUNT.load(Ordering::Acquire).min(MAX_CHUNKS);
    for c in CHUNKS.iter().take(n) {
        let len = c[1].load(Ordering::Acquire);
        let start = c[0].load(Ordering::Relaxed);
        let slot = c[2].load(Ordering::Relaxed);
        if addr >= start && addr < start + len && slot > 0 {
            return (addr - start) % slot < GUARD;
        }
    }
    false
}

static HANDLER_INSTALLED: AtomicUsize = AtomicUsize::new(0);
static mut OLD_ACTION: std::mem::MaybeUninit<libc::sigaction> = std::mem::MaybeUninit::zeroed();
const ALT_STACK_SIZE: usize = 64 << 10;

extern "C" fn on_segv(sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    if is_guard_hit(addr) {
        let msg = b"\nFatal error: Coroutine C stack overflow: recursion through internal callbacks went deeper than corust.c_stack_size allows\n";
        // SAFETY: write(2) and _exit(2) are async-signal-safe (and so is
        // reading errno in syscall!: it does not allocate).
        unsafe {
            // write: the process exits next either way; nothing to do on error.
            let _ = crate::syscall!(write(1, msg.as_ptr().cast(), msg.len()));
            libc::_exit(255);
        }
    }
    // Not ours: put the previous disposition back and let the fault recur.
    // SAFETY: OLD_ACTION was filled by sigaction() before this handler could run.
    unsafe {
        // sigaction: cannot fail for a signal we caught with a valid action;
        // there is nothing to do in a signal handler if it did.
        let _ = crate::syscall!(sigaction(
            sig,
            (&raw const OLD_ACTION).cast(),
            std::ptr::null_mut()
        ));
    }
}

fn install_overflow_handler() {
    if HANDLER_INSTALLED.swap(1, Ordering::AcqRel) != 0 {
        return;
    }
    // SAFETY: we set up an alternate signal stack of our own (leaked on purpose:
    // it must outlive the handler) and a SIGSEGV handler that only calls
    // async-signal-safe functions.
    unsafe {
        let mut cur: libc::stack_t = std::mem::zeroed();
        // On error `cur` stays zeroed (no SS_DISABLE): we keep whatever is set.
        let _ = crate::syscall!(sigaltstack(std::ptr::null(), &mut cur));
        if cur.ss_flags & libc::SS_DISABLE != 0 {
            let mem = Box::leak(vec![0u8; ALT_STACK_SIZE].into_boxed_slice());
            let ss = libc::stack_t {
                ss_sp: mem.as_mut_ptr().cast(),
                ss_flags: 0,
                ss_size: ALT_STACK_SIZE,
            };
            // sigaltstack: without the alternate stack the handler cannot
            // run on overflow, and the fault kills the process as it would
            // without us; nothing better to do.
            let _ = crate::syscall!(sigaltstack(&ss, std::ptr::null_mut()));
        }
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_segv as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        // sigemptyset cannot fail on a valid set.
        let _ = crate::syscall!(sigemptyset(&mut sa.sa_mask));
        // sigaction: on error only the overflow message is lost: the fault
        // then kills the process as it would without us.
        let _ = crate::syscall!(sigaction(libc::SIGSEGV, &sa, (&raw mut OLD_ACTION).cast()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_are_reused_lifo() {
        let mut p = Pool::default();
        let a = p.take().expect("stack");
        let base = a.base;
        p.give(a);
        let b = p.take().expect("stack");
        assert_eq!(b.base, base);
        assert_eq!(p.stats().0 - p.stats().1, 1);
    }

    #[test]
    fn guard_is_detected() {
        let s = Pool::default().take().expect("stack");
        assert!(is_guard_hit(s.limit - 1));
        assert!(is_guard_hit(s.limit - GUARD));
        assert!(!is_guard_hit(s.limit));
        assert!(!is_guard_hit(s.base - 1));
    }
}
