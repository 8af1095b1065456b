--TEST--
Http\Server hostile input: a request head that never ends (http_header_timeout), a body that stops coming (http_body_timeout) and a client that never reads its response (send_timeout) are each cut off after their timeout, while the same worker keeps answering other clients meanwhile
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'http_header_timeout' => 1, 'http_body_timeout' => 1, 'send_timeout' => 1]);
$server->on('workerStart', function ($srv) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) {
    if ($req->server['request_uri'] === '/big') {
        // 64 MB: far more than the socket buffers hold.
        $chunk = str_repeat('x', 1 << 20);
        for ($i = 0; $i < 64; $i++) {
            if (!$resp->write($chunk)) { echo "write failed after $i MB\n"; return; }
        }
        $resp->end();
        return;
    }
    $resp->end((string) getmypid());
});
$server->start();
PHP);
$port = $s[1];
[, $pid] = corust_raw($port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
$open = function (string $raw) use ($port) {
    $c = stream_socket_client("tcp://127.0.0.1:$port");
    fwrite($c, $raw);
    return $c;
};
$slowHead = $open("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
$slowBody = $open("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part of it");
$noRead = $open("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
stream_set_blocking($slowHead, false);
stream_set_blocking($slowBody, false);
$t = microtime(true);
// Meanwhile the worker answers others.
[$code, $other] = corust_raw($port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
echo "meanwhile: $code ", $other === $pid ? 'same worker' : 'OTHER', "\n";
$got = ['head' => '', 'body' => ''];
$closedAt = [];
while (count($closedAt) < 2 && microtime(true) - $t < 5) {
    foreach (['head' => $slowHead, 'body' => $slowBody] as $k => $c) {
        if (isset($closedAt[$k])) continue;
        $got[$k] .= (string) fread($c, 8192);
        if (feof($c)) $closedAt[$k] = microtime(true) - $t;
    }
    usleep(20000);
}
foreach (['head', 'body'] as $k) {
    printf("slow %s: %s, closed %s\n", $k, strtok($got[$k], "\r"), isset($closedAt[$k]) && $closedAt[$k] > 0.8 && $closedAt[$k] < 3 ? 'after about 1 s' : 'at ' . json_encode($closedAt[$k] ?? null));
}
// The client that never read: after its send_timeout the server drops it.
usleep(1500000);
stream_set_blocking($noRead, false);
$n = 0;
while (($d = fread($noRead, 1 << 20)) !== '' && $d !== false) $n += strlen($d);
usleep(100000);
while (($d = fread($noRead, 1 << 20)) !== '' && $d !== false) $n += strlen($d);
echo "never-reading client dropped: ", feof($noRead) && $n < 64 << 20 ? 'yes' : "no ($n bytes)", "\n";
[, $after] = corust_raw($port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
echo $after === $pid ? "same worker\n" : "WORKER CHANGED\n";
[$status, $out, $err] = corust_server_stop($s);
echo "exit $status\n", preg_replace('/\d+ MB/', 'N MB', $out);
?>
--EXPECT--
meanwhile: 200 same worker
slow head: HTTP/1.1 408 Request Timeout, closed after about 1 s
slow body: HTTP/1.1 408 Request Timeout, closed after about 1 s
never-reading client dropped: yes
same worker
exit 0
write failed after N MB
