--TEST--
hook_file: a flock() that would block waits while other coroutines run, then holds the lock; LOCK_NB, shared locks, would_block and calls outside coroutines are plain PHP's
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$file = tempnam(sys_get_temp_dir(), 'corust-flock');
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
Swoole\Coroutine\run(function () use ($file) {
    $log = [];
    $holder = fopen($file, 'c+');
    var_dump(flock($holder, LOCK_EX));
    $ticks = 0;
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { usleep(10000); $ticks++; } });
    go(function () use ($holder, &$log) {
        usleep(100000);
        $log[] = 'holder unlocks';
        flock($holder, LOCK_UN);
    });
    // Another open of the file: its lock conflicts with the holder's.
    $other = fopen($file, 'c+');
    var_dump(flock($other, LOCK_EX | LOCK_NB, $wb), $wb);
    $t = microtime(true);
    $ok = flock($other, LOCK_EX, $wb);
    $log[] = 'waiter locked';
    var_dump($ok, $wb, microtime(true) - $t >= 0.09, $ticks > 0);
    echo implode(', ', $log), "\n";
    // The holder now cannot get it without waiting.
    var_dump(flock($holder, LOCK_SH | LOCK_NB, $wb), $wb);
    flock($other, LOCK_UN);
    // Shared locks do not conflict.
    var_dump(flock($holder, LOCK_SH), flock($other, LOCK_SH));
    fclose($holder);
    fclose($other);
    // A canceled waiter returns false.
    $a = fopen($file, 'c+');
    $b = fopen($file, 'c+');
    flock($a, LOCK_EX);
    $cid = go(function () use ($b) {
        var_dump(flock($b, LOCK_EX), Swoole\Coroutine::isCanceled());
    });
    usleep(20000);
    Swoole\Coroutine::cancel($cid);
    Swoole\Coroutine::join([$cid]);
    fclose($a);
    fclose($b);
});
// Outside coroutines: plain PHP.
$a = fopen($file, 'c+');
$b = fopen($file, 'c+');
var_dump(flock($a, LOCK_EX), flock($b, LOCK_EX | LOCK_NB, $wb), $wb);
fclose($a);
fclose($b);
unlink($file);
?>
--EXPECT--
bool(true)
bool(false)
int(1)
bool(true)
int(0)
bool(true)
bool(true)
holder unlocks, waiter locked
bool(false)
int(1)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
int(1)
