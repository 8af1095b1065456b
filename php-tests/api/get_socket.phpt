--TEST--
getSocket(): Server (primary or by port number), Server\Port and Swoole\Client give their socket as an ext-sockets Socket over a duplicate fd (closing it leaves the server's socket alone); false for an unknown port or an unconnected client
--SKIPIF--
<?php if (!extension_loaded('sockets')) die('skip ext-sockets'); ?>
--FILE--
<?php
$s = new Swoole\Server('127.0.0.1', 0);
$p = $s->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$sock = $s->getSocket();
var_dump($sock instanceof Socket, socket_getsockname($sock, $a, $port), $a, $port === $s->port);
var_dump(socket_get_option($sock, SOL_SOCKET, SO_TYPE) === SOCK_STREAM);
$ps = $p->getSocket();
var_dump(socket_getsockname($ps, $a2, $port2), $port2 === $p->port);
socket_getsockname($s->getSocket($p->port), $a3, $port3);
var_dump($port3 === $p->port, $s->getSocket(1));
socket_close($sock);
socket_getsockname($s->getSocket(), $a4, $port4);
var_dump($port4 === $s->port);
// A client's connection, to a plain listening socket of ours.
$srv = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($srv, false);
$c = new Swoole\Client(SWOOLE_SOCK_TCP);
var_dump($c->getSocket());
$c->connect('127.0.0.1', (int) explode(':', $name)[1]);
$peer = stream_socket_accept($srv);
$cs = $c->getSocket();
socket_write($cs, "through the Socket\n");
echo fgets($peer);
?>
--EXPECT--
bool(true)
bool(true)
string(9) "127.0.0.1"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
through the Socket
