//! The classes corust registers: their methods, properties and constants,
//! wired to the handlers of each feature's module. Registered in `startup`
//! (`all()`, in dependency order: parents before children).

use super::*;

/// Every class, parents first.
pub fn all() -> Vec<ClassBuilder> {
    let mut v = vec![
        error_class(),
        exception_class(),
        exit_exception_class(),
        ClassBuilder::new("Corust\\Coroutine\\Socket\\Exception")
            .extends((swoole_exception_ce, "Corust\\Exception"))
            .registration(|c, a| {
                error::SOCKET_EXCEPTION_CE.store(c, Ordering::Relaxed);
                keep_arg_info(c, a);
            }),
        co_exception_class("Corust\\Coroutine\\CanceledException", |c, a| {
            coroutine_api::CANCELED_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        }),
        co_exception_class("Corust\\Coroutine\\TimeoutException", |c, a| {
            coroutine_api::TIMEOUT_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        }),
        coroutine_class(),
        timer_class(),
        event::class(),
        runtime_class(),
        channel_class(),
        wait_group_class(),
        barrier_class(),
        coroutine_context_class(),
        iterator_class("Corust\\Coroutine\\Iterator"),
        iterator_class("Corust\\Timer\\Iterator"),
        context_class(),
        parallel_exception_class(),
        system_class(),
        server_class(),
        port_class(),
        constant_class(),
        scheduler_class(),
        lock_class(),
        http_server_class(),
        websocket_server_class(),
        websocket_frame_class(),
        websocket_close_frame_class(),
        http_request_class(),
        http_response_class(),
    ];
    v.extend(atomic::classes());
    v.push(process::class());
    v.push(super::pool::class());
    v.push(table::class());
    v.push(net::socket::class());
    v.push(net::client::class());
    v.push(net::sync_client::class());
    v.push(server::co_http::class());
    v.push(server::task_obj::class());
    v.push(server::cookie_obj::class());
    v.push(net::http_client::exception_class(swoole_exception_ce));
    v.push(net::http_client::class());
    v.push(proc_lock::class());
    v.push(server::connections::class());
    v.push(super::name_resolver::class());
    v
}

/// Swoole's declarations of each class's methods, applied after the classes
/// are registered (`sig.rs`); each list lives next to its handlers.
pub fn signatures() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("Corust\\Coroutine", coroutine_api::SIGNATURES),
        ("Corust\\Coroutine", system::SIGNATURES),
        ("Corust\\Coroutine\\System", system::SIGNATURES),
        ("Corust\\Channel", channel::SIGNATURES),
        ("Corust\\WaitGroup", wait_group::WAIT_GROUP_SIGNATURES),
        ("Corust\\Barrier", wait_group::BARRIER_SIGNATURES),
        ("Corust\\Timer", timer::SIGNATURES),
        ("Corust\\ExitException", exit_exception::SIGNATURES),
        ("Corust\\Atomic", atomic::ATOMIC_SIGNATURES),
        ("Corust\\Process", process::SIGNATURES),
        ("Corust\\Process\\Pool", super::pool::SIGNATURES),
        ("Corust\\Table", table::SIGNATURES),
        ("Corust\\Lock", proc_lock::SIGNATURES),
        (
            "Corust\\Connection\\Iterator",
            server::connections::SIGNATURES,
        ),
        ("Corust\\Coroutine\\Socket", net::socket::SIGNATURES),
        ("Corust\\Coroutine\\Client", net::client::SIGNATURES),
        ("Corust\\Client", net::sync_client::SIGNATURES),
        (
            "Corust\\Coroutine\\Http\\Server",
            server::co_http::SIGNATURES,
        ),
        ("Corust\\Server\\Task", server::task_obj::SIGNATURES),
        ("Corust\\Http\\Cookie", server::cookie_obj::SIGNATURES),
        (
            "Corust\\Coroutine\\Http\\Client",
            net::http_client::SIGNATURES,
        ),
        ("Corust\\Atomic\\Long", atomic::LONG_SIGNATURES),
        ("Corust\\Event", event::SIGNATURES),
        ("Corust\\Runtime", hook::SIGNATURES),
        ("Corust\\Server", server::SIGNATURES),
        ("Corust\\Http\\Server", server::SIGNATURES),
        ("Corust\\WebSocket\\Server", server::SIGNATURES),
        (
            "Corust\\WebSocket\\Server",
            server::ws_api::SERVER_SIGNATURES,
        ),
        ("Corust\\WebSocket\\Frame", server::ws_api::FRAME_SIGNATURES),
        ("Corust\\Http\\Request", server::http::SIGNATURES),
        ("Corust\\Http\\Response", server::response::SIGNATURES),
        ("Corust\\Context", context::SIGNATURES),
        ("Corust\\Server\\Port", server::port::SIGNATURES),
        ("Corust\\Coroutine\\Scheduler", scheduler::SIGNATURES),
        ("Corust\\Coroutine\\Lock", lock::SIGNATURES),
        (
            "Corust\\NameResolver\\Context",
            super::name_resolver::SIGNATURES,
        ),
        (
            "Corust\\ParallelExecutionException",
            parallel::EXCEPTION_SIGNATURES,
        ),
    ]
}

/// Swoole's declarations of the functions (Swoole 6.2.2: `go` and
/// `Swoole\Coroutine\run` as its stubs and library declare them); a name
/// not registered (short names off) is skipped.
pub const FUNCTION_SIGNATURES: &[(&str, &str)] = &[
    (
        "Corust\\go",
        "go(callable $func, mixed ...$params): int|false",
    ),
    ("go", "go(callable $func, mixed ...$params): int|false"),
    (
        "Swoole\\Coroutine\\go",
        "go(callable $fn, mixed ...$args): int|false",
    ),
    ("Co\\go", "go(callable $fn, mixed ...$args): int|false"),
    ("Swoole\\Coroutine\\defer", "defer(callable $fn): void"),
    ("Co\\defer", "defer(callable $fn): void"),
    ("co", "co(callable $func, mixed ...$params): int|false"),
    ("Corust\\defer", "defer(callable $callback): void"),
    ("defer", "defer(callable $callback): void"),
    ("Corust\\run", "run(callable $fn, mixed ...$args): bool"),
    (
        "Swoole\\Coroutine\\run",
        "run(callable $fn, mixed ...$args): bool",
    ),
    ("Co\\run", "run(callable $fn, mixed ...$args): bool"),
    ("Corust\\cpu_num", "cpu_num(): int"),
    (
        "Corust\\library_autoload",
        "library_autoload(string $class): void",
    ),
    ("swoole_cpu_num", "swoole_cpu_num(): int"),
    ("swoole_version", "swoole_version(): string"),
    ("swoole_last_error", "swoole_last_error(): int"),
    ("swoole_errno", "swoole_errno(): int"),
    (
        "swoole_strerror",
        "swoole_strerror(int $errno, int $error_type = SWOOLE_STRERROR_SYSTEM): string",
    ),
    ("swoole_clear_error", "swoole_clear_error(): void"),
    (
        "Corust\\parallel",
        "parallel(array $callables, int $concurrency = 0): array",
    ),
];

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

pub(super) fn keep_arg_info(_: &'static mut ClassEntry, arg_info: ext_php_rs::args::ArgInfoTables) {
    // The engine points into these for the process lifetime.
    std::mem::forget(arg_info);
}

fn coroutine_class() -> ClassBuilder {
    let cid = || Arg::new("cid", DataType::Long);
    let m = vec![
        (go_fn("create"), MethodFlags::Public | MethodFlags::Static),
        (defer_fn("defer"), MethodFlags::Public | MethodFlags::Static),
        static_method("id", coroutine_api::co_id),
        static_method("getCid", coroutine_api::co_id),
        (
            FunctionBuilder::new("getPcid", coroutine_api::co_pcid)
                .not_required()
                .arg(cid().allow_null()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("inCoroutine", coroutine_api::co_in),
        static_method("getuid", coroutine_api::co_id),
        static_method("getStackUsage", coroutine_api::co_stack_usage),
        static_method("enableScheduler", coroutine_api::co_enable_scheduler),
        static_method("disableScheduler", coroutine_api::co_disable_scheduler),
        static_method("setTimeLimit", coroutine_api::co_set_time_limit),
        static_method("getElapsed", coroutine_api::co_elapsed),
        (
            FunctionBuilder::new("exists", coroutine_api::co_exists).arg(cid()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("list", coroutine_api::co_list),
        static_method("listCoroutines", coroutine_api::co_list),
        static_method("stats", coroutine_api::co_stats),
        (
            FunctionBuilder::new("sleep", coroutine_api::co_sleep)
                .arg(Arg::new("seconds", DataType::Double)),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("yield", coroutine_api::co_yield),
        static_method("suspend", coroutine_api::co_yield),
        (
            FunctionBuilder::new("resume", coroutine_api::co_resume).arg(cid()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        (
            FunctionBuilder::new("set", coroutine_api::co_set)
                .arg(Arg::new("options", DataType::Array)),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("getOptions", coroutine_api::co_get_options),
        (
            FunctionBuilder::new("cancel", coroutine_api::co_cancel).arg(cid()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        static_method("isCanceled", coroutine_api::co_is_canceled),
        (
            FunctionBuilder::new("getContext", context::get_context)
                .not_required()
                .arg(cid().allow_null()),
            MethodFlags::Public | MethodFlags::Static,
        ),
        (
            FunctionBuilder::new("getBackTrace", coroutine_api::co_backtrace)
                .not_required()
                .arg(cid())
                .arg(Arg::new("options", DataType::Long))
                .arg(Arg::new("limit", DataType::Long)),
            MethodFlags::Public | MethodFlags::Static,
        ),
        (
            FunctionBuilder::new("printBackTrace", coroutine_api::co_print_backtrace)
                .not_required()
                .arg(cid())
                .arg(Arg::new("options", DataType::Long))
                .arg(Arg::new("limit", DataType::Long)),
            MethodFlags::Public | MethodFlags::Static,
        ),
        (
            FunctionBuilder::new("join", coroutine_api::co_join)
                .arg(Arg::new("cid_array", DataType::Array))
                .not_required()
                .arg(Arg::new("timeout", DataType::Double)),
            MethodFlags::Public | MethodFlags::Static,
        ),
    ];
    let mut cb = with_methods(ClassBuilder::new("Corust\\Coroutine"), m);
    // Swoole\Coroutine carries the System calls as static methods too.
    for (name, f) in system_methods() {
        if name != "sleep" {
            cb = cb.method(f, MethodFlags::Public | MethodFlags::Static);
        }
    }
    cb.registration(keep_arg_info)
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
        (FunctionBuilder::new("info", timer::info).arg(id()), sf),
        static_method("stats", timer::stats),
    ];
    with_methods(ClassBuilder::new("Corust\\Timer"), m).registration(keep_arg_info)
}

fn method(f: FunctionBuilder<'static>) -> (FunctionBuilder<'static>, MethodFlags) {
    (f, MethodFlags::Public)
}

pub(super) fn long_prop(name: &str) -> ClassProperty {
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

pub(super) fn native<T: object::Native>(
    c: &'static mut ClassEntry,
    a: ext_php_rs::args::ArgInfoTables,
) {
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

/// `Coroutine::list()`'s and `Timer::list()`'s classes: `ArrayIterator`s,
/// as Swoole's `Coroutine\Iterator` and `Timer\Iterator` are.
fn iterator_class(name: &'static str) -> ClassBuilder {
    ClassBuilder::new(name)
        .extends((array_iterator_ce, "ArrayIterator"))
        .registration(keep_arg_info)
}

fn array_iterator_ce() -> &'static ClassEntry {
    let p = find_class("ArrayIterator") as *const ClassEntry;
    // SAFETY: SPL is built in and registered before any extension's MINIT.
    unsafe { &*p }
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

/// A private untyped property defaulting to null.
pub(super) fn private_null_prop(name: &str) -> ClassProperty {
    ClassProperty {
        flags: PropertyFlags::Private,
        ..null_prop(name)
    }
}

pub(super) fn public_null_prop(name: &str) -> ClassProperty {
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

/// `Corust\Coroutine\Lock` (`Swoole\Coroutine\Lock`).
fn lock_class() -> ClassBuilder {
    let m = vec![
        method(FunctionBuilder::new("__construct", lock::lock_construct)),
        method(FunctionBuilder::new("lock", lock::lock_lock)),
        method(FunctionBuilder::new("unlock", lock::lock_unlock)),
    ];
    with_methods(ClassBuilder::new("Corust\\Coroutine\\Lock"), m)
        .property(long_prop("errCode"))
        .registration(native::<lock::LockObj>)
}

/// `Corust\Coroutine\Scheduler` (`Swoole\Coroutine\Scheduler`).
fn scheduler_class() -> ClassBuilder {
    let m = vec![
        method(FunctionBuilder::new("add", scheduler::sched_add)),
        method(FunctionBuilder::new("parallel", scheduler::sched_parallel)),
        method(FunctionBuilder::new("set", coroutine_api::co_set)),
        method(FunctionBuilder::new(
            "getOptions",
            coroutine_api::co_get_options,
        )),
        method(FunctionBuilder::new("start", scheduler::sched_start)),
    ];
    with_methods(ClassBuilder::new("Corust\\Coroutine\\Scheduler"), m)
        .registration(native::<scheduler::SchedulerObj>)
}

/// `Corust\Constant` (`Swoole\Constant`): event and option names.
fn constant_class() -> ClassBuilder {
    let mut b = ClassBuilder::new("Corust\\Constant");
    for (name, v) in constant::CONSTANTS {
        b = match b.constant(*name, *v, &[], ConstantFlags::Public) {
            Ok(b) => b,
            Err(_) => return ClassBuilder::new("Corust\\Constant"),
        };
    }
    b.registration(keep_arg_info)
}

fn port_class() -> ClassBuilder {
    let m = vec![
        method(FunctionBuilder::new("set", server::port::port_set)),
        method(FunctionBuilder::new("on", server::port::port_on)),
        method(FunctionBuilder::new(
            "getCallback",
            server::port::port_get_callback,
        )),
        method(FunctionBuilder::new(
            "getSocket",
            server::port::port_get_socket,
        )),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Server\\Port"), m);
    for p in server::port::PORT_PROPS {
        b = b.property(public_null_prop(p));
    }
    b.registration(|c, a| {
        server::port::PORT_CE.store(c, Ordering::Relaxed);
        native::<server::port::PortObj>(c, a);
    })
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
        method(FunctionBuilder::new("getCallback", server::get_callback)),
        method(FunctionBuilder::new("listen", server::port::listen)),
        method(FunctionBuilder::new("addlistener", server::port::listen)),
        method(FunctionBuilder::new("start", server::start)),
        method(FunctionBuilder::new("shutdown", server::shutdown)),
        method(FunctionBuilder::new("reload", server::reload)),
        method(FunctionBuilder::new("stats", server::cluster::stats)),
        method(FunctionBuilder::new(
            "sendMessage",
            server::cluster::send_message,
        )),
        method(FunctionBuilder::new(
            "addProcess",
            server::cluster::add_process,
        )),
        method(FunctionBuilder::new("stop", server::cluster::stop)),
        method(FunctionBuilder::new("taskwait", server::cluster::taskwait)),
        method(FunctionBuilder::new(
            "taskWaitMulti",
            server::cluster::task_wait_multi,
        )),
        method(FunctionBuilder::new("taskCo", server::cluster::task_co)),
        method(FunctionBuilder::new(
            "getWorkerId",
            server::cluster::get_worker_id,
        )),
        method(FunctionBuilder::new(
            "getWorkerPid",
            server::cluster::get_worker_pid,
        )),
        method(FunctionBuilder::new(
            "getWorkerStatus",
            server::cluster::get_worker_status,
        )),
        method(FunctionBuilder::new(
            "getManagerPid",
            server::cluster::get_manager_pid,
        )),
        method(FunctionBuilder::new(
            "getMasterPid",
            server::cluster::get_master_pid,
        )),
        method(FunctionBuilder::new(
            "getClientInfo",
            server::cluster::get_client_info,
        )),
        method(FunctionBuilder::new(
            "getClientList",
            server::cluster::get_client_list,
        )),
        method(FunctionBuilder::new("getSocket", server::get_socket)),
        method(FunctionBuilder::new(
            "addCommand",
            server::command::add_command,
        )),
        method(FunctionBuilder::new("command", server::command::command_fn)),
        // Swoole's aliases (Hyperf's WebSocket sender calls connection_info).
        method(FunctionBuilder::new(
            "connection_info",
            server::cluster::get_client_info,
        )),
        method(FunctionBuilder::new(
            "connection_list",
            server::cluster::get_client_list,
        )),
        method(
            FunctionBuilder::new("send", server::send)
                .arg(Arg::new("fd", DataType::Long))
                .arg(Arg::new("data", DataType::String)),
        ),
        method(FunctionBuilder::new("close", server::close).arg(Arg::new("fd", DataType::Long))),
        method(FunctionBuilder::new("exists", server::exists).arg(Arg::new("fd", DataType::Long))),
        method(FunctionBuilder::new("exist", server::exists).arg(Arg::new("fd", DataType::Long))),
        method(FunctionBuilder::new("heartbeat", server::heartbeat_fn)),
        method(FunctionBuilder::new("sendfile", server::sendfile_fn)),
        method(FunctionBuilder::new("bind", server::bind_fn)),
        method(FunctionBuilder::new("sendwait", server::sendwait_fn)),
        method(FunctionBuilder::new("protect", server::protect_fn)),
        method(FunctionBuilder::new("pause", server::pause_fn)),
        method(FunctionBuilder::new("resume", server::resume_fn)),
        method(FunctionBuilder::new("confirm", server::resume_fn)),
        method(FunctionBuilder::new(
            "getLastError",
            super::swoole_error::last_error,
        )),
        method(FunctionBuilder::new("sendto", server::sendto_fn)),
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
        .registration(|c, a| {
            HTTP_SERVER_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

/// `Corust\Http\Server`, set at MINIT (parent of the WebSocket server).
static HTTP_SERVER_CE: std::sync::atomic::AtomicPtr<ClassEntry> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

fn http_server_ce() -> &'static ClassEntry {
    // SAFETY: set when Corust\Http\Server was registered, before its subclass.
    unsafe { &*HTTP_SERVER_CE.load(Ordering::Relaxed) }
}

fn frame_ce() -> &'static ClassEntry {
    // SAFETY: set when the Frame class was registered, before CloseFrame.
    unsafe { &*server::ws_api::FRAME_CE.load(Ordering::Relaxed) }
}

/// A public property with a default value.
pub(super) fn public_prop(name: &str, default: fn() -> ext_php_rs::types::Zval) -> ClassProperty {
    ClassProperty {
        name: name.into(),
        flags: PropertyFlags::Public,
        default: Some(Box::new(move || Ok(default()))),
        docs: &[],
        ty: None,
        nullable: true,
        readonly: false,
        default_stub: None,
    }
}

fn long_default(v: i64) -> ext_php_rs::types::Zval {
    let mut z = ext_php_rs::types::Zval::new();
    z.set_long(v);
    z
}

fn empty_string() -> ext_php_rs::types::Zval {
    let mut z = ext_php_rs::types::Zval::new();
    let _ = z.set_string("", false);
    z
}

/// `Swoole\WebSocket\Server` (an Http\Server that upgrades).
fn websocket_server_class() -> ClassBuilder {
    use server::ws_api as ws;
    let sf = MethodFlags::Public | MethodFlags::Static;
    let m = vec![
        method(FunctionBuilder::new("__construct", ws::construct)),
        method(FunctionBuilder::new("push", ws::push)),
        method(FunctionBuilder::new("isEstablished", ws::is_established)),
        (FunctionBuilder::new("pack", ws::pack), sf),
        (FunctionBuilder::new("unpack", ws::unpack), sf),
        method(FunctionBuilder::new("disconnect", ws::disconnect)),
        method(FunctionBuilder::new("ping", ws::ping)),
    ];
    with_methods(ClassBuilder::new("Corust\\WebSocket\\Server"), m)
        .extends((http_server_ce, "Corust\\Http\\Server"))
        .registration(keep_arg_info)
}

/// `Swoole\WebSocket\Frame`.
fn websocket_frame_class() -> ClassBuilder {
    use server::ws_api as ws;
    let sf = MethodFlags::Public | MethodFlags::Static;
    let m = vec![
        method(
            FunctionBuilder::new("__toString", ws::frame_to_string).returns(
                DataType::String,
                false,
                false,
            ),
        ),
        (FunctionBuilder::new("pack", ws::pack), sf),
        (FunctionBuilder::new("unpack", ws::unpack), sf),
    ];
    with_methods(ClassBuilder::new("Corust\\WebSocket\\Frame"), m)
        .property(public_prop("fd", || long_default(0)))
        .property(public_prop("data", empty_string))
        .property(public_prop("opcode", || long_default(1)))
        .property(public_prop("flags", || long_default(1)))
        .property(public_null_prop("finish"))
        .registration(|c, a| {
            ws::FRAME_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

/// `Swoole\WebSocket\CloseFrame`.
fn websocket_close_frame_class() -> ClassBuilder {
    use server::ws_api as ws;
    ClassBuilder::new("Corust\\WebSocket\\CloseFrame")
        .extends((frame_ce, "Corust\\WebSocket\\Frame"))
        .property(public_prop("opcode", || long_default(8)))
        .property(public_prop("code", || long_default(1000)))
        .property(public_prop("reason", empty_string))
        .registration(|c, a| {
            ws::CLOSE_FRAME_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
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
        static_method("create", server::http::req_create),
        method(FunctionBuilder::new("parse", server::http::req_parse)),
        method(FunctionBuilder::new(
            "isCompleted",
            server::http::req_is_completed,
        )),
        method(FunctionBuilder::new("getData", server::http::req_get_data)),
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
            FunctionBuilder::new("status", server::response::resp_status)
                .arg(Arg::new("http_code", DataType::Long))
                .not_required()
                .arg(s("reason")),
        ),
        method(
            FunctionBuilder::new("header", server::response::resp_header)
                .arg(s("key"))
                .arg(s("value"))
                .not_required()
                .arg(Arg::new("format", DataType::Bool)),
        ),
        method(
            FunctionBuilder::new("cookie", server::response::resp_cookie)
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
        method(FunctionBuilder::new(
            "rawcookie",
            server::response::resp_rawcookie,
        )),
        method(FunctionBuilder::new(
            "setCookie",
            server::response::resp_cookie,
        )),
        method(FunctionBuilder::new(
            "setRawCookie",
            server::response::resp_rawcookie,
        )),
        method(FunctionBuilder::new(
            "setStatusCode",
            server::response::resp_status,
        )),
        method(FunctionBuilder::new(
            "setHeader",
            server::response::resp_header,
        )),
        method(FunctionBuilder::new(
            "trailer",
            server::response::resp_trailer,
        )),
        method(FunctionBuilder::new("write", server::response::resp_write).arg(s("content"))),
        method(
            FunctionBuilder::new("end", server::response::resp_end)
                .not_required()
                .arg(Arg::new("content", DataType::String).allow_null()),
        ),
        method(
            FunctionBuilder::new("sendfile", server::response::resp_sendfile)
                .arg(s("filename"))
                .not_required()
                .arg(Arg::new("offset", DataType::Long))
                .arg(Arg::new("length", DataType::Long)),
        ),
        method(
            FunctionBuilder::new("redirect", server::response::resp_redirect)
                .arg(s("location"))
                .not_required()
                .arg(Arg::new("http_code", DataType::Long)),
        ),
        method(FunctionBuilder::new(
            "isWritable",
            server::response::resp_is_writable,
        )),
        method(FunctionBuilder::new(
            "detach",
            server::response::resp_detach,
        )),
        static_method("create", server::response::resp_create),
        method(FunctionBuilder::new("upgrade", server::co_ws::resp_upgrade)),
        method(FunctionBuilder::new("recv", server::co_ws::resp_recv)),
        method(FunctionBuilder::new("push", server::co_ws::resp_push)),
        method(FunctionBuilder::new("ping", server::co_ws::resp_ping)),
        method(FunctionBuilder::new("close", server::co_ws::resp_close)),
        method(FunctionBuilder::new(
            "disconnect",
            server::co_ws::resp_disconnect,
        )),
    ];
    let mut b = with_methods(ClassBuilder::new("Corust\\Http\\Response"), m);
    for p in server::response::RESPONSE_PROPS {
        b = b.property(public_null_prop(p));
    }
    b.registration(|c, a| {
        server::response::RESPONSE_CE.store(c, Ordering::Relaxed);
        native::<server::response::ResponseObj>(c, a);
    })
}

fn error_class() -> ClassBuilder {
    ClassBuilder::new("Corust\\Error")
        .extends((ce::error, "Error"))
        .registration(|c, a| {
            error::ERROR_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

/// `Swoole\Coroutine\CanceledException` / `TimeoutException`: final, extend
/// `Exception` (not `Swoole\Exception`), as Swoole's.
fn co_exception_class(name: &str, register: RegisterFn) -> ClassBuilder {
    ClassBuilder::new(name)
        .extends((ce::exception, "Exception"))
        .flags(ext_php_rs::flags::ClassFlags::Final)
        .registration(register)
}

type RegisterFn = fn(&'static mut ClassEntry, ext_php_rs::args::ArgInfoTables);

/// An untyped private property defaulting to 0.
fn private_zero_prop(name: &str) -> ClassProperty {
    ClassProperty {
        name: name.into(),
        flags: PropertyFlags::Private,
        default: Some(Box::new(|| {
            let mut z = ext_php_rs::types::Zval::new();
            z.set_long(0);
            Ok(z)
        })),
        docs: &[],
        ty: None,
        nullable: false,
        readonly: false,
        default_stub: None,
    }
}

fn exit_exception_class() -> ClassBuilder {
    with_methods(
        ClassBuilder::new("Corust\\ExitException"),
        vec![
            method(FunctionBuilder::new(
                "getFlags",
                exit_exception::exit_get_flags,
            )),
            method(FunctionBuilder::new(
                "getStatus",
                exit_exception::exit_get_status,
            )),
        ],
    )
    .extends((swoole_exception_ce, "Corust\\Exception"))
    .property(private_zero_prop("flags"))
    .property(private_zero_prop("status"))
    .registration(|c, a| {
        exit_exception::EXIT_CE.store(c, Ordering::Relaxed);
        keep_arg_info(c, a);
    })
}

pub(super) fn swoole_exception_ce() -> &'static ClassEntry {
    // SAFETY: registered just before (classes are registered parents first).
    unsafe { &*error::EXCEPTION_CE.load(Ordering::Relaxed) }
}

fn exception_class() -> ClassBuilder {
    ClassBuilder::new("Corust\\Exception")
        .extends((ce::exception, "Exception"))
        .registration(|c, a| {
            error::EXCEPTION_CE.store(c, Ordering::Relaxed);
            keep_arg_info(c, a);
        })
}

fn system_class() -> ClassBuilder {
    let sf = MethodFlags::Public | MethodFlags::Static;
    let m = system_methods().into_iter().map(|(_, f)| (f, sf)).collect();
    with_methods(ClassBuilder::new("Corust\\Coroutine\\System"), m).registration(keep_arg_info)
}

/// The methods of `Coroutine\System`, by name (`Coroutine` has them too).
fn system_methods() -> Vec<(&'static str, FunctionBuilder<'static>)> {
    let s = |n: &str| Arg::new(n, DataType::String);
    let f = |n: &str| Arg::new(n, DataType::Double);
    let l = |n: &str| Arg::new(n, DataType::Long);
    vec![
        (
            "sleep",
            FunctionBuilder::new("sleep", coroutine_api::co_sleep).arg(f("seconds")),
        ),
        (
            "exec",
            FunctionBuilder::new("exec", system::sys_exec)
                .arg(s("command"))
                .not_required()
                .arg(Arg::new("get_error_stream", DataType::Bool)),
        ),
        (
            "wait",
            FunctionBuilder::new("wait", system::sys_wait)
                .not_required()
                .arg(f("timeout")),
        ),
        (
            "waitPid",
            FunctionBuilder::new("waitPid", system::sys_wait_pid)
                .arg(l("pid"))
                .not_required()
                .arg(f("timeout")),
        ),
        (
            "waitEvent",
            FunctionBuilder::new("waitEvent", system::sys_wait_event)
                .arg(Arg::new("socket", DataType::Mixed))
                .not_required()
                .arg(l("events"))
                .arg(f("timeout")),
        ),
        (
            "waitSignal",
            FunctionBuilder::new("waitSignal", system::sys_wait_signal),
        ),
        (
            "readFile",
            FunctionBuilder::new("readFile", system::sys_read_file)
                .arg(s("filename"))
                .not_required()
                .arg(l("flag")),
        ),
        (
            "writeFile",
            FunctionBuilder::new("writeFile", system::sys_write_file)
                .arg(s("filename"))
                .arg(s("fileContent"))
                .not_required()
                .arg(l("flags")),
        ),
        (
            "statvfs",
            FunctionBuilder::new("statvfs", system::sys_statvfs).arg(s("path")),
        ),
        (
            "getaddrinfo",
            FunctionBuilder::new("getaddrinfo", system::sys_getaddrinfo),
        ),
        (
            "gethostbyname",
            FunctionBuilder::new("gethostbyname", system::sys_gethostbyname)
                .arg(s("domain"))
                .not_required()
                .arg(l("family"))
                .arg(f("timeout")),
        ),
        (
            "dnsLookup",
            FunctionBuilder::new("dnsLookup", system::sys_dns_lookup)
                .arg(s("domain"))
                .not_required()
                .arg(f("timeout"))
                .arg(l("type")),
        ),
    ]
}
