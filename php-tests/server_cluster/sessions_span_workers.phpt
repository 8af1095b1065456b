--TEST--
Sessions across workers (a SWOOLE_PROCESS WebSocket server with 4 workers, as Hyperf configures it): every connection's $fd is unique across the workers ((fd-1) % worker_num is the worker that accepted it, so a single worker numbers 1, 2, 3…); push() from one worker reaches connections the other workers accepted, a task worker pushes to a client by $fd, disconnect() closes another worker's client; getClientInfo() has Swoole's websocket_status and, as Swoole's PROCESS master, answers for every worker's sessions
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 4, 'task_worker_num' => 1, 'enable_reuse_port' => true, 'log_level' => SWOOLE_LOG_WARNING]);
$table = new Swoole\Table(64);
$table->column('worker', Swoole\Table::TYPE_INT);
$table->create();
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) use ($table) {
    $table->set((string) $req->fd, ['worker' => $s->getWorkerId()]);
    $s->push($req->fd, "hello {$req->fd}");
});
$server->on('message', function ($s, $f) use ($table) {
    [$cmd, $arg] = explode(' ', $f->data . ' ');
    if ($cmd === 'broadcast') {
        $ok = 0;
        foreach ($table as $fd => $row) { $ok += (int) $s->push((int) $fd, "all from worker {$s->getWorkerId()}"); }
        echo "pushed $ok\n";
    } elseif ($cmd === 'info') {
        $fds = array_map('intval', array_keys(iterator_to_array($table)));
        $rule = true; $workers = [];
        foreach ($table as $fd => $row) { $rule = $rule && ((int) $fd - 1) % 4 === $row['worker']; $workers[$row['worker']] = 1; }
        $mine = $s->getClientInfo($f->fd);
        $s->push($f->fd, json_encode([
            'distinct' => count(array_unique($fds)) === count($fds), 'rule' => $rule, 'spread' => count($workers) >= 2,
            'status' => $mine['websocket_status'], 'foreign_info' => count(array_filter($fds, fn ($fd) => $s->getClientInfo($fd) !== false && (($fd - 1) % 4) !== $s->getWorkerId())),
        ]));
    } elseif ($cmd === 'task') {
        $s->task($f->fd);
    } elseif ($cmd === 'kick') {
        echo 'disconnect: ' . json_encode($s->disconnect((int) $arg, 4000, 'kicked')) . "\n";
    }
});
$server->on('task', function ($s, $id, $src, $fd) { return $s->push($fd, "from the task worker") ? 'ok' : 'failed'; });
$server->on('finish', function ($s, $id, $r) { echo "task push: $r\n"; });
$server->on('close', function ($s, $fd) use ($table) { $table->del((string) $fd); });
$server->start();
PHP);
$clients = [];
$fds = [];
for ($i = 0; $i < 16; $i++) {
    [$c] = corust_ws_connect($s[1]);
    $clients[] = $c;
    $hello = corust_ws_read($c)[1];
    $fds[] = (int) substr($hello, 6);
}
sort($fds);
echo "fds unique and positive: ", json_encode(count(array_unique($fds)) === 16 && $fds[0] >= 1), "\n";
corust_ws_send($clients[0], 1, 'broadcast');
$got = 0;
foreach ($clients as $c) { $m = corust_ws_read($c); $got += (int) str_starts_with($m[1] ?? '', 'all from worker'); }
echo "broadcast reached $got of 16\n";
corust_ws_send($clients[1], 1, 'info');
echo corust_ws_read($clients[1])[1], "\n";
corust_ws_send($clients[2], 1, 'task');
echo json_encode(corust_ws_read($clients[2])), "\n";
$victim = null;
corust_ws_send($clients[3], 1, 'kick ' . $fds[15]);
// The client holding $fds[15] gets the close frame (code 4000).
foreach ($clients as $i => $c) {
    stream_set_timeout($c, 0, 300000);
    $m = corust_ws_read($c);
    if ($m && $m[0] === 8) { echo "client $i closed with ", unpack('n', $m[1])[1], ' ', substr($m[1], 2), "\n"; $victim = $i; }
}
echo $victim !== null ? "one client kicked\n" : "nobody kicked\n";
usleep(200000);
[, $rest] = corust_server_stop($s);
// The server's processes print in whatever order they get there.
$lines = array_filter(explode("\n", $rest));
sort($lines);
echo implode("\n", $lines), "\n";
?>
--EXPECTF--
fds unique and positive: true
broadcast reached 16 of 16
{"distinct":true,"rule":true,"spread":true,"status":3,"foreign_info":12}
[1,"from the task worker",true]
client %d closed with 4000 kicked
one client kicked
disconnect: true
pushed 16
task push: ok
