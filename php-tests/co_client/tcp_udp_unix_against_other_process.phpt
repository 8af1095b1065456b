--TEST--
Coroutine\Client against a peer in another process (plain PHP streams): TCP with set() length framing (recv gives one whole packet), EOF framing, exportSocket() the same Coroutine\Socket each call, getsockname/getpeername with host/address/port, isConnected, close and reconnect; UDP sendto/recvfrom and a connected UDP client; a unix stream client; Co\Client is the short name
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$sock = sys_get_temp_dir() . '/corust_cli_' . getmypid() . '.sock';
@unlink($sock);
// The peer: a blocking PHP server without corust, answering each length
// frame with its body upper-cased (TCP and unix), and each datagram.
$peer = <<<'PHP'
$tcp = stream_socket_server('tcp://127.0.0.1:0');
$udp = stream_socket_server('udp://127.0.0.1:0', $e, $es, STREAM_SERVER_BIND);
$unix = stream_socket_server('unix://' . $argv[1]);
echo explode(':', stream_socket_get_name($tcp, false))[1], ' ', explode(':', stream_socket_get_name($udp, false))[1], "\n";
$conns = [];
$deadline = time() + 20;
while (time() < $deadline) {
    $r = array_merge([$tcp, $udp, $unix], $conns);
    $w = $x = null;
    if (!stream_select($r, $w, $x, 1)) continue;
    foreach ($r as $s) {
        if ($s === $tcp || $s === $unix) { $conns[] = stream_socket_accept($s); continue; }
        if ($s === $udp) {
            $d = stream_socket_recvfrom($udp, 65536, 0, $from);
            stream_socket_sendto($udp, "udp:" . $d, 0, $from);
            continue;
        }
        $h = fread($s, 4);
        if ($h === '' || $h === false || strlen($h) < 4) { fclose($s); $conns = array_filter($conns, fn ($c) => $c !== $s); continue; }
        $n = unpack('N', $h)[1];
        $body = '';
        while (strlen($body) < $n) $body .= fread($s, $n - strlen($body));
        if ($body === 'EOF') { fwrite($s, "line one\r\nline two\r\n"); continue; }
        $out = strtoupper($body);
        fwrite($s, pack('N', strlen($out)) . $out);
    }
}
PHP;
$p = proc_open([PHP_BINARY, '-n', '-r', $peer, $sock], [1 => ['pipe', 'w']], $pipes);
[$tcpPort, $udpPort] = array_map('intval', explode(' ', trim(fgets($pipes[1]))));

Co\run(function () use ($tcpPort, $udpPort, $sock) {
    $c = new Co\Client(SWOOLE_SOCK_TCP);
    var_dump(get_class($c), $c->isConnected());
    var_dump($c->set(['open_length_check' => true, 'package_length_type' => 'N', 'package_body_offset' => 4]));
    var_dump($c->connect('127.0.0.1', $tcpPort, 2), $c->isConnected(), $c->connected);
    $big = str_repeat('abc', 300000);
    $c->send(pack('N', 5) . 'hello');
    $c->send(pack('N', strlen($big)) . $big);
    var_dump(substr($c->recv(), 4), strlen($c->recv()) === 4 + strlen($big));
    $s = $c->exportSocket();
    var_dump(get_class($s), $s === $c->exportSocket(), $c->socket === $s, $c->fd === $s->fd);
    $name = $c->getsockname();
    $peer = $c->getpeername();
    var_dump(array_keys($name), $name['address'], $peer['port'] === $tcpPort);
    // EOF framing set on a connected client applies at once.
    var_dump($c->set(['open_length_check' => false, 'open_eof_check' => true, 'package_eof' => "\r\n"]));
    $c->send(pack('N', 3) . 'EOF');
    var_dump($c->recv(), $c->recv());
    var_dump($c->close(), $c->isConnected(), $c->connected, $c->close(), $c->errCode);
    // The same object connects again.
    $c->set(['open_eof_check' => false, 'open_length_check' => true]);
    var_dump($c->connect('127.0.0.1', $tcpPort, 2));
    $c->send(pack('N', 5) . 'again');
    var_dump(substr($c->recv(), 4));

    $u = new Swoole\Coroutine\Client(SWOOLE_SOCK_UDP);
    var_dump($u->sendto('127.0.0.1', $udpPort, 'ping'));
    var_dump($u->recvfrom(100, $addr, $port), $addr, $port === $udpPort);
    $u2 = new Swoole\Coroutine\Client(SWOOLE_SOCK_UDP);
    var_dump($u2->connect('127.0.0.1', $udpPort, 1), $u2->send('pong'), $u2->recv(1));

    $x = new Swoole\Coroutine\Client(SWOOLE_SOCK_UNIX_STREAM);
    var_dump($x->connect($sock, 0, 1));
    $x->send(pack('N', 4) . 'unix');
    var_dump(substr($x->recv(1), 4), $x->getpeername()['address'] === $sock);
});
proc_terminate($p);
proc_close($p);
@unlink($sock);
?>
--EXPECT--
string(23) "Swoole\Coroutine\Client"
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
string(5) "HELLO"
bool(true)
string(23) "Swoole\Coroutine\Socket"
bool(true)
bool(true)
bool(true)
array(3) {
  [0]=>
  string(4) "host"
  [1]=>
  string(7) "address"
  [2]=>
  string(4) "port"
}
string(9) "127.0.0.1"
bool(true)
bool(true)
string(10) "line one
"
string(10) "line two
"
bool(true)
bool(false)
bool(false)
bool(false)
int(5001)
bool(true)
string(5) "AGAIN"
bool(true)
string(8) "udp:ping"
string(9) "127.0.0.1"
bool(true)
bool(true)
int(4)
string(8) "udp:pong"
bool(true)
string(4) "UNIX"
bool(true)
