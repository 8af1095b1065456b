--TEST--
Server (TCP) as Swoole's: close() runs onClose at once (reactor id -1) and returns true, a second close() false, and what was sent before close() still reaches the client; heartbeat_idle_time closes a silent connection (onClose with the worker's reactor id) while a talking one stays; send() of '' warns and fails; 4 MiB sent to a slow reader all arrive (the output buffer queues and send waits for room)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'heartbeat_idle_time' => 2, 'heartbeat_check_interval' => 1,
    'buffer_output_size' => 1 << 20]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    switch ($data) {
        case 'close':
            $s->send($fd, str_repeat('b', 300000) . "bye\n");
            var_dump($s->close($fd));
            echo "after close\n";
            var_dump($s->close($fd), $s->exists($fd));
            return;
        case 'empty':
            var_dump($s->send($fd, ''));
            return;
        case 'big':
            $ok = true;
            for ($i = 0; $i < 4; $i++) $ok = $ok && $s->send($fd, str_repeat(chr(97 + $i), 1 << 20));
            var_dump($ok);
            return;
    }
    $s->send($fd, "ok\n");
});
$server->on('close', function ($s, $fd, $rid) { echo "close rid=$rid\n"; });
$server->start();
PHP;
$s = corust_server_start($code);
$port = $s[1];
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, 'close');
stream_set_timeout($c, 3);
$all = stream_get_contents($c);
var_dump(strlen($all), substr($all, -4), feof($c));

$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, 'empty');
usleep(200000);
fclose($c);

// A reader that waits before reading still gets every byte, in order.
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, 'big');
sleep(1);
stream_set_timeout($c, 5);
$got = '';
while (strlen($got) < 4 << 20 && ($r = fread($c, 1 << 16)) !== false && $r !== '') $got .= $r;
var_dump(strlen($got), count_chars($got, 3));
fclose($c);
usleep(200000);
echo "-- heartbeat\n";
$t = microtime(true);
$silent = stream_socket_client("tcp://127.0.0.1:$port");
$talker = stream_socket_client("tcp://127.0.0.1:$port");
for ($i = 0; $i < 8; $i++) { usleep(500000); fwrite($talker, 'ping'); fgets($talker); }
stream_set_timeout($silent, 5);
var_dump(fread($silent, 10), feof($silent), microtime(true) - $t < 5.5);
var_dump(feof($talker));
fclose($talker);
usleep(200000);
[$status, $out, $err] = corust_server_stop($s);
var_dump($status);
echo $out, $err;
?>
--EXPECTF--
int(300004)
string(4) "bye
"
bool(true)
int(4194304)
string(4) "abcd"
-- heartbeat
string(0) ""
bool(true)
bool(true)
bool(false)
int(0)
close rid=-1
bool(true)
after close
bool(false)
bool(false)

Warning: Swoole\Server::send(): the data sent must not be empty in %s on line %d
bool(false)
close rid=0
bool(true)
close rid=0
close rid=0
close rid=0
