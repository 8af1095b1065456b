--TEST--
SWOOLE_PROCESS: WebSocket clients spread over 4 workers; one message makes its worker push to every client (sessions other workers hold), and a task worker pushes to a client by its $fd
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 4, 'task_worker_num' => 1, 'log_level' => 5]);
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('open', function ($s, $req) { $s->push($req->fd, "open {$req->fd} {$s->worker_id}"); });
$server->on('message', function ($s, $frame) {
    [$cmd, $arg] = explode(' ', $frame->data, 2) + [1 => ''];
    if ($cmd === 'bcast') {
        foreach (explode(',', $arg) as $fd) $s->push((int) $fd, "hello from worker {$s->worker_id}");
    } elseif ($cmd === 'task') {
        $s->task($frame->fd);
    }
});
$server->on('task', function ($s, $id, $src, $fd) { $s->push($fd, "from task worker {$s->worker_id}"); return true; });
$server->on('finish', function () {});
$server->start();
PHP);
$port = $s[1];
Co\run(function () use ($port) {
    $clients = []; $fds = []; $workers = [];
    for ($i = 0; $i < 8; $i++) {
        $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
        $c->set(['timeout' => 5]);
        if (!$c->upgrade('/')) { echo "upgrade $i failed\n"; return; }
        [, $fd, $w] = explode(' ', $c->recv()->data);
        $clients[] = $c; $fds[] = $fd; $workers[$w] = true;
    }
    echo "workers holding the 8 sessions: ", count($workers), "\n";
    $clients[0]->push('bcast ' . implode(',', $fds));
    $from = [];
    foreach ($clients as $i => $c) {
        $f = $c->recv(5);
        $from[] = $f ? $f->data : 'nothing';
    }
    echo "every client got: ", implode(' | ', array_unique($from)), "\n";
    $clients[5]->push('task');
    $f = $clients[5]->recv(5);
    echo "client 5: ", $f ? $f->data : 'nothing', "\n";
});
[$status] = corust_server_stop($s);
echo "exit: $status\n";
?>
--EXPECT--
workers holding the 8 sessions: 4
every client got: hello from worker 0
client 5: from task worker 4
exit: 0
