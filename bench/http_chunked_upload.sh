#!/usr/bin/env bash
# CPU the worker spends on one chunked upload trickled in small segments
# (issue 9: decoding must be linear in the body, not re-done on every read).
# The server uses Swoole's names, so EXT=/path/to/swoole.so measures Swoole
# with the same scripts. Binds 127.0.0.1 only, runs under `timeout`, stopped
# by its pid. Usage: bench/http_chunked_upload.sh [KB] [SEG]   (PAUSE=100 µs between segments)
#   (PORT=19502 EXT=... PHP_ARGS="-d extension=curl" for a Swoole built with curl)
set -u
cd "$(dirname "$0")"
EXT=${EXT:-$PWD/../target/release/libcorust.so}
PORT=${PORT:-19502}
KB=${1:-600}
SEG=${2:-60}
tick=$(getconf CLK_TCK)
# All descendants of $1, one pid per line.
tree() { local p; for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do echo "$p"; tree "$p"; done; }
# utime+stime (clock ticks) summed over the pids given (the server's
# processes: Swoole's BASE mode with one worker runs in one process,
# corust's in a manager and a worker).
ticks() {
    local sum=0 p f
    for p in "$@"; do
        f=$(cat /proc/"$p"/stat 2>/dev/null) || continue
        f=${f##*) }
        set -- $f
        sum=$((sum + ${12} + ${13}))
    done
    echo $sum
}

timeout 120 php ${PHP_ARGS:-} -d "extension=$EXT" http_upload_server.php "$PORT" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    php -r "exit(@fsockopen('127.0.0.1', $PORT) ? 0 : 1);" 2>/dev/null && break
    sleep 0.1
done
sleep 0.5
pids=$(tree "$pid")
before=$(ticks $pids)
start=$(date +%s.%N)
resp=$(php -n http_chunked_client.php "$PORT" "$KB" "$SEG" "${PAUSE:-100}")
wall=$(echo "$(date +%s.%N) - $start" | bc)
after=$(ticks $pids)
cpu=$(awk -v a="$after" -v b="$before" -v t="$tick" 'BEGIN { printf "%.3f", (a - b) / t }')
echo "name=http_chunked_upload kb=$KB seg=$SEG server_cpu_s=$cpu wall_s=$wall response='$resp'"
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
