//! `Swoole\Process`'s System V message queue: `useQueue`, `push`, `pop`,
//! `statQueue`, `freeQueue` over `server::msg_queue` (the queue is the
//! system's: it outlives the processes until `freeQueue()`).
//!
//! Swoole's rules: a key of 0 is `ftok()` of the running script; mode
//! SWOOLE_MSGQUEUE_BALANCE (2) pops any message, ORIENT (1) only those
//! pushed for this process (`$id + 1` is a message's type either way);
//! `| Process::IPC_NOWAIT` makes push/pop fail instead of waiting.

use ext_php_rs::types::ZendHashTable;
use ext_php_rs::zend::ExecuteData;

use super::args::{self, handler, ret_bool};
use super::error::{os_error_text, warn_docref};
use super::object::{this, this_obj};
use super::process::{ProcessObj, IPC_NOWAIT};
use crate::server::msg_queue::{MsgQueue, MSGMAX};

const E_WARNING: i32 = 2;
/// SWOOLE_MSGQUEUE_BALANCE.
const BALANCE: i64 = 2;

/// `$this->id` (a message's type is `id + 1`).
fn id_of(ex: &ExecuteData) -> i64 {
    // SAFETY: `this` is a live Process object.
    let obj = unsafe { &*this_obj(ex) };
    obj.get_property::<Option<i64>>("id")
        .ok()
        .flatten()
        .unwrap_or(0)
}

handler!(
    /// `useQueue(int $key = 0, int $mode = 2, int $capacity = -1): bool`.
    use_queue(ex, rv) {
        let f = "Swoole\\Process::useQueue";
        let Ok(mut key) = args::long(ex, 0, f, "key", Some(0)) else { return };
        let Ok(mut mode) = args::long(ex, 1, f, "mode", Some(BALANCE)) else { return };
        let Ok(capacity) = args::long(ex, 2, f, "capacity", Some(-1)) else { return };
        let Some(o) = this::<ProcessObj>(ex) else { return };
        if key <= 0 {
            key = i64::from(super::vm::executed_file_key());
        }
        let mut q = match MsgQueue::open(key as libc::key_t) {
            Ok(q) => q,
            Err(e) => {
                warn_docref(E_WARNING, &format!("msgget() failed, Error: {}[{}]", os_error_text(&e), e.raw_os_error().unwrap_or(0)));
                ret_bool(rv, false);
                return;
            }
        };
        if mode & IPC_NOWAIT != 0 {
            q.set_blocking(false);
            mode &= !IPC_NOWAIT;
        }
        if capacity > 0 {
            let _ = q.set_capacity(capacity as u64);
        }
        let obj = this_obj(ex);
        super::object::update_prop(&super::process::PROCESS_CE, obj, c"msgQueueId", super::value::zval_long(i64::from(q.id())));
        super::object::update_prop(&super::process::PROCESS_CE, obj, c"msgQueueKey", super::value::zval_long(key));
        *o.queue.borrow_mut() = Some((q, mode));
        ret_bool(rv, true);
    }
);

handler!(
    /// `statQueue(): array|false` — `queue_num` and `queue_bytes`.
    stat_queue(ex, rv) {
        let Some(o) = this::<ProcessObj>(ex) else { return };
        let q = o.queue.borrow();
        let Some((q, _)) = q.as_ref() else {
            warn_docref(E_WARNING, "no queue, can't get stats of the queue");
            ret_bool(rv, false);
            return;
        };
        match q.stat() {
            Ok((num, bytes)) => {
                let mut ht = ZendHashTable::new();
                let _ = ht.insert("queue_num", num as i64);
                let _ = ht.insert("queue_bytes", bytes as i64);
                rv.set_hashtable(ht);
            }
            Err(_) => ret_bool(rv, false),
        }
    }
);

handler!(
    /// `freeQueue(): bool` — removes the queue from the system.
    free_queue(ex, rv) {
        let Some(o) = this::<ProcessObj>(ex) else { return };
        let q = o.queue.borrow_mut().take();
        ret_bool(rv, q.is_some_and(|(q, _)| q.destroy().is_ok()));
    }
);

handler!(
    /// `push(string $data): bool`.
    push(ex, rv) {
        let Ok(data) = args::string(ex, 0, "Swoole\\Process::push", "data").map(|c| c.into_owned()) else { return };
        if data.is_empty() {
            warn_docref(E_WARNING, "the data to push is empty");
            ret_bool(rv, false);
            return;
        }
        if data.len() >= MSGMAX {
            warn_docref(E_WARNING, "the data to push is too big");
            ret_bool(rv, false);
            return;
        }
        let id = id_of(ex);
        let Some(o) = this::<ProcessObj>(ex) else { return };
        let q = o.queue.borrow();
        let Some((q, _)) = q.as_ref() else {
            warn_docref(E_WARNING, "no msgqueue, cannot use push()");
            ret_bool(rv, false);
            return;
        };
        ret_bool(rv, q.push(id + 1, &data).is_ok());
    }
);

handler!(
    /// `pop(int $size = 65536): string|false`.
    pop(ex, rv) {
        let Ok(size) = args::long(ex, 0, "Swoole\\Process::pop", "size", Some(MSGMAX as i64)) else { return };
        let size = if size <= 0 || size > MSGMAX as i64 { MSGMAX } else { size as usize };
        let id = id_of(ex);
        let Some(o) = this::<ProcessObj>(ex) else { return };
        let q = o.queue.borrow();
        let Some((q, mode)) = q.as_ref() else {
            warn_docref(E_WARNING, "no msgqueue, cannot use pop()");
            ret_bool(rv, false);
            return;
        };
        let ty = if *mode == BALANCE { 0 } else { id + 1 };
        match q.pop(ty, size) {
            Ok(data) => rv.set_binary(data),
            Err(e) => {
                if !matches!(e.raw_os_error(), Some(libc::ENOMSG | libc::EINTR)) {
                    warn_docref(E_WARNING, &format!("msgrcv() failed, Error: {}[{}]", os_error_text(&e), e.raw_os_error().unwrap_or(0)));
                }
                ret_bool(rv, false);
            }
        }
    }
);
