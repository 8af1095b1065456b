//! The part of Swoole's API that Swoole itself writes in PHP (its bundled
//! library), written here in PHP too: readable `.php` files in this folder,
//! embedded in the `.so`. The small ones are compiled at each request start
//! (RINIT), as Swoole loads its library; the big ones (pools, proxies) only
//! when a script first names one of their classes (an autoloader), so
//! start-up does not pay for them. Only with the Swoole names on and the
//! real swoole extension absent.

use std::cell::Cell;

use super::args::handler;
use super::sys::zend::zend_eval_stringl;

/// (name shown in errors and backtraces, source) of each library file.
const SOURCES: &[(&str, &str)] = &[
    (
        "@corust/library/coroutine.php",
        include_str!("coroutine.php"),
    ),
    ("@corust/library/options.php", include_str!("options.php")),
    ("@corust/library/server.php", include_str!("server.php")),
    (
        "@corust/library/http_status.php",
        include_str!("http_status.php"),
    ),
    (
        "@corust/library/http_functions.php",
        include_str!("http_functions.php"),
    ),
    (
        "@corust/library/functions.php",
        include_str!("functions.php"),
    ),
];

/// Files compiled on first use: (name, source, the classes they define).
const LAZY: &[(&str, &str, &[&str])] = &[
    (
        "@corust/library/pool.php",
        include_str!("pool.php"),
        &[
            "swoole\\connectionpool",
            "swoole\\objectproxy",
            "swoole\\database\\objectproxy",
            "swoole\\database\\detectslostconnections",
        ],
    ),
    (
        "@corust/library/pdo.php",
        include_str!("pdo.php"),
        &[
            "swoole\\database\\pdoconfig",
            "swoole\\database\\pdopool",
            "swoole\\database\\pdoproxy",
            "swoole\\database\\pdostatementproxy",
        ],
    ),
    (
        "@corust/library/mysqli.php",
        include_str!("mysqli.php"),
        &[
            "swoole\\database\\mysqliconfig",
            "swoole\\database\\mysqliexception",
            "swoole\\database\\mysqlipool",
            "swoole\\database\\mysqliproxy",
            "swoole\\database\\mysqlistatementproxy",
        ],
    ),
    (
        "@corust/library/redis.php",
        include_str!("redis.php"),
        &[
            "swoole\\database\\redisconfig",
            "swoole\\database\\redispool",
        ],
    ),
    (
        "@corust/library/string_object.php",
        include_str!("string_object.php"),
        &[
            "swoole\\stringobject",
            "swoole\\multibytestringobject",
            "swoole\\arrayobject",
            "swoole\\exception\\arraykeynotexists",
        ],
    ),
    (
        "@corust/library/process_manager.php",
        include_str!("process_manager.php"),
        &[
            "swoole\\process\\manager",
            "swoole\\process\\processmanager",
        ],
    ),
    (
        "@corust/library/fastcgi.php",
        include_str!("fastcgi.php"),
        &[
            "swoole\\fastcgi",
            "swoole\\fastcgi\\record",
            "swoole\\fastcgi\\frameparser",
            "swoole\\fastcgi\\message",
            "swoole\\fastcgi\\request",
            "swoole\\fastcgi\\response",
            "swoole\\fastcgi\\httprequest",
            "swoole\\fastcgi\\httpresponse",
            "swoole\\fastcgi\\record\\abortrequest",
            "swoole\\fastcgi\\record\\beginrequest",
            "swoole\\fastcgi\\record\\endrequest",
            "swoole\\fastcgi\\record\\data",
            "swoole\\fastcgi\\record\\stdin",
            "swoole\\fastcgi\\record\\stdout",
            "swoole\\fastcgi\\record\\stderr",
            "swoole\\fastcgi\\record\\params",
            "swoole\\fastcgi\\record\\getvalues",
            "swoole\\fastcgi\\record\\getvaluesresult",
            "swoole\\fastcgi\\record\\unknowntype",
        ],
    ),
    (
        "@corust/library/fastcgi_client.php",
        include_str!("fastcgi_client.php"),
        &[
            "swoole\\coroutine\\fastcgi\\client",
            "swoole\\coroutine\\fastcgi\\client\\exception",
            "swoole\\coroutine\\fastcgi\\proxy",
            "co\\fastcgi\\client",
            "co\\fastcgi\\client\\exception",
            "co\\fastcgi\\proxy",
        ],
    ),
    (
        "@corust/library/name_resolver.php",
        include_str!("name_resolver.php"),
        &[
            "swoole\\nameresolver",
            "swoole\\nameresolver\\exception",
            "swoole\\nameresolver\\cluster",
            "swoole\\nameresolver\\redis",
            "swoole\\nameresolver\\consul",
            "swoole\\nameresolver\\nacos",
        ],
    ),
    (
        "@corust/library/server_admin.php",
        include_str!("server_admin.php"),
        &["swoole\\server\\helper", "swoole\\server\\admin"],
    ),
    (
        "@corust/library/net_helper.php",
        include_str!("net_helper.php"),
        &["corust\\library\\nethelper"],
    ),
    (
        "@corust/library/helpers.php",
        include_str!("helpers.php"),
        &["corust\\library\\helpers"],
    ),
];

thread_local! {
    /// Which LAZY files this request has compiled (a bit each).
    static LOADED: Cell<u64> = const { Cell::new(0) };
}

fn eval(name: &str, src: &str) {
    // eval'd code has no opening tag.
    let code = src.strip_prefix("<?php").unwrap_or(src);
    let Ok(cname) = std::ffi::CString::new(name) else {
        return;
    };
    // SAFETY: on the PHP thread with the executor ready (RINIT or a running
    // script's autoload); the engine copies the code into its own compiled
    // form before returning.
    unsafe {
        zend_eval_stringl(
            code.as_ptr().cast(),
            code.len(),
            std::ptr::null_mut(),
            cname.as_ptr(),
        );
    }
}

handler!(
    /// `Corust\library_autoload(string $class): void` — the autoloader the
    /// library registers: compiles the file that defines `$class`.
    autoload(ex, _rv) {
        let Some(class) = super::args::bytes(ex, 0) else { return };
        let class = String::from_utf8_lossy(&class).trim_start_matches('\\').to_ascii_lowercase();
        for (i, (name, src, classes)) in LAZY.iter().enumerate() {
            let bit = 1u64 << i;
            if classes.contains(&class.as_str()) && LOADED.with(Cell::get) & bit == 0 {
                LOADED.with(|l| l.set(l.get() | bit));
                eval(name, src);
            }
        }
    }
);

/// Compiles and runs every eager library file (RINIT). A file that fails to
/// compile is reported by the engine and skipped.
pub fn load() {
    LOADED.with(|l| l.set(0));
    for (name, src) in SOURCES {
        eval(name, src);
    }
}
