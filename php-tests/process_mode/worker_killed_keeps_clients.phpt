--TEST--
SWOOLE_PROCESS: kill -9 of a worker keeps its clients connected: the master holds them, the new process of that worker id answers them (no second onConnect), the other worker's clients never notice
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 2, 'log_level' => 5, 'open_eof_split' => true, 'package_eof' => "\n"]);
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('connect', function ($s, $fd) { echo "connect $fd\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    if (trim($data) === 'die') Swoole\Process::kill(getmypid(), SIGKILL);
    $s->send($fd, "fd $fd worker {$s->worker_id} pid " . getmypid() . "\n");
});
$server->start();
PHP);
$port = $s[1];
$cs = [];
for ($i = 0; $i < 4; $i++) {
    $cs[$i] = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 5);
    stream_set_timeout($cs[$i], 5);
}
$ask = function ($i) use (&$cs) { fwrite($cs[$i], "who\n"); return explode(' ', trim(fgets($cs[$i]))); };
$before = array_map($ask, [0, 1, 2, 3]);
echo "workers: ", implode(',', array_column($before, 3)), "\n";
fwrite($cs[2], "die\n");   // fd 3, worker 0: its process dies
usleep(500000);
$after = array_map($ask, [0, 1, 2, 3]);
foreach ($after as $i => $a) {
    $same_fd = $a[1] === $before[$i][1];
    $new_pid = $a[5] !== $before[$i][5];
    echo "client $i: fd kept ", json_encode($same_fd), ", worker {$a[3]}, new process ", json_encode($new_pid), "\n";
}
[$status, $out] = corust_server_stop($s);
$lines = array_filter(explode("\n", $s[4] . $out), fn ($l) => str_starts_with($l, 'connect'));
sort($lines);
echo implode("\n", $lines), "\nexit: $status\n";
?>
--EXPECT--
workers: 0,1,0,1
client 0: fd kept true, worker 0, new process true
client 1: fd kept true, worker 1, new process false
client 2: fd kept true, worker 0, new process true
client 3: fd kept true, worker 1, new process false
connect 1
connect 2
connect 3
connect 4
exit: 0
