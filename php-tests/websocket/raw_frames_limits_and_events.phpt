--TEST--
WebSocket\Server against hostile and unusual clients (raw frames): a bad Sec-WebSocket-Key gets 400; unmasked frames are accepted (as Swoole); pings are answered, and with open_websocket_ping_frame/close_frame they reach onMessage instead; a close is echoed with its payload; an oversized message (package_max_length, also across fragments) is closed with 1009, an unknown opcode or a stray continuation with 1002 (RFC 6455; stricter than Swoole, which lets an unknown opcode pass with a warning and drops the connection without a close frame); the handshake event takes over the handshake (no open event); a connection never upgraded ends with disconnect, not close; push to a non-WebSocket fd warns; the worker serves on throughout
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'package_max_length' => 1000]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) { echo "open {$req->server['request_uri']}\n"; });
$server->on('message', function ($s, $f) {
    echo "message ", get_class($f), " op={$f->opcode} data=", json_encode($f->data), isset($f->code) ? " code={$f->code} reason={$f->reason}" : '', "\n";
    $s->push($f->fd, "echo:" . $f->data);
});
$server->on('close', function ($s, $fd) { echo "close\n"; });
$server->on('disconnect', function ($s, $fd) { echo "disconnect\n"; });
$server->on('request', function ($req, $resp) use ($server) {
    $resp->end(json_encode(@$server->push($req->fd, 'x')) . ' ' . error_get_last()['message']);
});
$server->start();
PHP);
$port = $s[1];
[$c, $head] = corust_ws_connect($port, '/', '', 'short');
echo strtok($head, "\r\n"), "\n";
[$c, $head] = corust_ws_connect($port, '/a');
echo strtok($head, "\r\n"), ' ', preg_match('/^Sec-WebSocket-Accept: \S+\r$/m', $head), "\n";
corust_ws_send($c, 1, 'unmasked', true, false);
echo json_encode(corust_ws_read($c)), "\n";
corust_ws_send($c, 9, 'ping!');
echo json_encode(corust_ws_read($c)), "\n";
corust_ws_send($c, 1, 'part1', false);
corust_ws_send($c, 9, '');
corust_ws_send($c, 0, 'part2');
echo json_encode(corust_ws_read($c)), json_encode(corust_ws_read($c)), "\n";
corust_ws_send($c, 8, pack('n', 1000) . 'done');
$f = corust_ws_read($c);
echo "close echoed: $f[0] ", bin2hex($f[1]), ' then ', json_encode(corust_ws_read($c)), "\n";
// Limits and protocol errors end the connection with Swoole's close codes.
foreach ([[1, str_repeat('x', 1001), true], [3, 'x', true], [0, 'stray', true]] as [$op, $data, $fin]) {
    [$c] = corust_ws_connect($port, '/b');
    corust_ws_send($c, $op, $data, $fin);
    $f = corust_ws_read($c);
    echo "op $op: close ", unpack('n', $f[1])[1], ' ', json_encode(corust_ws_read($c)), "\n";
}
[$c] = corust_ws_connect($port, '/frag');
corust_ws_send($c, 1, str_repeat('a', 600), false);
corust_ws_send($c, 0, str_repeat('b', 600));
echo "fragments over the limit: close ", unpack('n', corust_ws_read($c)[1])[1], "\n";
usleep(100000);
// A plain HTTP request on the WebSocket server: push to it warns; disconnect at its end.
echo corust_get($port, '/plain')[2], "\n";
usleep(200000);
[$status, $rest] = corust_server_stop($s);
echo $s[4] === "READY $port\n" ? '' : $s[4], $rest, "exit $status\n";

// open_websocket_ping_frame / close_frame, and the handshake event.
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'open_websocket_ping_frame' => true, 'open_websocket_close_frame' => true, 'open_websocket_pong_frame' => true]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) { echo "open (not expected after handshake)\n"; });
$server->on('handshake', function ($req, $resp) {
    $key = $req->header['sec-websocket-key'];
    $resp->status(101);
    $resp->header('Upgrade', 'websocket');
    $resp->header('Connection', 'Upgrade');
    $resp->header('Sec-WebSocket-Accept', base64_encode(sha1($key . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true)));
    $resp->header('X-Custom', 'yes');
    $resp->end();
    echo "handshake\n";
});
$server->on('message', function ($s, $f) { echo "message op={$f->opcode} data=", json_encode($f->data), isset($f->code) ? " code={$f->code}" : '', "\n"; });
$server->on('close', function ($s, $fd) { echo "close\n"; });
$server->start();
PHP);
[$c, $head] = corust_ws_connect($s[1], '/h');
echo strtok($head, "\r\n"), ' custom=', preg_match('/^X-Custom: yes\r$/m', $head), "\n";
corust_ws_send($c, 9, 'p');
corust_ws_send($c, 10, 'q');
corust_ws_send($c, 8, pack('n', 1001));
$f = corust_ws_read($c);
echo "close echoed: $f[0] ", bin2hex($f[1]), "\n";
usleep(200000);
[$status, $rest] = corust_server_stop($s);
echo $rest, "exit $status\n";
?>
--EXPECTF--
HTTP/1.1 400 Bad Request
HTTP/1.1 101 Switching Protocols 1
[1,"echo:unmasked",true]
[10,"ping!",true]
[10,"",true][1,"echo:part1part2",true]
close echoed: 8 03e8646f6e65 then null
op 1: close 1009 null
op 3: close 1002 null
op 0: close 1002 null
fragments over the limit: close 1009
false Swoole\WebSocket\Server::push(): the connected client of connection[%d] is not a websocket client or closed
disconnect
open /a
message Swoole\WebSocket\Frame op=1 data="unmasked"
message Swoole\WebSocket\Frame op=1 data="part1part2"
close
open /b
close
open /b
close
open /b
close
open /frag
close
disconnect
exit 0
HTTP/1.1 101 Switching Protocols custom=1
close echoed: 8 03e9
handshake
message op=9 data="p"
message op=10 data="q"
message op=8 data="" code=1001
close
exit 0
