//! Autoloading in coroutines (Swoole >= 5.1): when a coroutine asks for a
//! class another coroutine is still loading (its autoloader waited on I/O),
//! it waits for that load to end and gets its result, instead of PHP's
//! "Class not found" (the engine refuses a name already in `EG(in_autoload)`,
//! which is per process, not per coroutine). A coroutine that asks again for
//! the class it is loading itself still gets nothing, as in plain PHP.

use std::cell::RefCell;
use std::collections::HashMap;

use ext_php_rs::ffi::zend_class_entry;

use super::globals::PhpThread;
use super::runtime::rt;
use super::vm::autoload::Pending;
use crate::rt::{Cid, WaitKind};

/// A class being loaded: who loads it, who waits for it.
struct Loading {
    holder: Cid,
    waiters: Vec<Cid>,
}

static LOADING: PhpThread<RefCell<HashMap<Vec<u8>, Loading>>> = PhpThread::new();

fn loading() -> &'static RefCell<HashMap<Vec<u8>, Loading>> {
    LOADING.get(|| RefCell::new(HashMap::new()))
}

/// MINIT.
pub fn startup() {
    super::vm::autoload::install(around);
}

/// The coroutines are being discarded (request end, fork): no load is in
/// progress any more.
pub fn forget() {
    loading().borrow_mut().clear();
}

fn around(p: &Pending) -> *mut zend_class_entry {
    let cur = rt(|r| r.current());
    if cur.is_main() {
        return p.load();
    }
    p.share();
    let key = p.key().to_vec();
    let holder = loading().borrow().get(&key).map(|l| l.holder);
    match holder {
        Some(h) if h == cur => std::ptr::null_mut(),
        Some(_) => {
            if let Some(l) = loading().borrow_mut().get_mut(&key) {
                l.waiters.push(cur);
            }
            let _ = rt(|r| r.park(WaitKind::Other("autoload"), None));
            p.lookup()
        }
        None => {
            loading().borrow_mut().insert(
                key.clone(),
                Loading {
                    holder: cur,
                    waiters: Vec::new(),
                },
            );
            let ce = p.load();
            let waiters = loading()
                .borrow_mut()
                .remove(&key)
                .map(|l| l.waiters)
                .unwrap_or_default();
            for w in waiters {
                rt(|r| r.wake_now(w, crate::rt::Wakeup::Ready));
            }
            ce
        }
    }
}
