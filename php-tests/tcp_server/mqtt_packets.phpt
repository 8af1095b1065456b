--TEST--
open_mqtt_protocol as Swoole's: a server port cuts MQTT packets by their remaining length (a packet split across reads, two in one read), Coroutine\Client::recv() returns one MQTT packet; a fifth length byte is logged (mqtt::get_package_length, ERRNO 1201, then 1204 malformed) and closes the connection
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'open_mqtt_protocol' => true]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    echo "receive ", bin2hex(substr($data, 0, 4)), " len=", strlen($data), "\n";
    $s->send($fd, $data);
});
$server->on('close', function ($s, $fd) { echo "close\n"; });
$server->start();
PHP;
$s = corust_server_start($code);
$big = "\x30\xc1\x02" . str_repeat('p', 321);
Swoole\Coroutine\run(function () use ($s, $big) {
    $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
    $c->set(['open_mqtt_protocol' => true]);
    $c->connect('127.0.0.1', $s[1]);
    $c->send("\xc0\x00" . substr($big, 0, 100)); Co::sleep(0.05); $c->send(substr($big, 100));
    foreach ([1, 2] as $i) { $p = $c->recv(1); echo "client got ", bin2hex(substr($p, 0, 3)), " ", strlen($p), "\n"; }
    $c->send("\x30\xff\xff\xff\xff\x01");
    var_dump($c->recv(1));
});
usleep(100000);
[$st, $out] = corust_server_stop($s);
echo preg_replace('/^\[\S+ \S+ [*]\d+\.\d+\]/m', '[LOG]', preg_replace('/127\.0\.0\.1:\d+/', 'ADDR', preg_replace('/received \d+ bytes/', 'received N bytes', $out)));

?>
--EXPECT--
client got c000 2
client got 30c102 324
string(0) ""
receive c000 len=2
receive 30c10270 len=324
[LOG]	WARNING	mqtt::get_package_length() (ERRNO 1201): bad request, the variable header size is larger than 4
[LOG]	WARNING	Protocol::recv_with_length_protocol() (ERRNO 1204): received N bytes of malformed data, remote_addr=<ADDR>
close
