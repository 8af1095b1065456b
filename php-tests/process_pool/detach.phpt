--TEST--
Process\Pool::detach(): the worker leaves the pool — the master forks its replacement at once (a second workerStart for the same id), the replacement serves the next message while the detached one is still busy, and the detached process finishes its work unsupervised; detach() outside a worker, or a second time, is false
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
$path = sys_get_temp_dir() . '/corust-pool-detach-' . getmypid() . '.sock';
@unlink($path);
$busy = new Swoole\Atomic(0);
$pool = new Swoole\Process\Pool(1, SWOOLE_IPC_SOCKET);
var_dump($pool->detach());
$pool->listen("unix:$path");
$pool->on('workerStart', function ($pool, $id) { echo "workerStart $id\n"; });
$pool->on('message', function ($pool, $msg) use ($busy) {
    if ($msg === 'detach') {
        echo "detach: ", json_encode($pool->detach()), ", again: ", json_encode($pool->detach()), "\n";
        $busy->set(1);
        usleep(500000);
        $busy->set(2);
        echo "detached worker done\n";
        return;
    }
    $pool->write("served while the detached worker is " . ($busy->get() === 1 ? 'busy' : 'done'));
});
$master = getmypid();
$client = pcntl_fork();
if ($client === 0) {
    usleep(300000);
    $send = function (string $m, bool $reply) use ($path) {
        $c = stream_socket_client("unix://$path", $e, $es, 2);
        fwrite($c, pack('N', strlen($m)) . $m);
        if (!$reply) return '';
        $n = unpack('N', fread($c, 4))[1];
        return fread($c, $n);
    };
    $send('detach', false);
    usleep(100000);
    echo $send('hello', true), "\n";
    usleep(600000);
    echo $send('hello', true), "\n";
    posix_kill($master, SIGTERM);
    exit(0);
}
$pool->start();
pcntl_waitpid($client, $st);
@unlink($path);
echo "stopped\n";
?>
--EXPECT--
bool(false)
workerStart 0
detach: true, again: false
workerStart 0
served while the detached worker is busy
detached worker done
served while the detached worker is done
stopped
