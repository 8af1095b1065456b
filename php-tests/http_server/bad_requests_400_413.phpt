--TEST--
Http\Server: garbage and ambiguous body framing (two Content-Lengths, Content-Length with chunked) get 400, an oversized body 413 (package_max_length; Swoole's bare "413 Request Entity Too Large"), the connection closes, the callback never sees them, and the worker keeps serving
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1, 'package_max_length' => 1000]);
$server->on('workerStart', function ($srv) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) { echo "callback saw {$req->server['request_uri']}\n"; $resp->end('ok'); });
$server->start();
PHP);
$port = $s[1];
echo strtok(corust_http($port, "\x01\x02garbage\r\n\r\n"), "\r"), "\n";
echo strtok(corust_http($port, "POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"), "\r"), "\n";
echo strtok(corust_http($port, "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 13\r\n\r\nabcGET /x HTTP/1.1\r\n\r\n"), "\r"), "\n";
echo strtok(corust_http($port, "POST /both HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), "\r"), "\n";
echo strtok(corust_http($port, "POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" . str_repeat('x', 2000) . "\r\n0\r\n\r\n"), "\r"), "\n";
[$code, , $body] = corust_get($port, '/fine');
echo "$code $body\n";
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
?>
--EXPECT--
HTTP/1.1 400 Bad Request
HTTP/1.1 413 Request Entity Too Large
HTTP/1.1 400 Bad Request
HTTP/1.1 400 Bad Request
HTTP/1.1 413 Request Entity Too Large
200 ok
exit 0
callback saw /fine
