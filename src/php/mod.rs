//! The PHP binding: module entry, ini settings, registration of functions,
//! classes and Swoole-name aliases, and request shutdown.
//!
//! The only tree that imports ext-php-rs. Handlers are raw `extern "C"`
//! functions (see `args::handler!`): no `zend_try` per call on hot paths, a
//! `catch_unwind` fence instead.

mod args;
mod coroutine;
mod error;
mod globals;
mod timer;
mod value;
mod vm;

use std::ffi::CStr;
use std::sync::atomic::Ordering;

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::ffi::{
    compiler_globals, zend_hash_str_find, zend_ini_long, zend_ini_string,
    zend_register_class_alias_ex, zend_register_functions,
};
use ext_php_rs::flags::{DataType, IniEntryPermission, MethodFlags};
use ext_php_rs::prelude::*;
use ext_php_rs::zend::{ce, ClassEntry, FunctionEntry, IniEntryDef, IniEntryDefs, ModuleEntry};

use args::ret_long;
use error::{warn, E_WARNING};

/// `MODULE_PERSISTENT`.
const MODULE_PERSISTENT: i32 = 1;

static INI: IniEntryDefs<5> = IniEntryDefs::new([
    IniEntryDef::new(c"corust.swoole_aliases", c"1", IniEntryPermission::System),
    IniEntryDef::new(c"corust.use_shortname", c"1", IniEntryPermission::System),
    // Swoole's SWOOLE_HOOK_ALL (0x7fffffff without HOOK_CURL).
    IniEntryDef::new(c"corust.hook_flags", c"2147481599", IniEntryPermission::All),
    IniEntryDef::new(c"corust.c_stack_size", c"2M", IniEntryPermission::All),
    IniEntryDef::end(),
]);

fn ini_long(name: &CStr) -> i64 {
    // SAFETY: name is NUL-terminated; reading a registered ini value at MINIT.
    unsafe { zend_ini_long(name.as_ptr(), name.to_bytes().len(), 0) }
}

/// Parses "2M", "256K", "1048576" (bytes).
fn parse_quantity(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mul) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1usize << 10),
        'm' | 'M' => (&s[..s.len() - 1], 1 << 20),
        'g' | 'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim().parse::<usize>().ok()?.checked_mul(mul)
}

fn ini_str(name: &CStr) -> String {
    // SAFETY: as ini_long; the engine returns a NUL-terminated string or null.
    let p = unsafe { zend_ini_string(name.as_ptr(), name.to_bytes().len(), 0) };
    if p.is_null() {
        return String::new();
    }
    // SAFETY: non-null, NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

// ---- function tables -------------------------------------------------------

type Handler = extern "C" fn(&mut ext_php_rs::zend::ExecuteData, &mut ext_php_rs::types::Zval);

fn callable_fn(name: &str, h: Handler, variadic: bool) -> FunctionBuilder<'static> {
    let mut f = FunctionBuilder::new(name, h).arg(Arg::new("callback", DataType::Callable));
    if variadic {
        f = f.arg(Arg::new("args", DataType::Mixed).is_variadic());
    }
    f
}

fn go_fn(name: &str) -> FunctionBuilder<'static> {
    callable_fn(name, coroutine::go, true).returns(DataType::Mixed, false, false)
}
fn defer_fn(name: &str) -> FunctionBuilder<'static> {
    callable_fn(name, coroutine::defer, false).returns(DataType::Void, false, false)
}
fn run_fn(name: &str) -> FunctionBuilder<'static> {
    callable_fn(name, coroutine::run, true).returns(DataType::Bool, false, false)
}
fn cpu_num_fn(name: &str) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, cpu_num).returns(DataType::Long, false, false)
}

args::handler!(
    /// `Corust\cpu_num(): int`.
    cpu_num(_ex, rv) {
        // SAFETY: sysconf has no preconditions.
        let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
        ret_long(rv, n.max(1));
    }
);

/// Registers extra functions at MINIT (aliases and short names).
fn register_functions(fns: Vec<FunctionBuilder<'static>>) {
    let mut entries: Vec<FunctionEntry> = Vec::with_capacity(fns.len() + 1);
    for f in fns {
        match f.build() {
            Ok((entry, arg_info)) => {
                // The engine points into the arg info for the process lifetime.
                std::mem::forget(arg_info);
                entries.push(entry);
            }
            Err(e) => warn(
                E_WARNING,
                &format!("corust: cannot register a function: {e}"),
            ),
        }
    }
    entries.push(FunctionEntry::end());
    let entries: &'static [FunctionEntry] = Box::leak(entries.into_boxed_slice());
    // SAFETY: MINIT; the table is terminated and lives forever.
    unsafe {
        zend_register_functions(
            std::ptr::null_mut(),
            entries.as_ptr(),
            std::ptr::null_mut(),
            MODULE_PERSISTENT,
        );
    }
}

// ---- classes ---------------------------------------------------------------

fn static_method(name: &str, h: Handler) -> (FunctionBuilder<'static>, MethodFlags) {
    (
        FunctionBuilder::new(name, h),
        MethodFlags::Public | MethodFlags::Static,
    )
}

fn with_methods(
    mut cb: ClassBuilder,
    methods: Vec<(FunctionBuilder<'static>, MethodFlags)>,
) -> ClassBuilder {
    for (f, flags) in methods {
        cb = cb.method(f, flags);
    }
    cb
}

fn keep_arg_info(_: &'static mut ClassEntry, arg_info: ext_php_rs::args::ArgInfoTables) {
    // The engine points into these for the process lifetime.
    std::mem::forget(arg_info);
}

fn coroutine_class() -> ClassBuilder {
    let cid = || Arg::new("cid", DataType::Long);
    let m = vec![
        (go_fn("create"), MethodFlags::Public | MethodFlags::Static),
        (defer_fn("defer"), MethodFlags::Public | MethodFlags::Static),
        static_method("id", coroutine::co_id),
        static_method("getCid", coroutine::co_id),
        (
            FunctionBuilder::new("getPcid", coroutine::co_pcid)
                .not_required()
                .arg(cid().allow_null()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("inCoroutine", coroutine::co_in),
        (
            FunctionBuilder::new("exists", coroutine::co_exists).arg(cid()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("list", coroutine::co_list),
        static_method("listCoroutines", coroutine::co_list),
        static_method("stats", coroutine::co_stats),
        (
            FunctionBuilder::new("sleep", coroutine::co_sleep)
                .arg(Arg::new("seconds", DataType::Double)),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("yield", coroutine::co_yield),
        static_method("suspend", coroutine::co_yield),
        (
            FunctionBuilder::new("resume", coroutine::co_resume).arg(cid()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        (
            FunctionBuilder::new("set", coroutine::co_set)
                .arg(Arg::new("options", DataType::Array)),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("getOptions", coroutine::co_get_options),
    ];
    with_methods(ClassBuilder::new("Corust\\Coroutine"), m).registration(keep_arg_info)
}

fn timer_class() -> ClassBuilder {
    let ms = || Arg::new("ms", DataType::Long);
    let id = || Arg::new("timer_id", DataType::Long);
    let sf = MethodFlags::Public | MethodFlags::Static;
    let m = vec![
        (
            FunctionBuilder::new("after", timer::after)
                .arg(ms())
                .arg(Arg::new("callback", DataType::Callable))
                .arg(Arg::new("args", DataType::Mixed).is_variadic()),
            sf,
        ),
        (
            FunctionBuilder::new("tick", timer::tick)
                .arg(ms())
                .arg(Arg::new("callback", DataType::Callable))
                .arg(Arg::new("args", DataType::Mixed).is_variadic()),
            sf,
        ),
        (FunctionBuilder::new("clear", timer::clear).arg(id()), sf),
        static_method("clearAll", timer::clear_all),
        (FunctionBuilder::new("exists", timer::exists).arg(id()), sf),
        static_method("list", timer::list),
    ];
    with_methods(ClassBuilder::new("Corust\\Timer"), m).registration(keep_arg_info)
}

fn event_class() -> ClassBuilder {
    with_methods(
        ClassBuilder::new("Corust\\Event"),
        vec![static_method("wait", coroutine::event_wait)],
    )
    .registration(keep_arg_info)
}

fn error_class() -> ClassBuilder {
    ClassBuilder::new("Corust\\Error")
        .extends((ce::error, "Error"))
        .registration(|c, a| {
            error::ERROR_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

fn exception_class() -> ClassBuilder {
    ClassBuilder::new("Corust\\Exception")
        .extends((ce::exception, "Exception"))
        .registration(|c, a| {
            error::EXCEPTION_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

/// Looks a class up in CG(class_table) (EG's is not set up during MINIT).
fn find_class(name: &str) -> *mut ext_php_rs::ffi::zend_class_entry {
    let lc = name.to_ascii_lowercase();
    // SAFETY: MINIT; CG(class_table) is initialised; a class table entry's
    // zval holds a class entry pointer.
    unsafe {
        let z = zend_hash_str_find(compiler_globals.class_table, lc.as_ptr().cast(), lc.len());
        if z.is_null() {
            std::ptr::null_mut()
        } else {
            (*z).value.ce
        }
    }
}

fn alias_class(alias: &str, target: &str) {
    let c = find_class(target);
    if c.is_null() {
        warn(
            E_WARNING,
            &format!("corust: cannot alias {alias}: {target} is missing"),
        );
        return;
    }
    // SAFETY: MINIT; the engine copies the name into a persistent interned string.
    unsafe {
        zend_register_class_alias_ex(alias.as_ptr().cast(), alias.len(), c, true);
    }
}

fn swoole_loaded() -> bool {
    !find_class("Swoole\\Coroutine").is_null()
}

pub extern "C" fn startup(_ty: i32, module_number: i32) -> i32 {
    IniEntryDef::register(INI.as_slice(), module_number);
    if let Some(n) = parse_quantity(&ini_str(c"corust.c_stack_size")) {
        crate::rt::coroutine::stack::set_stack_size(n);
    }
    coroutine::state()
        .hook_flags
        .set(ini_long(c"corust.hook_flags"));

    for b in [
        error_class(),
        exception_class(),
        coroutine_class(),
        timer_class(),
        event_class(),
    ] {
        if let Err(e) = b.register() {
            warn(E_WARNING, &format!("corust: cannot register a class: {e}"));
            return 1;
        }
    }

    let aliases = ini_long(c"corust.swoole_aliases") != 0;
    let short = ini_long(c"corust.use_shortname") != 0;
    if swoole_loaded() {
        if aliases || short {
            warn(E_WARNING, "corust: the swoole extension is loaded; Swoole-name aliases and short names are not registered");
        }
        return 0;
    }
    let mut fns = Vec::new();
    if aliases {
        for (alias, target) in [
            ("Swoole\\Coroutine", "Corust\\Coroutine"),
            ("Swoole\\Timer", "Corust\\Timer"),
            ("Swoole\\Event", "Corust\\Event"),
            ("Swoole\\Error", "Corust\\Error"),
            ("Swoole\\Exception", "Corust\\Exception"),
        ] {
            alias_class(alias, target);
        }
        fns.push(run_fn("Swoole\\Coroutine\\run"));
        fns.push(cpu_num_fn("swoole_cpu_num"));
    }
    if short {
        alias_class("Co", "Corust\\Coroutine");
        fns.push(go_fn("go"));
        fns.push(go_fn("co"));
        fns.push(defer_fn("defer"));
        fns.push(run_fn("Co\\run"));
    }
    if !fns.is_empty() {
        register_functions(fns);
    }
    0
}

pub extern "C" fn request_shutdown(_ty: i32, _module_number: i32) -> i32 {
    coroutine::shutdown();
    0
}

pub extern "C" fn info(module: *mut ModuleEntry) {
    ext_php_rs::info_table_start!();
    ext_php_rs::info_table_row!("corust support", "enabled");
    ext_php_rs::info_table_row!("version", env!("CARGO_PKG_VERSION"));
    ext_php_rs::info_table_row!(
        "c stack size",
        crate::rt::coroutine::stack::stack_size().to_string()
    );
    ext_php_rs::info_table_end!();
    // SAFETY: the engine passes our live module entry.
    unsafe { ext_php_rs::ffi::display_ini_entries(module) };
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .name("corust")
        .version(env!("CARGO_PKG_VERSION"))
        .startup_function(startup)
        .request_shutdown_function(request_shutdown)
        .info_function(info)
        .function(go_fn("Corust\\go"))
        .function(defer_fn("Corust\\defer"))
        .function(run_fn("Corust\\run"))
        .function(cpu_num_fn("Corust\\cpu_num"))
}
