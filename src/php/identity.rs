//! corust's Swoole identity: with `corust.swoole_identity` on (the default;
//! off by itself when the real swoole extension is loaded) the process also
//! has a module named `swoole`, so code that asks `extension_loaded('swoole')`,
//! `phpversion('swoole')` or `php --ri swoole` finds it, plus Swoole's
//! version constants and `swoole_version()`, and Swoole's ini entry
//! `swoole.use_shortname` (Hyperf reads it). The version claimed is the
//! Swoole release whose API and behaviour corust implements (`VERSION`).

use std::ffi::CStr;

use ext_php_rs::ffi::{zend_module_entry, zend_register_module_ex, ZEND_MODULE_API_NO};
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs, ModuleEntry};

use super::args::{handler, ret_bool};

/// The Swoole version corust implements.
pub const VERSION: &str = "6.2.2";
/// `VERSION` as a C string (the module entry's version).
const VERSION_C: &CStr = c"6.2.2";
/// `SWOOLE_MAJOR_VERSION`, `SWOOLE_MINOR_VERSION`, `SWOOLE_RELEASE_VERSION`.
pub const VERSION_PARTS: (i64, i64, i64) = (6, 2, 2);
/// `SWOOLE_VERSION_ID`.
pub const VERSION_ID: i64 = VERSION_PARTS.0 * 10000 + VERSION_PARTS.1 * 100 + VERSION_PARTS.2;

/// Swoole's own ini entries corust answers to (registered only when the
/// real swoole extension is not loaded, which owns them then).
static SWOOLE_INI: IniEntryDefs<4> = IniEntryDefs::new([
    IniEntryDef::new(c"swoole.use_shortname", c"On", IniEntryPermission::System),
    IniEntryDef::new(
        c"swoole.enable_preemptive_scheduler",
        c"Off",
        IniEntryPermission::All,
    ),
    // Off: Swoole's own warnings (`php_swoole_error`: "can not join self", …) are silent.
    IniEntryDef::new(c"swoole.display_errors", c"On", IniEntryPermission::All),
    IniEntryDef::end(),
]);

/// Swoole's `swoole.display_errors`: its own warnings are shown (the
/// ones it raises through `php_swoole_error`).
pub fn display_errors() -> bool {
    ini_value(c"swoole.display_errors").is_none_or(|v| ini_bool(&v))
}

/// Swoole's `swoole.enable_preemptive_scheduler` (`preempt.rs`).
pub fn preemptive_ini() -> bool {
    ini_value(c"swoole.enable_preemptive_scheduler").is_some_and(|v| ini_bool(&v))
}

/// `MODULE_PERSISTENT`.
const MODULE_PERSISTENT: u8 = 1;

unsafe extern "C" {
    /// `int zend_next_free_module(void)` (Zend/zend_API.h).
    fn zend_next_free_module() -> i32;
}

/// `--ri swoole`: what the `swoole` module is.
extern "C" fn swoole_info(_module: *mut ModuleEntry) {
    super::fence::quiet("MINFO swoole", (), || {
        ext_php_rs::info_table_start!();
        ext_php_rs::info_table_row!("Swoole", "enabled");
        ext_php_rs::info_table_row!("Version", VERSION);
        ext_php_rs::info_table_row!(
            "Implementation",
            concat!(
                "corust ",
                env!("CARGO_PKG_VERSION"),
                " (compatible with Swoole's API)"
            )
        );
        // Tests and tools read the TLS library from here (Swoole's row).
        ext_php_rs::info_table_row!("openssl", openssl::version::version());
        ext_php_rs::info_table_end!();
    })
}

/// The `swoole` module entry: no functions or classes of its own (those
/// are corust's, under Swoole's names).
fn alias_module() -> zend_module_entry {
    // SAFETY: an all-zero module entry is a valid "nothing" for every field
    // we do not set (null pointers, zero sizes, no globals).
    let mut m: zend_module_entry = unsafe { std::mem::zeroed() };
    m.size = std::mem::size_of::<zend_module_entry>() as u16;
    m.zend_api = ZEND_MODULE_API_NO;
    m.name = c"swoole".as_ptr();
    m.version = VERSION_C.as_ptr();
    m.info_func = Some(swoole_info);
    m.type_ = MODULE_PERSISTENT;
    // SAFETY: ext-php-rs's wrapper returns the engine's static build id.
    m.build_id = unsafe { ext_php_rs::ffi::ext_php_rs_php_build_id() };
    m
}

/// At MINIT, with the identity switch on (`on`) and no real swoole loaded:
/// registers Swoole's ini entries. Returns whether the identity is in force.
pub fn startup(module_number: i32, on: bool, swoole_loaded: bool) -> bool {
    if !on || swoole_loaded {
        return false;
    }
    IniEntryDef::register(SWOOLE_INI.as_slice(), module_number);
    true
}

/// Registers the `swoole` module: the last step of MINIT (registering a
/// module resets the engine's "current module", so functions registered
/// after it would belong to no module). Then the Swoole-named classes and
/// functions are made the swoole module's, so `ReflectionExtension('swoole')`,
/// `get_extension_funcs('swoole')` and `ReflectionClass::getExtensionName()`
/// name it, as with Swoole (the `Corust\` ones stay corust's).
pub fn register_module() -> bool {
    let entry: &'static mut zend_module_entry = Box::leak(Box::new(alias_module()));
    // SAFETY: MINIT, on the PHP thread; the entry lives for the process.
    // The engine is starting modules (zend_startup_modules walks the
    // registry by index and re-reads it each step), so this module is
    // appended and started in turn; it has no startup function.
    let module = unsafe {
        entry.module_number = zend_next_free_module();
        zend_register_module_ex(entry)
    };
    if module.is_null() {
        return false;
    }
    adopt(module);
    true
}

fn swoole_named(name: &[u8]) -> bool {
    let lc = name.to_ascii_lowercase();
    !lc.starts_with(b"corust\\") && !lc.starts_with(b"corust_")
}

/// Moves corust's Swoole-named classes and functions to `module` (the
/// registry's copy of the swoole entry). Only the `module` pointers change:
/// persistent modules' classes and functions are freed with the engine's
/// tables at shutdown, whichever module they name.
fn adopt(module: *mut zend_module_entry) {
    use ext_php_rs::ffi::compiler_globals;
    // SAFETY: MINIT on the PHP thread: CG's tables are initialised and hold
    // IS_PTR zvals to class entries and functions; we only retarget the
    // module pointer of internal ones that belong to corust.
    unsafe {
        let is_corust = |m: *const zend_module_entry| {
            !m.is_null()
                && !(*m).name.is_null()
                && std::ffi::CStr::from_ptr((*m).name).to_bytes() == b"corust"
        };
        if let Some(classes) = compiler_globals.class_table.as_ref() {
            for (_, z) in classes.iter() {
                let ce = z.value.ce;
                // ZEND_INTERNAL_CLASS = 1.
                if ce.is_null() || (*ce).type_ != 1 {
                    continue;
                }
                let name = (*ce).name;
                if name.is_null() {
                    continue;
                }
                let bytes =
                    std::slice::from_raw_parts((*name).val.as_ptr().cast::<u8>(), (*name).len);
                if is_corust((*ce).info.internal.module) && swoole_named(bytes) {
                    (*ce).info.internal.module = module;
                }
            }
        }
        if let Some(funcs) = compiler_globals.function_table.as_ref() {
            for (k, z) in funcs.iter() {
                let f = z.value.func;
                // ZEND_INTERNAL_FUNCTION = 1.
                if f.is_null() || (*f).type_ != 1 {
                    continue;
                }
                let key = k.to_string();
                if is_corust((*f).internal_function.module) && swoole_named(key.as_bytes()) {
                    (*f).internal_function.module = module;
                }
            }
        }
    }
}

/// An ini value as a boolean, as the engine parses one ("1", "On", "yes",
/// "true"; anything else is off).
pub fn ini_bool(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "on" | "yes" | "true"
    )
}

/// The raw value of `name` (None when not registered).
pub fn ini_value(name: &CStr) -> Option<String> {
    // SAFETY: name is NUL-terminated; the engine returns its string or null.
    let p = unsafe { ext_php_rs::ffi::zend_ini_string(name.as_ptr(), name.to_bytes().len(), 0) };
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null, NUL-terminated, owned by the ini entry.
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

handler!(
    /// `swoole_version(): string` — the Swoole version corust implements.
    swoole_version(_ex, rv) {
        if rv.set_string(VERSION, false).is_err() {
            ret_bool(rv, false);
        }
    }
);
