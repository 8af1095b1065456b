//! `Corust\parallel(array $callables, int $concurrency = 0): array` and
//! `Corust\ParallelExecutionException` (Hyperf's `parallel()` semantics).
//!
//! Each callable runs in its own coroutine (at most `$concurrency` at once when
//! it is positive); the caller waits for all. Results keep the input keys (in
//! input order); if any threw, a ParallelExecutionException carries the
//! results and the throwables, both keyed.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::ffi::zend_object;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ClassEntry;

use super::args::{self, handler};
use super::coroutine::{spawn_job, Job};
use super::error::{throw_error, throw_rt, throw_type_error};
use super::runtime::{propagate, rt};
use super::value::Callback;
use crate::rt::sync::channel::Channel;
use crate::rt::sync::wait_group::WaitGroup;

/// `Corust\ParallelExecutionException`, set at MINIT.
pub static PEE_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// Shared outcome of one `parallel()` call.
pub struct Par {
    /// Result of each callable that returned, by input position.
    results: RefCell<Vec<Option<Zval>>>,
    /// Exception of each callable that threw, by input position.
    errors: RefCell<Vec<Option<Zval>>>,
    /// Callables still running.
    wg: WaitGroup,
    /// Concurrency tokens (None: unlimited).
    sem: Option<Channel<()>>,
}

impl Par {
    /// The outcome slot of one callable run on its own (a task worker's onTask).
    pub fn single() -> Par {
        Par {
            results: RefCell::new(vec![None]),
            errors: RefCell::new(vec![None]),
            wg: WaitGroup::new(1).unwrap_or_default(),
            sem: None,
        }
    }

    /// Waits for the single callable; Ok(return value) or Err(exception).
    ///
    /// # Suspends
    pub fn wait_single(&self) -> Result<Zval, Zval> {
        if self.wg.count() > 0 {
            let _ = rt(|r| self.wg.wait(r, None));
        }
        if let Some(e) = self.errors.borrow_mut()[0].take() {
            return Err(e);
        }
        Ok(self.results.borrow_mut()[0].take().unwrap_or_default())
    }

    /// Stores a callable's outcome; `ex` (owned) is its exception, if any.
    pub fn record(&self, slot: usize, rv: Zval, ex: *mut zend_object) {
        if ex.is_null() {
            self.results.borrow_mut()[slot] = Some(rv);
        } else {
            let mut z = Zval::new();
            // Move the owned reference into a zval (IS_OBJECT_EX), no addref.
            z.value.obj = ex;
            z.u1.type_info = 8 | (1 << 8);
            self.errors.borrow_mut()[slot] = Some(z);
        }
    }

    /// Marks one callable finished (last step of its coroutine).
    pub fn finish_one(&self) {
        if let Some(sem) = &self.sem {
            let _ = rt(|r| sem.pop(r, None));
        }
        let _ = rt(|r| self.wg.add(r, -1));
    }
}

fn key_zval(k: &ext_php_rs::types::ArrayKey<'_>) -> Zval {
    let mut z = Zval::new();
    match k {
        ext_php_rs::types::ArrayKey::Long(i) => z.set_long(*i),
        ext_php_rs::types::ArrayKey::String(s) => {
            let _ = z.set_string(s, false);
        }
        ext_php_rs::types::ArrayKey::Str(s) => {
            let _ = z.set_string(s, false);
        }
        ext_php_rs::types::ArrayKey::ZendString(s) => {
            let _ = z.set_string(s.as_str().unwrap_or_default(), false);
        }
    }
    z
}

fn insert(ht: &mut ZendHashTable, key: &Zval, v: Zval) {
    if let Some(i) = key.long() {
        let _ = ht.insert_at_index(i, v);
    } else if let Some(s) = key.str() {
        let _ = ht.insert(s, v);
    }
}

handler!(
    /// `Corust\parallel(array $callables, int $concurrency = 0): array`.
    parallel(ex, rv) {
        let f = "Corust\\parallel";
        if args::need(ex, 1, f).is_err() { return; }
        let Ok(conc) = args::long(ex, 1, f, "concurrency", Some(0)) else { return };
        if rt(|r| r.current()).is_main() {
            throw_rt(&crate::rt::Error::NotInCoroutine);
            return;
        }
        let mut jobs: Vec<(Zval, Callback)> = Vec::new();
        {
            let Some(arr) = args::get(ex, 0).and_then(|z| z.array()) else {
                throw_type_error(&format!("{}(): Argument #1 ($callables) must be of type array", args::name_of(ex, f)));
                return;
            };
            for (k, v) in arr.iter() {
                let key = key_zval(&k);
                match Callback::new(v, Vec::new()) {
                    Ok(cb) => jobs.push((key, cb)),
                    Err(why) => {
                        throw_type_error(&format!("{}(): Argument #1 ($callables) must contain only valid callbacks, {why}", args::name_of(ex, f)));
                        return;
                    }
                }
            }
        }
        let n = jobs.len();
        let par = Rc::new(Par {
            results: RefCell::new((0..n).map(|_| None).collect()),
            errors: RefCell::new((0..n).map(|_| None).collect()),
            wg: WaitGroup::default(),
            sem: (conc > 0).then(|| Channel::new(conc as usize)),
        });
        let mut keys = Vec::with_capacity(n);
        for (slot, (key, cb)) in jobs.into_iter().enumerate() {
            keys.push(key);
            if let Some(sem) = &par.sem {
                if rt(|r| sem.push(r, (), None)).is_err() {
                    break;
                }
            }
            let _ = rt(|r| par.wg.add(r, 1));
            let job = Job::Parallel { cb, slot, par: par.clone() };
            if let Err(e) = spawn_job(job) {
                let _ = rt(|r| par.wg.add(r, -1));
                throw_rt(&e);
                return;
            }
            propagate();
        }
        let _ = rt(|r| par.wg.wait(r, None));
        propagate();

        let mut results = ZendHashTable::new();
        for (key, v) in keys.iter().zip(par.results.borrow_mut().iter_mut()) {
            if let Some(v) = v.take() {
                insert(&mut results, key, v);
            }
        }
        let mut errors = ZendHashTable::new();
        let mut lines = Vec::new();
        for (key, e) in keys.iter().zip(par.errors.borrow_mut().iter_mut()) {
            if let Some(e) = e.take() {
                let class = e.object().and_then(|o| o.get_class_name().ok()).unwrap_or_default();
                let msg = e.try_call_method("getMessage", vec![]).ok().and_then(|m| m.string()).unwrap_or_default();
                let k = key.long().map(|i| i.to_string()).or_else(|| key.string()).unwrap_or_default();
                lines.push(format!("({k}) {class}: {msg}"));
                insert(&mut errors, key, e);
            }
        }
        if lines.is_empty() {
            rv.set_hashtable(results);
            return;
        }
        throw_parallel(results, errors, &lines);
    }
);

fn throw_parallel(
    results: ext_php_rs::boxed::ZBox<ZendHashTable>,
    errors: ext_php_rs::boxed::ZBox<ZendHashTable>,
    lines: &[String],
) {
    let ce = PEE_CE.load(Ordering::Relaxed);
    let mut ex = Zval::new();
    // SAFETY: our registered exception class; object_init_ex fills ex.
    unsafe { super::sys::zend::object_init_ex(&mut ex, ce.cast()) };
    let msg = format!(
        "Detecting {} throwable occurred during parallel execution:\n{}",
        lines.len(),
        lines.join("\n")
    );
    let mut zmsg = Zval::new();
    let _ = zmsg.set_string(&msg, false);
    let _ = ex.try_call_method("__construct", vec![&zmsg]);
    let mut r = Zval::new();
    r.set_hashtable(results);
    let mut e = Zval::new();
    e.set_hashtable(errors);
    let _ = ex.try_call_method("setResults", vec![&r]);
    let _ = ex.try_call_method("setThrowables", vec![&e]);
    // SAFETY: hands our reference of the exception object to the engine.
    unsafe {
        let mut raw = std::mem::ManuallyDrop::new(ex);
        ext_php_rs::ffi::zend_throw_exception_object(&mut *raw);
    }
}

fn prop(ex: &ext_php_rs::zend::ExecuteData, name: &str, rv: &mut Zval) {
    let obj = super::object::this_obj(ex);
    let ce = PEE_CE.load(Ordering::Relaxed);
    let mut tmp = Zval::new();
    // SAFETY: reading a declared property of $this (an instance of our class).
    let p = unsafe {
        ext_php_rs::ffi::zend_read_property(
            ce.cast(),
            obj,
            name.as_ptr().cast(),
            name.len(),
            true,
            &mut tmp,
        )
    };
    if !p.is_null() {
        // SAFETY: p points at a live zval owned by the object (or at tmp).
        *rv = unsafe { (*(p as *mut Zval)).shallow_clone() };
    }
}

fn set_prop(ex: &mut ext_php_rs::zend::ExecuteData, name: &str) {
    let obj = super::object::this_obj(ex);
    let ce = PEE_CE.load(Ordering::Relaxed);
    let Some(v) = args::get(ex, 0) else { return };
    if !v.is_array() {
        throw_error(&format!(
            "Corust\\ParallelExecutionException::set{}(): expects an array",
            if name == "results" {
                "Results"
            } else {
                "Throwables"
            }
        ));
        return;
    }
    let mut v = v.shallow_clone();
    // SAFETY: writing a declared property of $this.
    unsafe {
        super::sys::zend::zend_update_property(
            ce.cast(),
            obj,
            name.as_ptr().cast(),
            name.len(),
            &mut v,
        )
    };
}

handler!(
    /// `getResults(): array`.
    pee_get_results(ex, rv) { prop(ex, "results", rv) }
);
handler!(
    /// `getThrowables(): array`.
    pee_get_throwables(ex, rv) { prop(ex, "throwables", rv) }
);
handler!(
    /// `setResults(array $results): void`.
    pee_set_results(ex, _rv) { set_prop(ex, "results") }
);
handler!(
    /// `setThrowables(array $throwables): void`.
    pee_set_throwables(ex, _rv) { set_prop(ex, "throwables") }
);

/// `Corust\ParallelExecutionException`'s declarations (Hyperf's).
pub const EXCEPTION_SIGNATURES: &[&str] = &[
    "getResults(): array",
    "getThrowables(): array",
    "setResults(array $results): void",
    "setThrowables(array $throwables): void",
];
