--TEST--
WebSocket\Server with a real client (Python websockets): handshake at any path, open/message/close events, text, binary and fragmented messages, a 1 MB push, ping answered by the server, permessage-deflate both ways (websocket_compression), disconnect() with a code and reason, plain HTTP on the same port; the frames' opcode/flags/finish/fd as Swoole fills them
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php';
exec('/usr/bin/python3 -c "import websockets" 2>&1', $o, $rc); if ($rc) die('skip python3-websockets missing (scripts/setup.sh installs it)'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'websocket_compression' => true]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) { echo "open {$req->server['request_uri']} established=", json_encode($s->isEstablished($req->fd)), "\n"; });
$server->on('message', function ($s, $frame) {
    echo "message op={$frame->opcode} flags={$frame->flags} finish=", json_encode($frame->finish), " len=", strlen($frame->data), " fd_ok=", json_encode($frame->fd > 0), "\n";
    if ($frame->data === 'close') { var_dump($s->disconnect($frame->fd, 4000, 'bye')); return; }
    if ($frame->data === 'big') { $s->push($frame->fd, str_repeat('x', 1 << 20)); return; }
    $s->push($frame->fd, "echo:" . $frame->data, $frame->opcode, SWOOLE_WEBSOCKET_FLAG_FIN | SWOOLE_WEBSOCKET_FLAG_COMPRESS);
});
$server->on('close', function ($s, $fd, $reactor) { echo "close\n"; });
$server->on('request', function ($req, $resp) { $resp->end("plain http"); });
$server->start();
PHP);
$client = tempnam(sys_get_temp_dir(), 'wsc') . '.py';
file_put_contents($client, <<<'PY'
import asyncio, sys, websockets
async def main(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/chat?room=1", compression="deflate") as ws:
        print("extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"))
        await ws.send("hello")
        print("got", await ws.recv())
        await ws.send(["frag1-", "frag2"])
        print("got", await ws.recv())
        await ws.send(b"\x00\x01bin")
        print("got", repr(await ws.recv()))
        await ws.send("big")
        print("big", len(await ws.recv()))
        await (await ws.ping(b"pp"))
        print("pong")
        await ws.send("close")
        try:
            await ws.recv()
        except websockets.ConnectionClosed as e:
            print("closed", e.code, e.reason)
asyncio.run(main(sys.argv[1]))
PY);
passthru('timeout 20 /usr/bin/python3 ' . escapeshellarg($client) . ' ' . $s[1] . ' 2>&1');
unlink($client);
echo corust_get($s[1], '/plain')[2], "\n";
usleep(200000);
[$status, $rest] = corust_server_stop($s);
echo $s[4] === "READY {$s[1]}\n" ? '' : $s[4], $rest, "exit $status\n";
?>
--EXPECT--
extensions: permessage-deflate; client_no_context_takeover; server_no_context_takeover
got echo:hello
got echo:frag1-frag2
got b'echo:\x00\x01bin'
big 1048576
pong
closed 4000 bye
plain http
open /chat established=true
message op=1 flags=39 finish=true len=5 fd_ok=true
message op=1 flags=39 finish=true len=11 fd_ok=true
message op=2 flags=39 finish=true len=5 fd_ok=true
message op=1 flags=39 finish=true len=3 fd_ok=true
message op=1 flags=39 finish=true len=5 fd_ok=true
bool(true)
close
close
exit 0
