--TEST--
Process\Pool::getProcess() without coroutines: another worker's pid, read from memory the master shares with the workers, also after that worker was told to stop (SIGTERM) and re-forked; the same Process object follows the new pid — same output as Swoole 6.2.2
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Process\Pool;
use Swoole\Process;

$dir = sys_get_temp_dir() . '/corust_gp' . getmypid();
@mkdir($dir);
$pool = new Pool(2, SWOOLE_IPC_UNIXSOCK, 0, false);
$pool->on('workerStart', function (Pool $pool, int $id) use ($dir) {
    // Each worker writes down its pid at each start.
    file_put_contents("$dir/$id", getmypid());
    if ($id != 0) {
        return;
    }
    usleep(100_000);
    $p = $pool->getProcess(1);
    $first = $p->pid;
    echo "first pid is worker 1's: ", json_encode($first === (int) file_get_contents("$dir/1")), "\n";
    Process::kill($first, SIGTERM);
    usleep(300_000);
    $q = $pool->getProcess(1);
    echo "same object: ", json_encode($p === $q), "\n";
    echo "pid changed: ", json_encode($q->pid !== $first), "\n";
    echo "new pid is the new worker 1's: ", json_encode($q->pid === (int) file_get_contents("$dir/1")), "\n";
    echo "own pid: ", json_encode($pool->getProcess()->pid === getmypid()), "\n";
    $pool->shutdown();
});
$pool->on('message', function () {});
$pool->on('workerStop', function (Pool $pool, int $id) use ($dir) {
    file_put_contents("$dir/stops", "$id\n", FILE_APPEND | LOCK_EX);
});
$pool->start();
$stops = file("$dir/stops", FILE_IGNORE_NEW_LINES);
sort($stops);
echo "workerStop: ", implode(' ', $stops), "\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
first pid is worker 1's: true
same object: true
pid changed: true
new pid is the new worker 1's: true
own pid: true
workerStop: 0 1 1
