--TEST--
SWOOLE_PROCESS: four reload()s while 20 keep-alive clients send requests lose no request and close no connection (each connection is answered by the old and the new workers); SIGTERM to the master stops the server and only the master returns from start()
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 2, 'log_level' => 5]);
// onStart runs once, in the master (workers start again at each reload).
$server->on('start', function ($s) { echo "READY {$s->port}\n"; });
$server->on('request', function ($req, $resp) use ($server) {
    if ($req->server['request_uri'] === '/reload') $server->reload();
    $resp->end((string) getmypid());
});
$server->start();
echo "start() returned in " . (getmypid() === $server->master_pid ? "the master" : "another process") . "\n";
PHP);
$port = $s[1];
$ok = 0; $failed = 0; $pids = []; $per_conn = [];
Co\run(function () use ($port, &$ok, &$failed, &$pids, &$per_conn) {
    $end = microtime(true) + 2.5;
    for ($i = 0; $i < 20; $i++) {
        go(function () use ($i, $port, $end, &$ok, &$failed, &$pids, &$per_conn) {
            $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
            $c->set(['timeout' => 5, 'keep_alive' => true]);
            $per_conn[$i] = [];
            while (microtime(true) < $end) {
                if ($c->get('/') && $c->statusCode === 200) {
                    $ok++;
                    $pids[$c->body] = true;
                    $per_conn[$i][$c->body] = true;
                } else {
                    $failed++;
                }
                Co::sleep(0.005);
            }
        });
    }
    go(function () use ($port) {
        $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
        for ($k = 0; $k < 4; $k++) {
            Co::sleep(0.4);
            $c->get('/reload');
        }
    });
});
echo "failed: $failed\n";
echo "answered: ", json_encode($ok > 1000), "\n";
echo "worker processes seen: ", json_encode(count($pids) >= 6), "\n";
// The same keep-alive connection answered by several processes: reloads
// replaced its worker without closing it.
$survived = count(array_filter($per_conn, fn ($p) => count($p) >= 3));
echo "connections served by 3+ processes: $survived of 20\n";
[$status, $out] = corust_server_stop($s);
echo "exit: $status\n", $out;
?>
--EXPECT--
failed: 0
answered: true
worker processes seen: true
connections served by 3+ processes: 20 of 20
exit: 0
start() returned in the master
