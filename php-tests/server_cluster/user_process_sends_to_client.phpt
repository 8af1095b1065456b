--TEST--
A user process (addProcess, with coroutines) sends to a client by $fd on a server with one worker and no task workers: the worker's inbox always listens, so the bytes reach the client (Swoole's use_process pattern)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$serv = new Swoole\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$serv->set(['worker_num' => 1]);
$proc = new Swoole\Process(function ($process) use ($serv) {
    $data = json_decode($process->read(), true);
    for ($i = 0; $i < 3; $i++) {
        go(function () use ($serv, $data, $i) {
            Co::sleep(0.01 * ($i + 1));
            $serv->send($data['fd'], "from the user process $i\n");
        });
    }
}, false, 2, true);
$serv->addProcess($proc);
$serv->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$serv->on('receive', function ($serv, $fd, $rid, $data) use ($proc) { $proc->write(json_encode(['fd' => $fd])); });
$serv->start();
PHP);
$c = stream_socket_client("tcp://127.0.0.1:{$s[1]}", $e, $es, 5);
stream_set_timeout($c, 3);
fwrite($c, "go");
for ($i = 0; $i < 3; $i++) echo fgets($c);
corust_server_stop($s);
?>
--EXPECT--
from the user process 0
from the user process 1
from the user process 2
