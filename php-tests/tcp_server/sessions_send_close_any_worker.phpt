--TEST--
TCP sessions: with one worker $fd counts 1, 2, 3… as Swoole's session ids; with 3 workers they stay unique across the workers, and send()/close() from any worker (or a task worker) reach a connection another worker accepted; exists() answers for this worker's own sessions; getClientInfo() still answers inside onClose (exists() is false there)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => WORKERS, 'task_worker_num' => 1, 'enable_reuse_port' => true, 'open_eof_split' => true, 'package_eof' => "\n"]);
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('connect', function ($s, $fd) { $s->send($fd, "fd $fd\n"); });
$server->on('receive', function ($s, $fd, $rid, $data) {
    $w = explode(' ', trim($data));
    if ($w[0] === 'send') $s->send((int) $w[1], "hi {$w[1]} from worker {$s->getWorkerId()}\n");
    if ($w[0] === 'close') echo "close: " . json_encode($s->close((int) $w[1])) . "\n";
    if ($w[0] === 'task') $s->task((int) $w[1]);
    if ($w[0] === 'exists') $s->send($fd, json_encode([$s->exists($fd), $s->exists(99999)]) . "\n");
});
$server->on('task', function ($s, $id, $src, $fd) { $s->send($fd, "from the task worker\n"); return true; });
$server->on('close', function ($s, $fd, $rid) {
    // Closed by close() (reactor id -1): its info is still there.
    if ($rid === -1) echo "onClose getClientInfo: " . ($s->getClientInfo($fd)['remote_ip'] ?? 'none') . ", exists: " . json_encode($s->exists($fd)) . "\n";
});
$server->on('finish', function () {});
$server->start();
PHP;
function clients(int $port, int $n): array {
    $cs = []; $fds = [];
    for ($i = 0; $i < $n; $i++) {
        $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 5);
        stream_set_timeout($c, 5);
        $cs[] = $c;
        $fds[] = (int) substr(trim(fgets($c)), 3);
    }
    return [$cs, $fds];
}
// One worker: Swoole's numbering.
$s = corust_server_start(str_replace('WORKERS', '1', $code));
[$cs, $fds] = clients($s[1], 3);
echo "one worker: ", implode(',', $fds), "\n";
corust_server_stop($s);

$s = corust_server_start(str_replace('WORKERS', '3', $code));
[$cs, $fds] = clients($s[1], 9);
echo "three workers, unique: ", json_encode(count(array_unique($fds)) === 9), "\n";
foreach ($fds as $i => $fd) {
    fwrite($cs[0], "send $fd\n");
    $line = trim(fgets($cs[$i]));
    if (!str_starts_with($line, "hi $fd from worker")) echo "client $i got: $line\n";
}
echo "every client reached\n";
fwrite($cs[1], "task {$fds[5]}\n");
echo trim(fgets($cs[5])), "\n";
fwrite($cs[2], "exists\n");
echo trim(fgets($cs[2])), "\n";
fwrite($cs[3], "close {$fds[8]}\n");
stream_set_timeout($cs[8], 2);
echo "closed client reads: ", json_encode(fread($cs[8], 100)), ", eof: ", json_encode(feof($cs[8])), "\n";
usleep(200000);
[, $rest] = corust_server_stop($s);
// close() in one worker and onClose in the owning one print from two
// processes: their order is the scheduler's, so compare them sorted.
$lines = array_filter(explode("\n", $rest), 'strlen');
sort($lines);
echo implode("\n", $lines), "\n";
?>
--EXPECT--
one worker: 1,2,3
three workers, unique: true
every client reached
from the task worker
[true,false]
closed client reads: "", eof: true
close: true
onClose getClientInfo: 127.0.0.1, exists: false
