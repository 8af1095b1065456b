#!/usr/bin/env bash
# Runs corust's micro benchmarks (median of RUNS runs each) and the plain-Fiber
# baselines. Usage: bench/run.sh [runs]   (make bench)
set -u
cd "$(dirname "$0")"
RUNS=${1:-3}
EXT=${EXT:-$PWD/../target/release/libcorust.so}
PHPX=(php -d "extension=$EXT")
median() { sort -t= -k4 -g | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'; }
run() {
    local out=""
    for ((r = 0; r < RUNS; r++)); do out+="$("$@" | grep '^name=')"$'\n'; done
    printf '%s' "$out" | grep . | median
}
run "${PHPX[@]}" co_create.php
run "${PHPX[@]}" co_switch.php
run "${PHPX[@]}" co_memory.php
run "${PHPX[@]}" chan_pingpong.php
run "${PHPX[@]}" chan_throughput.php
run "${PHPX[@]}" wg_sleep.php
run "${PHPX[@]}" hook_tcp.php
run php fiber_create.php
run php fiber_switch.php
run php fiber_memory.php
