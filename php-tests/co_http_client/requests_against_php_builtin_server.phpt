--TEST--
Coroutine\Http\Client against PHP's built-in web server (another process): GET with the Host/Connection/Accept-Encoding head Swoole writes (getHeaderOut), a gzip body decoded, Set-Cookie into cookies and set_cookie_headers, cookies sent back, multipart upload (addFile + addData + fields), url-encoded array body, raw body, download() to a file, basic auth, write_func streaming, HEAD, defer + recv(), Connection: close from the server honoured (a new connection per request), connection refused (statusCode -1) and a response timeout (-2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$dir = sys_get_temp_dir() . '/corust_hc_' . getmypid();
@mkdir($dir);
file_put_contents("$dir/router.php", <<<'PHP'
<?php
$u = $_SERVER['REQUEST_URI'];
if ($u === '/gzip') { header('Content-Encoding: gzip'); echo gzencode(str_repeat('abc', 1000)); return; }
if ($u === '/cookie') { setcookie('a', 'x y'); setcookie('b', '2'); echo 'ok'; return; }
if ($u === '/echo') {
    echo json_encode(['method' => $_SERVER['REQUEST_METHOD'], 'post' => $_POST, 'cookie' => $_COOKIE,
        'files' => array_map(fn ($f) => [$f['name'], $f['type'], $f['size'], md5_file($f['tmp_name'])], $_FILES),
        'raw' => file_get_contents('php://input'), 'type' => $_SERVER['CONTENT_TYPE'] ?? '']);
    return;
}
if ($u === '/big') { echo str_repeat('x', 1 << 20); return; }
if ($u === '/auth') { echo $_SERVER['PHP_AUTH_USER'] . ':' . $_SERVER['PHP_AUTH_PW']; return; }
if ($u === '/slow') { sleep(2); echo 'late'; return; }
echo "hello {$_SERVER['REQUEST_METHOD']} $u";
PHP);
$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) explode(':', stream_socket_get_name($probe, false))[1];
fclose($probe);
$srv = proc_open([PHP_BINARY, '-n', '-S', "127.0.0.1:$port", "$dir/router.php"], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) usleep(50000);

Co\run(function () use ($port, $dir) {
    $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
    var_dump($c->get('/a?b=1'), $c->statusCode, $c->getBody(), $c->getHeaders()['content-type']);
    echo $c->getHeaderOut(), "\n";
    var_dump($c->connected, $c->getsockname()); // the server said Connection: close
    $c->get('/gzip');
    var_dump($c->body === str_repeat('abc', 1000));
    $c->get('/cookie');
    var_dump($c->getCookies(), $c->set_cookie_headers);
    $c->setCookies(['k' => 'v w']);
    $c->addData('DATA', 'f2', 'text/plain', 'x.txt');
    $c->addFile(__FILE__, 'f1', 'text/x-php');
    $c->post('/echo', ['a' => 1]);
    $r = json_decode($c->body, true);
    var_dump($r['post'], $r['cookie'], $r['files']['f2'], $r['files']['f1'] === [basename(__FILE__), 'text/x-php', filesize(__FILE__), md5_file(__FILE__)],
        str_starts_with($r['type'], 'multipart/form-data; boundary=----SwooleBoundary'), $c->uploadFiles);
    $c->setCookies([]);
    $c->post('/echo', ['a' => 1, 'b' => [1, 2]]);
    $r = json_decode($c->body, true);
    var_dump($r['post'], $r['type']);
    $c->post('/echo', 'raw body');
    var_dump(json_decode($c->body, true)['raw']);
    var_dump($c->download('/big', "$dir/big.out"), filesize("$dir/big.out"), $c->body, $c->downloadFile);
    $c->setBasicAuth('user', 'pw');
    $c->get('/auth');
    var_dump($c->body);
    $n = 0;
    $c->set(['write_func' => function ($cli, $data) use (&$n, $c) { $n += strlen($data); assert($cli === $c); }]);
    var_dump($c->get('/big'), $n, $c->body);

    $h = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
    $h->setMethod('HEAD');
    var_dump($h->execute('/x'), $h->statusCode, $h->body);
    $h->setDefer();
    $h->setMethod('PUT');
    var_dump($h->getDefer(), $h->execute('/d'), $h->body, $h->recv(), $h->body);

    $bad = new Swoole\Coroutine\Http\Client('127.0.0.1', 1);
    var_dump($bad->get('/'), $bad->statusCode, $bad->errCode, $bad->errMsg, $bad->connected);
    $slow = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
    $slow->set(['timeout' => 0.3]);
    $t = microtime(true);
    var_dump($slow->get('/slow'), $slow->statusCode, $slow->errCode, microtime(true) - $t < 1.5);
});
proc_terminate($srv);
proc_close($srv);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECTF--
bool(true)
int(200)
string(16) "hello GET /a?b=1"
string(24) "text/html; charset=UTF-8"
GET /a?b=1 HTTP/1.1
Host: 127.0.0.1:%d
Connection: keep-alive
Accept-Encoding: gzip, deflate, br
bool(false)
bool(false)
bool(true)
array(2) {
  ["a"]=>
  string(3) "x y"
  ["b"]=>
  string(1) "2"
}
array(2) {
  [0]=>
  string(7) "a=x%20y"
  [1]=>
  string(3) "b=2"
}
array(1) {
  ["a"]=>
  string(1) "1"
}
array(1) {
  ["k"]=>
  string(3) "v+w"
}
array(4) {
  [0]=>
  string(5) "x.txt"
  [1]=>
  string(10) "text/plain"
  [2]=>
  int(4)
  [3]=>
  string(32) "e44f9e348e41cb272efa87387728571b"
}
bool(true)
bool(true)
NULL
array(2) {
  ["a"]=>
  string(1) "1"
  ["b"]=>
  array(2) {
    [0]=>
    string(1) "1"
    [1]=>
    string(1) "2"
  }
}
string(33) "application/x-www-form-urlencoded"
string(8) "raw body"
bool(true)
int(1048576)
string(0) ""
NULL
string(7) "user:pw"
bool(true)
int(1048576)
string(0) ""
bool(true)
int(200)
string(0) ""
bool(true)
bool(true)
string(0) ""
bool(true)
string(12) "hello PUT /d"
bool(false)
int(-1)
int(111)
string(18) "Connection refused"
bool(false)
bool(false)
int(-2)
int(110)
bool(true)
