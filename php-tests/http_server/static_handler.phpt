--TEST--
Http\Server static handler (enable_static_handler + document_root) as Swoole's: a file of a known type is sent with its type, Last-Modified and Accept-Ranges before onRequest sees it; query strings are ignored and targets percent-decoded; unknown types, missing files and paths that climb out of the root (.., %2e%2e) go to onRequest; HEAD, If-Modified-Since (304), Range (206, multipart/byteranges, 416); http_index_files and http_autoindex for directories; static_handler_locations make a prefix the handler's alone (404 page for a missing file); keep-alive continues after a static answer
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$base = sys_get_temp_dir() . '/corust-static-' . getmypid();
@mkdir("$base/www/sub", 0777, true); @mkdir("$base/www/list"); @mkdir("$base/www/static");
file_put_contents("$base/www/a.css", "body{color:red}\n");
file_put_contents("$base/www/noext", "plain");
file_put_contents("$base/www/sub/index.html", "<p>index</p>");
file_put_contents("$base/www/list/one.txt", "1");
file_put_contents("$base/www/static/s.txt", "static");
file_put_contents("$base/secret.txt", "SECRET");
touch("$base/www/a.css", 1700000000);
function srv(string $base, string $extra): array {
    return corust_server_start(<<<PHP
<?php
\$s = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
\$s->set(['worker_num' => 1, 'enable_static_handler' => true, 'document_root' => '$base/www', $extra]);
\$s->on('workerStart', function (\$s) { echo "READY {\$s->port}\\n"; });
\$s->on('request', function (\$req, \$resp) { \$resp->end('dynamic ' . \$req->server['request_uri']); });
\$s->start();
PHP);
}
function req(int $port, string $raw): string {
    $c = stream_socket_client("tcp://127.0.0.1:$port");
    fwrite($c, $raw);
    stream_set_timeout($c, 3);
    $r = stream_get_contents($c);
    $r = preg_replace('/^Date: .*\r\n/mi', '', $r);
    return preg_replace('/SwooleBoundary\w+/', 'SwooleBoundaryX', $r);
}
function brief(string $r): string {
    [$h, $b] = explode("\r\n\r\n", $r, 2) + [1 => ''];
    $lines = explode("\r\n", $h);
    $keep = array_filter($lines, fn($l) => preg_match('/^(HTTP|Content-Type|Content-Length|Content-Range|Accept-Ranges|Last-Modified)/i', $l));
    return implode(' | ', $keep) . ' || ' . str_replace(["\r\n", "\n"], ['\r\n', '\n'], $b);
}
$s = srv($base, "'http_index_files' => ['index.html'], 'http_autoindex' => true");
$p = $s[1];
$g = fn($path, $h = '') => req($p, "GET $path HTTP/1.1\r\nHost: x\r\nConnection: close\r\n$h\r\n");
foreach (['/a.css?v=1', '/%61.css', '/noext', '/missing.css', '/sub/', '/../secret.txt', '/%2e%2e/secret.txt', '/sub/../a.css'] as $u) {
    echo "$u: ", brief($g($u)), "\n";
}
echo "HEAD: ", brief(req($p, "HEAD /a.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "\n";
echo "IMS new: ", brief($g('/a.css', "If-Modified-Since: Sun, 06 Nov 2050 08:49:37 GMT\r\n")), "\n";
echo "IMS old: ", brief($g('/a.css', "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n")), "\n";
foreach (['bytes=0-3', 'bytes=-4', 'bytes=0-1,4-5', 'bytes=x'] as $r) echo "$r: ", brief($g('/a.css', "Range: $r\r\n")), "\n";
$list = $g('/list/');
preg_match_all('/<li>.*<\/li>/', $list, $m);
echo "autoindex: ", implode(' ', $m[0]), "\n";
$c = stream_socket_client("tcp://127.0.0.1:$p");
fwrite($c, "GET /a.css HTTP/1.1\r\nHost: x\r\n\r\n");
$first = '';
while (($l = fgets($c)) !== false && $l !== "\r\n") $first .= $l;
$first .= fread($c, 16);
fwrite($c, "GET /noext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
stream_set_timeout($c, 3);
$second = stream_get_contents($c);
echo "keep-alive: ", substr_count($first, 'color:red'), ' ', substr_count($second, 'dynamic /noext'), "\n";
corust_server_stop($s);
$s = srv($base, "'static_handler_locations' => ['/static']");
$p = $s[1];
foreach (['/static/s.txt', '/static/none.txt', '/a.css'] as $u) {
    echo "location $u: ", brief(req($p, "GET $u HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "\n";
}
corust_server_stop($s);
exec('rm -rf ' . escapeshellarg($base));
?>
--EXPECTF--
/a.css?v=1: HTTP/1.1 200 OK | Content-Length: 16 | Content-Type: text/css | Accept-Ranges: bytes | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || body{color:red}\n
/%61.css: HTTP/1.1 200 OK | Content-Length: 16 | Content-Type: text/css | Accept-Ranges: bytes | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || body{color:red}\n
/noext: HTTP/1.1 200 OK | Content-Type: text/html | Content-Length: 14 || dynamic /noext
/missing.css: HTTP/1.1 200 OK | Content-Type: text/html | Content-Length: 20 || dynamic /missing.css
/sub/: HTTP/1.1 200 OK | Content-Length: 12 | Content-Type: text/html | Accept-Ranges: bytes | Last-Modified: %s || <p>index</p>
/../secret.txt: HTTP/1.1 200 OK | Content-Type: text/html | Content-Length: 22 || dynamic /../secret.txt
/%2e%2e/secret.txt: HTTP/1.1 200 OK | Content-Type: text/html | Content-Length: 26 || dynamic /%2e%2e/secret.txt
/sub/../a.css: HTTP/1.1 200 OK | Content-Length: 16 | Content-Type: text/css | Accept-Ranges: bytes | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || body{color:red}\n
HEAD: HTTP/1.1 200 OK | Content-Length: 0 | Content-Type: text/css | Accept-Ranges: bytes | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || 
IMS new: HTTP/1.1 304 Not Modified | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || 
IMS old: HTTP/1.1 200 OK | Content-Length: 16 | Content-Type: text/css | Accept-Ranges: bytes | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || body{color:red}\n
bytes=0-3: HTTP/1.1 206 Partial Content | Content-Length: 4 | Content-Type: text/css | Content-Range: bytes 0-3/16 | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || body
bytes=-4: HTTP/1.1 206 Partial Content | Content-Length: 4 | Content-Type: text/css | Content-Range: bytes 12-15/16 | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || ed}\n
bytes=0-1,4-5: HTTP/1.1 206 Partial Content | Content-Length: 246 | Content-Type: multipart/byteranges; boundary=SwooleBoundaryX | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || --SwooleBoundaryX\r\nContent-Type: text/css\r\nContent-Range: bytes 0-1/16\r\n\r\nbo\r\n--SwooleBoundaryX\r\nContent-Type: text/css\r\nContent-Range: bytes 4-5/16\r\n\r\n{c\r\n--SwooleBoundaryX--\r\n
bytes=x: HTTP/1.1 416 Range Not Satisfiable | Content-Length: 0 | Content-Type: text/css | Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT || 
autoindex: <li><a href=/list/..>..</a></li> <li><a href=/list/one.txt>one.txt</a></li>
keep-alive: 1 1
location /static/s.txt: HTTP/1.1 200 OK | Content-Length: 6 | Content-Type: text/plain | Accept-Ranges: bytes | Last-Modified: %s || static
location /static/none.txt: HTTP/1.1 404 Not Found | Content-Length: 321 || <html><body><style> body { padding: 0.5em; line-height: 2; } h1 { font-size: 1.5em; padding-bottom: 0.3em; border-bottom: 1px solid #ccc; } ul { list-style-type: disc; } footer { border-top: 1px solid #ccc; } a { color: #0969da; } </style><h1>HTTP 404 Not Found</h1><footer><i>Powered by Swoole</i></footer></body></html>
location /a.css: HTTP/1.1 200 OK | Content-Type: text/html | Content-Length: 14 || dynamic /a.css
