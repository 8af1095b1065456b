--TEST--
Coroutine\Socket's other calls: UDP sendto/recvfrom (peername filled), peek without consuming, recvWithBuffer and recvLine sharing one buffer with recv, writeVector/readVector(All) (Socket\Exception for bad items), getOption/setOption (SO_REUSEADDR, SO_RCVTIMEO as the socket's read timeout, SO_LINGER), sendFile of part of a file, import() of a stream socket, swoole_coroutine_socketpair, the Socket\Exception class and SOCKET_ECANCELED
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\Socket;
Co\run(function () {
    $u = new Socket(AF_INET, SOCK_DGRAM, 0);
    var_dump($u->bind('127.0.0.1', 0));
    $uport = $u->getsockname()['port'];
    $v = new Socket(AF_INET, SOCK_DGRAM, 0);
    var_dump($v->sendto('127.0.0.1', $uport, 'datagram one'), $v->sendto('localhost', $uport, 'two'));
    var_dump($u->recvfrom($peer, 1), $peer['address'], $peer['port'] === $v->getsockname()['port'], $u->recvfrom($peer, 1));
    var_dump($u->recvfrom($peer, 0.05), $u->errCode === SOCKET_ETIMEDOUT);

    [$a, $b] = swoole_coroutine_socketpair(AF_UNIX, SOCK_STREAM, 0);
    var_dump(get_class($a), $a->domain === AF_UNIX, $b->type === SOCK_STREAM);
    $a->send("first line\nsecond line\nrest");
    usleep(10000);
    var_dump($b->peek(5), $b->recvWithBuffer(6), $b->recvLine(), $b->recv(7), $b->recvLine(), $b->recv());
    var_dump($a->writeVector(['ab', 'cd', 'ef']), $b->readVectorAll([1, 2, 3]));
    $a->writeVectorAll(['xyz']);
    usleep(10000);
    var_dump($b->readVector([2, 5]));
    try {
        $b->readVector(['x']);
    } catch (Swoole\Coroutine\Socket\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), ' [', $e->getCode(), "]\n";
    }
    try {
        $a->writeVector(['ok', '']);
    } catch (Co\Socket\Exception $e) {
        echo get_parent_class($e), ': ', $e->getMessage(), "\n";
    }

    var_dump($a->setOption(SOL_SOCKET, SO_SNDBUF, 65536), $a->getOption(SOL_SOCKET, SO_SNDBUF) >= 65536);
    var_dump($b->setOption(SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 50000]), $b->getOption(SOL_SOCKET, SO_RCVTIMEO));
    $t = microtime(true);
    var_dump($b->recv(), $b->errCode === SOCKET_ETIMEDOUT, microtime(true) - $t < 1);
    $t4 = new Socket(AF_INET, SOCK_STREAM, 0);
    var_dump($t4->setOption(SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 3]), $t4->getOption(SOL_SOCKET, SO_LINGER));

    $file = tempnam(sys_get_temp_dir(), 'corust');
    file_put_contents($file, '0123456789abcdefghij');
    var_dump($a->sendFile($file, 5, 10), $b->recv(100, 1));
    var_dump($a->sendFile($file), strlen($b->recv(100, 1)));
    var_dump($a->sendFile('/nonexistent/x'), $a->errCode === SOCKET_ENOENT);
    unlink($file);

    $srv = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) explode(':', stream_socket_get_name($srv, false))[1];
    $raw = stream_socket_client("tcp://127.0.0.1:$port");
    $acc = stream_socket_accept($srv);
    $imp = Socket::import($raw);
    var_dump(get_class($imp), $imp->domain === AF_INET, $imp->send('via import'), fread($acc, 100));
    fwrite($acc, 'back');
    var_dump($imp->recv(100, 1));
    var_dump(SOCKET_ECANCELED, get_parent_class('Swoole\Coroutine\Socket\Exception'));
});
?>
--EXPECT--
bool(true)
int(12)
int(3)
string(12) "datagram one"
string(9) "127.0.0.1"
bool(true)
string(3) "two"
bool(false)
bool(true)
string(23) "Swoole\Coroutine\Socket"
bool(true)
bool(true)
string(5) "first"
string(6) "first "
string(5) "line
"
string(7) "second "
string(5) "line
"
string(4) "rest"
int(6)
array(3) {
  [0]=>
  string(1) "a"
  [1]=>
  string(2) "bc"
  [2]=>
  string(3) "def"
}
array(2) {
  [0]=>
  string(2) "xy"
  [1]=>
  string(1) "z"
}
Swoole\Coroutine\Socket\Exception: Item #[0] must be of type int, string given [22]
Swoole\Exception: Item #[1] cannot be empty string
bool(true)
bool(true)
bool(true)
array(2) {
  ["sec"]=>
  int(0)
  ["usec"]=>
  int(50000)
}
bool(false)
bool(true)
bool(true)
bool(true)
array(2) {
  ["l_onoff"]=>
  int(1)
  ["l_linger"]=>
  int(3)
}
bool(true)
string(10) "56789abcde"
bool(true)
int(20)
bool(false)
bool(true)
string(23) "Swoole\Coroutine\Socket"
bool(true)
int(10)
string(10) "via import"
string(4) "back"
int(125)
string(16) "Swoole\Exception"
