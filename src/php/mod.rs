//! The PHP binding: module entry, ini settings, registration of functions,
//! classes and Swoole-name aliases, and request shutdown.
//!
//! The only tree that imports ext-php-rs. Handlers are raw `extern "C"`
//! functions (see `args::handler!`): no `zend_try` per call on hot paths, a
//! `catch_unwind` fence instead.

mod args;
mod channel;
mod context;
mod coroutine;
mod error;
mod globals;
mod hook;
mod object;
mod parallel;
mod server;
mod timer;
mod value;
mod vm;
mod wait_group;
mod zarray;
mod zend_ext;

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
        (
            FunctionBuilder::new("cancel", coroutine::co_cancel).arg(cid()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("isCanceled", coroutine::co_is_canceled),
        (
            FunctionBuilder::new("getContext", context::get_context)
                .not_required()
                .arg(cid().allow_null()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        (
            FunctionBuilder::new("getBackTrace", coroutine::co_backtrace)
                .not_required()
                .arg(cid())
                .arg(Arg::new("options", DataType::Long))
                .arg(Arg::new("limit", DataType::Long)),
            MethodFlags::Public | MethodFlags::Static,
        ),
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

fn method(f: FunctionBuilder<'static>) -> (FunctionBuilder<'static>, MethodFlags) {
    (f, MethodFlags::Public)
}

fn long_prop(name: &str) -> ClassProperty {
    ClassProperty {
        name: name.into(),
        flags: PropertyFlags::Public,
        default: Some(Box::new(|| {
            let mut z = ext_php_rs::types::Zval::new();
            z.set_long(0);
            Ok(z)
        })),
        docs: &[],
        ty: Some(DataType::Long),
        nullable: false,
        readonly: false,
        default_stub: None,
    }
}

fn null_prop(name: &str) -> ClassProperty {
    ClassProperty {
        name: name.into(),
        flags: PropertyFlags::Protected,
        default: None,
        docs: &[],
        ty: None,
        nullable: true,
        readonly: false,
        default_stub: None,
    }
}

fn native<T: object::Native>(c: &'static mut ClassEntry, a: ext_php_rs::args::ArgInfoTables) {
    c.__bindgen_anon_2.create_object = Some(object::create::<T>);
    object::install_handlers::<T>();
    keep_arg_info(c, a);
}

fn channel_class() -> ClassBuilder {
    let t = || Arg::new("timeout", DataType::Double);
    let m = vec![
        method(
            FunctionBuilder::new("__construct", channel::construct)
                .not_required()
                .arg(Arg::new("capacity", DataType::Long)),
        ),
        method(
            FunctionBuilder::new("push", channel::push)
                .arg(Arg::new("data", DataType::Mixed))
                .not_required()
                .arg(t()),
        ),
        method(
            FunctionBuilder::new("pop", channel::pop)
                .not_required()
                .arg(t()),
        ),
        method(FunctionBuilder::new("close", channel::close)),
        method(FunctionBuilder::new("length", channel::length)),
        method(FunctionBuilder::new("isEmpty", channel::is_empty)),
        method(FunctionBuilder::new("isFull", channel::is_full)),
        method(FunctionBuilder::new("stats", channel::stats)),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Channel"), m)
        .property(long_prop("capacity"))
        .property(long_prop("errCode"));
    for (name, v) in [
        ("OK", 0i64),
        ("TIMEOUT", -1),
        ("CLOSED", -2),
        ("CANCELED", -3),
    ] {
        b = match b.constant(name, v, &[], ConstantFlags::Public) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new("Corust\\Channel"),
        };
    }
    b.registration(native::<channel::ChannelObj>)
}

fn wait_group_class() -> ClassBuilder {
    let m = vec![
        method(
            FunctionBuilder::new("__construct", wait_group::wg_construct)
                .not_required()
                .arg(Arg::new("delta", DataType::Long)),
        ),
        method(
            FunctionBuilder::new("add", wait_group::wg_add)
                .not_required()
                .arg(Arg::new("delta", DataType::Long)),
        ),
        method(FunctionBuilder::new("done", wait_group::wg_done)),
        method(
            FunctionBuilder::new("wait", wait_group::wg_wait)
                .not_required()
                .arg(Arg::new("timeout", DataType::Double)),
        ),
        method(FunctionBuilder::new("count", wait_group::wg_count)),
    ];
    with_methods(ClassBuilder::new("Corust\\WaitGroup"), m)
        .registration(native::<wait_group::WaitGroupObj>)
}

fn barrier_class() -> ClassBuilder {
    let sf = MethodFlags::Public | MethodFlags::Static;
    let m = vec![
        (FunctionBuilder::new("make", wait_group::barrier_make), sf),
        (
            FunctionBuilder::new("wait", wait_group::barrier_wait)
                .arg(Arg::new("barrier", DataType::Object("Corust\\Barrier".into())).as_ref())
                .not_required()
                .arg(Arg::new("timeout", DataType::Double)),
            sf,
        ),
    ];
    with_methods(ClassBuilder::new("Corust\\Barrier"), m)
        .flags(ext_php_rs::flags::ClassFlags::Final)
        .registration(|c, a| {
            wait_group::BARRIER_CE.store(c, Ordering::Relaxed);
            native::<wait_group::BarrierObj>(c, a);
        })
}

fn coroutine_context_class() -> ClassBuilder {
    ClassBuilder::new("Corust\\Coroutine\\Context")
        .extends((array_object_ce, "ArrayObject"))
        .registration(|c, a| {
            context::CONTEXT_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

fn array_object_ce() -> &'static ClassEntry {
    let p = find_class("ArrayObject") as *const ClassEntry;
    // SAFETY: SPL is built in and registered before any extension's MINIT.
    unsafe { &*p }
}

fn runtime_exception_ce() -> &'static ClassEntry {
    let p = find_class("RuntimeException") as *const ClassEntry;
    // SAFETY: SPL is built in and registered before any extension's MINIT.
    unsafe { &*p }
}

fn context_class() -> ClassBuilder {
    let sf = MethodFlags::Public | MethodFlags::Static;
    let id = || Arg::new("id", DataType::String);
    let cid = || Arg::new("cid", DataType::Long).allow_null();
    let m = vec![
        (
            FunctionBuilder::new("set", context::ctx_set)
                .arg(id())
                .arg(Arg::new("value", DataType::Mixed))
                .not_required()
                .arg(cid()),
            sf,
        ),
        (
            FunctionBuilder::new("get", context::ctx_get)
                .arg(id())
                .not_required()
                .arg(Arg::new("default", DataType::Mixed))
                .arg(cid()),
            sf,
        ),
        (
            FunctionBuilder::new("has", context::ctx_has)
                .arg(id())
                .not_required()
                .arg(cid()),
            sf,
        ),
        (
            FunctionBuilder::new("destroy", context::ctx_destroy)
                .arg(id())
                .not_required()
                .arg(cid()),
            sf,
        ),
        (
            FunctionBuilder::new("override", context::ctx_override)
                .arg(id())
                .arg(Arg::new("callback", DataType::Callable))
                .not_required()
                .arg(cid()),
            sf,
        ),
        (
            FunctionBuilder::new("getOrSet", context::ctx_get_or_set)
                .arg(id())
                .arg(Arg::new("value", DataType::Mixed))
                .not_required()
                .arg(cid()),
            sf,
        ),
        (
            FunctionBuilder::new("copy", context::ctx_copy)
                .arg(Arg::new("fromCid", DataType::Long))
                .not_required()
                .arg(Arg::new("keys", DataType::Array)),
            sf,
        ),
    ];
    with_methods(ClassBuilder::new("Corust\\Context"), m).registration(keep_arg_info)
}

fn parallel_exception_class() -> ClassBuilder {
    let m = vec![
        method(FunctionBuilder::new(
            "getResults",
            parallel::pee_get_results,
        )),
        method(FunctionBuilder::new(
            "getThrowables",
            parallel::pee_get_throwables,
        )),
        method(
            FunctionBuilder::new("setResults", parallel::pee_set_results)
                .arg(Arg::new("results", DataType::Array)),
        ),
        method(
            FunctionBuilder::new("setThrowables", parallel::pee_set_throwables)
                .arg(Arg::new("throwables", DataType::Array)),
        ),
    ];
    with_methods(ClassBuilder::new("Corust\\ParallelExecutionException"), m)
        .extends((runtime_exception_ce, "RuntimeException"))
        .property(null_prop("results"))
        .property(null_prop("throwables"))
        .registration(|c, a| {
            parallel::PEE_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

fn runtime_class() -> ClassBuilder {
    let sf = MethodFlags::Public | MethodFlags::Static;
    let m = vec![
        (
            FunctionBuilder::new("enableCoroutine", hook::enable_coroutine)
                .not_required()
                .arg(Arg::new("flags", DataType::Mixed)),
            sf,
        ),
        (
            FunctionBuilder::new("setHookFlags", hook::set_hook_flags)
                .arg(Arg::new("flags", DataType::Long)),
            sf,
        ),
        static_method("getHookFlags", hook::get_hook_flags),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Runtime"), m);
    for (name, v) in hook::FLAGS {
        b = match b.constant(name, v, &[], ConstantFlags::Public) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new("Corust\\Runtime"),
        };
    }
    b.registration(keep_arg_info)
}

fn public_null_prop(name: &str) -> ClassProperty {
    ClassProperty {
        flags: PropertyFlags::Public,
        ..null_prop(name)
    }
}

/// `Corust\Server`, set at MINIT (parent of `Corust\Http\Server`).
static SERVER_CE: std::sync::atomic::AtomicPtr<ClassEntry> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

fn server_ce() -> &'static ClassEntry {
    // SAFETY: set when Corust\Server was registered, just before its subclass.
    unsafe { &*SERVER_CE.load(Ordering::Relaxed) }
}

fn server_class() -> ClassBuilder {
    let m = vec![
        method(
            FunctionBuilder::new("__construct", server::construct)
                .arg(Arg::new("host", DataType::String))
                .not_required()
                .arg(Arg::new("port", DataType::Long))
                .arg(Arg::new("mode", DataType::Long))
                .arg(Arg::new("sock_type", DataType::Long)),
        ),
        method(FunctionBuilder::new("set", server::set).arg(Arg::new("settings", DataType::Array))),
        method(
            FunctionBuilder::new("on", server::on)
                .arg(Arg::new("event_name", DataType::String))
                .arg(Arg::new("callback", DataType::Callable)),
        ),
        method(FunctionBuilder::new("start", server::start)),
        method(FunctionBuilder::new("shutdown", server::shutdown)),
        method(FunctionBuilder::new("reload", server::reload)),
        method(FunctionBuilder::new("stats", server::stats)),
        method(
            FunctionBuilder::new("send", server::send)
                .arg(Arg::new("fd", DataType::Long))
                .arg(Arg::new("data", DataType::String)),
        ),
        method(FunctionBuilder::new("close", server::close).arg(Arg::new("fd", DataType::Long))),
        method(FunctionBuilder::new("exists", server::exists).arg(Arg::new("fd", DataType::Long))),
        method(FunctionBuilder::new("exist", server::exists).arg(Arg::new("fd", DataType::Long))),
        method(
            FunctionBuilder::new("task", server::task_fn)
                .arg(Arg::new("data", DataType::Mixed))
                .not_required()
                .arg(Arg::new("dst_worker_id", DataType::Long))
                .arg(Arg::new("finish_callback", DataType::Callable).allow_null()),
        ),
        method(
            FunctionBuilder::new("finish", server::finish_fn)
                .arg(Arg::new("data", DataType::Mixed)),
        ),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Server"), m);
    for p in server::SERVER_PROPS {
        b = b.property(public_null_prop(p));
    }
    b.registration(|c, a| {
        SERVER_CE.store(c, Ordering::Relaxed);
        native::<server::ServerObj>(c, a);
    })
}

fn http_server_class() -> ClassBuilder {
    let m = vec![method(
        FunctionBuilder::new("__construct", server::http_construct)
            .arg(Arg::new("host", DataType::String))
            .not_required()
            .arg(Arg::new("port", DataType::Long))
            .arg(Arg::new("mode", DataType::Long))
            .arg(Arg::new("sock_type", DataType::Long)),
    )];
    with_methods(ClassBuilder::new("Corust\\Http\\Server"), m)
        .extends((server_ce, "Corust\\Server"))
        .registration(keep_arg_info)
}

fn http_request_class() -> ClassBuilder {
    let m = vec![
        method(FunctionBuilder::new(
            "getContent",
            server::http::req_content,
        )),
        method(FunctionBuilder::new(
            "rawContent",
            server::http::req_content,
        )),
        method(FunctionBuilder::new("getMethod", server::http::req_method)),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Http\\Request"), m);
    for p in server::http::REQUEST_PROPS {
        b = b.property(public_null_prop(p));
    }
    b.registration(|c, a| {
        server::http::REQUEST_CE.store(c, Ordering::Relaxed);
        native::<server::http::RequestObj>(c, a);
    })
}

fn http_response_class() -> ClassBuilder {
    let s = |n| Arg::new(n, DataType::String);
    let m = vec![
        method(
            FunctionBuilder::new("status", server::http::resp_status)
                .arg(Arg::new("http_code", DataType::Long))
                .not_required()
                .arg(s("reason")),
        ),
        method(
            FunctionBuilder::new("header", server::http::resp_header)
                .arg(s("key"))
                .arg(s("value"))
                .not_required()
                .arg(Arg::new("format", DataType::Bool)),
        ),
        method(
            FunctionBuilder::new("cookie", server::http::resp_cookie)
                .arg(s("name"))
                .not_required()
                .arg(s("value"))
                .arg(Arg::new("expires", DataType::Long))
                .arg(s("path"))
                .arg(s("domain"))
                .arg(Arg::new("secure", DataType::Bool))
                .arg(Arg::new("httponly", DataType::Bool))
                .arg(s("samesite")),
        ),
        method(FunctionBuilder::new("write", server::http::resp_write).arg(s("content"))),
        method(
            FunctionBuilder::new("end", server::http::resp_end)
                .not_required()
                .arg(Arg::new("content", DataType::String).allow_null()),
        ),
        method(
            FunctionBuilder::new("redirect", server::http::resp_redirect)
                .arg(s("location"))
                .not_required()
                .arg(Arg::new("http_code", DataType::Long)),
        ),
        method(FunctionBuilder::new(
            "isWritable",
            server::http::resp_is_writable,
        )),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Http\\Response"), m);
    for p in server::http::RESPONSE_PROPS {
        b = b.property(public_null_prop(p));
    }
    b.registration(|c, a| {
        server::http::RESPONSE_CE.store(c, Ordering::Relaxed);
        native::<server::http::ResponseObj>(c, a);
    })
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
    zarray::startup();
    hook::startup(ini_long(c"corust.hook_flags"));

    for b in [
        error_class(),
        exception_class(),
        coroutine_class(),
        timer_class(),
        event_class(),
        runtime_class(),
        channel_class(),
        wait_group_class(),
        barrier_class(),
        coroutine_context_class(),
        context_class(),
        parallel_exception_class(),
        server_class(),
        http_server_class(),
        http_request_class(),
        http_response_class(),
    ] {
        if let Err(e) = b.register() {
            warn(E_WARNING, &format!("corust: cannot register a class: {e}"));
            return 1;
        }
    }

    register_constants(module_number);
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
            ("Swoole\\Runtime", "Corust\\Runtime"),
            ("Swoole\\Server", "Corust\\Server"),
            ("Swoole\\Http\\Server", "Corust\\Http\\Server"),
            ("Swoole\\Http\\Request", "Corust\\Http\\Request"),
            ("Swoole\\Http\\Response", "Corust\\Http\\Response"),
            ("Swoole\\Error", "Corust\\Error"),
            ("Swoole\\Exception", "Corust\\Exception"),
            ("Swoole\\Coroutine\\Channel", "Corust\\Channel"),
            ("Swoole\\Coroutine\\WaitGroup", "Corust\\WaitGroup"),
            ("Swoole\\Coroutine\\Barrier", "Corust\\Barrier"),
            ("Swoole\\Coroutine\\Context", "Corust\\Coroutine\\Context"),
        ] {
            alias_class(alias, target);
        }
        fns.push(run_fn("Swoole\\Coroutine\\run"));
        fns.push(cpu_num_fn("swoole_cpu_num"));
    }
    if short {
        alias_class("Co", "Corust\\Coroutine");
        alias_class("Co\\Channel", "Corust\\Channel");
        alias_class("Co\\WaitGroup", "Corust\\WaitGroup");
        alias_class("Co\\Barrier", "Corust\\Barrier");
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

/// `SWOOLE_CHANNEL_*` global constants (registered with or without aliases:
/// they carry no Swoole class name).
fn register_constants(module_number: i32) {
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
        ("SWOOLE_LOG_DEBUG", 0),
        ("SWOOLE_LOG_TRACE", 1),
        ("SWOOLE_LOG_INFO", 2),
        ("SWOOLE_LOG_NOTICE", 3),
        ("SWOOLE_LOG_WARNING", 4),
        ("SWOOLE_LOG_ERROR", 5),
        ("SWOOLE_LOG_NONE", 6),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_string(), v));
    for (name, v) in chan.chain(hooks).chain(server) {
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
        .function(
            FunctionBuilder::new("Corust\\parallel", parallel::parallel)
                .arg(Arg::new("callables", DataType::Array))
                .not_required()
                .arg(Arg::new("concurrency", DataType::Long))
                .returns(DataType::Array, false, false),
        )
}
