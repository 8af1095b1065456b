--TEST--
Coroutine\Http\Client against hostile or broken peers (a plain PHP process writing raw bytes): not HTTP, a 70 KB head, a bad Content-Length, a broken chunk size, a body cut short, a peer that closes at once, chunked and read-to-close bodies split across many writes, a 101 without websocket; each ends in false with statusCode -3 and errCode (7102 for protocol errors, 104 for resets) or a correct body, and the process lives on
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$peer = <<<'PHP'
$srv = stream_socket_server('tcp://127.0.0.1:0');
echo explode(':', stream_socket_get_name($srv, false))[1], "\n";
$answers = [
    '/ssh' => ["SSH-2.0-OpenSSH_9.2\r\n\r\n"],
    '/huge' => ["HTTP/1.1 200 OK\r\nX-Big: " . str_repeat('a', 70000) . "\r\n\r\n"],
    '/badlen' => ["HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\nhello"],
    '/badchunk' => ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"],
    '/short' => ["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"],
    '/hangup' => [],
    '/chunked' => ["HTTP/1.1 200 OK\r\nTransfer-", "Encoding: chunked\r\n\r\n5\r", "\nhello\r\n", "6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n"],
    '/toclose' => ["HTTP/1.0 200 OK\r\n\r\n", "part one, ", "part two"],
    '/switch' => ["HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"],
];
$deadline = time() + 20;
while (time() < $deadline) {
    $c = @stream_socket_accept($srv, 1);
    if (!$c) continue;
    $line = fgets($c);
    while (($l = fgets($c)) !== false && $l !== "\r\n");
    $path = explode(' ', (string) $line)[1] ?? '/';
    foreach ($answers[$path] ?? ["HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"] as $piece) {
        fwrite($c, $piece);
        usleep(20000);
    }
    fclose($c);
}
PHP;
$p = proc_open([PHP_BINARY, '-n', '-r', $peer], [1 => ['pipe', 'w']], $pipes);
$port = (int) trim(fgets($pipes[1]));

Co\run(function () use ($port) {
    foreach (['/ssh', '/huge', '/badlen', '/badchunk', '/short', '/hangup', '/chunked', '/toclose', '/switch'] as $path) {
        $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
        $c->set(['timeout' => 5]);
        $ok = $c->get($path);
        echo $path, ' ', json_encode([$ok, $c->statusCode, $c->errCode, $c->body, $c->connected]), "\n";
    }
});
proc_terminate($p);
echo "alive\n";
?>
--EXPECT--
/ssh [false,-3,7102,"",false]
/huge [false,-3,7102,"",false]
/badlen [false,-3,7102,"",false]
/badchunk [false,-3,7102,"",false]
/short [false,-3,104,"",false]
/hangup [false,-3,104,"",false]
/chunked [true,200,0,"hello world",true]
/toclose [true,200,0,"part one, part two",true]
/switch [true,101,0,"",true]
alive
