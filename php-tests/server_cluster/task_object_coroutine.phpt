--TEST--
Server task_enable_coroutine as Swoole's: onTask($server, Swoole\Server\Task) with data, id, worker_id and dispatch_time; $task->finish() answers taskwait() and task()'s callback, and what a coroutine onTask returns is dropped (taskwait() times out with false, as Swoole); Task::pack/unpack round-trip
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'task_worker_num' => 1, 'task_enable_coroutine' => true, 'log_level' => 5]);
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    $r = $s->taskwait(['n' => 21], 2);
    $s->send($fd, json_encode($r) . "\n");
    $s->task('second', -1, function ($s, $id, $res) use ($fd) { $s->send($fd, "finish:$res\n"); });
});
$server->on('task', function (Swoole\Server $s, Swoole\Server\Task $task) {
    echo get_class($task), ' ', json_encode([$task->data, $task->id >= 0, $task->worker_id, is_float($task->dispatch_time), is_int($task->flags)]), "\n";
    if (is_array($task->data)) return $task->data['n'] * 2;
    Co::sleep(0.05);
    var_dump($task->finish("done:{$task->data}"));
});
$server->on('finish', function () {});
$server->start();
PHP;
$s = corust_server_start($code);
$c = stream_socket_client("tcp://127.0.0.1:$s[1]");
fwrite($c, "go");
stream_set_timeout($c, 3);
echo fgets($c), fgets($c);
usleep(100000);
[$st, $out] = corust_server_stop($s);
echo $out;
var_dump(Swoole\Server\Task::unpack(Swoole\Server\Task::pack([1, 2])));

?>
--EXPECT--
false
finish:done:second
Swoole\Server\Task [{"n":21},true,0,true,true]
Swoole\Server\Task ["second",true,0,true,true]
bool(true)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
