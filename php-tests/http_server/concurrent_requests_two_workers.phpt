--TEST--
Http\Server: 10 requests that each sleep 200 ms finish in well under 1 s on 2 workers (every request is a coroutine)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 2]);
$server->on('workerStart', function ($srv, $id) { if ($id === 0) echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) { usleep(200000); $resp->end((string) getmypid()); });
$server->start();
PHP);
$port = $s[1];
usleep(100000);
$t = microtime(true);
$conns = [];
for ($i = 0; $i < 10; $i++) {
    $c = stream_socket_client("tcp://127.0.0.1:$port");
    fwrite($c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    $conns[] = $c;
}
$ok = 0;
foreach ($conns as $c) { if (str_starts_with(stream_get_contents($c), 'HTTP/1.1 200')) $ok++; }
$elapsed = microtime(true) - $t;
var_dump($ok, $elapsed < 1.0);
[$status] = corust_server_stop($s);
var_dump($status);
?>
--EXPECT--
int(10)
bool(true)
int(0)
