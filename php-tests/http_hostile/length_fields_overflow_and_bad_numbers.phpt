--TEST--
Http\Server hostile input: every length field overflowing or malformed (chunk sizes past 64 bits, Content-Length huge, signed, listed, hex, past package_max_length) gets 400 or 413 and a closed connection; the same worker still answers afterwards
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_echo_server(['package_max_length' => 100000]);
$port = $s[1];
$pid = corust_echo($port)['pid'];
$post = "POST / HTTP/1.1\r\nHost: x\r\n";
$cases = [
    // Issue 9's reproduction: a 64-bit chunk size after a first chunk.
    'chunk size 2^64-1' => $post . "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffffff\r\nbb\r\n0\r\n\r\n",
    'chunk size 33 hex digits' => $post . "Transfer-Encoding: chunked\r\n\r\n" . str_repeat('f', 33) . "\r\n",
    'chunk size past the limit' => $post . "Transfer-Encoding: chunked\r\n\r\n186a1\r\nx",
    'chunk size not hex' => $post . "Transfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
    'chunk without CRLF' => $post . "Transfer-Encoding: chunked\r\n\r\n2\r\nabXY0\r\n\r\n",
    'endless chunk extension' => $post . "Transfer-Encoding: chunked\r\n\r\n1;" . str_repeat('e', 120000),
    'Content-Length 10^23' => $post . "Content-Length: 99999999999999999999999\r\n\r\n",
    'Content-Length -1' => $post . "Content-Length: -1\r\n\r\n",
    'Content-Length +5' => $post . "Content-Length: +5\r\n\r\nhello",
    'Content-Length 5, 5' => $post . "Content-Length: 5, 5\r\n\r\nhello",
    'Content-Length 0x10' => $post . "Content-Length: 0x10\r\n\r\n",
    'Content-Length past the limit' => $post . "Content-Length: 100001\r\n\r\n",
];
foreach ($cases as $name => $raw) {
    [$code, , , $closed] = corust_raw($port, $raw);
    echo str_pad($name, 32), $code, $closed ? ' closed' : ' open', "\n";
}
// A chunked body trickled byte by byte still decodes exactly.
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, $post . "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
foreach (str_split("3;x=y\r\nabc\r\n10\r\n" . str_repeat('z', 16) . "\r\n0\r\nTrailer: t\r\n\r\n") as $byte) {
    fwrite($c, $byte);
    usleep(200);
}
[$code, , $body] = corust_parse_response(stream_get_contents($c));
echo "trickled: $code len=", json_decode($body, true)['len'], "\n";
echo corust_echo($port)['pid'] === $pid ? "same worker\n" : "WORKER CHANGED\n";
[$status, $out, $err] = corust_server_stop($s);
echo "exit $status\n";
echo str_contains($out . $err, 'panicked') || str_contains($out . $err, 'workerError') ? $out . $err : "no crash\n";
?>
--EXPECT--
chunk size 2^64-1               413 closed
chunk size 33 hex digits        413 closed
chunk size past the limit       413 closed
chunk size not hex              400 closed
chunk without CRLF              400 closed
endless chunk extension         413 closed
Content-Length 10^23            413 closed
Content-Length -1               400 closed
Content-Length +5               400 closed
Content-Length 5, 5             400 closed
Content-Length 0x10             400 closed
Content-Length past the limit   413 closed
trickled: 200 len=19
same worker
exit 0
no crash
