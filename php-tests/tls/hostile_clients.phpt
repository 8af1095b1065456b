--TEST--
Hostile input on an SSL port: random bytes, a truncated ClientHello, a ClientHello cut off mid-handshake and a TLS record with a lying length, each from its own connection (50 of each kind, some while others finish their requests): no callback sees them, the worker never dies, and a real HTTPS client is served before, during and after
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pem = corust_test_cert();
$s = corust_server_start(<<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_TCP | SWOOLE_SSL);
\$server->set(['worker_num' => 1, 'ssl_cert_file' => '$pem', 'ssl_key_file' => '$pem', 'log_level' => SWOOLE_LOG_ERROR]);
\$server->on('workerStart', function (\$srv) { echo "READY {\$srv->port} " . getmypid() . "\\n"; });
\$server->on('request', function (\$req, \$resp) { \$resp->end('ok ' . \$req->server['request_uri']); });
\$server->start();
PHP);
$port = $s[1];
preg_match('/READY \d+ (\d+)/', $s[4], $m);
$worker = (int) $m[1];
$ctx = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);
$get = fn (string $path) => @file_get_contents("https://127.0.0.1:$port$path", false, $ctx);
echo $get('/before'), "\n";

// A real ClientHello, captured from PHP's own client through a plain proxy socket.
$srv = stream_socket_server('tcp://127.0.0.1:0');
$proxyPort = (int) explode(':', stream_socket_get_name($srv, false))[1];
$client = stream_socket_client("tcp://127.0.0.1:$proxyPort");
$peer = stream_socket_accept($srv);
stream_set_blocking($client, false);
@stream_socket_enable_crypto($client, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);
stream_set_timeout($peer, 1);
$hello = fread($peer, 65536);
fclose($client); fclose($peer); fclose($srv);
echo "captured a ClientHello: ", json_encode(strlen($hello) > 100 && $hello[0] === "\x16"), "\n";

mt_srand(7);
$kinds = [
    'random' => fn () => random_bytes(mt_rand(1, 3000)),
    'truncated hello' => fn () => substr($hello, 0, mt_rand(1, strlen($hello) - 1)),
    'hello then gone' => fn () => $hello,
    'lying record length' => fn () => "\x16\x03\x01\xff\xff" . random_bytes(100),
    'alert' => fn () => "\x15\x03\x03\x00\x02\x02\x28",
];
foreach ($kinds as $name => $make) {
    $open = [];
    for ($i = 0; $i < 50; $i++) {
        $c = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 2);
        if ($c) {
            fwrite($c, $make());
            $open[] = $c;
        }
    }
    $mid = $get('/during');
    foreach ($open as $c) fclose($c);
    echo "$name: ", count($open), " sent, a real client meanwhile: $mid\n";
}
usleep(200000);
echo $get('/after'), "\n";
echo "worker alive: ", json_encode(posix_kill($worker, 0)), "\n";
[$status, $out] = corust_server_stop($s);
echo "no error, panic or re-fork in the server's output: ", json_encode(!preg_match('/fatal|panic|internal error|READY/i', $out)), "\n";
?>
--EXPECT--
ok /before
captured a ClientHello: true
random: 50 sent, a real client meanwhile: ok /during
truncated hello: 50 sent, a real client meanwhile: ok /during
hello then gone: 50 sent, a real client meanwhile: ok /during
lying record length: 50 sent, a real client meanwhile: ok /during
alert: 50 sent, a real client meanwhile: ok /during
ok /after
worker alive: true
no error, panic or re-fork in the server's output: true
