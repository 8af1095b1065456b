//! Build script: tells the code which PHP it is built against.
//!
//! ext-php-rs generates the Zend bindings itself; what it cannot express is
//! the per-version set of executor fields a coroutine switch must save (see
//! `src/php/vm/`). We emit `php82`, `php83`, … so that module can list fields
//! per version. Without the `php` feature (the pure-Rust core) nothing runs.

use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(php82)");
    println!("cargo::rustc-check-cfg=cfg(php83)");
    println!("cargo::rustc-check-cfg=cfg(php84)");
    println!("cargo::rerun-if-env-changed=PHP_CONFIG");
    if std::env::var_os("CARGO_FEATURE_PHP").is_none() {
        return;
    }
    let php_config = std::env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".into());
    let version = Command::new(&php_config)
        .arg("--vernum")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<u32>().ok());
    match version {
        Some(v) if (80200..80300).contains(&v) => println!("cargo::rustc-cfg=php82"),
        Some(v) if (80300..80400).contains(&v) => println!("cargo::rustc-cfg=php83"),
        Some(v) if v >= 80400 => println!("cargo::rustc-cfg=php84"),
        Some(v) => println!("cargo::warning=corust targets PHP 8.2; found PHP version id {v}"),
        None => println!("cargo::warning=php-config not found: run scripts/setup.sh"),
    }
}
