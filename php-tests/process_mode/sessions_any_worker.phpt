--TEST--
SWOOLE_PROCESS: exists(), isEstablished(), getClientInfo(), getClientList() and $server->connections answer for sessions other workers hold (the master's table), and forget a client once it left
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 3, 'log_level' => 5]);
$server->on('start', function ($s) { echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) { $s->push($req->fd, "open {$req->fd} {$s->worker_id}"); });
$server->on('message', function ($s, $frame) {
    $all = [];
    foreach ($s->connections as $fd) {
        $i = $s->getClientInfo($fd);
        $all[] = "$fd:" . json_encode([$s->exists($fd), $s->isEstablished($fd), $i['remote_ip'] ?? null, $i['websocket_status'] ?? null]);
    }
    $s->push($frame->fd, "worker {$s->worker_id} sees " . count($s->connections) . " " . implode(' ', $all)
        . " list " . json_encode($s->getClientList()) . " exists(999) " . json_encode($s->exists(999)));
});
$server->start();
PHP);
$port = $s[1];
Co\run(function () use ($port) {
    $cs = [];
    for ($i = 0; $i < 3; $i++) {
        $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
        $c->set(['timeout' => 5]);
        $c->upgrade('/');
        echo $c->recv()->data, "\n";
        $cs[] = $c;
    }
    $cs[0]->push('info');
    echo $cs[0]->recv()->data, "\n";
    $cs[2]->close();
    Co::sleep(0.2);
    $cs[1]->push('info');
    echo $cs[1]->recv()->data, "\n";
});
corust_server_stop($s);
?>
--EXPECT--
open 1 0
open 2 1
open 3 2
worker 0 sees 3 1:[true,true,"127.0.0.1",3] 2:[true,true,"127.0.0.1",3] 3:[true,true,"127.0.0.1",3] list [1,2,3] exists(999) false
worker 1 sees 2 1:[true,true,"127.0.0.1",3] 2:[true,true,"127.0.0.1",3] list [1,2] exists(999) false
