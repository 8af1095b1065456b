#!/usr/bin/env bash
# wrk -t2 -c100 -d${DUR}s against a hello-world Http\Server with worker_num 1 and 2.
# Prints req/s and the server's CPU time per request (user+system of the manager
# and its workers, read from /proc), which is far steadier than req/s on a shared
# 2-core box where wrk competes with the workers.
# The script uses the Swoole class names, so EXT=/path/to/swoole.so measures
# Swoole with the very same server. The server binds 127.0.0.1 only, runs under
# `timeout`, and is stopped by its pid.
# Usage: bench/http_hello.sh [workers...]   (DUR=10 PORT=19501 EXT=...; needs wrk)
#        TLS=1: over https (a throwaway self-signed certificate; needs openssl)
#        PHPFLAGS="-d extension=curl -d extension=sockets": what a Swoole build needs first
#        MODE=process: SWOOLE_PROCESS (a master holding the connections) instead of SWOOLE_BASE
set -u
cd "$(dirname "$0")"
EXT=${EXT:-$PWD/../target/release/libcorust.so}
DUR=${DUR:-10}
PORT=${PORT:-19501}
WORKERS=("$@")
[ ${#WORKERS[@]} -eq 0 ] && WORKERS=(1 2)
command -v wrk >/dev/null || { echo "http_hello: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
tick=$(getconf CLK_TCK)

# All descendants of $1 (the timeout process), one pid per line.
tree() {
    local p
    for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        echo "$p"
        tree "$p"
    done
}
# Sum of utime+stime (clock ticks) of the processes given.
cpu_ticks() {
    local sum=0 p f
    for p in "$@"; do
        f=$(cat /proc/"$p"/stat 2>/dev/null) || continue
        f=${f##*) }
        set -- $f
        sum=$((sum + ${12} + ${13}))
    done
    echo $sum
}

scheme=http name=http_hello cert=""
if [ "${TLS:-0}" = 1 ]; then
    scheme=https name=https_hello cert=$(mktemp)
    trap 'rm -f "$cert"' EXIT
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
        -subj /CN=localhost -keyout "$cert" -out "$cert.crt" 2>/dev/null && cat "$cert.crt" >>"$cert" && rm -f "$cert.crt"
fi
for workers in "${WORKERS[@]}"; do
    timeout $((DUR + 30)) php ${PHPFLAGS:-} -d "extension=$EXT" http_server.php "$PORT" "$workers" "$cert" "${MODE:-base}" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        php -r "exit(@fsockopen('127.0.0.1', $PORT) ? 0 : 1);" 2>/dev/null && break
        sleep 0.1
    done
    sleep 0.5
    pids=$(tree "$pid")
    before=$(cpu_ticks $pids)
    out=$(wrk -t2 -c100 -d"${DUR}s" "$scheme://127.0.0.1:$PORT/" 2>&1)
    after=$(cpu_ticks $pids)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    total=$(awk '/requests in/ {print $1}' <<<"$out")
    lat=$(awk '/Latency/ {print $2; exit}' <<<"$out")
    errs=$(grep -E 'Socket errors|Non-2xx' <<<"$out" | tr -s ' ' | tr '\n' ';')
    cpu=$(awk -v a="$after" -v b="$before" -v t="$tick" -v n="${total:-0}" \
        'BEGIN { if (n > 0) printf "%.2f", (a - b) / t * 1e6 / n; else print "?" }')
    echo "name=$name mode=${MODE:-base} workers=$workers rps=$rps cpu_us_per_req=$cpu avg_latency=$lat seconds=$DUR errors='$errs'"
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sleep 1
done
