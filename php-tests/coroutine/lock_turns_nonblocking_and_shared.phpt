--TEST--
Swoole\Coroutine\Lock: coroutines hold it in turn, the holder may take it again, LOCK_NB fails at once with errCode EBUSY, outside a coroutine it logs Swoole's WARNING line (to log_file when set) with errCode SWOOLE_ERROR_CO_OUT_OF_COROUTINE; a shared lock is one lock across forked processes
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
$l = new Swoole\Coroutine\Lock;
var_dump($l->lock(), $l->errCode === SWOOLE_ERROR_CO_OUT_OF_COROUTINE);
// Swoole's log line goes to log_file when one is set.
$log = sys_get_temp_dir() . '/corust_lock_log_' . getmypid();
swoole_async_set(['log_file' => $log]);
var_dump($l->unlock());
swoole_async_set(['log_file' => '']);
echo preg_replace('/^\[[^]]+\]/', '[time pid]', file_get_contents($log));
unlink($log);
Co\run(function () use ($l) {
    $log = [];
    for ($i = 0; $i < 3; $i++) {
        go(function () use ($l, $i, &$log) { $l->lock(); $l->lock(); $log[] = "in$i"; Co::sleep(0.01); $log[] = "out$i"; $l->unlock(); });
    }
    go(function () use ($l) { var_dump($l->lock(LOCK_EX | LOCK_NB), $l->errCode === 16 /* EBUSY */); });
    Co::sleep(0.1);
    echo implode(' ', $log), "\n";
});
// Shared: a child holds it for 200 ms; the parent's lock() waits for that.
$s = new Swoole\Coroutine\Lock(shared: true);
$r = [];
$pid = pcntl_fork();
if ($pid === 0) {
    Co\run(function () use ($s) { $s->lock(); usleep(200000); $s->unlock(); });
    exit(0);
}
usleep(50000);
Co\run(function () use ($s) {
    $t = microtime(true);
    var_dump($s->lock(LOCK_EX | LOCK_NB));
    $s->lock();
    $waited = microtime(true) - $t;
    echo $waited > 0.1 ? "waited for the other process\n" : "did not wait ($waited)\n";
    $s->unlock();
});
pcntl_waitpid($pid, $st);
?>
--EXPECTF--
[%s]	WARNING	CoroutineLock::lock_impl(): The coroutine lock can only be used in a coroutine environment
bool(false)
bool(true)
bool(false)
[time pid]	WARNING	CoroutineLock::unlock(): The coroutine lock can only be used in a coroutine environment
bool(false)
bool(true)
in0 out0 in1 out1 in2 out2
bool(false)
waited for the other process
