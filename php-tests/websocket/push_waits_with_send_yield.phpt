--TEST--
WebSocket push() with send_yield (on by default with coroutines, as Swoole): when the connection's output buffer (buffer_output_size) is full the pushing coroutine waits for room instead of failing, so 60 frames of 512 KB to a slow reader all arrive, in order; with send_yield off the same pushes fail with Swoole's "output buffer overflow" warning
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
foreach ([true, false] as $yield) {
    $s = corust_server_start(str_replace('YIELD', var_export($yield, true), <<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1, 'send_yield' => YIELD, 'buffer_output_size' => 256 * 1024]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) {
    $ok = 0;
    for ($i = 0; $i < 60; $i++) $ok += (int) @$s->push($req->fd, str_pad((string) $i, 512 * 1024, "."));
    echo "pushed $ok of 60", $ok < 60 ? ", " . error_get_last()['message'] : '', "\n";
});
$server->on('message', function () {});
$server->start();
PHP));
    [$c] = corust_ws_connect($s[1]);
    usleep(300000); // a slow reader
    $n = 0; $inorder = true;
    stream_set_timeout($c, 2);
    while (($m = corust_ws_read($c)) !== null) {
        $inorder = $inorder && (int) $m[1] === $n;
        $n++;
        if ($n === 60) break;
    }
    [, $rest] = corust_server_stop($s);
    echo "send_yield ", json_encode($yield), ": received ", $yield ? "$n, in order: " . json_encode($inorder) : ($n < 60 ? "fewer" : "all"), "\n", preg_replace('/socket#\d+/', 'socket#N', $rest);
}
?>
--EXPECTF--
send_yield true: received 60, in order: true
pushed 60 of 60
send_yield false: received fewer
pushed %d of 60, Swoole\WebSocket\Server::push(): socket#N output buffer overflow
