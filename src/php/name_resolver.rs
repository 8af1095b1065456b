//! Swoole's name resolvers, the native half: the process's list of
//! registered `Swoole\NameResolver` objects (`Coroutine::set(['name_resolver'
//! => [...]])`, `swoole_name_resolver_add/remove`), `Swoole\NameResolver\Context`
//! (what one lookup remembers: the address family, whether the answer
//! carries a port, the Cluster it is taking nodes from), and the lookup the
//! coroutine clients make for a host that is not an IP address: each
//! resolver's `lookup()` in turn, then DNS. The resolvers themselves are PHP
//! (src/php/library/name_resolver.php) and may do coroutine I/O.
//!
//! Invariants: the list and the contexts hold counted references to their
//! PHP objects and are only touched on the PHP thread; no `RefCell` borrow
//! is held while PHP code runs (a lookup works on clones of the zvals). The
//! list is emptied at request shutdown, as Swoole's is.

use std::cell::{Cell, RefCell};
use std::sync::atomic::AtomicPtr;

use ext_php_rs::ffi::zend_object_handlers;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{self, handler, ret_bool};
use super::error::{throw_type_error, warn_docref};
use super::globals::PhpThread;
use super::object::{native_of, this, Native};
use super::runtime::propagate;
use super::zarray::str_zval;
use crate::rt::net::SockAddr;

const E_WARNING: i32 = 2;

/// The library's abstract base class, which every resolver extends.
const BASE_CLASS: &str = "Swoole\\NameResolver";

/// What one lookup (or a client's retries of one request) remembers.
#[derive(Debug)]
pub struct ResolveCtx {
    /// AF_INET or AF_INET6: the DNS fallback's family.
    family: Cell<i32>,
    /// The answer is "ip:port" (a node's port replaces the client's).
    with_port: Cell<bool>,
    /// The Cluster object the last `lookup()` returned, nodes still in it.
    cluster: RefCell<Option<Zval>>,
    /// The last resolver's answer is final (no other resolver, no DNS).
    final_: Cell<bool>,
}

impl Default for ResolveCtx {
    fn default() -> Self {
        ResolveCtx {
            family: Cell::new(libc::AF_INET),
            with_port: Cell::new(false),
            cluster: RefCell::new(None),
            final_: Cell::new(false),
        }
    }
}

impl ResolveCtx {
    /// A fresh context (Swoole resets the HTTP client's at each request).
    pub fn reset(&self, with_port: bool) {
        self.with_port.set(with_port);
        self.final_.set(false);
        let old = self.cluster.borrow_mut().take();
        drop(old);
    }
}

/// Rust side of a `Swoole\NameResolver\Context`.
#[derive(Default)]
pub struct ContextObj {
    /// The context lookups with this object use.
    ctx: ResolveCtx,
}

static CONTEXT_HANDLERS: AtomicPtr<zend_object_handlers> = AtomicPtr::new(std::ptr::null_mut());

impl Native for ContextObj {
    fn handlers() -> &'static AtomicPtr<zend_object_handlers> {
        &CONTEXT_HANDLERS
    }
}

/// The registered resolvers, in the order they are asked.
static RESOLVERS: PhpThread<RefCell<Vec<Zval>>> = PhpThread::new();

fn resolvers() -> &'static RefCell<Vec<Zval>> {
    RESOLVERS.get(|| RefCell::new(Vec::new()))
}

/// Whether any resolver is registered (without one, clients use DNS only
/// and no PHP runs).
pub fn any() -> bool {
    !resolvers().borrow().is_empty()
}

/// Forgets every resolver (request shutdown).
pub fn shutdown() {
    let all = std::mem::take(&mut *resolvers().borrow_mut());
    drop(all);
}

/// Registers `z` if it is a `Swoole\NameResolver` (Swoole's warnings
/// otherwise): true when added.
fn add(z: &Zval) -> bool {
    let Some(ce) = ClassEntry::try_find(BASE_CLASS) else {
        warn_docref(E_WARNING, &format!("Class \"{BASE_CLASS}\" not found"));
        return false;
    };
    if !z.object().is_some_and(|o| o.instance_of(ce)) {
        warn_docref(
            E_WARNING,
            &format!("the given object is not an instance of {BASE_CLASS}"),
        );
        return false;
    }
    resolvers().borrow_mut().push(z.shallow_clone());
    true
}

/// The object handle of an object zval.
fn handle(z: &Zval) -> Option<u32> {
    z.object().map(|o| o.handle)
}

/// `Coroutine::set()`'s `name_resolver` option: each resolver in the array
/// is added (after those already registered).
pub fn apply_option(ht: &ext_php_rs::types::ZendHashTable) {
    let Some(v) = ht.get("name_resolver") else {
        return;
    };
    let Some(list) = v.array() else {
        warn_docref(E_WARNING, "name_resolver must be an array");
        return;
    };
    let items: Vec<Zval> = list.iter().map(|(_, z)| z.shallow_clone()).collect();
    for z in &items {
        add(z.dereference());
    }
}

/// `$obj->$method(...$params)`; None when the call threw (the exception
/// stays pending) or the method does not exist.
///
/// # Suspends
/// The PHP method may suspend the running coroutine.
fn call(
    obj: &Zval,
    method: &str,
    params: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>,
) -> Option<Zval> {
    let r = obj.try_call_method(method, params).ok();
    if super::vm::has_exception() {
        return None;
    }
    r
}

/// A node array's address: "host", or "host:port" with `with_port`; ""
/// when the node is not an array with a string host (and a port).
fn node_text(node: &Zval, with_port: bool) -> String {
    let Some(ht) = node.array() else {
        return String::new();
    };
    let Some(host) = ht.get("host").and_then(|h| h.zend_str()) else {
        return String::new();
    };
    let host = String::from_utf8_lossy(host.as_bytes()).into_owned();
    if !with_port {
        return host;
    }
    match ht.get("port") {
        Some(p) => {
            let port = p.long().unwrap_or_else(|| p.coerce_to_long().unwrap_or(0));
            format!("{host}:{port}")
        }
        None => String::new(),
    }
}

/// Asks one resolver (or the Cluster a previous answer left in `ctx`): the
/// address, or "" (then `ctx.final_` says whether to stop there).
///
/// # Suspends
/// Runs PHP code.
fn ask(resolver: &Zval, name: &str, ctx: &ResolveCtx) -> String {
    let held = ctx.cluster.borrow().as_ref().map(Zval::shallow_clone);
    let cluster = match held {
        Some(c)
            if call(&c, "count", vec![])
                .and_then(|n| n.long())
                .unwrap_or(0)
                > 0 =>
        {
            c
        }
        _ => {
            // No cluster yet, or it ran out of nodes: look the name up again.
            ctx.reset(ctx.with_port.get());
            if super::vm::has_exception() {
                ctx.final_.set(true);
                return String::new();
            }
            let name_z = name.to_string();
            let Some(answer) = call(resolver, "lookup", vec![&name_z]) else {
                ctx.final_.set(true);
                return String::new();
            };
            if answer.is_object() {
                ctx.final_.set(false);
                *ctx.cluster.borrow_mut() = Some(answer.shallow_clone());
                answer
            } else if let Some(s) = answer.zend_str() {
                ctx.final_.set(true);
                return String::from_utf8_lossy(s.as_bytes()).into_owned();
            } else if answer.is_array() {
                // A single node (the library's lookup() for a one-node
                // service). Swoole's extension does not take it and goes on
                // to DNS; corust connects to it.
                let text = node_text(&answer, ctx.with_port.get());
                ctx.final_.set(!text.is_empty());
                return text;
            } else {
                ctx.final_.set(false);
                return String::new();
            }
        }
    };
    match call(&cluster, "pop", vec![]) {
        Some(node) => node_text(&node, ctx.with_port.get()),
        None => {
            ctx.final_.set(true);
            String::new()
        }
    }
}

/// The address of `name`: the registered resolvers' answer, else DNS (the
/// first address of `ctx`'s family). "" when the name cannot be resolved
/// (or a resolver threw: its exception is pending).
///
/// # Suspends
/// Runs PHP code and waits for DNS.
pub fn lookup(name: &str, ctx: &ResolveCtx) -> String {
    // A snapshot: resolvers may add or remove resolvers.
    let list: Vec<Zval> = resolvers()
        .borrow()
        .iter()
        .map(Zval::shallow_clone)
        .collect();
    for r in &list {
        let found = ask(r, name, ctx);
        if !found.is_empty() || ctx.final_.get() {
            return found;
        }
    }
    match super::net::resolve(ctx.family.get(), name, 0) {
        Ok(a) => a.host_port().0,
        Err(_) => String::new(),
    }
}

/// Splits "ip:port" (AF_INET6: "ip@port", or "[ip]:port" / "ip:port" when
/// the part before the last colon is an IPv6 address).
fn split_port(domain: i32, addr: &str) -> Option<(String, u16)> {
    if domain == libc::AF_INET6 {
        if let Some((h, p)) = addr.split_once('@') {
            return Some((h.to_string(), p.parse().ok()?));
        }
        let (h, p) = addr.rsplit_once(':')?;
        let h = h
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(h);
        h.parse::<std::net::Ipv6Addr>().ok()?;
        return Some((h.to_string(), p.parse().ok()?));
    }
    let (h, p) = addr.split_once(':')?;
    Some((h.to_string(), p.parse().ok()?))
}

/// The address a coroutine client connects to for `host`:`port`: literals
/// at once; names through the registered resolvers (with `ctx`, or a fresh
/// context), whose node may also set the port, then DNS. Err(errCode).
///
/// # Suspends
/// Runs PHP code and waits for DNS.
pub fn resolve_addr(
    domain: i32,
    host: &str,
    port: u16,
    ctx: Option<&ResolveCtx>,
) -> Result<SockAddr, i32> {
    if !crate::rt::net::addr::needs_resolve(domain, host) || host.is_empty() || !any() {
        return super::net::resolve(domain, host, port);
    }
    let local = ResolveCtx::default();
    let ctx = ctx.unwrap_or(&local);
    ctx.family.set(domain);
    let found = lookup(host, ctx);
    propagate();
    if found.is_empty() {
        return Err(super::net::DNS_FAILED);
    }
    let (h, p) = if ctx.with_port.get() {
        split_port(domain, &found).unwrap_or((found, port))
    } else {
        (found, port)
    };
    super::net::resolve(domain, &h, p)
}

/// A hooked stream's host name through the registered resolvers:
/// Ok(Some(ip)), Ok(None) when none answered (the caller resolves by DNS),
/// Err(()) when one answered that the name is unknown (or threw: the
/// exception is pending).
///
/// # Suspends
/// Runs PHP code.
pub fn resolve_for_stream(host: &str) -> Result<Option<std::net::IpAddr>, ()> {
    if !any() {
        return Ok(None);
    }
    let ctx = ResolveCtx::default();
    let list: Vec<Zval> = resolvers()
        .borrow()
        .iter()
        .map(Zval::shallow_clone)
        .collect();
    for r in &list {
        let found = ask(r, host, &ctx);
        if !found.is_empty() || ctx.final_.get() {
            return found.parse().map(Some).map_err(|_| ());
        }
    }
    Ok(None)
}

handler!(
    /// `Context::__construct(int $family = AF_INET, bool $withPort = false)`.
    context_construct(ex, _rv) {
        let f = "Swoole\\NameResolver\\Context::__construct";
        if args::count(ex) > 2 {
            super::error::throw_argument_count_error(&format!(
                "{f}() expects at most 2 arguments, {} given",
                args::count(ex)
            ));
            return;
        }
        let Ok(family) = args::long(ex, 0, f, "family", Some(i64::from(libc::AF_INET))) else { return };
        let Ok(with_port) = args::boolean(ex, 1, f, "withPort", false) else { return };
        let Some(o) = this::<ContextObj>(ex) else { return };
        o.ctx.family.set(i32::try_from(family).unwrap_or(libc::AF_INET));
        o.ctx.with_port.set(with_port);
    }
);

/// Argument `i` as an object, or a TypeError naming `want`.
fn object_arg(ex: &mut ExecuteData, i: usize, f: &str, pname: &str, want: &str) -> Option<Zval> {
    let z = args::get(ex, i)?.shallow_clone();
    if z.is_object() {
        return Some(z);
    }
    let given = args::type_name(&z);
    throw_type_error(&format!(
        "{}(): Argument #{} (${pname}) must be of type {want}, {given} given",
        args::name_of(ex, f),
        i + 1
    ));
    None
}

/// Exactly `n` arguments, as the engine's parameter parsing wants them:
/// Err(()) with an ArgumentCountError otherwise.
fn exactly(ex: &ExecuteData, n: usize, f: &str) -> Result<(), ()> {
    let given = args::count(ex);
    if given == n {
        return Ok(());
    }
    super::error::throw_argument_count_error(&format!(
        "{}() expects exactly {n} argument{}, {given} given",
        args::name_of(ex, f),
        if n == 1 { "" } else { "s" }
    ));
    Err(())
}

handler!(
    /// `swoole_name_resolver_lookup(string $name, Swoole\NameResolver\Context $ctx): string`.
    lookup_fn(ex, rv) {
        let f = "swoole_name_resolver_lookup";
        if exactly(ex, 2, f).is_err() { return; }
        let Ok(name) = args::string(ex, 0, f, "name").map(|c| String::from_utf8_lossy(&c).into_owned()) else { return };
        let Some(z) = object_arg(ex, 1, f, "ctx", "Swoole\\NameResolver\\Context") else { return };
        let Some(o) = native_of::<ContextObj>(&z) else {
            throw_type_error(&format!(
                "{}(): Argument #2 ($ctx) must be of type Swoole\\NameResolver\\Context, object given",
                args::name_of(ex, f)
            ));
            return;
        };
        let found = lookup(&name, &o.ctx);
        drop(z);
        propagate();
        *rv = str_zval(found.as_bytes());
    }
);

handler!(
    /// `swoole_name_resolver_add(Swoole\NameResolver $ns): bool`.
    add_fn(ex, rv) {
        let f = "swoole_name_resolver_add";
        if exactly(ex, 1, f).is_err() { return; }
        let Some(z) = object_arg(ex, 0, f, "ns", "object") else { return };
        ret_bool(rv, add(&z));
    }
);

handler!(
    /// `swoole_name_resolver_remove(Swoole\NameResolver $ns): bool` — the
    /// first registration of that very object.
    remove_fn(ex, rv) {
        let f = "swoole_name_resolver_remove";
        if exactly(ex, 1, f).is_err() { return; }
        let Some(z) = object_arg(ex, 0, f, "ns", "object") else { return };
        let h = handle(&z);
        let removed = {
            let mut list = resolvers().borrow_mut();
            let at = list.iter().position(|r| handle(r) == h);
            at.map(|i| list.remove(i))
        };
        ret_bool(rv, removed.is_some());
        drop(removed);
    }
);

/// The class, registered at MINIT.
pub fn class() -> ext_php_rs::builders::ClassBuilder {
    use ext_php_rs::args::Arg;
    use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
    use ext_php_rs::flags::{DataType, MethodFlags};
    ClassBuilder::new("Corust\\NameResolver\\Context")
        .method(
            FunctionBuilder::new("__construct", context_construct)
                .not_required()
                .arg(Arg::new("family", DataType::Long))
                .arg(Arg::new("withPort", DataType::Bool)),
            MethodFlags::Public,
        )
        .registration(register)
}

/// Rust data in each object; like Swoole's, not serializable (and, as
/// every native class here, not cloneable).
fn register(c: &'static mut ClassEntry, a: ext_php_rs::args::ArgInfoTables) {
    c.ce_flags |= ext_php_rs::flags::ClassFlags::NotSerializable.bits();
    super::classes::native::<ContextObj>(c, a);
}

/// Swoole 6.2.2's declarations of the class's methods.
pub const SIGNATURES: &[&str] = &["__construct(int $family = AF_INET, bool $withPort = false)"];

/// The functions, for registration with the Swoole names.
pub fn functions() -> Vec<ext_php_rs::builders::FunctionBuilder<'static>> {
    use ext_php_rs::builders::FunctionBuilder;
    vec![
        FunctionBuilder::new("swoole_name_resolver_lookup", lookup_fn),
        FunctionBuilder::new("swoole_name_resolver_add", add_fn),
        FunctionBuilder::new("swoole_name_resolver_remove", remove_fn),
    ]
}

/// Their Swoole 6.2.2 declarations.
pub const FUNCTION_SIGNATURES: &[(&str, &str)] = &[
    (
        "swoole_name_resolver_lookup",
        "swoole_name_resolver_lookup(string $name, Swoole\\NameResolver\\Context $ctx): string",
    ),
    (
        "swoole_name_resolver_add",
        "swoole_name_resolver_add(Swoole\\NameResolver $ns): bool",
    ),
    (
        "swoole_name_resolver_remove",
        "swoole_name_resolver_remove(Swoole\\NameResolver $ns): bool",
    ),
];
