#!/usr/bin/env bash
# curl fan-out, corust vs another extension (a Swoole build, for instance), in
# one sitting: a corust HTTP server (2 workers) answers "ok" after ?ms=…; then
# ROUNDS alternating runs of bench/curl_fanout.php on each extension, for
#   latency:    100 coroutines x 1 request of 100 ms (wall ~ 0.1 s if they overlap)
#   throughput: 100 coroutines x 50 requests of 0 ms (per-request cost of the hook)
# and the median of each and of the per-round ratios (B time / A time: >1 = A faster).
# Usage: EXT_B=/path/to/swoole.so bench/curl_fanout.sh     (ROUNDS=7)
set -u
cd "$(dirname "$0")"
. ./_paired.sh
EXT_A=${EXT_A:-$PWD/../target/release/libcorust.so}
EXT_B=${EXT_B:-}
ROUNDS=${ROUNDS:-7}
srv=$(mktemp --suffix=.php)
cat > "$srv" <<'PHP'
<?php
$s = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$s->set(['worker_num' => 2, 'log_level' => 5]);
$s->on('workerStart', function ($s, $id) { if ($id === 0) { echo 'READY ', $s->port, "\n"; } });
$s->on('request', function ($req, $res) {
    $ms = (int) ($req->get['ms'] ?? 0);
    if ($ms > 0) Swoole\Coroutine::sleep($ms / 1000);
    $res->end('ok');
});
$s->start();
PHP
out=$(mktemp)
php -d "extension=$EXT_A" "$srv" > "$out" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null; rm -f "$srv" "$out"' EXIT
for _ in $(seq 50); do grep -q READY "$out" && break; sleep 0.1; done
port=$(sed -n 's/READY \([0-9]*\)/\1/p' "$out" | head -1)
[ -n "$port" ] || { echo "peer did not start: $(cat "$out")" >&2; exit 1; }
secs() { php "${CURL[@]}" -d "extension=$1" curl_fanout.php "$port" "$2" "$3" "$4" | sed -n 's/.* seconds=\([0-9.]*\).*ok=\([0-9]*\).*/\1 \2/p'; }
for mode in "latency 100 1 100" "throughput 100 50 0"; do
    set -- $mode
    a_all="" b_all="" r_all=""
    for ((i = 1; i <= ROUNDS; i++)); do
        read -r a aok <<< "$(secs "$EXT_A" "$2" "$3" "$4")"
        line="round=$i mode=$1 a_s=$a a_ok=$aok"
        a_all+="$a"$'\n'
        if [ -n "$EXT_B" ]; then
            read -r b bok <<< "$(secs "$EXT_B" "$2" "$3" "$4")"
            r=$(ratio "$a" "$b")
            line+=" b_s=$b b_ok=$bok ratio=$r"
            b_all+="$b"$'\n' r_all+="$r"$'\n'
        fi
        echo "$line"
    done
    summary="name=curl_fanout mode=$1 requests=$(( $2 * $3 )) a_median_s=$(printf '%s' "$a_all" | median)"
    [ -n "$EXT_B" ] && summary+=" b_median_s=$(printf '%s' "$b_all" | median) median_ratio_b_over_a=$(printf '%s' "$r_all" | median)"
    echo "$summary"
done
