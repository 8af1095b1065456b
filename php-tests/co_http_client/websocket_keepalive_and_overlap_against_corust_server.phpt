--TEST--
Coroutine\Http\Client against a corust WebSocket\Server in another process: keep-alive (one connection for many requests, getsockname unchanged), Connection: close from the client, upgrade() and push/recv of text and binary frames (70 KB), permessage-deflate agreed with websocket_compression, a server ping answered without reaching recv(), recv(timeout) giving false/ETIMEDOUT, a CloseFrame with code and reason when open_websocket_close_frame is set (else '' when the server hangs up), push() before upgrade warns; 50 clients whose 0.3 s requests overlap; Co\Http\Client is the short name
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$srv = corust_server_start(<<<'PHP'
<?php
$s = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$s->set(['worker_num' => 1, 'websocket_compression' => true]);
$s->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$s->on('message', function ($s, $f) {
    if ($f->data === 'ping-me') { $s->push($f->fd, 'x', WEBSOCKET_OPCODE_PING); return; }
    if ($f->data === 'bye') { $s->disconnect($f->fd, 4000, 'later'); return; }
    $s->push($f->fd, "echo:{$f->opcode}:" . strlen($f->data) . ':' . substr($f->data, 0, 5), WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_FIN | SWOOLE_WEBSOCKET_FLAG_COMPRESS);
});
$s->on('request', function ($req, $resp) {
    if ($req->server['request_uri'] === '/sleep') { Co::sleep(0.3); }
    $resp->end("http:{$req->server['request_uri']}:" . ($req->header['connection'] ?? ''));
});
$s->start();
PHP);
$port = $srv[1];

Co\run(function () use ($port) {
    $c = new Co\Http\Client('127.0.0.1', $port);
    var_dump(get_class($c), $c->get('/one'), $c->body);
    $local = $c->getsockname()['port'];
    for ($i = 0; $i < 20; $i++) $c->get("/n$i");
    var_dump($c->body, $c->connected, $c->getsockname()['port'] === $local);
    var_dump($c->push('x'), $c->errCode);
    $c->setHeaders(['Connection' => 'close']);
    var_dump($c->get('/last'), $c->body, $c->connected);
    var_dump($c->push('x'), $c->errCode);

    foreach ([false, true] as $deflate) {
        $w = new Co\Http\Client('127.0.0.1', $port);
        $w->set(['websocket_compression' => $deflate, 'timeout' => 5]);
        var_dump($w->upgrade('/ws'), $w->statusCode, $w->headers['upgrade'], isset($w->headers['sec-websocket-extensions']));
        var_dump($w->push('hello'), $w->push(str_repeat('z', 70000), WEBSOCKET_OPCODE_BINARY));
        $f = $w->recv();
        var_dump(get_class($f), $f->data, $f->opcode, $f->finish);
        var_dump($w->recv()->data);
        $w->push('ping-me');
        $w->push('after');
        var_dump($w->recv()->data);
        var_dump($w->recv(0.2), $w->errCode);
        $w->push('bye');
        var_dump($w->recv(), $w->connected);
    }
    $w = new Co\Http\Client('127.0.0.1', $port);
    $w->set(['open_websocket_close_frame' => true]);
    $w->upgrade('/');
    $w->push('bye');
    $f = $w->recv();
    var_dump(get_class($f), $f->code, $f->reason);

    $t = microtime(true);
    $wg = new Swoole\Coroutine\WaitGroup();
    $ok = 0;
    for ($i = 0; $i < 50; $i++) {
        $wg->add();
        go(function () use ($port, $wg, &$ok) {
            $k = new Co\Http\Client('127.0.0.1', $port);
            if ($k->get('/sleep') && $k->body === 'http:/sleep:keep-alive') $ok++;
            $wg->done();
        });
    }
    $wg->wait();
    var_dump($ok, microtime(true) - $t < 0.3 * 50 / 4);
});
corust_server_stop($srv);
?>
--EXPECTF--
string(28) "Swoole\Coroutine\Http\Client"
bool(true)
string(20) "http:/one:keep-alive"
string(20) "http:/n19:keep-alive"
bool(true)
bool(true)

Warning: Swoole\Coroutine\Http\Client::push(): websocket handshake failed, cannot push data in %s on line %d
bool(false)
int(503)
bool(true)
string(16) "http:/last:close"
bool(false)
bool(false)
int(5001)
bool(true)
int(101)
string(9) "websocket"
bool(false)
bool(true)
bool(true)
string(22) "Swoole\WebSocket\Frame"
string(14) "echo:1:5:hello"
int(1)
bool(true)
string(18) "echo:2:70000:zzzzz"
string(14) "echo:1:5:after"
bool(false)
int(110)
string(0) ""
bool(false)
bool(true)
int(101)
string(9) "websocket"
bool(true)
bool(true)
bool(true)
string(22) "Swoole\WebSocket\Frame"
string(14) "echo:1:5:hello"
int(1)
bool(true)
string(18) "echo:2:70000:zzzzz"
string(14) "echo:1:5:after"
bool(false)
int(110)
string(0) ""
bool(false)
string(27) "Swoole\WebSocket\CloseFrame"
int(4000)
string(5) "later"
int(50)
bool(true)
