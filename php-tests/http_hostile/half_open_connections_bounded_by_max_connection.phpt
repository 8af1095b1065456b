--TEST--
Http\Server hostile input: thousands of half-open connections are bounded by max_connection (the ones past it are closed at once with Swoole's "Too many connections" warning, logged once a second at most); the connections within it and the same worker keep being served, and closing the flood frees the slots
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_echo_server(['max_connection' => 100]);
$port = $s[1];
$pid = corust_echo($port)['pid'];
// 2,000 connections that send half a request and wait.
$conns = [];
for ($i = 0; $i < 2000; $i++) {
    $c = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 2);
    if ($c) {
        fwrite($c, "GET / HTTP/1.1\r\nHo");
        $conns[] = $c;
    }
}
usleep(300000);
$closed = 0;
foreach ($conns as $c) {
    stream_set_blocking($c, false);
    fread($c, 1);
    if (feof($c)) $closed++;
}
echo "held open: ", count($conns) - $closed, ", closed by the server: ", $closed > 1800 ? 'the rest' : $closed, "\n";
// One of the held ones completes its request and is answered.
foreach ($conns as $c) {
    if (feof($c)) continue;
    stream_set_blocking($c, true);
    fwrite($c, "st: x\r\nConnection: close\r\n\r\n");
    [$code, , $body] = corust_parse_response(stream_get_contents($c));
    echo "a held connection finishes: $code ", json_decode($body, true)['pid'] === $pid ? 'same worker' : 'OTHER', "\n";
    break;
}
foreach ($conns as $c) fclose($c);
usleep(200000);
$r = corust_echo($port);
echo "after the flood: ", $r['code'], ' ', $r['pid'] === $pid ? 'same worker' : 'WORKER CHANGED', "\n";
[$status, $out, $err] = corust_server_stop($s);
echo "exit $status\n";
$warnings = substr_count($err, 'Too many connections');
echo "warnings: ", $warnings >= 1 && $warnings <= 3 ? 'logged, rate-limited' : $warnings, "\n";
?>
--EXPECT--
held open: 100, closed by the server: the rest
a held connection finishes: 200 same worker
after the flood: 200 same worker
exit 0
warnings: logged, rate-limited
