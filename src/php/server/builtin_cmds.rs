//! The admin server's built-in commands (Swoole's
//! `swoole_admin_server.cc`), registered before the library's when the
//! `admin_server` setting is present. Each answers Swoole's JSON envelope
//! `{"data": …, "code": 0}`; those corust has nothing to report for
//! (reactor threads, the reactor's socket table, TCP_INFO) answer code
//! 5001 with a reason.

use ext_php_rs::types::{ZendHashTable, Zval};

use super::command::{self, Handler, ALL, EVENT_WORKER, MANAGER, MASTER};
use super::{current_worker, ServerObj};

/// `{"data": data, "code": code}` as JSON.
fn envelope(data: Zval, code: i64) -> String {
    let mut ht = ZendHashTable::new();
    let _ = ht.insert("data", data);
    let _ = ht.insert("code", code);
    let mut z = Zval::new();
    z.set_hashtable(ht);
    super::task::call_php("json_encode", z)
        .string()
        .unwrap_or_else(|| r#"{"data":"json_encode failed","code":5010}"#.into())
}

fn text(s: &str) -> Zval {
    super::super::value::zval_str(s)
}

fn table(ht: ext_php_rs::boxed::ZBox<ZendHashTable>) -> Zval {
    let mut z = Zval::new();
    z.set_hashtable(ht);
    z
}

/// The `msg` JSON's field `key` as an integer (Swoole takes it as a
/// string of digits).
fn field(msg: &str, key: &str) -> Option<i64> {
    let mut yes = Zval::new();
    yes.set_bool(true);
    let mut cb =
        super::super::value::Callback::new(&text("json_decode"), vec![text(msg), yes]).ok()?;
    let mut out = Zval::new();
    cb.call(&mut out);
    let v = out.array()?.get(key)?.shallow_clone();
    v.long()
        .or_else(|| v.string().and_then(|s| s.trim().parse().ok()))
}

fn not_supported(what: &str) -> String {
    envelope(text(&format!("{what} is not supported by corust")), 5001)
}

fn get_all_commands(_: &Zval, _: &str) -> String {
    let mut list = ZendHashTable::new();
    for (id, name, types) in command::list() {
        let mut c = ZendHashTable::new();
        let _ = c.insert("id", id as i64);
        let _ = c.insert("name", name);
        let _ = c.insert("accepted_process_types", types);
        let _ = list.push(table(c));
    }
    envelope(table(list), 0)
}

fn get_manager_info(_: &Zval, _: &str) -> String {
    let mut info = ZendHashTable::new();
    // SAFETY: getpid has no preconditions.
    let _ = info.insert("pid", i64::from(unsafe { libc::getpid() }));
    let _ = info.insert("reload_count", 0i64);
    let _ = info.insert("reload_last_time", 0i64);
    envelope(table(info), 0)
}

fn get_memory_info(_: &Zval, _: &str) -> String {
    let mut info = ZendHashTable::new();
    let mut yes = Zval::new();
    yes.set_bool(true);
    let php = super::super::value::Callback::new(&text("memory_get_usage"), vec![yes])
        .ok()
        .map(|mut c| {
            let mut out = Zval::new();
            c.call(&mut out);
            out.long().unwrap_or(0)
        })
        .unwrap_or(0);
    let conns = current_worker().map_or(0, |w| w.conns.borrow().len() as i64);
    let _ = info.insert("connection_list", conns);
    let _ = info.insert("php_memory", php);
    envelope(table(info), 0)
}

/// One connection of this worker, with Swoole's keys (the counters corust
/// does not keep are 0).
fn connection_info(w: &super::Worker, host: &str, fd: i32) -> Option<Zval> {
    let conns = w.conns.borrow();
    let c = conns.get(&fd)?;
    let mut info = ZendHashTable::new();
    let _ = info.insert("session_id", w.sid(fd));
    let _ = info.insert("reactor_id", w.id as i64);
    let _ = info.insert("fd", i64::from(fd));
    let _ = info.insert("server_port", format!("{host}:{}", c.server_port));
    let _ = info.insert("address", c.peer.ip().to_string());
    let _ = info.insert("port", i64::from(c.peer.port()));
    let _ = info.insert("overflow", false);
    let _ = info.insert("connect_time", c.connect_time);
    let _ = info.insert("last_recv_time", c.last_recv.get());
    for k in [
        "last_send_time",
        "last_dispatch_time",
        "recv_queued_bytes",
        "send_queued_bytes",
        "total_recv_bytes",
        "total_send_bytes",
    ] {
        let _ = info.insert(k, 0i64);
    }
    let _ = info.insert("uid", i64::from(c.uid.get()));
    Some(table(info))
}

/// The server's `host` property.
fn host_of(server: &Zval) -> String {
    server
        .object()
        .and_then(|o| o.get_property::<&Zval>("host").ok())
        .and_then(|z| z.string())
        .unwrap_or_default()
}

fn get_connections(server: &Zval, _: &str) -> String {
    let host = host_of(server);
    let mut list = ZendHashTable::new();
    if let Some(w) = current_worker() {
        let mut fds: Vec<i32> = w.conns.borrow().keys().copied().collect();
        fds.sort_unstable();
        for fd in fds {
            if let Some(i) = connection_info(&w, &host, fd) {
                let _ = list.push(i);
            }
        }
    }
    envelope(table(list), 0)
}

fn get_connection_info(server: &Zval, msg: &str) -> String {
    let host = host_of(server);
    let Some(sid) = field(msg, "session_id") else {
        return envelope(text("require parameter session_id"), 4003);
    };
    let info =
        current_worker().and_then(|w| w.open_fd(sid).and_then(|fd| connection_info(&w, &host, fd)));
    match info {
        Some(i) => envelope(i, 0),
        None => envelope(text("connection not exists"), 4004),
    }
}

fn get_all_ports(server: &Zval, _: &str) -> String {
    let mut list = ZendHashTable::new();
    if let Some(ports) = server
        .object()
        .and_then(|o| o.get_property::<&Zval>("ports").ok())
        .and_then(|z| z.array())
    {
        for (_, p) in ports.iter() {
            let Some(o) = p.object() else { continue };
            let get = |k: &str| {
                o.get_property::<&Zval>(k)
                    .ok()
                    .map(|z| z.shallow_clone())
                    .unwrap_or_default()
            };
            let mut info = ZendHashTable::new();
            let _ = info.insert("host", get("host"));
            let _ = info.insert("port", get("port"));
            let _ = info.insert("type", get("type"));
            let ty = get("type").long().unwrap_or(0);
            let _ = info.insert("ssl", ty & super::SSL_FLAG != 0);
            let _ = list.push(table(info));
        }
    }
    envelope(table(list), 0)
}

fn get_socket_info(_: &Zval, msg: &str) -> String {
    if field(msg, "fd").is_none() {
        return envelope(text("require parameter fd"), 4003);
    }
    not_supported("get_socket_info (TCP_INFO)")
}

fn get_thread_info(_: &Zval, _: &str) -> String {
    not_supported("get_thread_info (reactor threads)")
}

fn get_all_sockets(_: &Zval, _: &str) -> String {
    not_supported("get_all_sockets (the reactor's socket table)")
}

fn get_all_unix_sockets(_: &Zval, msg: &str) -> String {
    let has_type = {
        let mut yes = Zval::new();
        yes.set_bool(true);
        super::super::value::Callback::new(&text("json_decode"), vec![text(msg), yes])
            .ok()
            .map(|mut c| {
                let mut out = Zval::new();
                c.call(&mut out);
                out.array().is_some_and(|a| a.get("type").is_some())
            })
            .unwrap_or(false)
    };
    if !has_type {
        return envelope(text("require parameter type"), 4003);
    }
    not_supported("get_all_unix_sockets (worker pipes)")
}

/// Registers the built-ins on `srv` (not yet started), in Swoole's order.
pub(super) fn register(srv: &ServerObj) {
    let all: &[(&str, i64, command::NativeFn)] = &[
        ("get_all_sockets", ALL, get_all_sockets),
        ("get_all_commands", ALL, get_all_commands),
        ("get_socket_info", ALL, get_socket_info),
        ("get_thread_info", ALL, get_thread_info),
        ("get_manager_info", MANAGER, get_manager_info),
        ("get_memory_info", ALL, get_memory_info),
        ("get_all_unix_sockets", ALL, get_all_unix_sockets),
        ("get_all_ports", MASTER, get_all_ports),
        ("get_connections", EVENT_WORKER | MASTER, get_connections),
        (
            "get_connection_info",
            EVENT_WORKER | MASTER,
            get_connection_info,
        ),
    ];
    for (name, types, f) in all {
        command::add(srv, (*name).to_string(), *types, Handler::Native(*f));
    }
}
