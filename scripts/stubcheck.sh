#!/usr/bin/env bash
# Fails when stubs/corust.stub.php and the built extension disagree: every
# class, constant, property, method and function, with parameter names,
# types, by-reference and variadic flags, defaults and return types, as
# reflection sees them (scripts/sigdump.php), stub loaded as plain PHP.
set -euo pipefail
cd "$(dirname "$0")/.."
EXT="$PWD/target/release/libcorust.so"
ext=$(mktemp) stub=$(mktemp)
trap 'rm -f "$ext" "$stub"' EXIT
php -n -d "extension=$EXT" scripts/sigdump.php ext >"$ext"
php -n scripts/sigdump.php stub stubs/corust.stub.php >"$stub"
if diff -u --label stubs/corust.stub.php --label "reflection of $EXT" "$stub" "$ext"; then
    echo "stubcheck: 1 passed, 0 failed ($(wc -l <"$ext") declarations agree)"
else
    echo "stubcheck: 0 passed, 1 failed (stubs/corust.stub.php differs from the extension)"
    exit 1
fi
