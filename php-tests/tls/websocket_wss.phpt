--TEST--
WebSocket over TLS: a WebSocket\Server on a SWOOLE_SSL port and Coroutine\Http\Client with $ssl upgrade, push a 100 KB frame and a small one, and get the echoes (same output as Swoole 6.2.2)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pem = corust_test_cert();
$s = corust_server_start(<<<PHP
<?php
\$s = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_TCP | SWOOLE_SSL);
\$s->set(['worker_num' => 1, 'ssl_cert_file' => '$pem', 'ssl_key_file' => '$pem']);
\$s->on('workerStart', function (\$srv) { echo "READY {\$srv->port}\\n"; });
\$s->on('message', function (\$s, \$f) { \$s->push(\$f->fd, 'echo:' . \$f->data); });
\$s->start();
PHP);
Co\run(function () use ($s) {
    $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $s[1], true);
    var_dump($c->upgrade('/'), $c->statusCode);
    $c->push(str_repeat('x', 100000));
    var_dump(strlen($c->recv(5)->data));
    $c->push('hi');
    var_dump($c->recv(5)->data);
    $c->close();
});
corust_server_stop($s);
?>
--EXPECT--
bool(true)
int(101)
int(100005)
string(7) "echo:hi"
