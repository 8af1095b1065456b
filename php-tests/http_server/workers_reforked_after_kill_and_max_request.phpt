--TEST--
Http\Server: a worker killed with SIGKILL is re-forked (workerError reports it) and the port keeps answering; max_request recycles workers
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1, 'max_request' => 3]);
$server->on('workerStart', function ($srv, $id) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) { $resp->end((string) getmypid()); });
$server->on('workerError', function ($srv, $id, $pid, $code, $signal) { echo "workerError worker=$id code=$code signal=$signal\n"; });
$server->start();
PHP);
$port = $s[1];
$pid1 = corust_get($port, '/')[2];
posix_kill((int) $pid1, SIGKILL);
$pid2 = null;
for ($i = 0; $i < 50 && !$pid2; $i++) { usleep(100000); [$code, , $b] = corust_get($port, '/'); if ($code === 200) $pid2 = $b; }
var_dump($pid2 !== null && $pid2 !== $pid1);
// max_request = 3: no worker serves all 7 requests; each is replaced after 3.
$seen = [$pid2];
for ($tries = 0; count($seen) < 7 && $tries < 100; $tries++) {
    [$code, , $b] = corust_get($port, '/');
    if ($code !== 200) { usleep(100000); continue; }
    $seen[] = $b;
}
$counts = array_count_values($seen);
echo 'distinct workers over 7 requests: ', count($counts) >= 3 ? 'at least 3' : count($counts), "\n";
[$status, $out] = corust_server_stop($s);
var_dump($status);
echo implode("\n", preg_grep('/workerError/', explode("\n", $out))), "\n";
?>
--EXPECT--
bool(true)
distinct workers over 7 requests: at least 3
int(0)
workerError worker=0 code=0 signal=9
