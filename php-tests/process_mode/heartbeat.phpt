--TEST--
SWOOLE_PROCESS heartbeat: the master closes a client silent for heartbeat_idle_time (onClose in its worker), leaves a protect()ed one and a talking one alone; at shutdown those two close with onClose too (Swoole's)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 2, 'log_level' => 5, 'heartbeat_check_interval' => 1, 'heartbeat_idle_time' => 2]);
$server->on('start', function ($s) { echo "READY {$s->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    if ($data === 'protect') $s->protect($fd);
    $s->send($fd, "ok $fd");
});
$server->on('close', function ($s, $fd) { echo "close $fd\n"; });
$server->start();
PHP);
$c = [];
foreach (['idle', 'protect', 'talk'] as $i => $what) {
    $c[$what] = stream_socket_client("tcp://127.0.0.1:{$s[1]}", $e, $es, 5);
    stream_set_timeout($c[$what], 5);
    fwrite($c[$what], $what);
    fread($c[$what], 100);
}
for ($t = 0; $t < 8; $t++) {
    usleep(500000);
    fwrite($c['talk'], 'x');
    fread($c['talk'], 100);
}
foreach ($c as $what => $conn) {
    stream_set_blocking($conn, false);
    $r = @fread($conn, 100);
    echo "$what: ", feof($conn) ? "closed" : "open", "\n";
}
// The heartbeat's close is printed before the stop; the two the shutdown
// closes come from two processes, in either order.
[, $out] = corust_server_stop($s);
$lines = explode("\n", trim($out));
echo $lines[0], "\n";
$rest = array_slice($lines, 1);
sort($rest);
echo implode("\n", $rest), "\n";
?>
--EXPECT--
idle: closed
protect: open
talk: open
close 1
close 2
close 3
