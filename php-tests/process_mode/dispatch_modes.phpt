--TEST--
SWOOLE_PROCESS dispatch_mode: 2 (default) places connection k on worker (k-1) % worker_num; 4 places every connection from one address on the same worker; $fd stays unique either way; 1 sends each message of one connection to the next worker, without onConnect/onClose (Swoole's unsafe events)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 3, 'dispatch_mode' => MODE, 'log_level' => 5]);
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) { $s->send($fd, "$fd:{$s->worker_id}"); });
$server->on('connect', function ($s, $fd) { echo "connect $fd\n"; });
$server->on('close', function ($s, $fd) { echo "close $fd\n"; });
$server->start();
PHP;
foreach ([2, 4] as $mode) {
    $s = corust_server_start(str_replace('MODE', (string) $mode, $code));
    $got = []; $cs = [];
    for ($i = 0; $i < 6; $i++) {
        $cs[] = $c = stream_socket_client("tcp://127.0.0.1:{$s[1]}", $e, $es, 5);
        stream_set_timeout($c, 5);
        fwrite($c, "x");
        $got[] = fread($c, 100);
    }
    foreach ($cs as $c) fclose($c);
    unset($c);
    usleep(200000);
    $workers = array_map(fn ($g) => explode(':', $g)[1], $got);
    $fds = array_map(fn ($g) => explode(':', $g)[0], $got);
    $shown = $mode === 2 ? implode(',', $workers) : count(array_unique($workers)) . ' distinct';
    echo "mode $mode: workers $shown, unique fds ", json_encode(count(array_unique($fds)) === 6), "\n";
    [, $out] = corust_server_stop($s);
    echo "events: ", count(array_filter(explode("\n", $s[4] . $out), fn ($l) => preg_match('/^(connect|close) /', $l))), "\n";
}
$s = corust_server_start(str_replace('MODE', '1', $code));
$c = stream_socket_client("tcp://127.0.0.1:{$s[1]}", $e, $es, 5);
stream_set_timeout($c, 5);
$got = [];
for ($i = 0; $i < 6; $i++) {
    fwrite($c, "x");
    $got[] = fread($c, 100);
}
fclose($c);
usleep(100000);
[, $out] = corust_server_stop($s);
echo "mode 1, one connection: ", implode(' ', $got), "\n";
echo "events: ", json_encode(preg_match('/^(connect|close) /m', $s[4] . $out)), "\n";
?>
--EXPECT--
mode 2: workers 0,1,2,0,1,2, unique fds true
events: 12
mode 4: workers 1 distinct, unique fds true
events: 12
mode 1, one connection: 1:0 1:1 1:2 1:0 1:1 1:2
events: 0
