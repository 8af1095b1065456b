#!/usr/bin/env bash
# wrk -t2 -c100 -d${DUR}s against a hello-world corust Http\Server with worker_num 1 and 2.
# The server binds 127.0.0.1 only, runs under `timeout`, and is stopped by its pid.
# Usage: bench/http_hello.sh   (DUR=10 PORT=19501; needs wrk: apt-get install wrk)
set -u
cd "$(dirname "$0")"
EXT=${EXT:-$PWD/../target/release/libcorust.so}
DUR=${DUR:-10}
PORT=${PORT:-19501}
command -v wrk >/dev/null || { echo "http_hello: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
for workers in 1 2; do
    timeout $((DUR + 30)) php -d "extension=$EXT" http_server.php "$PORT" "$workers" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        php -r "exit(@fsockopen('127.0.0.1', $PORT) ? 0 : 1);" && break
        sleep 0.1
    done
    out=$(wrk -t2 -c100 -d"${DUR}s" "http://127.0.0.1:$PORT/" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    lat=$(awk '/Latency/ {print $2; exit}' <<<"$out")
    errs=$(grep -E 'Socket errors|Non-2xx' <<<"$out" | tr -s ' ' | tr '\n' ';')
    echo "name=http_hello workers=$workers rps=$rps avg_latency=$lat seconds=$DUR errors='$errs'"
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sleep 1
done
