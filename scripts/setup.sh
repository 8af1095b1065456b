#!/usr/bin/env bash
# Installs what building and testing corust needs on Debian 12, once:
# PHP 8.2 CLI + headers, clang/libclang (ext-php-rs' bindgen), OpenSSL headers. Idempotent:
# does nothing when everything is already there.
set -euo pipefail

need=()
command -v php-config >/dev/null 2>&1 || need+=(php8.2-cli php8.2-dev)
command -v php >/dev/null 2>&1 || need+=(php8.2-cli)
command -v clang >/dev/null 2>&1 || need+=(clang)
# curl: a real HTTP client for the server tests.
command -v curl >/dev/null 2>&1 || need+=(curl)
# Python's websockets: an independent WebSocket client for the server tests.
/usr/bin/python3 -c 'import websockets' >/dev/null 2>&1 || need+=(python3-websockets)
# OpenSSL headers and pkg-config: the openssl crate links the system libssl.
[ -f /usr/include/openssl/ssl.h ] || need+=(libssl-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1 || need+=(libclang-dev)
for extra in "$@"; do
    command -v "$extra" >/dev/null 2>&1 || need+=("$extra")
done

if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "setup: cargo (Rust) is required: install it with rustup" >&2
    exit 1
fi
