//! The calls a server makes into the library's `Swoole\Server\Helper`
//! (`src/php/library/server_admin.php`) where Swoole's `swoole_server.cc`
//! makes them: before start, at each process's start and stop, around
//! reloads. Only when a Helper option (`stats_file`, `admin_server`) is
//! set (`Config::helper`): a plain server never compiles the library file
//! nor pays for a call on any path.

use ext_php_rs::types::Zval;

use super::super::value::{zval_long, zval_str, Callback};
use super::Config;

/// Calls `Swoole\Server\Helper::<hook>($server, ...$more)` when `cfg` uses
/// the Helper. An exception it throws is left pending for the caller's
/// context to report, as any callback's.
pub fn call(cfg: &Config, hook: &str, server: &Zval, more: Option<i64>) {
    if !cfg.helper {
        return;
    }
    let mut args = vec![server.shallow_clone()];
    args.extend(more.map(zval_long));
    let name = zval_str(&format!("Swoole\\Server\\Helper::{hook}"));
    if let Ok(mut cb) = Callback::new(&name, args) {
        let mut out = Zval::new();
        cb.call(&mut out);
    }
}
