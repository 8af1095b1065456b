--TEST--
Http\Server uploads are filed under their field names with PHP's rules, as Swoole files them: "test.jpg" is test_jpg, "f[a]" nests its entry, "g[]" lists them; with http_parse_files the entries are spread as $_FILES does (f[name][a], …); each entry's keys in Swoole's order, type "" for a part without Content-Type (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'http_parse_files' => SPREAD]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('request', function ($req, $resp) {
    $f = $req->files;
    array_walk_recursive($f, function (&$v, $k) {
        if (is_string($v) && str_starts_with($v, '/')) $v = is_file($v) ? 'TMP' : 'MISSING';
    });
    $resp->end(json_encode([$req->post, $f]));
});
$server->start();
PHP;
$parts = [
    ['test.jpg', 'a.jpg', 'image/jpeg', 'JPEG'],
    ['n.m', null, null, '1'],
    ['f[a]', 'a.txt', null, 'aa'],
    ['g[]', 'x.txt', 'text/plain', 'x'],
    ['g[]', 'y.bin', null, 'yy'],
    ['h[x][y]', 'h.txt', null, 'hhh'],
];
$b = 'corustboundary';
$body = '';
foreach ($parts as [$name, $file, $type, $data]) {
    $body .= "--$b\r\nContent-Disposition: form-data; name=\"$name\"" . ($file ? "; filename=\"$file\"" : '') . "\r\n"
        . ($type ? "Content-Type: $type\r\n" : '') . "\r\n$data\r\n";
}
$body .= "--$b--\r\n";
foreach (['false', 'true'] as $spread) {
    $s = corust_server_start(str_replace('SPREAD', $spread, $code));
    $raw = corust_http($s[1], "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=$b\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
    echo "http_parse_files=$spread\n", corust_parse_response($raw)[2], "\n";
    corust_server_stop($s);
}
?>
--EXPECT--
http_parse_files=false
[{"n_m":"1"},{"test_jpg":{"type":"image\/jpeg","tmp_name":"TMP","size":4,"name":"a.jpg","error":0},"f":{"a":{"type":"","tmp_name":"TMP","size":2,"name":"a.txt","error":0}},"g":[{"type":"text\/plain","tmp_name":"TMP","size":1,"name":"x.txt","error":0},{"type":"","tmp_name":"TMP","size":2,"name":"y.bin","error":0}],"h":{"x":{"y":{"type":"","tmp_name":"TMP","size":3,"name":"h.txt","error":0}}}}]
http_parse_files=true
[{"n_m":"1"},{"test_jpg":{"type":"image\/jpeg","tmp_name":"TMP","size":4,"name":"a.jpg","error":0},"f":{"name":{"a":"a.txt"},"type":{"a":""},"tmp_name":{"a":"TMP"},"error":{"a":0},"size":{"a":2}},"g":{"name":["x.txt","y.bin"],"type":["text\/plain",""],"tmp_name":["TMP","TMP"],"error":[0,0],"size":[1,2]},"h":{"name":{"x":{"y":"h.txt"}},"type":{"x":{"y":""}},"tmp_name":{"x":{"y":"TMP"}},"error":{"x":{"y":0}},"size":{"x":{"y":3}}}}]
