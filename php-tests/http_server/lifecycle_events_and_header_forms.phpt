--TEST--
Http\Server: all 26 of Swoole's event names are accepted (an unknown one warns with Swoole's text); beforeReload/afterReload around a reload, beforeShutdown, workerExit and workerStop in the worker, managerStop then shutdown at a stop; header() with an array sends one line per value; headers set straight into $response->header are sent (as TechEmpower's app does); open_http2_protocol is accepted silently
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'open_http2_protocol' => false, 'http_compression' => false, 'reload_async' => true]);
$events = ['start', 'beforeShutdown', 'shutdown', 'workerStart', 'workerStop', 'workerExit', 'workerError', 'managerStart',
    'managerStop', 'beforeReload', 'afterReload', 'connect', 'receive', 'packet', 'close', 'task', 'finish', 'pipeMessage',
    'bufferFull', 'bufferEmpty', 'request', 'handshake', 'beforeHandshakeResponse', 'open', 'message', 'disconnect'];
$ok = 0;
foreach ($events as $e) $ok += (int) $server->on($e, function () {});
$report = "accepted $ok of " . count($events) . "\n"
    . var_export(@$server->on('nosuchevent', function () {}), true) . ' ' . error_get_last()['message'] . "\n";
foreach (['beforeShutdown', 'managerStop', 'shutdown', 'beforeReload', 'afterReload'] as $e) {
    $server->on($e, function () use ($e) { echo "$e\n"; });
}
$server->on('workerExit', function ($srv, $id) { echo "workerExit $id\n"; });
$server->on('workerStop', function ($srv, $id) { echo "workerStop $id\n"; });
$server->on('workerStart', function ($srv) use ($report) { echo "READY {$srv->port}\n", $report; });
$server->on('request', function ($req, $resp) {
    $resp->header('X-Multi', ['one', 'two']);
    $resp->header('x-single', 'v');
    $resp->header['Content-Type'] = 'text/plain';
    $resp->header['X-Prop-List'] = ['a', 'b'];
    $resp->end('ok');
});
$server->start();
PHP);
$port = $s[1];
$raw = corust_http($port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
preg_match_all('/^(X-Multi|X-Single|Content-Type|X-Prop-List): (.*)\r$/m', $raw, $m, PREG_SET_ORDER);
foreach ($m as $h) echo "$h[1]: $h[2]\n";
// A reload (SIGUSR1 to the manager) runs beforeReload/afterReload there.
proc_terminate($s[0], SIGUSR1);
$out = '';
$t = microtime(true);
while (microtime(true) - $t < 5 && !str_contains($out, 'afterReload')) {
    $r = [$s[2][1]]; $w = $e = null;
    if (stream_select($r, $w, $e, 0, 100000)) $out .= fread($s[2][1], 8192);
}
[$status, $rest] = corust_server_stop($s);
// Each worker prints its report at workerStart: the reloaded one shows it.
echo preg_match('/accepted 26 of 26\nfalse \S+::on\(\): unknown event types\[nosuchevent\]/', $out) ? "26 events accepted, unknown one warned\n" : $out;
$order = fn (string $text, array $lines) => implode(' < ', $lines) . ': ' . (array_keys(array_filter(array_map(fn ($l) => strpos($text, "$l\n"), $lines), 'is_int')) === array_keys($lines)
    && array_map(fn ($l) => strpos($text, "$l\n"), $lines) == (function ($p) { sort($p); return $p; })(array_map(fn ($l) => strpos($text, "$l\n"), $lines)) ? 'in order' : "NOT: $text") . "\n";
echo $order($out, ['beforeReload', 'workerExit 0', 'workerStop 0', 'afterReload']);
echo $order($rest, ['beforeShutdown', 'workerExit 0', 'workerStop 0', 'managerStop', 'shutdown']);
echo "exit $status\n";
?>
--EXPECT--
X-Multi: one
X-Multi: two
X-Single: v
Content-Type: text/plain
X-Prop-List: a
X-Prop-List: b
26 events accepted, unknown one warned
beforeReload < workerExit 0 < workerStop 0 < afterReload: in order
beforeShutdown < workerExit 0 < workerStop 0 < managerStop < shutdown: in order
exit 0
