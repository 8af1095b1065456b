--TEST--
Http\Server: a worker killed with SIGKILL is re-forked (workerError reports it) and the port keeps answering; max_request recycles workers
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1, 'max_request' => 3]);
$server->on('workerStart', function ($srv, $id) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) {
    if ($req->server['request_uri'] === '/fatal') { no_such_function(); }
    if ($req->server['request_uri'] === '/slow') { Co::sleep(0.3); }
    $resp->end((string) getmypid());
});
$server->on('workerError', function ($srv, $id, $pid, $code, $signal) { echo "workerError worker=$id code=$code signal=$signal\n"; });
$server->start();
PHP);
$port = $s[1];
$pid1 = corust_get($port, '/')[2];
// Under load: slow requests in flight when the worker is killed.
$load = [];
for ($i = 0; $i < 10; $i++) {
    $c = stream_socket_client("tcp://127.0.0.1:$port");
    fwrite($c, "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    $load[] = $c;
}
usleep(100000);
posix_kill((int) $pid1, SIGKILL);
foreach ($load as $c) { fclose($c); }
$pid2 = null;
for ($i = 0; $i < 50 && !$pid2; $i++) { usleep(100000); [$code, , $b] = corust_get($port, '/'); if ($code === 200) $pid2 = $b; }
var_dump($pid2 !== null && $pid2 !== $pid1);
// max_request = 3: no worker serves all 7 requests; each is replaced after 3.
$seen = [$pid2];
for ($tries = 0; count($seen) < 7 && $tries < 100; $tries++) {
    [$code, , $b] = corust_get($port, '/');
    if ($code !== 200) { usleep(100000); continue; }
    $seen[] = $b;
}
$counts = array_count_values($seen);
echo 'distinct workers over 7 requests: ', count($counts) >= 3 ? 'at least 3' : count($counts), "\n";
// A fatal error ends that worker (status 255); the manager forks a new one.
$dead = corust_get($port, '/')[2];
[$code] = corust_get($port, '/fatal');
$after = null;
for ($i = 0; $i < 50 && !$after; $i++) { [$c2, , $b] = corust_get($port, '/'); if ($c2 === 200) $after = $b; else usleep(100000); }
var_dump($code === 0 || $code === 500, $after !== null && $after !== $dead);
[$status, $out] = corust_server_stop($s);
var_dump($status);
echo implode("\n", preg_grep('/workerError/', explode("\n", $out))), "\n";
?>
--EXPECT--
bool(true)
distinct workers over 7 requests: at least 3
bool(true)
bool(true)
int(0)
workerError worker=0 code=0 signal=9
workerError worker=0 code=255 signal=0
