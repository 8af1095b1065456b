#!/usr/bin/env bash
# WebSocket echo round trips (C connections, DUR s) and broadcast to N
# clients (ROUNDS rounds), server under EXT (corust by default; EXT=swoole.so
# for Swoole: the same script). Client: plain PHP (bench/ws_client.php).
# Server on 127.0.0.1, under timeout, stopped by its pid.
# Usage: bench/ws_bench.sh   (EXT=... C=50 DUR=5 N=1000 ROUNDS=50 PORT=19502 MODE=base|process
#        PHPFLAGS="-d extension=curl": what a Swoole build needs first)
set -u
cd "$(dirname "$0")"
EXT=${EXT:-$PWD/../target/release/libcorust.so}
C=${C:-50} DUR=${DUR:-5} N=${N:-1000} ROUNDS=${ROUNDS:-50} PORT=${PORT:-19502}
ulimit -n 4096 2>/dev/null || true
log=$(mktemp)
timeout 120 php ${PHPFLAGS:-} -d extension="$EXT" ws_server.php "$PORT" "${MODE:-base}" >"$log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q READY "$log" && break; sleep 0.1; done
php -n ws_client.php echo "$PORT" "$C" "$DUR"
php -n ws_client.php bcast "$PORT" "$N" "$ROUNDS"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
rm -f "$log"
