--TEST--
TLS clients against an independent TLS server (plain PHP's ssl:// in another process): Coroutine\Client and Swoole\Client with SWOOLE_SSL echo through it; getPeerCert() is the server's PEM; verifyPeerCert() and ssl_verify_peer reject a self-signed certificate (errCode 1014, Swoole's NOTICE line) unless ssl_allow_self_signed; a certificate signed by ssl_cafile passes, with ssl_host_name checked against it; a server that does not speak TLS fails the handshake with 1018; enableSSL() upgrades a plain connection once
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Coroutine\Client;
$self = corust_test_cert();
[$ca, $signed] = corust_test_ca();
$peer = corust_tls_peer($self, 'echo');
$peer2 = corust_tls_peer($signed, 'echo');
$port = $peer[1];
Co\run(function () use ($port, $peer2, $ca) {
    // A plain TCP server that answers like a web server.
    $plain = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    $plain->bind('127.0.0.1', 0);
    $plain->listen();
    $plainPort = $plain->getsockname()['port'];
    go(function () use ($plain) {
        $c = $plain->accept(60);
        $c->recv();
        $c->sendAll("HTTP/1.0 400 Bad Request\r\n\r\n");
        $c->close();
    });
    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    echo "connect: ", json_encode($c->connect('127.0.0.1', $port, 5)), "\n";
    $big = str_repeat('0123456789', 50000) . "\n";
    $c->send("hi\n");
    echo "recv: ", json_encode($c->recv()), "\n";
    $c->send($big);
    $got = '';
    while (strlen($got) < strlen($big) + 5 && ($r = $c->recv()) !== '' && $r !== false) $got .= $r;
    echo "500 KB echoed intact: ", json_encode($got === "echo:$big"), "\n";
    echo "peer cert: ", substr($c->getPeerCert(), 0, 27), "\n";
    $r = [$c->verifyPeerCert(), $c->verifyPeerCert(true)];
    echo "verifyPeerCert(), then allowing self-signed: ", json_encode($r), "\n";
    $c->close();

    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    $c->set(['ssl_verify_peer' => true]);
    $r = [$c->connect('127.0.0.1', $port, 5), $c->errCode, $c->errMsg, $c->isConnected()];
    echo "verify self-signed: ", json_encode($r), "\n";
    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    $c->set(['ssl_verify_peer' => true, 'ssl_allow_self_signed' => true]);
    echo "allowed self-signed: ", json_encode($c->connect('127.0.0.1', $port, 5)), "\n";

    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    $c->set(['ssl_verify_peer' => true, 'ssl_cafile' => $ca, 'ssl_host_name' => 'localhost']);
    echo "signed by cafile: ", json_encode($c->connect('127.0.0.1', $peer2[1], 5)), "\n";
    $c->send("ca\n");
    echo "recv: ", json_encode($c->recv()), "\n";
    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    $c->set(['ssl_verify_peer' => true, 'ssl_cafile' => $ca, 'ssl_host_name' => 'example.com']);
    $r = [$c->connect('127.0.0.1', $peer2[1], 5), $c->errCode];
    echo "wrong host name: ", json_encode($r), "\n";
    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    $c->set(['ssl_verify_peer' => true, 'ssl_cafile' => $ca]);
    $r = [$c->connect('127.0.0.1', $port, 5), $c->errCode];
    echo "self-signed against that CA: ", json_encode($r), "\n";

    $c = new Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
    $r = [$c->connect('127.0.0.1', $plainPort, 5), $c->errCode, $c->errMsg];
    echo "plain server: ", json_encode($r), "\n";

    $c = new Client(SWOOLE_SOCK_TCP);
    $c->connect('127.0.0.1', $port, 5);
    echo "before enableSSL: ", json_encode([$c->getPeerCert(), $c->errCode]), "\n";
    echo "enableSSL: ", json_encode([$c->enableSSL(), $c->enableSSL(), $c->errCode]), "\n";
    $c->send("upgraded\n");
    echo "recv: ", json_encode($c->recv()), "\n";
});
// The blocking client.
$c = new Swoole\Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
echo "sync connect: ", json_encode($c->connect('127.0.0.1', $port, 5)), "\n";
$c->send("sync\n");
echo "sync recv: ", json_encode($c->recv()), "\n";
echo "sync peer cert: ", substr($c->getPeerCert(), 0, 27), "\n";
corust_server_stop($peer);
corust_server_stop($peer2);
?>
--EXPECTF--
connect: true
recv: "echo:hi\n"
500 KB echoed intact: true
peer cert: -----BEGIN CERTIFICATE-----
[%s]	NOTICE	Socket::ssl_verify() (ERRNO 1014): self signed certificate from fd#%d is not allowed
verifyPeerCert(), then allowing self-signed: [false,true]
[%s]	NOTICE	Socket::ssl_verify() (ERRNO 1014): self signed certificate from fd#%d is not allowed
verify self-signed: [false,1014,"SSL verify failed",false]
allowed self-signed: true
signed by cafile: true
recv: "echo:ca\n"
[%s]	WARNING	Socket::ssl_check_host(): X509_check_host(): no match
wrong host name: [false,1014]
[%s]	NOTICE	Socket::ssl_verify() (ERRNO 1014): self signed certificate from fd#%d is not allowed
self-signed against that CA: [false,1014]
[%s]	NOTICE	ssl_connect(fd=%d) to server[127.0.0.1:%d] failed. Error: error:0A00010B:SSL routines::wrong version number[1|267]
plain server: [false,1018,"SSL handshake failed"]
before enableSSL: [false,106]
enableSSL: [true,false,106]
recv: "echo:upgraded\n"
sync connect: true
sync recv: "echo:sync\n"
sync peer cert: -----BEGIN CERTIFICATE-----
