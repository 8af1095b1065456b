--TEST--
Process\Pool: a pool of 2 re-forks each worker that returns (sync mode) until one calls shutdown(); start/shutdown run in the master and start() returns null; with SWOOLE_IPC_UNIXSOCK and coroutines, sendMessage() reaches the named worker's message callback, getProcess() names the caller, and SIGTERM from shutdown() ends every worker through workerStop; a worker told to stop (SIGTERM) is replaced
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$f = tempnam(sys_get_temp_dir(), 'pool');
$pool = new Swoole\Process\Pool(2);
$pool->on('start', function ($pool) { echo 'start in the master: ', json_encode($pool->master_pid === getmypid()), "\n"; });
$pool->on('workerStart', function ($pool, $id) use ($f) {
    file_put_contents($f, "$id\n", FILE_APPEND | LOCK_EX);
    if (count(file($f)) >= 6) {
        $pool->shutdown();
    }
    usleep(50000);
});
$pool->on('shutdown', function ($pool) { echo "shutdown in the master\n"; });
var_dump($pool->start());
echo 'workers started at least 6 times: ', json_encode(count(file($f)) >= 6), "\n";
file_put_contents($f, '');

$pool = new Swoole\Process\Pool(3, SWOOLE_IPC_UNIXSOCK, 0, true);
$pool->on('workerStart', function ($pool, $id) use ($f) {
    file_put_contents($f, "start $id\n", FILE_APPEND | LOCK_EX);
    if ($id === 1) {
        file_put_contents("$f.pid1", getmypid());
    }
    if ($id !== 0) {
        return;
    }
    Co::sleep(0.2);
    // Worker 1 is told to stop; the pool forks another worker 1.
    Swoole\Process::kill((int) file_get_contents("$f.pid1"), SIGTERM);
    Co::sleep(0.3);
    $pool->sendMessage('hello one', 1);
    $pool->sendMessage('hello two', 2);
    Co::sleep(0.2);
    echo 'getProcess() is the caller: ', json_encode($pool->getProcess()->pid === getmypid() && $pool->getProcess()->id === 0), "\n";
    $pool->shutdown();
});
$pool->on('message', function ($pool, $data) use ($f) {
    file_put_contents($f, "worker {$pool->workerId} got $data\n", FILE_APPEND | LOCK_EX);
});
$pool->on('workerStop', function ($pool, $id) use ($f) {
    file_put_contents($f, "stop $id\n", FILE_APPEND | LOCK_EX);
});
$pool->start();
$lines = file($f, FILE_IGNORE_NEW_LINES);
sort($lines);
echo implode("\n", array_values(array_unique($lines))), "\n";
echo 'worker 1 started twice: ', json_encode(count(array_keys(file($f, FILE_IGNORE_NEW_LINES), 'start 1')) === 2), "\n";
@unlink($f); @unlink("$f.pid1");
?>
--EXPECT--
start in the master: true
shutdown in the master
NULL
workers started at least 6 times: true
getProcess() is the caller: true
start 0
start 1
start 2
stop 0
stop 1
stop 2
worker 1 got hello one
worker 2 got hello two
worker 1 started twice: true
