#!/usr/bin/env bash
# The HTTP server path under valgrind memcheck: a real server (manager and
# worker both under memcheck; a forked worker stays under it) is sent plain,
# keep-alive, pipelined, chunked (also trickled), urlencoded, multipart-upload
# and hostile requests, then stopped with SIGTERM. Fails when any process
# reports a memcheck error. (The phpt server tests start their server as a
# child that run-tests' valgrind does not follow, hence this script.)
set -euo pipefail
cd "$(dirname "$0")/.."
EXT="$PWD/target/release/libcorust.so"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat >"$out/server.php" <<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'package_max_length' => 1 << 20, 'http_header_timeout' => 2]);
$server->on('workerStart', function ($srv) { file_put_contents(getenv('PORT_FILE'), $srv->port); });
$server->on('request', function ($req, $resp) {
    $resp->header('X-Files', (string) count($req->files ?? []));
    $resp->cookie('seen', '1');
    if (($req->get['stream'] ?? '') === '1') {
        $resp->write(str_repeat('w', 70000));
        $resp->end('done');
        return;
    }
    $resp->end(json_encode([$req->server['request_uri'], $req->get, $req->post, $req->cookie, strlen($req->getContent()), $req->header]));
});
$server->start();
PHP
cat >"$out/client.php" <<'PHP'
<?php
$port = (int) $argv[1];
function raw(int $port, string $data, bool $trickle = false): string {
    $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $s, 20);
    stream_set_timeout($c, 20);
    if ($trickle) { foreach (str_split($data, 7) as $p) { fwrite($c, $p); usleep(2000); } }
    else { @fwrite($c, $data); }
    $r = stream_get_contents($c);
    fclose($c);
    return $r;
}
$n = 0;
$ok = function (string $r, string $want) use (&$n) { $n++; if (!str_contains($r, $want)) { fwrite(STDERR, "unexpected response #$n: " . substr($r, 0, 200) . "\n"); exit(1); } };
$ok(raw($port, "GET /?a[]=1&a[]=2&b=%41 HTTP/1.1\r\nHost: x\r\nCookie: c=1; d[e]=2\r\nConnection: close\r\n\r\n"), '200 OK');
$ka = str_repeat("GET /k?x=1 HTTP/1.1\r\nHost: x\r\n\r\n", 20) . "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
$ok(raw($port, $ka), 'last');
$chunked = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n5\r\nf=abc\r\n6;ext\r\n&g=def\r\n0\r\nT: t\r\n\r\n";
$ok(raw($port, $chunked), '"g":"def"');
$ok(raw($port, $chunked, true), '"g":"def"');
$form = 'x=' . str_repeat('y', 50000) . '&z[]=1';
$ok(raw($port, "POST /f HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen($form) . "\r\nConnection: close\r\n\r\n$form"), '200 OK');
$mp = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B\r\nContent-Disposition: form-data; name=\"up\"; filename=\"../t.txt\"\r\nContent-Type: text/plain\r\n\r\n" . str_repeat('u', 10000) . "\r\n--B--\r\n";
$ok(raw($port, "POST /m HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: " . strlen($mp) . "\r\nConnection: close\r\n\r\n$mp"), 'X-Files: 1');
$ok(raw($port, "GET /?stream=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 'done');
$q = implode('&', array_map(fn ($i) => "v$i=1", range(0, 1500)));
$ok(raw($port, "GET /?$q HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), '200 OK');
$ok(raw($port, "GET /?" . 'a' . str_repeat('[a]', 70) . "=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), '200 OK');
$ok(raw($port, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffffff\r\nbb\r\n0\r\n\r\n"), '413');
$ok(raw($port, "GET / HTTP/1.1\r\n" . str_repeat("h: v\r\n", 2100) . "\r\n"), '431');
$ok(raw($port, "\x01\x02 garbage\r\n\r\n"), '400');
$ok(raw($port, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "), '408');
echo "valgrind_http: $n requests answered\n";
PHP
export USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 PORT_FILE="$out/port"
valgrind -q --tool=memcheck --error-exitcode=99 --log-file="$out/vg.%p.log" \
    php -n -d "extension=$EXT" -d pcre.jit=0 -d display_errors=0 "$out/server.php" >"$out/server.out" 2>&1 &
vg=$!
for _ in $(seq 1 300); do [ -s "$out/port" ] && break; sleep 0.1; done
[ -s "$out/port" ] || { echo "valgrind_http: the server did not start"; cat "$out/server.out" "$out"/vg.*.log; exit 1; }
rc=0
php -n "$out/client.php" "$(cat "$out/port")" || rc=1
kill -TERM "$vg" 2>/dev/null || true
wait "$vg" || true
errors=$(cat "$out"/vg.*.log | grep -E "^==[0-9]+== [A-Z]" | grep -vE "Warning: (noted but unhandled ioctl|unimplemented)|pidfd_open|set address range perms" || true)
if [ -n "$errors" ]; then
    echo "valgrind_http: memcheck reported:"
    cat "$out"/vg.*.log | head -100
    rc=1
fi
if [ "$rc" -eq 0 ]; then
    echo "valgrind_http: 1 passed, 0 failed (memcheck clean in $(ls "$out"/vg.*.log | wc -l) processes)"
else
    echo "valgrind_http: 0 passed, 1 failed"
fi
exit "$rc"
