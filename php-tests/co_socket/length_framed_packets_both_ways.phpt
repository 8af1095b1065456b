--TEST--
Coroutine\Socket: a listening socket accepts, setProtocol() length framing (package_length_type N, package_body_offset 4) splits packets both ways whatever the write sizes, packets up to 1 MiB and empty ones, recvPacket() gives '' at the peer's end; a packet over package_max_length fails with SW_ERROR_PACKAGE_LENGTH_TOO_LARGE; the accepted socket inherits the framing; Co\Socket is the short name
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\Socket;
$proto = ['open_length_check' => true, 'package_length_type' => 'N', 'package_length_offset' => 0, 'package_body_offset' => 4, 'package_max_length' => 2 * 1024 * 1024];
Co\run(function () use ($proto) {
    $srv = new Co\Socket(AF_INET, SOCK_STREAM, 0);
    var_dump(get_class($srv), $srv->bind('127.0.0.1', 0), $srv->listen(16), $srv->setProtocol($proto));
    $port = $srv->getsockname()['port'];
    go(function () use ($srv) {
        $c = $srv->accept(5);
        $n = 0;
        while (true) {
            $p = $c->recvPacket(5);
            if ($p === '' || $p === false) {
                echo "server end: ", json_encode($p), " errCode={$c->errCode}\n";
                break;
            }
            $n++;
            $body = substr($p, 4);
            // Answer with the body reversed, in one write of the whole frame.
            $c->sendAll(pack('N', strlen($body)) . strrev($body));
        }
        echo "server got $n packets on a ", get_class($c), "\n";
        $c->close();
    });
    $cli = new Socket(AF_INET, SOCK_STREAM, 0);
    var_dump($cli->connect('127.0.0.1', $port, 2), $cli->setProtocol($proto));
    $bodies = ['hello', '', str_repeat('ab', 50000), random_bytes(1 << 20), 'last'];
    $wire = '';
    foreach ($bodies as $b) {
        $wire .= pack('N', strlen($b)) . $b;
    }
    // The frames go out in odd-sized pieces, headers split across writes.
    go(function () use ($cli, $wire) {
        foreach (str_split($wire, 7919) as $piece) {
            $cli->sendAll($piece);
        }
    });
    $ok = 0;
    foreach ($bodies as $b) {
        $p = $cli->recvPacket(5);
        $ok += (substr($p, 4) === strrev($b) && unpack('N', $p)[1] === strlen($b));
    }
    echo "client matched $ok of ", count($bodies), "\n";
    $cli->shutdown(STREAM_SHUT_WR);
    usleep(50000);
    var_dump($cli->recvPacket(1));
    $cli->close();

    // Too large: the length field claims more than package_max_length.
    [$a, $b] = swoole_coroutine_socketpair(AF_UNIX, SOCK_STREAM, 0);
    $b->setProtocol(['open_length_check' => true, 'package_length_type' => 'n', 'package_body_offset' => 2, 'package_max_length' => 100]);
    $a->send(pack('n', 1000) . str_repeat('z', 50));
    var_dump($b->recvPacket(1), $b->errCode === SWOOLE_ERROR_PACKAGE_LENGTH_TOO_LARGE);
    // EOF framing: each packet ends with the marker.
    $b->setProtocol(['open_length_check' => false, 'open_eof_check' => true, 'package_eof' => "\r\n\r\n"]);
    $a->send("one\r\n\r\ntwo\r\n");
    go(function () use ($a) { usleep(20000); $a->send("\r\nthree"); $a->close(); });
    var_dump($b->recvPacket(1), $b->recvPacket(1), $b->recvPacket(1));
    var_dump($b->setProtocol(['package_length_type' => 'x']));
});
?>
--EXPECTF--
string(23) "Swoole\Coroutine\Socket"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
client matched 5 of 5
server end: "" errCode=0
server got 5 packets on a Swoole\Coroutine\Socket
string(0) ""
bool(false)
bool(true)
string(7) "one

"
string(7) "two

"
string(0) ""

Warning: Swoole\Coroutine\Socket::setProtocol(): Unknown package_length_type name 'x', see pack(). Link: https://php.net/pack in %s on line %d
bool(false)
