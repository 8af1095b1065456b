--TEST--
Http\Server: a worker that dies during workerStart is re-forked with exponential back-off (100 ms, doubling), a log line each time, not hundreds of times a second; SIGTERM still stops the server while it backs off
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$file = tempnam(sys_get_temp_dir(), 'corust-crash') . '.php';
file_put_contents($file, <<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('start', function ($srv) { echo "READY\n"; });
$server->on('workerStart', function () { echo "START\n"; throw new RuntimeException('boom'); });
$server->on('request', function ($req, $resp) { $resp->end('x'); });
$server->start();
PHP);
$p = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . corust_ext_path(), $file], [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
sleep(2);
proc_terminate($p, SIGTERM);
$out = stream_get_contents($pipes[1]);
$status = proc_close($p);
unlink($file);
$starts = substr_count($out, "START\n");
// 0 + 0.1 + 0.2 + 0.4 + 0.8 s: five or six starts in two seconds, not hundreds.
echo "starts in 2 s: ", $starts >= 4 && $starts <= 7 ? 'a handful' : $starts, "\n";
preg_match_all('/restarting it in (\d+) ms/', $out, $m);
echo "back-off: ", implode(' ', array_slice($m[1], 0, 4)), "\n";
echo "exit $status\n";
?>
--EXPECT--
starts in 2 s: a handful
back-off: 100 200 400 800
exit 0
