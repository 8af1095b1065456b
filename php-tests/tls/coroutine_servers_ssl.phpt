--TEST--
TLS on the coroutine servers: Coroutine\Server with $ssl true (the library class over an open_ssl socket: the first recv runs the handshake) echoes to PHP's tls:// client; Coroutine\Http\Server with $ssl true answers curl over https; a plain client of it is logged with Swoole's bad-client line; Co::set(['log_level' => SWOOLE_LOG_WARNING]) silences the verification NOTICE
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pem = corust_test_cert();
Co\run(function () use ($pem) {
    $srv = new Swoole\Coroutine\Server('127.0.0.1', 0, true);
    $srv->set(['ssl_cert_file' => $pem, 'ssl_key_file' => $pem]);
    $srv->handle(function (Swoole\Coroutine\Server\Connection $conn) {
        $conn->send('echo:' . $conn->recv());
        $conn->close();
    });
    go(fn () => $srv->start());
    $http = new Swoole\Coroutine\Http\Server('127.0.0.1', 0, true);
    $http->set(['ssl_cert_file' => $pem, 'ssl_key_file' => $pem]);
    $http->handle('/', function ($req, $resp) {
        $resp->end('https ' . $req->server['request_uri'] . ' ' . strlen($req->getContent() ?: ''));
    });
    go(fn () => $http->start());
    Co::sleep(0.05);

    // Independent clients run in other processes (the hooks are off here).
    $port = $srv->port;
    $out = Swoole\Coroutine\System::exec(PHP_BINARY . ' -n -r ' . escapeshellarg(
        '$c = stream_socket_client("tls://127.0.0.1:' . $port . '", $e, $es, 5, STREAM_CLIENT_CONNECT, stream_context_create(["ssl" => ["verify_peer" => false, "verify_peer_name" => false]]));'
        . 'fwrite($c, "hello"); echo fread($c, 100);'));
    echo $out['output'], "\n";
    $hp = $http->port;
    echo Swoole\Coroutine\System::exec("curl -sk https://127.0.0.1:$hp/a")['output'], "\n";
    echo Swoole\Coroutine\System::exec("curl -sk -d hello https://127.0.0.1:$hp/b")['output'], "\n";
    // A plain-text client of the https server.
    $plain = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
    $plain->connect('127.0.0.1', $hp, 5);
    $plain->send("GET / HTTP/1.1\r\n\r\n");
    $r = $plain->recv(5);
    echo 'plain client reads: ', json_encode($r), "\n";

    Co::set(['log_level' => SWOOLE_LOG_WARNING]);
    $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $hp, true);
    $c->set(['ssl_verify_peer' => true]);
    echo 'verified: ', json_encode([$c->get('/'), $c->errCode]), "\n";
    $srv->shutdown();
    $http->shutdown();
});
?>
--EXPECTF--
echo:hello
https /a 0
https /b 5
[%s]	WARNING	Socket::ssl_accept(): bad SSL client[127.0.0.1:%d], reason=156, error_string=http request
plain client reads: ""
verified: [false,1014]
