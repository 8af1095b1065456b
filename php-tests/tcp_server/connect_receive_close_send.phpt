--TEST--
Server (TCP): connect, receive and close events, send() and close() from the server, concurrent clients
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_TCP);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($srv) { echo "READY {$srv->port}\n"; });
$server->on('connect', function ($srv, $fd) { echo "connect\n"; });
$server->on('receive', function (Swoole\Server $srv, int $fd, int $reactorId, string $data) {
    $data = trim($data);
    if ($data === 'bye') { $srv->send($fd, "closing\n"); $srv->close($fd); return; }
    if ($data === 'slow') { Co::sleep(0.2); }
    $srv->send($fd, "echo:$data\n");
});
$server->on('close', function ($srv, $fd) { echo "close\n"; });
$server->start();
PHP);
$port = $s[1];
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, "hello\n");
echo fgets($c);
fwrite($c, "bye\n");
echo fgets($c);
var_dump(fgets($c), feof($c));
// Two slow clients at once overlap.
$t = microtime(true);
$a = stream_socket_client("tcp://127.0.0.1:$port");
$b = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($a, "slow\n"); fwrite($b, "slow\n");
echo fgets($a), fgets($b);
var_dump(microtime(true) - $t < 0.39);
fclose($a); fclose($b);
usleep(100000);
[$status, $out] = corust_server_stop($s);
var_dump($status);
$lines = array_count_values(array_filter(explode("\n", $out)));
ksort($lines);
var_dump($lines);
?>
--EXPECT--
echo:hello
closing
bool(false)
bool(true)
echo:slow
echo:slow
bool(true)
int(0)
array(2) {
  ["close"]=>
  int(3)
  ["connect"]=>
  int(3)
}
