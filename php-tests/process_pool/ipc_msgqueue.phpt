--TEST--
Process\Pool with SWOOLE_IPC_MSGQUEUE: a worker's message callback gets each message another process pushes to the System V queue of the pool's key; SIGTERM from shutdown() lets the worker finish its callback and run workerStop; getProcess() returns the same object each time (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$key = 0x6c000000 | (getmypid() & 0xffff);
$pool = new Swoole\Process\Pool(1, SWOOLE_IPC_MSGQUEUE, $key);
$pool->on('workerStart', function ($pool, $id) use ($key) {
    echo "worker start\n";
    var_dump($pool->getProcess() === $pool->getProcess());
    // The producer: a process of its own pushing to the same queue.
    $p = new Swoole\Process(function (Swoole\Process $p) {
        for ($i = 1; $i <= 5; $i++) $p->push("job $i");
    }, false, 0);
    $p->useQueue($key);
    $p->start();
});
$n = 0;
$pool->on('message', function ($pool, $data) use (&$n) {
    echo "got $data\n";
    if (++$n === 5) {
        $pool->shutdown();
    }
});
$pool->on('workerStop', function ($pool, $id) { echo "worker stop\n"; });
$pool->start();
$q = new Swoole\Process(function () {}, false, 0);
$q->useQueue($key);
var_dump($q->freeQueue());
?>
--EXPECT--
worker start
bool(true)
got job 1
got job 2
got job 3
got job 4
got job 5
worker stop
bool(true)
