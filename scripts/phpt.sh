#!/usr/bin/env bash
# Runs the phpt suite with PHP's own run-tests.php against the built extension.
# Usage: scripts/phpt.sh [run-tests options] [tests or folders]   (default: php-tests/)
#   VALGRIND=1 scripts/phpt.sh php-tests/coroutine   — under valgrind memcheck
set -euo pipefail
cd "$(dirname "$0")/.."
EXT="$PWD/target/release/libcorust.so"
RUNTESTS="$(php-config --extension-dir)/build/run-tests.php"
[ -f "$EXT" ] || { echo "phpt: $EXT not built (make build)" >&2; exit 1; }
[ -f "$RUNTESTS" ] || { echo "phpt: $RUNTESTS missing (php8.2-dev)" >&2; exit 1; }

args=(-q --show-diff -d "extension=$EXT" -d opcache.enable_cli=0)
# ext/curl for php-tests/hook_curl, when installed but not enabled by an ini.
if ! php -m 2>/dev/null | grep -qx curl && [ -f "$(php-config --extension-dir)/curl.so" ]; then
    args+=(-d extension=curl)
fi
if [ "${VALGRIND:-0}" = 1 ]; then
    export USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1
    args+=(-m -d pcre.jit=0)
else
    args+=(-j"$(nproc)")
fi
[ $# -eq 0 ] && set -- php-tests/

export NO_INTERACTION=1 REPORT_EXIT_STATUS=1 TEST_PHP_EXECUTABLE="$(command -v php)"
out=$(mktemp)
set +e
php "$RUNTESTS" "${args[@]}" "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -E '^Tests passed' "$out" | grep -oE '[0-9]+' | head -1 || true)
failed=$(grep -E '^Tests failed' "$out" | grep -oE '[0-9]+' | head -1 || true)
skipped=$(grep -E '^Tests skipped' "$out" | grep -oE '[0-9]+' | head -1 || true)
leaked=$(grep -E '^Tests leaked' "$out" | grep -oE '[0-9]+' | head -1 || true)
rm -f "$out"
echo "phpt: ${passed:-0} passed, $(( ${failed:-0} + ${leaked:-0} )) failed, ${skipped:-0} skipped"
exit "$rc"
