#!/usr/bin/env bash
# Runs every coverage-guided fuzz target (fuzz/fuzz_targets, libFuzzer via
# cargo-fuzz on the nightly toolchain) for SECONDS each (default 60), from
# the committed seeds (fuzz/seeds/T) plus the local corpus (fuzz/corpus/T).
# A crash fails the run; its input is left in fuzz/artifacts/T.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-60}"
shift || true
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz: skipped (no nightly toolchain; cargo-fuzz needs one)"
    exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install --locked cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz >/dev/null
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cargo +nightly fuzz list)
cargo +nightly fuzz build >/dev/null 2>&1 || cargo +nightly fuzz build
passed=0 failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    log=$(mktemp)
    if cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- -max_total_time="$secs" >"$log" 2>&1; then
        echo "fuzz: $t ok, $(grep -E '^Done' "$log" | head -1)"
        passed=$((passed + 1))
    else
        echo "fuzz: $t FAILED"
        grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
        failed=$((failed + 1))
    fi
    rm -f "$log"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
