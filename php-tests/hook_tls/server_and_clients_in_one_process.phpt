--TEST--
TLS: an ssl:// server and its clients (ssl:// streams and file_get_contents('https://…')) in one process; handshakes and reads wait in the reactor, so 6 requests of 200 ms each overlap
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; if (!extension_loaded('openssl')) die('skip openssl'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Coroutine;
$pem = corust_test_cert();
Co\run(function () use ($pem) {
    $srv = stream_socket_server('ssl://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(['ssl' => ['local_cert' => $pem]]));
    $port = parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT);
    go(function () use ($srv) {
        while ($c = @stream_socket_accept($srv, 3)) {
            go(function () use ($c) {
                $req = fread($c, 8192);
                Coroutine::sleep(0.2);
                $body = 'hello ' . strtok(substr($req, 4), ' ') . ' over ' . stream_get_meta_data($c)['crypto']['protocol'];
                fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
                fclose($c);
            });
        }
    });
    $ctx = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]];
    $t = microtime(true);
    $out = [];
    $wg = new Swoole\Coroutine\WaitGroup();
    for ($i = 0; $i < 6; $i++) {
        $wg->add();
        go(function () use ($i, $port, $ctx, $wg, &$out) {
            if ($i % 2) {
                $out[$i] = file_get_contents("https://127.0.0.1:$port/fgc$i", false, stream_context_create($ctx));
            } else {
                $c = stream_socket_client("ssl://127.0.0.1:$port", $errno, $errstr, 3, STREAM_CLIENT_CONNECT, stream_context_create($ctx));
                fwrite($c, "GET /ssl$i HTTP/1.1\r\nHost: x\r\n\r\n");
                $resp = stream_get_contents($c);
                $out[$i] = substr($resp, strpos($resp, "\r\n\r\n") + 4);
            }
            $wg->done();
        });
    }
    $wg->wait();
    $elapsed = microtime(true) - $t;
    ksort($out);
    echo implode("\n", $out), "\n";
    echo 'overlapped: ', json_encode($elapsed < 6 * 0.2 / 3), "\n";
    fclose($srv);
});
?>
--EXPECTF--
hello /ssl0 over TLSv1.%d
hello /fgc1 over TLSv1.%d
hello /ssl2 over TLSv1.%d
hello /fgc3 over TLSv1.%d
hello /ssl4 over TLSv1.%d
hello /fgc5 over TLSv1.%d
overlapped: true
