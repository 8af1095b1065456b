--TEST--
TLS on Coroutine\Socket: a listening socket with open_ssl hands its certificate to what it accepts, sslHandshake() runs the server side; 8 Coroutine\Client SSL clients with length framing exchange 20 packets of up to 200 KB each at once, all intact, and their handshakes and reads overlap; a Coroutine\Socket client with ssl_verify_peer and ssl_cafile; a second sslHandshake() is false; a plain client makes the server's handshake fail with Swoole's warning line and reads ''
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Coroutine\Client;
use Swoole\Coroutine\Socket;
[$ca, $pem] = corust_test_ca();
$framing = ['open_length_check' => true, 'package_length_type' => 'N', 'package_length_offset' => 0, 'package_body_offset' => 4, 'package_max_length' => 4 << 20];
Co\run(function () use ($ca, $pem, $framing) {
    $srv = new Socket(AF_INET, SOCK_STREAM, 0);
    var_dump($srv->setProtocol(['open_ssl' => true, 'ssl_cert_file' => $pem, 'ssl_key_file' => $pem] + $framing));
    $srv->bind('127.0.0.1', 0);
    $srv->listen();
    $port = $srv->getsockname()['port'];
    $failed = [];
    go(function () use ($srv, &$failed) {
        while ($conn = $srv->accept(5)) {
            go(function () use ($conn, &$failed) {
                if (!$conn->sslHandshake()) {
                    $failed[] = 'handshake';
                    $conn->close();
                    return;
                }
                $first = true;
                while (($p = $conn->recvPacket(5)) !== '' && $p !== false) {
                    if ($first) {
                        Co::sleep(0.2);
                        $first = false;
                    }
                    $conn->sendAll($p);
                }
                $conn->close();
            });
        }
    });

    $t = microtime(true);
    $firsts = [];
    $ok = 0;
    $wg = new Swoole\Coroutine\WaitGroup();
    for ($i = 0; $i < 8; $i++) {
        $wg->add();
        go(function () use ($port, $framing, $wg, &$ok, $i, $t, &$firsts) {
            $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
            $c->set($framing);
            if (!$c->connect('127.0.0.1', $port, 5)) {
                echo "connect failed: {$c->errCode}\n";
            }
            mt_srand($i);
            $good = true;
            for ($j = 0; $j < 20; $j++) {
                $body = random_bytes(mt_rand(1, 200000));
                $c->send(pack('N', strlen($body)) . $body);
                $good = $good && $c->recv(10) === pack('N', strlen($body)) . $body;
                if ($j === 0) {
                    $firsts[] = microtime(true) - $t;
                }
            }
            $ok += $good ? 1 : 0;
            $c->close();
            $wg->done();
        });
    }
    $wg->wait();
    echo "clients with every packet intact: $ok\n";
    // Each server coroutine sleeps 0.2 s before its first reply: in turn,
    // the last first reply would come after 1.6 s.
    echo "the eight first replies overlapped: ", json_encode(max($firsts) < 1.0), "\n";

    $s = new Socket(AF_INET, SOCK_STREAM, 0);
    $s->setProtocol(['open_ssl' => true, 'ssl_verify_peer' => true, 'ssl_cafile' => $ca, 'ssl_host_name' => 'localhost'] + $framing);
    echo "verified socket client: ", json_encode($s->connect('127.0.0.1', $port, 5)), "\n";
    $s->sendAll(pack('N', 4) . 'ping');
    echo "packet: ", json_encode(substr($s->recvPacket(5), 4)), "\n";
    echo "second handshake: ", json_encode($s->sslHandshake()), "\n";
    $s->close();

    $plain = new Socket(AF_INET, SOCK_STREAM, 0);
    $plain->connect('127.0.0.1', $port, 5);
    $plain->sendAll("GET / HTTP/1.0\r\n\r\n");
    $r = $plain->recv(1024, 5);
    echo "plain client reads: ", json_encode($r), "\n";
    echo "server side: ", json_encode($failed), "\n";
    $srv->close();
});
?>
--EXPECTF--
bool(true)
clients with every packet intact: 8
the eight first replies overlapped: true
verified socket client: true
packet: "ping"
second handshake: false
[%s]	WARNING	Socket::ssl_accept(): bad SSL client[127.0.0.1:%d], reason=156, error_string=http request
plain client reads: ""
server side: ["handshake"]
