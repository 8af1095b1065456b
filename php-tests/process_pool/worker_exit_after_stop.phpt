--TEST--
Process\Pool::stop() in a worker with coroutines: no signal, workerRunning stays true until workerExit, which runs at the end of each turn of the loop from the turn stop() was called in until the loop is empty; then workerStop — same output as Swoole 6.2.2
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Process\Pool;
use Swoole\Timer;

$mode = 'stop';
$pool = new Pool(1, SWOOLE_IPC_NONE, 0, true);
$pool->on('workerStart', function (Pool $pool, int $id) use ($mode) {
    echo "workerStart\n";
    $n = 0;
    $GLOBALS['tick'] = Timer::tick(50, function () use (&$n, $pool, $mode) {
        echo "tick\n";
        if (++$n == 2) {
            if ($mode == 'stop') {
                $pool->stop();
                echo "stop() returned, workerRunning ", json_encode($pool->workerRunning), "\n";
            } else {
                $pool->shutdown();
            }
        }
    });
});
$exits = 0;
$pool->on('workerExit', function (Pool $pool, int $id) use (&$exits) {
    $exits++;
    echo "workerExit $exits: running ", json_encode($pool->running), ", workerRunning ", json_encode($pool->workerRunning), "\n";
    if ($exits == 3) {
        Timer::clear($GLOBALS['tick']);
    }
});
$pool->on('workerStop', function (Pool $pool, int $id) use (&$exits) {
    echo "workerStop after $exits workerExit\n";
    if ($pool->master_pid) {
        Swoole\Process::kill($pool->master_pid, SIGTERM);
    }
});
$pool->start();
echo "done\n";
?>
--EXPECT--
workerStart
tick
tick
stop() returned, workerRunning true
workerExit 1: running false, workerRunning false
tick
workerExit 2: running false, workerRunning false
tick
workerExit 3: running false, workerRunning false
workerStop after 3 workerExit
done
