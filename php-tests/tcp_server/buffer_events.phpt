--TEST--
Server (TCP): bufferFull fires once the output buffer passes buffer_high_watermark and bufferEmpty once it drains to buffer_low_watermark, each in its own coroutine, while every byte still reaches a reader that starts late (same events as Swoole 6.2.2)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'buffer_high_watermark' => 64 << 10, 'buffer_low_watermark' => 0, 'buffer_output_size' => 32 << 20]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    $n = 0;
    for ($i = 0; $i < 16; $i++) { if ($s->send($fd, str_repeat('x', 1 << 20))) $n++; }
    echo "sent $n chunks, queued ", $s->getClientInfo($fd)['send_queued_bytes'] > 0 ? 'some' : 'none', "\n";
});
$server->on('bufferFull', function ($s, $fd) { echo "bufferFull\n"; });
$server->on('bufferEmpty', function ($s, $fd) { echo "bufferEmpty\n"; });
$server->on('close', function ($s, $fd) { echo "close\n"; });
$server->start();
PHP;
$s = corust_server_start($code);
$c = stream_socket_client("tcp://127.0.0.1:$s[1]");
fwrite($c, 'go');
sleep(1);
$n = 0; stream_set_timeout($c, 3);
while ($n < 16 << 20 && ($r = fread($c, 1 << 16)) !== false && $r !== '') $n += strlen($r);
echo "client read $n\n";
usleep(300000);
fclose($c);
usleep(100000);
[$st, $out, $err] = corust_server_stop($s);
echo $out, $err;

?>
--EXPECT--
client read 16777216
bufferFull
sent 16 chunks, queued some
bufferEmpty
close
