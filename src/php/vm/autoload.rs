//! The engine's class autoloader entry, `zend_autoload` (called by
//! `zend_lookup_class_ex` once per missing class, with the lower-case name
//! added to `EG(in_autoload)` so a recursive lookup of the same name fails).
//! `install` puts a handler around it; the handler gets a `Pending` to run
//! the real autoloaders, to let other coroutines in for the same name, or to
//! look the class up once someone else loaded it.

use ext_php_rs::ffi::{zend_class_entry, zend_hash_del, zend_lookup_class_ex, zend_string};

type Autoload = unsafe extern "C" fn(*mut zend_string, *mut zend_string) -> *mut zend_class_entry;

unsafe extern "C" {
    /// `ZEND_API extern zend_class_entry *(*zend_autoload)(zend_string *name,
    /// zend_string *lc_name)` (Zend/zend_execute.h).
    static mut zend_autoload: Option<Autoload>;
}

/// `ZEND_FETCH_CLASS_NO_AUTOLOAD` (Zend/zend_compile.h).
const FETCH_CLASS_NO_AUTOLOAD: u32 = 0x80;

/// One class the engine asked to autoload.
pub struct Pending {
    name: *mut zend_string,
    lc_name: *mut zend_string,
    original: Autoload,
}

impl Pending {
    /// The lower-case class name.
    pub fn key(&self) -> &[u8] {
        // SAFETY: the engine passes a live zend_string for the whole call.
        unsafe { super::zstr_bytes(self.lc_name) }
    }

    /// Runs the registered autoloaders (the engine's own step).
    pub fn load(&self) -> *mut zend_class_entry {
        // SAFETY: the engine's function, called with the engine's arguments.
        unsafe { (self.original)(self.name, self.lc_name) }
    }

    /// Takes the name out of `EG(in_autoload)`, so that a lookup of the same
    /// class from another coroutine reaches the autoload entry (and waits)
    /// instead of failing as a recursion. The engine deletes it again after.
    pub fn share(&self) {
        // SAFETY: EG(in_autoload) is the engine's table (allocated before it
        // calls zend_autoload); deleting a key it holds is what it does itself.
        unsafe {
            let ht = (*super::eg()).in_autoload;
            if !ht.is_null() {
                zend_hash_del(ht, self.lc_name);
            }
        }
    }

    /// The class if it is declared now (no autoloading).
    pub fn lookup(&self) -> *mut zend_class_entry {
        // SAFETY: a lookup by the engine's own key, autoload disabled.
        unsafe { zend_lookup_class_ex(self.name, self.lc_name, FETCH_CLASS_NO_AUTOLOAD) }
    }
}

/// The handler `install` puts around the engine's autoload.
pub type Around = fn(&Pending) -> *mut zend_class_entry;

static mut ORIGINAL: Option<Autoload> = None;
static mut AROUND: Option<Around> = None;

unsafe extern "C" fn entry(
    name: *mut zend_string,
    lc_name: *mut zend_string,
) -> *mut zend_class_entry {
    // SAFETY: written once at MINIT, before any script runs.
    let (original, around) = unsafe { (ORIGINAL, AROUND) };
    let Some(original) = original else {
        return std::ptr::null_mut();
    };
    let p = Pending {
        name,
        lc_name,
        original,
    };
    match around {
        Some(f) => crate::php::fence::quiet("autoload", std::ptr::null_mut(), || f(&p)),
        None => p.load(),
    }
}

/// MINIT: wraps the engine's autoload entry with `f`.
pub fn install(f: Around) {
    // SAFETY: MINIT runs once on the PHP thread before any script.
    unsafe {
        let (installed, original) = (AROUND, zend_autoload);
        if installed.is_some() {
            return;
        }
        ORIGINAL = original;
        if original.is_some() {
            AROUND = Some(f);
            zend_autoload = Some(entry);
        }
    }
}
