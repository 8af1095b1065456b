--TEST--
Http\Server: exit(N) in a request handler throws Swoole\ExitException (flags say coroutine and server); uncaught it is the worker's fatal error (workerError code 255, shutdown functions run) and a new worker serves the next request
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($srv, $id) { echo "READY {$srv->port}\n"; });
$server->on('workerError', function ($srv, $id, $pid, $code, $sig) { echo "workerError id=$id code=$code sig=$sig\n"; });
$server->on('request', function ($req, $resp) {
    if ($req->server['request_uri'] === '/caught') {
        try { exit(9); } catch (Swoole\ExitException $e) { $resp->end('caught ' . $e->getStatus() . ' flags ' . $e->getFlags()); return; }
    }
    if ($req->server['request_uri'] === '/exit') {
        register_shutdown_function(function () { echo "shutdown function of the exiting worker\n"; });
        exit(7);
    }
    $resp->end('pid ' . getmypid());
});
$server->start();
PHP);
$port = $s[1];
[, , $first] = corust_get($port, '/');
[, , $caught] = corust_get($port, '/caught');
echo $caught, "\n";
$r = corust_http($port, "GET /exit HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
echo 'reply to /exit: [', $r, "]\n";
$second = '';
for ($i = 0; $i < 50 && !str_starts_with($second, 'pid '); $i++) {
    usleep(100000);
    [, , $second] = corust_get($port, '/');
}
echo 'served by a new worker: ', json_encode(str_starts_with($second, 'pid ') && $second !== $first), "\n";
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
?>
--EXPECTF--
caught 9 flags 6
reply to /exit: []
served by a new worker: true
exit 0
%AFatal error: Uncaught Swoole\ExitException: swoole exit in %s
%Ashutdown function of the exiting worker
workerError id=0 code=255 sig=0
%AREADY %d
