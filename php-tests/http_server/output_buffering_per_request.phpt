--TEST--
Http\Server: handlers that render with ob_start() … ob_get_clean() around a suspension each get their own output, with 5 requests in flight at once on one worker
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($srv, $id) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) {
    $n = $req->get['n'] ?? '?';
    ob_start();
    echo "<p>request $n: ";
    Co::sleep(0.1);
    echo "done $n</p>";
    $resp->end(ob_get_clean());
});
$server->start();
PHP);
$port = $s[1];
$socks = [];
for ($i = 1; $i <= 5; $i++) {
    $socks[$i] = stream_socket_client("tcp://127.0.0.1:$port");
    fwrite($socks[$i], "GET /?n=$i HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}
foreach ($socks as $i => $c) {
    [, , $body] = corust_parse_response(stream_get_contents($c));
    echo $body, "\n";
}
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
?>
--EXPECT--
<p>request 1: done 1</p>
<p>request 2: done 2</p>
<p>request 3: done 3</p>
<p>request 4: done 4</p>
<p>request 5: done 5</p>
exit 0
