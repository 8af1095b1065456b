--TEST--
WebSocket fragments as Swoole sends and reads them: a message the handler compressed itself (deflate_add) and split into a TEXT frame with RSV1 and continuation frames reaches Coroutine\Http\Client whole and inflated (also when the sender ended the stream with ZLIB_FINISH), and the client sends the same way; a continuation without a first frame and a new message inside a fragmented one give Swoole's warnings; frames already read for a connection the handler disconnected are dropped (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'websocket_compression' => true, 'log_level' => SWOOLE_LOG_WARNING]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('message', function ($server, $frame) {
    $a = str_repeat('a', 3000); $b = str_repeat('b', 5000);
    switch ($frame->data) {
        case 'split':
            $z = deflate_init(ZLIB_ENCODING_RAW);
            $server->push($frame->fd, deflate_add($z, $a, ZLIB_SYNC_FLUSH), WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_COMPRESS | SWOOLE_WEBSOCKET_FLAG_RSV1);
            $server->push($frame->fd, deflate_add($z, $b, ZLIB_SYNC_FLUSH), WEBSOCKET_OPCODE_CONTINUATION, 0);
            $server->push($frame->fd, deflate_add($z, $a, ZLIB_FINISH), WEBSOCKET_OPCODE_CONTINUATION, SWOOLE_WEBSOCKET_FLAG_FIN);
            $server->push($frame->fd, 'plain-1', WEBSOCKET_OPCODE_TEXT, 0);
            $server->push($frame->fd, 'plain-2', WEBSOCKET_OPCODE_CONTINUATION, SWOOLE_WEBSOCKET_FLAG_FIN);
            break;
        case 'alone':
            $server->push($frame->fd, 'orphan', WEBSOCKET_OPCODE_CONTINUATION, SWOOLE_WEBSOCKET_FLAG_FIN);
            break;
        case 'inside':
            $server->push($frame->fd, 'first', WEBSOCKET_OPCODE_TEXT, 0);
            $server->push($frame->fd, 'second', WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_FIN);
            break;
        case 'bye':
            echo "bye\n";
            $server->disconnect($frame->fd);
            break;
        default:
            $server->push($frame->fd, 'echo ' . strlen($frame->data) . ' ' . md5($frame->data) . ' flags ' . $frame->flags);
    }
});
$server->start();
PHP);
$port = $s[1];
$a = str_repeat('a', 3000); $b = str_repeat('b', 5000);
Co\run(function () use ($port, $a, $b) {
    $connect = function () use ($port) {
        $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
        $c->set(['websocket_compression' => true, 'timeout' => 3]);
        $c->upgrade('/');
        return $c;
    };
    $c = $connect();
    $c->push('split');
    $f = $c->recv();
    var_dump($f->opcode, $f->flags, $f->data === $a . $b . $a);
    $f = $c->recv();
    var_dump($f->data, $f->flags);
    // The client splits a message it compressed itself.
    $z = deflate_init(ZLIB_ENCODING_RAW);
    $c->push(deflate_add($z, $b, ZLIB_SYNC_FLUSH), WEBSOCKET_OPCODE_TEXT, SWOOLE_WEBSOCKET_FLAG_COMPRESS | SWOOLE_WEBSOCKET_FLAG_RSV1);
    $c->push(deflate_add($z, $a, ZLIB_SYNC_FLUSH), WEBSOCKET_OPCODE_CONTINUATION, SWOOLE_WEBSOCKET_FLAG_FIN);
    echo 'server got: ', $c->recv()->data, "\n";
    foreach (['alone', 'inside'] as $case) {
        $c = $connect();
        $c->push($case);
        var_dump($c->recv());
    }
    // Frames queued behind a disconnect are dropped: one "bye" is echoed.
    $c = $connect();
    $c->push('bye'); $c->push('bye'); $c->push('bye');
    $r = $c->recv();
    // "" (closed) or false (reset: the server closed with our frames unread).
    var_dump($r === '' || $r === false);
});
[, $out, $err] = corust_server_stop($s);
echo $out;
?>
--EXPECTF--
int(1)
int(7)
bool(true)
string(14) "plain-1plain-2"
int(1)
server got: echo 8000 24adf6a675d6134d9eaafba0e06b2746 flags 39
%sWARNING%swebsocket::recv_frame(): A continuation frame cannot stand alone and MUST be preceded by an initial frame whose opcode indicates either text or binary data.
bool(false)
%sWARNING%swebsocket::recv_frame(): All fragments of a message, except for the initial frame, must use the continuation frame opcode(0).
bool(false)
bool(true)
bye
