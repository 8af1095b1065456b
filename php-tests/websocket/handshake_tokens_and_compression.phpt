--TEST--
WebSocket handshake details as Swoole: an Upgrade header that lists websocket among other tokens (any case) is an upgrade; with websocket_compression, a handshake callback's own 101 gets Sec-WebSocket-Extensions when the client offered permessage-deflate (with parameters such as client_max_window_bits) and pushes with SWOOLE_WEBSOCKET_FLAG_COMPRESS then go out compressed
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1, 'websocket_compression' => true]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('handshake', function ($req, $resp) {
    $key = base64_encode(sha1($req->header['sec-websocket-key'] . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true));
    foreach (['Upgrade' => 'websocket', 'Connection' => 'Upgrade', 'Sec-WebSocket-Accept' => $key, 'Sec-WebSocket-Version' => '13'] as $k => $v) $resp->header($k, $v);
    $resp->status(101);
    $resp->end();
    return true;
});
$server->on('message', function ($s, $f) { $s->push($f->fd, str_repeat("echo {$f->data} ", 20), WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_FIN | SWOOLE_WEBSOCKET_FLAG_COMPRESS); });
$server->start();
PHP);
Co\run(function () use ($s) {
    $sock = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
    $sock->connect('127.0.0.1', $s[1]);
    $sock->send("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c, WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    echo strtok($sock->recv(), "\r\n"), "\n";
    $cli = new Swoole\Coroutine\Http\Client('127.0.0.1', $s[1]);
    $cli->set(['websocket_compression' => true]);
    var_dump($cli->upgrade('/'), $cli->headers['sec-websocket-extensions'] ?? null);
    $cli->push('hi');
    echo "frame: ", json_encode(str_starts_with($cli->recv()->data, 'echo hi')), "\n";
});
// On the wire: the server's frames have RSV1 set (compressed).
[$c, $head] = corust_ws_connect($s[1], '/', "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
corust_ws_send($c, 1, 'raw');
$b0 = ord(fread($c, 1));
echo "raw frame compressed: ", json_encode(($b0 & 0x40) !== 0), ", 101 has the extension: ", json_encode(str_contains($head, 'permessage-deflate')), "\n";
corust_server_stop($s);
?>
--EXPECT--
HTTP/1.1 101 Switching Protocols
bool(true)
string(74) "permessage-deflate; client_no_context_takeover; server_no_context_takeover"
frame: true
raw frame compressed: true, 101 has the extension: true
