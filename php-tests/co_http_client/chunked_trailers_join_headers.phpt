--TEST--
Coroutine\Http\Client: the trailer fields of a chunked response join $client->headers with lower-cased names, as Swoole's client puts them there (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$http = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$http->set(['worker_num' => 1]);
$http->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$http->on('request', function ($req, $resp) {
    $resp->header('Trailer', 'Content-MD5, X-Count');
    $resp->write('hello ');
    $resp->write('world');
    $resp->trailer('Content-MD5', md5('hello world'));
    $resp->trailer('X-Count', '2');
    $resp->end();
});
$http->start();
PHP);
Co\run(function () use ($s) {
    $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $s[1]);
    var_dump($c->get('/'), $c->body, $c->headers['content-md5'] === md5('hello world'), $c->headers['x-count'], $c->headers['trailer']);
    // Keep-alive: the next response reads cleanly after the trailer.
    var_dump($c->get('/'), $c->body);
});
corust_server_stop($s);
?>
--EXPECT--
bool(true)
string(11) "hello world"
bool(true)
string(1) "2"
string(20) "Content-MD5, X-Count"
bool(true)
string(11) "hello world"
