--TEST--
Http\Server hostile input: header floods (count and size) get 431, NUL and non-UTF-8 bytes are refused where HTTP forbids them and kept raw where it allows them, garbage after a pipelined request gets 400 after the first answer, broken multipart bodies keep what was whole (no boundary: 400; "../" stripped from file names); the same worker answers throughout
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_echo_server();
$port = $s[1];
$pid = corust_echo($port)['pid'];
$get = fn (string $headers) => corust_raw($port, "GET / HTTP/1.1\r\nHost: x\r\n{$headers}Connection: close\r\n\r\n");
$many = fn (int $n) => implode('', array_map(fn ($i) => "h$i: v\r\n", range(1, $n)));
[$code, $body] = $get($many(2000));
echo "2,000 headers: $code ", count(json_decode($body, true)['header']), "\n";
echo "2,100 headers: ", $get($many(2100))[0], "\n";
echo "one 100 KB header: ", $get('x-big: ' . str_repeat('a', 100000) . "\r\n")[0], "\n";
echo "70 KB of headers: ", $get($many(7000))[0], "\n";
echo "NUL in the path: ", corust_raw($port, "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n")[0], "\n";
echo "NUL in a header value: ", $get("x-n: a\0b\r\n")[0], "\n";
echo "bad byte in a header name: ", $get("x\xffn: v\r\n")[0], "\n";
$r = corust_echo($port, '/p%00q?x=%ff%00', "x-bin: caf\xe9\xff\x80\r\n");
echo "raw bytes kept: ", $r['code'], ' ', $r['uri'], ' ', $r['get_hex']['x'], ' ', $r['header_hex']['x-bin'], "\n";
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, "GET /first HTTP/1.1\r\nHost: x\r\n\r\n\x00\x01garbage that is no request\r\n\r\n");
$all = stream_get_contents($c);
preg_match_all('~HTTP/1.1 (\d+)~', $all, $m);
echo "pipelined garbage: ", implode(' then ', $m[1]), "\n";
$mp = fn (string $ctype, string $body) => corust_raw($port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: $ctype\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
echo "multipart without boundary: ", $mp('multipart/form-data', "--x\r\n\r\n")[0], "\n";
$part = fn ($name, $data, $file = null) => "--B\r\nContent-Disposition: form-data; name=\"$name\"" . ($file === null ? '' : "; filename=\"$file\"") . "\r\n\r\n$data\r\n";
[$code, $body] = $mp('multipart/form-data; boundary=B', $part('f1', 'one') . "--B\r\nContent-Disposition: form-data; name=\"f2\"\r\n\r\ncut sho");
echo "truncated part: $code ", json_encode(json_decode($body, true)['post']), "\n";
[$code, $body] = $mp('multipart/form-data; boundary=B', $part('up', 'x', '../../etc/passwd') . $part('w', 'y', '..\\..\\win.ini') . "--B--\r\n");
$files = json_decode($body, true)['files'];
echo "file names: $code ", $files['up']['name'], ' ', $files['w']['name'], "\n";
echo "boundary never seen: ", $mp('multipart/form-data; boundary=QQ', str_repeat('-', 5000))[0], "\n";
echo corust_echo($port)['pid'] === $pid ? "same worker\n" : "WORKER CHANGED\n";
[$status, $out, $err] = corust_server_stop($s);
echo "exit $status\n";
echo str_contains($out . $err, 'panicked') || str_contains($out . $err, 'workerError') ? $out . $err : "no crash\n";
?>
--EXPECT--
2,000 headers: 200 2002
2,100 headers: 431
one 100 KB header: 431
70 KB of headers: 431
NUL in the path: 400
NUL in a header value: 400
bad byte in a header name: 400
raw bytes kept: 200 /p%00q ff00 636166e9ff80
pipelined garbage: 200 then 400
multipart without boundary: 400
truncated part: 200 {"f1":"one"}
file names: 200 passwd win.ini
boundary never seen: 400
same worker
exit 0
no crash
