--TEST--
Http\Response::sendfile(): a 3 MB file intact with Content-Length and a Content-Type from its extension, offset/length ranges, a handler-set Content-Type kept, HEAD without a body, and a missing file, a directory, a bad range or a sendfile after write() refused with a warning while the response stays usable
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$dir = sys_get_temp_dir() . '/corust-sendfile-' . getmypid();
@mkdir($dir);
$big = random_bytes(3 << 20);
file_put_contents("$dir/big.bin", $big);
file_put_contents("$dir/page.html", '<p>0123456789</p>');
$s = corust_server_start(<<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
\$server->set(['worker_num' => 1]);
\$server->on('workerStart', function (\$srv) { echo "READY {\$srv->port}\\n"; });
\$server->on('request', function (\$req, \$resp) {
    \$d = '$dir';
    switch (\$req->server['request_uri']) {
        case '/big': \$resp->sendfile("\$d/big.bin"); break;
        case '/page': \$resp->sendfile("\$d/page.html"); break;
        case '/range': \$resp->sendfile("\$d/page.html", 3, 10); break;
        case '/tail': \$resp->sendfile("\$d/page.html", 13); break;
        case '/typed': \$resp->header('Content-Type', 'text/x-mine'); \$resp->sendfile("\$d/page.html"); break;
        case '/missing': var_dump(\$resp->sendfile("\$d/nope.txt")); \$resp->end('still usable'); break;
        case '/dir': var_dump(\$resp->sendfile(\$d)); \$resp->end('still usable'); break;
        case '/badrange': var_dump(\$resp->sendfile("\$d/page.html", 1000)); \$resp->end('still usable'); break;
        case '/chunked': \$resp->write('a'); var_dump(\$resp->sendfile("\$d/page.html")); \$resp->end(); break;
    }
});
\$server->start();
PHP);
$port = $s[1];
$raw = corust_http($port, "GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 20);
[$code, $h, $body] = corust_parse_response($raw);
echo "$code {$h['content-type'][0]} {$h['content-length'][0]} intact: ", json_encode($body === $big), "\n";
foreach (['/page', '/range', '/tail', '/typed', '/missing', '/dir', '/badrange', '/chunked'] as $path) {
    [$code, $h, $body] = corust_get($port, $path);
    echo "$path: $code ", $h['content-type'][0] ?? '-', " [$body]\n";
}
$raw = corust_http($port, "HEAD /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
echo 'HEAD: ', json_encode(str_contains($raw, "Content-Length: 17\r\n") && str_ends_with($raw, "\r\n\r\n")), "\n";
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
unlink("$dir/big.bin"); unlink("$dir/page.html"); rmdir($dir);
?>
--EXPECTF--
200 application/octet-stream 3145728 intact: true
/page: 200 text/html [<p>0123456789</p>]
/range: 200 text/html [0123456789]
/tail: 200 text/html [</p>]
/typed: 200 text/x-mine [<p>0123456789</p>]
/missing: 200 text/html [still usable]
/dir: 200 text/html [still usable]
/badrange: 200 text/html [still usable]
/chunked: 200 text/html [a]
HEAD: true
exit 0
%A
Warning: Swoole\Http\Response::sendfile(): file[%s/nope.txt] cannot be sent: No such file or directory in %s on line %d
bool(false)
%A
Warning: Swoole\Http\Response::sendfile(): file[%s] cannot be sent: is a directory in %s on line %d
bool(false)
%A
Warning: Swoole\Http\Response::sendfile(): offset 1000 or length 0 is out of the file's 17 bytes in %s on line %d
bool(false)
%A
Warning: Swoole\Http\Response::sendfile(): can't use sendfile when HTTP chunk is enabled in %s on line %d
bool(false)
