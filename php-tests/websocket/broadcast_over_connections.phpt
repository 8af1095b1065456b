--TEST--
$server->connections (Swoole\Connection\Iterator): the canonical broadcast — foreach over this worker's connections, isEstablished() + push() to each — reaches every client; count(), isset($server->connections[$fd]) and $server->connections[$fd] (getClientInfo) work; the iterator cannot be made with new
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('message', function ($s, $f) {
    $n = 0;
    foreach ($s->connections as $fd) {
        if ($s->isEstablished($fd)) { $s->push($fd, "all: {$f->data}"); $n++; }
    }
    echo "pushed to $n, count ", count($s->connections), ', isset ', json_encode(isset($s->connections[$f->fd])), ', ', $s->connections[$f->fd]['remote_ip'], "\n";
});
$server->start();
PHP);
$clients = [];
for ($i = 0; $i < 5; $i++) { [$clients[]] = corust_ws_connect($s[1]); }
corust_ws_send($clients[2], 1, 'hello');
foreach ($clients as $c) echo json_encode(corust_ws_read($c)), "\n";
usleep(100000);
[, $rest] = corust_server_stop($s);
echo $rest;
$srv = new Swoole\Server('127.0.0.1', 0);
var_dump(get_class($srv->connections), count($srv->connections), iterator_to_array($srv->connections));
try { new Swoole\Connection\Iterator(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
[1,"all: hello",true]
[1,"all: hello",true]
[1,"all: hello",true]
[1,"all: hello",true]
[1,"all: hello",true]
pushed to 5, count 5, isset true, 127.0.0.1
string(26) "Swoole\Connection\Iterator"
int(0)
array(0) {
}
please use the Swoole\Server->connections
