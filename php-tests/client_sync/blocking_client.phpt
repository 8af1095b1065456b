--TEST--
Swoole\Client (blocking, as Swoole's): connect() with its 0.5 s default timeout also bounding reads (a silent peer: recv() false, errCode 11, a warning), send/recv/close and their warnings, refused connects, getsockname/getpeername (port, host), EOF and length framing from set(), MSG_WAITALL, UDP connect and sendto, constructor errors; inside a coroutine it blocks the process (other coroutines do not run meanwhile)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$peerFile = tempnam(sys_get_temp_dir(), 'corust-peer') . '.php';
file_put_contents($peerFile, <<<'PEER'
<?php
// a plain-PHP peer: echo server for the client tests
$s = stream_socket_server("tcp://127.0.0.1:0", $e, $es);
$u = stream_socket_server("udp://127.0.0.1:0", $e, $es, STREAM_SERVER_BIND);
echo stream_socket_get_name($s, false), " ", stream_socket_get_name($u, false), "\n";
fflush(STDOUT);
$conns = [];
$end = time() + 20;
while (time() < $end) {
    $r = array_merge([$s, $u], $conns); $w = $x = null;
    if (!stream_select($r, $w, $x, 0, 200000)) continue;
    foreach ($r as $c) {
        if ($c === $s) { $conns[] = stream_socket_accept($s); continue; }
        if ($c === $u) { $d = stream_socket_recvfrom($u, 65536, 0, $from); stream_socket_sendto($u, "udp:$d", 0, $from); continue; }
        $d = fread($c, 65536);
        if ($d === '' || $d === false) { fclose($c); $conns = array_filter($conns, fn($x) => $x !== $c); continue; }
        if (str_starts_with($d, 'quiet')) continue;
        if (str_starts_with($d, 'bye')) { fwrite($c, "bye!"); fclose($c); $conns = array_filter($conns, fn($x) => $x !== $c); continue; }
        if (str_starts_with($d, 'frames')) { fwrite($c, "one\r\ntwo\r\nthr"); usleep(50000); fwrite($c, "ee\r\n"); continue; }
        if (str_starts_with($d, 'len')) { fwrite($c, pack('N', 3) . "abc" . pack('N', 2) . "de"); continue; }
        fwrite($c, "echo:$d");
    }
}
PEER);
$peer = proc_open([PHP_BINARY, '-n', $peerFile], [1 => ['pipe', 'w']], $pipes);
[$tcp, $udp] = explode(' ', trim(fgets($pipes[1])));
[, $tport] = explode(':', $tcp); [, $uport] = explode(':', $udp);
$c = new Swoole\Client(SWOOLE_SOCK_TCP);
var_dump($c->isConnected(), $c->sock, $c->errCode);
var_dump($c->connect('127.0.0.1', (int)$tport));
var_dump($c->isConnected(), $c->sock > 0, array_keys($c->getsockname()), $c->getpeername()['port'] == $tport);
var_dump($c->send("hello"), $c->recv());
var_dump($c->send("quiet"));
$t = microtime(true); var_dump($c->recv(), $c->errCode, round(microtime(true) - $t, 1));
var_dump($c->send(''));
var_dump($c->send("bye"), $c->recv(), $c->recv());
var_dump($c->close(), $c->close(), $c->isConnected());
var_dump($c->send("x"), $c->errCode);
$c2 = new Swoole\Client(SWOOLE_SOCK_TCP);
var_dump($c2->connect('127.0.0.1', 1), $c2->errCode);
var_dump($c2->connect('127.0.0.1', 0));
$e = new Swoole\Client(SWOOLE_SOCK_TCP);
$e->set(['open_eof_check' => true, 'package_eof' => "\r\n"]);
var_dump($e->connect('localhost', (int)$tport, 2));
$e->send("frames"); var_dump($e->recv(), $e->recv(), $e->recv());
$l = new Swoole\Client(SWOOLE_SOCK_TCP);
$l->set(['open_length_check' => true, 'package_length_type' => 'N', 'package_length_offset' => 0, 'package_body_offset' => 4]);
$l->connect('127.0.0.1', (int)$tport);
$l->send("len"); var_dump(bin2hex($l->recv()), bin2hex($l->recv()));
$w = new Swoole\Client(SWOOLE_SOCK_TCP);
$w->connect('127.0.0.1', (int)$tport);
$w->send("12345"); var_dump($w->recv(8, Swoole\Client::MSG_WAITALL));
$u = new Swoole\Client(SWOOLE_SOCK_UDP);
var_dump($u->connect('127.0.0.1', (int)$uport), $u->send("ping"), $u->recv());
$u2 = new Swoole\Client(SWOOLE_SOCK_UDP);
var_dump($u2->sendto('127.0.0.1', (int)$uport, "to"), $u2->recv());
try { new Swoole\Client(99); } catch (Throwable $t) { echo get_class($t), ": ", $t->getMessage(), "\n"; }
try { new Swoole\Client(SWOOLE_SOCK_TCP, true); } catch (Throwable $t) { echo get_class($t), ": ", $t->getMessage(), "\n"; }
// In a coroutine it blocks the process (as Swoole's): the timer cannot fire meanwhile.
Swoole\Coroutine\run(function () use ($tport) {
    $ticks = 0;
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { Co::sleep(0.05); $ticks++; } });
    $c = new Swoole\Client(SWOOLE_SOCK_TCP);
    $c->connect('127.0.0.1', (int)$tport, 0.3);
    $c->send("quiet");
    var_dump($c->recv(), $ticks);
});
var_dump(Swoole\Client::SHUT_WR, (new ReflectionMethod('Swoole\Client', 'connect'))->getParameters()[2]->getDefaultValue());
proc_terminate($peer);
unlink($peerFile);
?>
--EXPECTF--
bool(false)
int(-1)
int(0)
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  string(4) "port"
  [1]=>
  string(4) "host"
}
bool(true)
int(5)
string(10) "echo:hello"
int(5)

Warning: Swoole\Client::recv(): recv() failed, Error: Resource temporarily unavailable[11] in %s on line %d
bool(false)
int(11)
float(0.5)

Warning: Swoole\Client::send(): data to send is empty in %s on line %d
bool(false)
int(3)
string(4) "bye!"
string(0) ""

Warning: Swoole\Client::close(): client is not connected to the server in %s on line %d
bool(true)
bool(false)
bool(false)

Warning: Swoole\Client::send(): client is not connected to server in %s on line %d
bool(false)
int(5001)

Warning: Swoole\Client::connect(): connect to server[127.0.0.1:1] failed. Error: Connection refused[111] in %s on line %d
bool(false)
int(111)

Warning: Swoole\Client::connect(): connect to server[127.0.0.1:0] failed. Error: Connection refused[111] in %s on line %d
bool(false)
bool(true)
string(5) "one
"
string(5) "two
"
string(7) "three
"
string(14) "00000003616263"
string(12) "000000026465"
string(8) "echo:123"
bool(true)
int(4)
string(8) "udp:ping"
bool(true)
string(6) "udp:to"
TypeError: Swoole\Client::__construct() expects parameter 1 to be client type, unknown type 99 given
Error: The $async parameter is not supported

Warning: Swoole\Client::recv(): recv() failed, Error: Resource temporarily unavailable[11] in %s on line %d
bool(false)
int(0)
int(1)
float(0.5)
