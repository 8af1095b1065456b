//! Blocking work (name resolution, later file I/O) on a small pool of Rust
//! threads, so the PHP thread keeps running other coroutines meanwhile.
//!
//! Owns: the worker threads and the completion list. A job's closure and
//! result must be `Send`: PHP values never reach these threads. When a job
//! finishes, its coroutine's id is pushed on the completion list and the
//! reactor's waker is poked; the event loop then wakes the coroutine.
//! May not: touch coroutines or the scheduler from a worker thread.

use std::sync::mpsc::{channel, Sender};
use std::sync::Arc;
use std::thread;

use parking_lot::Mutex;

use super::Cid;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Worker threads started on first use.
const WORKERS: usize = 4;

/// The pool and its completion list.
#[derive(Debug)]
pub struct Pool {
    /// Job queue to the workers.
    tx: Sender<Job>,
    /// Coroutines whose job has finished, not yet woken.
    pub done: Arc<Mutex<Vec<Cid>>>,
}

/// Blocks every signal in the calling (pool) thread: signals meant for the
/// process (SIGTERM to a server manager, those of `Process::signal`) must
/// reach the PHP thread or its signalfds, never a pool thread, where their
/// default action would end the process.
fn block_all_signals() {
    // SAFETY: building a full sigset and changing this thread's own mask.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        // pthread_sigmask: EINVAL only for a bad `how`.
        let _ = libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

impl Pool {
    /// Starts the workers.
    pub fn new() -> std::io::Result<Pool> {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..WORKERS {
            let rx = rx.clone();
            thread::Builder::new()
                .name(format!("corust-blocking-{i}"))
                .spawn(move || {
                    block_all_signals();
                    loop {
                        let job = rx.lock().recv();
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                })?;
        }
        Ok(Pool {
            tx,
            done: Arc::new(Mutex::new(Vec::new())),
        })
    }

    /// Queues `job`; false if the workers are gone.
    pub fn submit(&self, job: Job) -> bool {
        self.tx.send(job).is_ok()
    }
}
