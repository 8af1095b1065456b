--TEST--
Http\Server: multipart/form-data fields go to $request->post, uploads to temp files in $request->files (removed after the request unless moved)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$keep = sys_get_temp_dir() . '/corust-kept-' . getmypid();
@unlink($keep);
$s = corust_server_start(<<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0);
\$server->set(['worker_num' => 1]);
\$server->on('workerStart', function (\$srv) { echo "READY {\$srv->port}\n"; });
\$server->on('request', function (\$req, \$resp) {
    \$f = \$req->files;
    \$out = ['post' => \$req->post, 'names' => array_keys(\$f)];
    foreach (\$f as \$k => \$info) {
        \$out[\$k] = [\$info['name'], \$info['type'], \$info['size'], \$info['error'], file_get_contents(\$info['tmp_name'])];
    }
    \$GLOBALS['last'] = \$f['doc']['tmp_name'];
    rename(\$f['keep']['tmp_name'], '$keep');
    \$out['tmp_exists'] = file_exists(\$f['doc']['tmp_name']);
    \$resp->end(json_encode(\$out));
});
\$server->start();
PHP);
$b = 'BoUnDaRy42';
$body = "--$b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello & bye\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nx\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"keep\"; filename=\"k.bin\"\r\n\r\nKEEP\r\n"
    . "--$b--\r\n";
$raw = "POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=$b\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body";
[$code, , $json] = corust_parse_response(corust_http($s[1], $raw));
echo $code, "\n", $json, "\n";
$j = json_decode($json, true);
var_dump(file_get_contents($keep));
@unlink($keep);
echo strtok(corust_http($s[1], "POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 5\r\n\r\njunk!"), "\r"), "\n";
[$status] = corust_server_stop($s);
var_dump($status);
$left = glob(sys_get_temp_dir() . '/swoole.upfile.*');
echo "temp files left: ", count(array_filter($left, fn ($p) => filemtime($p) >= time() - 60)), "\n";
?>
--EXPECT--
200
{"post":{"title":"Hello & bye","tags":["x"]},"names":["doc","keep"],"doc":["a.txt","text\/plain",12,0,"line1\r\nline2"],"keep":["k.bin","",4,0,"KEEP"],"tmp_exists":true}
string(4) "KEEP"
HTTP/1.1 400 Bad Request
int(0)
temp files left: 0
