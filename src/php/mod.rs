//! The PHP binding: module entry, ini settings, registration of functions,
//! classes and Swoole-name aliases, and request shutdown.
//!
//! The only tree that imports ext-php-rs. Handlers are raw `extern "C"`
//! functions (see `args::handler!`): no `zend_try` per call on hot paths, a
//! `catch_unwind` fence instead.

mod args;
mod atomic;
mod autoload;
mod channel;
mod classes;
mod constant;
mod context;
mod coroutine;
mod coroutine_api;
mod error;
mod event;
mod exit_exception;
mod fd;
mod fence;
mod global_constants;
mod globals;
mod hook;
mod identity;
mod library;
mod lock;
mod name_resolver;
mod net;
mod object;
mod parallel;
mod pool;
mod preempt;
mod proc_lock;
mod process;
mod process_queue;
mod runtime;
mod scheduler;
mod server;
mod sig;
mod swoole_error;
mod swoole_functions;
mod sys;
mod system;
mod table;
mod timer;
mod value;
mod vm;
mod wait_group;
mod zarray;

use std::ffi::CStr;
use std::sync::atomic::Ordering;

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, ClassProperty, FunctionBuilder};
use ext_php_rs::ffi::{
    compiler_globals, zend_hash_str_find, zend_ini_long, zend_ini_string,
    zend_register_class_alias_ex, zend_register_functions,
};
use ext_php_rs::flags::{ConstantFlags, DataType, IniEntryPermission, MethodFlags, PropertyFlags};
use ext_php_rs::prelude::*;
use ext_php_rs::zend::{ce, ClassEntry, FunctionEntry, IniEntryDef, IniEntryDefs, ModuleEntry};

use args::ret_long;
use error::{warn, E_WARNING};

/// `MODULE_PERSISTENT`.
const MODULE_PERSISTENT: i32 = 1;
/// `CONST_PERSISTENT`.
const CONST_PERSISTENT: i32 = 1;

static INI: IniEntryDefs<6> = IniEntryDefs::new([
    IniEntryDef::new(c"corust.swoole_aliases", c"1", IniEntryPermission::System),
    // Also visible as the `swoole` module (identity.rs).
    IniEntryDef::new(c"corust.swoole_identity", c"1", IniEntryPermission::System),
    IniEntryDef::new(c"corust.use_shortname", c"1", IniEntryPermission::System),
    // Swoole 6.2.2's SWOOLE_HOOK_ALL (0x7fffffff without HOOK_CURL and HOOK_MONGODB).
    IniEntryDef::new(c"corust.hook_flags", c"2143287295", IniEntryPermission::All),
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
        // Not syscall!: -1 may come without errno (no such limit); any
        // value below 1 counts as one CPU.
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

/// Makes `name` the name class `target` reports. MINIT only, after `name`
/// is registered as an alias of it (lookups go through the class table's
/// keys, which keep both names).
fn rename_class(target: &str, name: &str) {
    let c = find_class(target);
    if c.is_null() {
        return;
    }
    // SAFETY: MINIT, single-threaded: reading the engine's interning hook,
    // then setting the name of a class entry the engine owns to a permanent
    // interned string; the old name is interned too (nothing to release).
    unsafe {
        if let Some(intern) = ext_php_rs::ffi::zend_string_init_interned {
            (*c).name = intern(name.as_ptr().cast(), name.len(), true);
        }
    }
}

fn swoole_loaded() -> bool {
    !find_class("Swoole\\Coroutine").is_null()
}

pub extern "C" fn startup(ty: i32, module_number: i32) -> i32 {
    // FAILURE (1) when a panic stops the module from starting.
    fence::quiet("MINIT", 1, || startup_impl(ty, module_number))
}

fn startup_impl(_ty: i32, module_number: i32) -> i32 {
    IniEntryDef::register(INI.as_slice(), module_number);
    if let Some(n) = parse_quantity(&ini_str(c"corust.c_stack_size")) {
        crate::rt::coroutine::stack::set_stack_size(n);
    }
    zarray::startup();
    vm::startup();
    autoload::startup();
    hook::startup(ini_long(c"corust.hook_flags"));

    for b in classes::all() {
        if let Err(e) = b.register() {
            warn(E_WARNING, &format!("corust: cannot register a class: {e}"));
            return 1;
        }
    }

    let swoole = swoole_loaded();
    // With the real swoole loaded, its SWOOLE_* constants are the ones.
    if !swoole {
        register_constants(module_number);
    }
    let ini_on = |name: &CStr| identity::ini_value(name).is_some_and(|v| identity::ini_bool(&v));
    let identity = identity::startup(module_number, ini_on(c"corust.swoole_identity"), swoole);
    if identity {
        register_version_constants(module_number);
    }
    let aliases = ini_on(c"corust.swoole_aliases");
    // Swoole's own switch (Hyperf sets `swoole.use_shortname = Off`) counts
    // as much as ours.
    let short = ini_on(c"corust.use_shortname")
        && identity::ini_value(c"swoole.use_shortname").is_none_or(|v| identity::ini_bool(&v));
    if identity && !swoole {
        // SAFETY: MINIT; the engine copies the name into a persistent string.
        unsafe {
            ext_php_rs::ffi::zend_register_bool_constant(
                c"SWOOLE_USE_SHORTNAME".as_ptr(),
                "SWOOLE_USE_SHORTNAME".len(),
                short,
                CONST_PERSISTENT,
                module_number,
            );
        }
    }
    if swoole {
        if aliases || short {
            warn(E_WARNING, "corust: the swoole extension is loaded; Swoole-name aliases and short names are not registered");
        }
        return 0;
    }
    // Registered whatever the names: its arginfo is in the signature table.
    let mut fns = vec![FunctionBuilder::new(
        "Corust\\library_autoload",
        library::autoload,
    )];
    if aliases {
        for (alias, target) in [
            ("Swoole\\Coroutine", "Corust\\Coroutine"),
            ("Swoole\\Timer", "Corust\\Timer"),
            ("Swoole\\Event", "Corust\\Event"),
            ("Swoole\\Runtime", "Corust\\Runtime"),
            ("Swoole\\Server", "Corust\\Server"),
            ("Swoole\\Http\\Server", "Corust\\Http\\Server"),
            ("Swoole\\Server\\Port", "Corust\\Server\\Port"),
            ("Swoole\\WebSocket\\Server", "Corust\\WebSocket\\Server"),
            ("Swoole\\WebSocket\\Frame", "Corust\\WebSocket\\Frame"),
            (
                "Swoole\\WebSocket\\CloseFrame",
                "Corust\\WebSocket\\CloseFrame",
            ),
            ("Swoole\\Constant", "Corust\\Constant"),
            (
                "Swoole\\Coroutine\\Scheduler",
                "Corust\\Coroutine\\Scheduler",
            ),
            ("Swoole\\Coroutine\\Lock", "Corust\\Coroutine\\Lock"),
            ("Swoole\\Http\\Request", "Corust\\Http\\Request"),
            ("Swoole\\Http\\Response", "Corust\\Http\\Response"),
            ("Swoole\\Error", "Corust\\Error"),
            ("Swoole\\Exception", "Corust\\Exception"),
            ("Swoole\\Coroutine\\Channel", "Corust\\Channel"),
            ("Swoole\\Coroutine\\WaitGroup", "Corust\\WaitGroup"),
            ("Swoole\\Coroutine\\Barrier", "Corust\\Barrier"),
            ("Swoole\\Coroutine\\Context", "Corust\\Coroutine\\Context"),
            ("Swoole\\Coroutine\\Iterator", "Corust\\Coroutine\\Iterator"),
            ("Swoole\\Timer\\Iterator", "Corust\\Timer\\Iterator"),
            ("Swoole\\Coroutine\\System", "Corust\\Coroutine\\System"),
            ("Swoole\\ExitException", "Corust\\ExitException"),
            ("Swoole\\Atomic", "Corust\\Atomic"),
            ("Swoole\\Table", "Corust\\Table"),
            ("Swoole\\Lock", "Corust\\Lock"),
            (
                "Swoole\\Connection\\Iterator",
                "Corust\\Connection\\Iterator",
            ),
            ("Swoole\\Coroutine\\Socket", "Corust\\Coroutine\\Socket"),
            ("Swoole\\Coroutine\\Client", "Corust\\Coroutine\\Client"),
            ("Swoole\\Client", "Corust\\Client"),
            ("Swoole\\Server\\Task", "Corust\\Server\\Task"),
            ("Swoole\\Http\\Cookie", "Corust\\Http\\Cookie"),
            (
                "Swoole\\Coroutine\\Http\\Server",
                "Corust\\Coroutine\\Http\\Server",
            ),
            (
                "Swoole\\Coroutine\\Http\\Client",
                "Corust\\Coroutine\\Http\\Client",
            ),
            (
                "Swoole\\Coroutine\\Http\\Client\\Exception",
                "Corust\\Coroutine\\Http\\Client\\Exception",
            ),
            (
                "Swoole\\Coroutine\\Socket\\Exception",
                "Corust\\Coroutine\\Socket\\Exception",
            ),
            ("Swoole\\Process", "Corust\\Process"),
            (
                "Swoole\\NameResolver\\Context",
                "Corust\\NameResolver\\Context",
            ),
            ("Swoole\\Process\\Pool", "Corust\\Process\\Pool"),
            ("Swoole\\Atomic\\Long", "Corust\\Atomic\\Long"),
            (
                "Swoole\\Coroutine\\CanceledException",
                "Corust\\Coroutine\\CanceledException",
            ),
            (
                "Swoole\\Coroutine\\TimeoutException",
                "Corust\\Coroutine\\TimeoutException",
            ),
        ] {
            alias_class(alias, target);
            // The Swoole name is the class's own (get_class, reflection,
            // messages), as with Swoole; the corust name stays an alias.
            rename_class(target, alias);
        }
        fns.push(run_fn("Swoole\\Coroutine\\run"));
        fns.push(go_fn("Swoole\\Coroutine\\go"));
        fns.push(defer_fn("Swoole\\Coroutine\\defer"));
        fns.push(cpu_num_fn("swoole_cpu_num"));
        fns.push(FunctionBuilder::new(
            "swoole_last_error",
            swoole_error::last_error,
        ));
        fns.push(FunctionBuilder::new("swoole_errno", swoole_error::errno));
        fns.push(FunctionBuilder::new(
            "swoole_strerror",
            swoole_error::strerror_fn,
        ));
        fns.push(FunctionBuilder::new(
            "swoole_clear_error",
            swoole_error::clear_error,
        ));
        fns.extend(swoole_functions::all());
        LIBRARY.store(true, std::sync::atomic::Ordering::Relaxed);
        vm::exit::install(exit_exception::on_exit);
    }
    if identity {
        fns.push(FunctionBuilder::new(
            "swoole_version",
            identity::swoole_version,
        ));
    }
    if short {
        alias_class("Co", "Corust\\Coroutine");
        alias_class("Co\\Channel", "Corust\\Channel");
        alias_class("Co\\WaitGroup", "Corust\\WaitGroup");
        alias_class("Co\\Barrier", "Corust\\Barrier");
        alias_class("Co\\System", "Corust\\Coroutine\\System");
        alias_class("Co\\Scheduler", "Corust\\Coroutine\\Scheduler");
        alias_class("Co\\Context", "Corust\\Coroutine\\Context");
        alias_class("Co\\Iterator", "Corust\\Coroutine\\Iterator");
        alias_class("Co\\Socket", "Corust\\Coroutine\\Socket");
        alias_class("Co\\Client", "Corust\\Coroutine\\Client");
        alias_class("Co\\Http\\Client", "Corust\\Coroutine\\Http\\Client");
        alias_class("Co\\Http\\Server", "Corust\\Coroutine\\Http\\Server");
        alias_class(
            "Co\\Http\\Client\\Exception",
            "Corust\\Coroutine\\Http\\Client\\Exception",
        );
        alias_class(
            "Co\\Socket\\Exception",
            "Corust\\Coroutine\\Socket\\Exception",
        );
        alias_class("Chan", "Corust\\Channel");
        fns.push(go_fn("Co\\go"));
        fns.push(defer_fn("Co\\defer"));
        fns.push(go_fn("go"));
        fns.push(go_fn("co"));
        fns.push(defer_fn("defer"));
        fns.push(run_fn("Co\\run"));
    }
    if !fns.is_empty() {
        register_functions(fns);
    }
    apply_signatures();
    if identity && !identity::register_module() {
        warn(E_WARNING, "corust: could not register the swoole module");
    }
    0
}

/// Gives every class method and function its Swoole declaration; a
/// declaration that does not fit is a startup warning (the suite fails on
/// it), never a crash.
fn apply_signatures() {
    let mut errs = Vec::new();
    for (class, decls) in classes::signatures() {
        let ce = find_class(class);
        if ce.is_null() {
            errs.push(format!("no class {class}"));
            continue;
        }
        errs.extend(
            sig::methods(ce, decls)
                .into_iter()
                .map(|e| format!("{class}: {e}")),
        );
    }
    for (name, decl) in classes::FUNCTION_SIGNATURES
        .iter()
        .chain(swoole_functions::SIGNATURES)
        .chain(name_resolver::FUNCTION_SIGNATURES)
    {
        if let Err(e) = sig::function(name, decl) {
            if !e.starts_with("no function") || name.starts_with("Corust") {
                errs.push(format!("{name}: {e}"));
            }
        }
    }
    for e in errs {
        warn(E_WARNING, &format!("corust: signature: {e}"));
    }
}

/// Registers the global boolean constant `name` = `v` (MINIT).
fn register_bool(name: &std::ffi::CStr, v: bool, module_number: i32) {
    // SAFETY: MINIT; the engine copies the name into a persistent string.
    unsafe {
        ext_php_rs::ffi::zend_register_bool_constant(
            name.as_ptr(),
            name.count_bytes(),
            v,
            CONST_PERSISTENT,
            module_number,
        );
    }
}

/// Registers the global constant `name` = `v` (MINIT).
fn register_long(name: &str, v: i64, module_number: i32) {
    // SAFETY: MINIT; the engine copies the name into a persistent string.
    unsafe {
        ext_php_rs::ffi::zend_register_long_constant(
            name.as_ptr().cast(),
            name.len(),
            v,
            CONST_PERSISTENT,
            module_number,
        );
    }
}

/// Swoole's version constants, for the version corust implements.
fn register_version_constants(module_number: i32) {
    let (major, minor, release) = identity::VERSION_PARTS;
    let longs = [
        ("SWOOLE_VERSION_ID", identity::VERSION_ID),
        ("SWOOLE_MAJOR_VERSION", major),
        ("SWOOLE_MINOR_VERSION", minor),
        ("SWOOLE_RELEASE_VERSION", release),
    ];
    for (name, v) in longs {
        register_long(name, v, module_number);
    }
    for (name, v) in [
        ("SWOOLE_VERSION", identity::VERSION),
        ("SWOOLE_EXTRA_VERSION", ""),
    ] {
        let value = std::ffi::CString::new(v).unwrap_or_default();
        // SAFETY: MINIT; the engine copies the name and the value into
        // persistent strings.
        unsafe {
            ext_php_rs::ffi::zend_register_string_constant(
                name.as_ptr().cast(),
                name.len(),
                value.as_ptr().cast_mut(),
                CONST_PERSISTENT,
                module_number,
            );
        }
    }
}

/// `SWOOLE_CHANNEL_*` global constants (registered with or without aliases:
/// they carry no Swoole class name).
fn register_constants(module_number: i32) {
    // Swoole's client mode flags are booleans (`$async` of Swoole\Client).
    register_bool(c"SWOOLE_SOCK_SYNC", false, module_number);
    register_bool(c"SWOOLE_SOCK_ASYNC", true, module_number);
    let hooks = hook::FLAGS.iter().map(|(n, v)| (format!("SWOOLE_{n}"), *v));
    let chan = [
        ("OK", 0i64),
        ("TIMEOUT", -1),
        ("CLOSED", -2),
        ("CANCELED", -3),
    ]
    .into_iter()
    .map(|(n, v)| (format!("SWOOLE_CHANNEL_{n}"), v));
    let server = [
        ("SWOOLE_BASE", 1i64),
        ("SWOOLE_PROCESS", 2),
        ("SWOOLE_SOCK_TCP", 1),
        ("SWOOLE_SOCK_UDP", 2),
        ("SWOOLE_SOCK_TCP6", 3),
        ("SWOOLE_SOCK_UDP6", 4),
        ("SWOOLE_SOCK_UNIX_STREAM", 5),
        ("SWOOLE_SOCK_UNIX_DGRAM", 6),
        ("SWOOLE_KEEP", 1 << 12),
        ("SWOOLE_SOCK_RAW", 7),
        ("SWOOLE_SOCK_RAW6", 8),
        ("SWOOLE_TCP", 1),
        ("SWOOLE_TCP6", 3),
        ("SWOOLE_UDP", 2),
        ("SWOOLE_UDP6", 4),
        ("SWOOLE_UNIX_DGRAM", 6),
        ("SWOOLE_UNIX_STREAM", 5),
        ("SWOOLE_IOV_MAX", i64::from(libc::UIO_MAXIOV)),
        ("SOCKET_ECANCELED", i64::from(libc::ECANCELED)),
        ("TCP_INFO", i64::from(libc::TCP_INFO)),
        ("SWOOLE_LOG_DEBUG", 0),
        ("SWOOLE_LOG_TRACE", 1),
        ("SWOOLE_LOG_INFO", 2),
        ("SWOOLE_LOG_NOTICE", 3),
        ("SWOOLE_LOG_WARNING", 4),
        ("SWOOLE_LOG_ERROR", 5),
        ("SWOOLE_LOG_NONE", 6),
        ("SWOOLE_CORO_MAX_NUM_LIMIT", i64::MAX),
        ("SWOOLE_EXIT_IN_COROUTINE", exit_exception::IN_COROUTINE),
        ("SWOOLE_EXIT_IN_SERVER", exit_exception::IN_SERVER),
        ("SWOOLE_CORO_INIT", 0),
        ("SWOOLE_CORO_WAITING", 1),
        ("SWOOLE_CORO_RUNNING", 2),
        ("SWOOLE_CORO_END", 3),
        ("SWOOLE_MUTEX", proc_lock::MUTEX),
        ("SWOOLE_RWLOCK", proc_lock::RWLOCK),
        ("SWOOLE_SPINLOCK", proc_lock::SPINLOCK),
        ("SWOOLE_WORKER_BUSY", i64::from(crate::server::board::BUSY)),
        ("SWOOLE_WORKER_IDLE", i64::from(crate::server::board::IDLE)),
        ("SWOOLE_WORKER_EXIT", i64::from(crate::server::board::EXIT)),
        ("SWOOLE_EVENT_READ", system::EVENT_READ),
        ("SWOOLE_EVENT_WRITE", system::EVENT_WRITE),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_string(), v));
    let errors = crate::swerr::CODES
        .iter()
        .map(|(n, v, _)| (format!("SWOOLE_ERROR_{n}"), *v));
    let strerror = swoole_error::STRERROR_TYPES
        .iter()
        .map(|(n, v)| (n.to_string(), *v));
    let websocket = server::ws_api::constants().into_iter();
    let http_client = net::http_client::constants()
        .into_iter()
        .map(|(n, v)| (n.to_string(), v));
    for (name, v) in chan
        .chain(hooks)
        .chain(server)
        .chain(errors)
        .chain(strerror)
        .chain(websocket)
        .chain(http_client)
        .chain(
            global_constants::INTS
                .iter()
                .map(|(n, v)| (n.to_string(), *v)),
        )
    {
        register_long(&name, v, module_number);
    }
    // SAFETY: MINIT on the PHP thread; module_registry is the engine's
    // table of loaded modules, read-only here.
    let sockets = unsafe {
        !ext_php_rs::ffi::zend_hash_str_find(
            std::ptr::addr_of!(sys::zend::module_registry),
            c"sockets".as_ptr(),
            7,
        )
        .is_null()
    };
    if !sockets {
        for (name, v) in global_constants::SOCKETS {
            register_long(name, *v, module_number);
        }
    }
    for (name, v) in global_constants::BOOLS {
        register_bool(name, *v, module_number);
    }
    for (name, v) in global_constants::FLOATS {
        // SAFETY: MINIT; the engine copies the name into a persistent string.
        unsafe {
            ext_php_rs::ffi::zend_register_double_constant(
                name.as_ptr(),
                name.count_bytes(),
                *v,
                CONST_PERSISTENT,
                module_number,
            );
        }
    }
}

/// True when MINIT registered the Swoole names (the library is loaded then).
static LIBRARY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub extern "C" fn request_startup(_ty: i32, _module_number: i32) -> i32 {
    fence::quiet("RINIT", 0, || {
        if LIBRARY.load(std::sync::atomic::Ordering::Relaxed) {
            library::load();
        }
        preempt::startup(identity::preemptive_ini());
        0
    })
}

pub extern "C" fn request_shutdown(_ty: i32, _module_number: i32) -> i32 {
    fence::quiet("RSHUTDOWN", 0, || {
        preempt::shutdown();
        coroutine::shutdown();
        name_resolver::shutdown();
        0
    })
}

pub extern "C" fn info(module: *mut ModuleEntry) {
    fence::quiet("MINFO", (), || info_impl(module))
}

fn info_impl(module: *mut ModuleEntry) {
    ext_php_rs::info_table_start!();
    ext_php_rs::info_table_row!("corust support", "enabled");
    ext_php_rs::info_table_row!("version", env!("CARGO_PKG_VERSION"));
    ext_php_rs::info_table_row!(
        "c stack size",
        crate::rt::coroutine::stack::stack_size().to_string()
    );
    ext_php_rs::info_table_row!("openssl", openssl::version::version());
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
        .request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown)
        .info_function(info)
        .function(go_fn("Corust\\go"))
        .function(defer_fn("Corust\\defer"))
        .function(run_fn("Corust\\run"))
        .function(cpu_num_fn("Corust\\cpu_num"))
        .function(
            FunctionBuilder::new("Corust\\parallel", parallel::parallel)
                .arg(Arg::new("callables", DataType::Array))
                .not_required()
                .arg(Arg::new("concurrency", DataType::Long))
                .returns(DataType::Array, false, false),
        )
}
