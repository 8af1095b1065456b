//! The part of Swoole's API that Swoole itself writes in PHP (its bundled
//! library), written here in PHP too: readable `.php` files in this folder,
//! embedded in the `.so` and compiled at each request start (RINIT), as
//! Swoole loads its library. Only with the Swoole names on and the real
//! swoole extension absent.

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
];

/// Compiles and runs every library file (RINIT). A file that fails to compile
/// is reported by the engine and skipped.
pub fn load() {
    for (name, src) in SOURCES {
        // eval'd code has no opening tag.
        let code = src.strip_prefix("<?php").unwrap_or(src);
        let Ok(cname) = std::ffi::CString::new(*name) else {
            continue;
        };
        // SAFETY: RINIT on the PHP thread, the executor is ready; the engine
        // copies the code into its own compiled form before returning.
        unsafe {
            zend_eval_stringl(
                code.as_ptr().cast(),
                code.len(),
                std::ptr::null_mut(),
                cname.as_ptr(),
            );
        }
    }
}
