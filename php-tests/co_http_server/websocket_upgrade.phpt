--TEST--
Coroutine\Http\Server WebSocket as Swoole's: $response->upgrade() answers the handshake (101, permessage-deflate with websocket_compression; a plain request gets 400 and false), recv() returns each message as a WebSocket\Frame (pings answered for the caller), push() answers, disconnect() sends the close frame the client sees as the end; the connection ends with the handler
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
Coroutine\run(function () {
    $server = new Coroutine\Http\Server('127.0.0.1', 0);
    $server->set(['websocket_compression' => true]);
    $server->handle('/ws', function ($req, $resp) use ($server) {
        var_dump($resp->upgrade());
        while (true) {
            $frame = $resp->recv(2);
            if ($frame === '' || $frame === false) { echo "server recv end: ", var_export($frame, true), "\n"; break; }
            echo get_class($frame), " ", $frame->opcode, " ", strlen($frame->data), " ", substr($frame->data, 0, 5), "\n";
            if ($frame->data === 'bye') { $resp->disconnect(4000, 'done'); break; }
            $resp->push("echo:" . $frame->data);
        }
    });
    $server->handle('/plain', function ($req, $resp) { var_dump($resp->upgrade()); $resp->end('plain'); });
    go(function () use ($server) { $server->start(); });
    $c = new Coroutine\Http\Client('127.0.0.1', $server->port);
    $c->get('/plain'); echo $c->statusCode, ' ', $c->body, "\n";
    $c = new Coroutine\Http\Client('127.0.0.1', $server->port);
    $c->set(['websocket_compression' => true]);
    var_dump($c->upgrade('/ws'), $c->statusCode);
    foreach (['one', str_repeat('x', 3000), 'three'] as $m) { $c->push($m); $f = $c->recv(1); echo strlen($f->data), ' ', substr($f->data, 0, 9), "\n"; }
    $c->push('pong?', WEBSOCKET_OPCODE_PING); $f = $c->recv(1); echo "opcode ", $f->opcode ?? 'none', "\n";
    $c->push('bye'); $f = $c->recv(1); var_dump($f);
    var_dump($c->recv(1));
    $server->shutdown();
});

?>
--EXPECT--
bool(false)
400 
bool(true)
bool(true)
int(101)
Swoole\WebSocket\Frame 1 3 one
8 echo:one
Swoole\WebSocket\Frame 1 3000 xxxxx
3005 echo:xxxx
Swoole\WebSocket\Frame 1 5 three
10 echo:thre
opcode none
Swoole\WebSocket\Frame 1 3 bye
string(0) ""
bool(false)
