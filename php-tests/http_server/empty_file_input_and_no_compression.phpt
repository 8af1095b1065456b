--TEST--
Http\Server as Swoole: a file input left empty (filename="") is UPLOAD_ERR_NO_FILE with no temp file, an empty file is saved with size 0; header('Content-Encoding', '') turns compression off and is not sent, while another empty header is (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'http_compression' => true]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('request', function ($req, $resp) {
    if ($req->server['request_uri'] === '/plain') {
        $resp->header('Content-Encoding', '');
        $resp->header('X-Empty', '');
        return $resp->end(str_repeat('abc', 1000));
    }
    $f = $req->files;
    foreach ($f as &$e) { $e['tmp_name'] = $e['tmp_name'] === '' ? '' : (is_file($e['tmp_name']) ? 'TMP' : 'MISSING'); }
    $resp->end(json_encode($f));
});
$server->start();
PHP);
$b = 'zzb';
$body = "--$b\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"empty.txt\"\r\nContent-Type: text/plain\r\n\r\n\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"file2\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--$b--\r\n";
$raw = corust_http($s[1], "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=$b\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
echo corust_parse_response($raw)[2], "\n";
$raw = corust_http($s[1], "GET /plain HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n");
[$code, $h, $body] = corust_parse_response($raw);
echo $code, ' ', json_encode(array_intersect_key($h, ['content-encoding' => 1, 'x-empty' => 1])), ' ', strlen($body), "\n";
corust_server_stop($s);
?>
--EXPECT--
{"file1":{"type":"text\/plain","tmp_name":"TMP","size":0,"name":"empty.txt","error":0},"file2":{"type":"","tmp_name":"","size":0,"name":"","error":4}}
200 {"x-empty":[""]} 3000
