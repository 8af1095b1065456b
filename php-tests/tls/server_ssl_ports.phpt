--TEST--
Servers on SWOOLE_SSL ports: an Http\Server answers curl and PHP's https:// stream (GET, a 200 KB POST, two requests on one keep-alive connection); a TCP port added with listen(..., SWOOLE_SOCK_TCP | SWOOLE_SSL) and its own ssl_* settings echoes to PHP's tls:// client with onConnect/onClose around the handshake; a plain-text client of an SSL port is refused with Swoole's bad-client line and never reaches a callback; an SSL port without a certificate makes start() fail
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pem = corust_test_cert();
$s = corust_server_start(<<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_TCP | SWOOLE_SSL);
\$server->set(['worker_num' => 1, 'ssl_cert_file' => '$pem', 'ssl_key_file' => '$pem']);
\$tcp = \$server->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP | SWOOLE_SSL);
\$tcp->set(['ssl_cert_file' => '$pem', 'ssl_key_file' => '$pem']);
\$tcp->on('connect', function (\$s, \$fd) { echo "tcp connect\\n"; });
\$tcp->on('receive', function (\$s, \$fd, \$r, \$data) { \$s->send(\$fd, "echo:\$data"); });
\$tcp->on('close', function (\$s, \$fd) { echo "tcp close\\n"; });
\$server->on('workerStart', function (\$srv) use (\$tcp) { echo "READY {\$srv->port} {\$tcp->port}\\n"; });
\$server->on('request', function (\$req, \$resp) {
    echo "request {\$req->server['request_uri']}\\n";
    \$resp->end(\$req->server['request_method'] . ' ' . \$req->server['request_uri'] . ' ' . strlen(\$req->rawContent()));
});
\$server->start();
PHP, [], '/READY (\d+) \d+/');
$port = $s[1];
preg_match('/READY \d+ (\d+)/', $s[4], $m);
$tcpPort = (int) $m[1];

echo shell_exec("curl -sk https://127.0.0.1:$port/curl"), "\n";
$body = tempnam(sys_get_temp_dir(), 'corust-body');
file_put_contents($body, str_repeat('b', 200000));
echo shell_exec("curl -sk -H 'Expect:' --data-binary @$body https://127.0.0.1:$port/post"), "\n";
unlink($body);
echo shell_exec("curl -sk https://127.0.0.1:$port/one -o /dev/stdout https://127.0.0.1:$port/two"), "\n";
$ctx = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);
echo file_get_contents("https://127.0.0.1:$port/php", false, $ctx), "\n";
// Plain HTTP to the TLS port: refused, no request event.
echo 'plain: ', json_encode(@file_get_contents("http://127.0.0.1:$port/plain")), "\n";

$c = stream_socket_client("tls://127.0.0.1:$tcpPort", $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx);
fwrite($c, 'hello');
echo fread($c, 100), "\n";
fclose($c);
usleep(200000);
[$status, $out] = corust_server_stop($s);
echo preg_replace('/^\[[^\]]*\]/m', '[LOG]', $out);

// No certificate: start() fails.
$r = corust_run_php(<<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_TCP | SWOOLE_SSL);
$server->on('receive', function () {});
var_dump($server->start());
PHP);
echo preg_replace('/^\[[^\]]*\]/m', '[LOG]', $r[1]), "\n";
?>
--EXPECTF--
GET /curl 0
POST /post 200000
GET /one 0GET /two 0
GET /php 0
plain: false
echo:hello
request /curl
request /post
request /one
request /two
request /php
[LOG]	WARNING	Socket::ssl_accept(): bad SSL client[127.0.0.1:%d], reason=156, error_string=http request
tcp connect
tcp close
[LOG]	ERROR	ListenPort::ssl_context_create() (ERRNO 509): require `ssl_cert_file` and `ssl_key_file` options
bool(false)
