--TEST--
WebSocket\Server stop: at SIGTERM an idle WebSocket connection gets close 1001 (going away) at once instead of holding the worker until max_wait_time; workerStop runs and the server exits 0
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'max_wait_time' => 10]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('message', function ($s, $f) { $s->push($f->fd, $f->data); });
$server->on('workerStop', function () { echo "workerStop\n"; });
$server->start();
PHP);
[$c] = corust_ws_connect($s[1]);
corust_ws_send($c, 1, 'ping');
echo json_encode(corust_ws_read($c)), "\n";
$t = microtime(true);
proc_terminate($s[0], SIGTERM);
$f = corust_ws_read($c);
echo "close ", unpack('n', $f[1])[1], " within 2 s: ", json_encode(microtime(true) - $t < 2), "\n";
[$status, $rest] = corust_server_stop($s);
echo $rest, "exit $status\n";
?>
--EXPECT--
[1,"ping",true]
close 1001 within 2 s: true
workerStop
exit 0
