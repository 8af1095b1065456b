--TEST--
Server (UDP, SWOOLE_SOCK_UDP) as Swoole's: packet($server, $data, $clientInfo) with server_socket, dispatch_time, server_port, address and port; each packet in its own coroutine (a slow one answered after a fast one); sendto() answers from the UDP port, warns without a UDP6 port and for empty data; a TCP port added with listen() beside it serves receive
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_UDP);
$server->set(['worker_num' => 1]);
$tcp = $server->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$tcp->on('receive', function ($s, $fd, $rid, $data) { $s->send($fd, "tcp:$data"); });
$server->on('workerStart', function ($s) use ($tcp) { echo "READY {$s->port} {$tcp->port}\n"; });
$server->on('packet', function ($s, $data, $info) {
    echo "packet ", json_encode($data), " ", implode(',', array_keys($info)), " port_ok=", json_encode($info['server_port'] === $s->port), " addr=", $info['address'], "\n";
    if ($data === 'slow') Co::sleep(0.2);
    var_dump($s->sendto($info['address'], $info['port'], "re:$data"));
    if ($data === 'err') { var_dump($s->sendto('::1', 1, 'x'), $s->sendto($info['address'], $info['port'], '')); }
});
$server->start();
PHP;
$s = corust_server_start($code, [], '/READY (\d+ \d+)/');
preg_match('/READY (\d+) (\d+)/', $s[4], $m);
[$udp, $tcp] = [(int)$m[1], (int)$m[2]];
$c = stream_socket_client("udp://127.0.0.1:$udp");
stream_set_timeout($c, 2);
fwrite($c, "slow"); fwrite($c, "fast");
echo fread($c, 100), "\n", fread($c, 100), "\n";
fwrite($c, "err"); echo fread($c, 100), "\n";
$t = stream_socket_client("tcp://127.0.0.1:$tcp");
fwrite($t, "hi"); echo fread($t, 100), "\n";
usleep(100000);
[$st, $out, $err] = corust_server_stop($s);
echo $out, $err;

?>
--EXPECTF--
re:fast
re:slow
re:err
tcp:hi
packet "slow" server_socket,dispatch_time,server_port,address,port port_ok=true addr=127.0.0.1
packet "fast" server_socket,dispatch_time,server_port,address,port port_ok=true addr=127.0.0.1
bool(true)
bool(true)
packet "err" server_socket,dispatch_time,server_port,address,port port_ok=true addr=127.0.0.1
bool(true)

Warning: Swoole\Server::sendto(): UDP6 listener has to be added before executing sendto in %s on line 11

Warning: Swoole\Server::sendto(): the data sent must not be empty in %s on line 11
bool(false)
bool(false)
