--TEST--
SWOOLE_PROCESS: a WebSocket connection (permessage-deflate agreed) outlives two reloads: the new worker process takes it up without open or close events and still inflates and deflates its frames
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 1, 'log_level' => 5, 'websocket_compression' => true]);
$server->on('start', function ($s) { echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) { echo "open {$req->fd}\n"; });
$server->on('close', function ($s, $fd) { echo "close $fd\n"; });
$server->on('message', function ($s, $frame) {
    if ($frame->data === 'reload') { $s->reload(); return; }
    $s->push($frame->fd, str_repeat($frame->data, 3) . ' ' . getmypid(), WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_FIN | SWOOLE_WEBSOCKET_FLAG_COMPRESS);
});
$server->start();
PHP);
$port = $s[1];
Co\run(function () use ($port) {
    $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
    $c->set(['timeout' => 5, 'websocket_compression' => true]);
    $c->upgrade('/');
    $pids = [];
    foreach (['a', 'b', 'c'] as $k => $m) {
        $c->push(str_repeat($m, 100), WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_FIN | SWOOLE_WEBSOCKET_FLAG_COMPRESS);
        $f = $c->recv(5);
        [$body, $pid] = explode(' ', $f->data);
        $pids[] = $pid;
        echo "$m: ", strlen($body), " bytes, compressed: ", json_encode(($f->flags & SWOOLE_WEBSOCKET_FLAG_RSV1) !== 0), "\n";
        if ($k < 2) {
            $c->push('reload');
            Co::sleep(0.6);
        }
    }
    echo "three processes: ", json_encode(count(array_unique($pids)) === 3), "\n";
    $c->close();
    Co::sleep(0.2);
});
[, $out] = corust_server_stop($s);
echo trim($out), "\n";
?>
--EXPECT--
a: 300 bytes, compressed: true
b: 300 bytes, compressed: true
c: 300 bytes, compressed: true
three processes: true
open 1
close 1
