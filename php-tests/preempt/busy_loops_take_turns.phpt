--TEST--
enable_preemptive_scheduler: a coroutine spinning in a PHP loop gives the CPU back after its ~10 ms slice, so its creator, other coroutines, timers and I/O run; disableScheduler() exempts a coroutine; without the option a spinner keeps the CPU
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);

// Off (the default): nothing else runs until the spinner is done.
$log = [];
go(function () use (&$log) {
    $t = microtime(true);
    while (microtime(true) - $t < 0.05) {}
    $log[] = 'spinner done';
});
$log[] = 'main';
Swoole\Event::wait();
echo implode(', ', $log), "\n";

Coroutine::set(['enable_preemptive_scheduler' => true]);
$flag = true;
$t = microtime(true);
go(function () use (&$flag) {
    $i = 0;
    while ($flag) { $i++; }
    echo "spinner 1 stopped\n";
});
$back = microtime(true) - $t;
echo "main runs again: ", $back < 0.5 ? "yes" : "after $back s", "\n";
// A timer, a sleeping coroutine and a socket pair all get their turn while
// two coroutines spin.
$stop2 = false;
go(function () use (&$stop2) {
    for ($n = 0; !$stop2; $n++) { $x = strlen(str_repeat('x', 10)); }
    echo "spinner 2 stopped\n";
});
Swoole\Timer::after(30, function () { echo "timer fired\n"; });
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
go(function () use ($a) {
    $got = fread($a, 5);
    echo "reader got $got\n";
});
go(function () use (&$flag, &$stop2, $b) {
    Coroutine::sleep(0.06);
    echo "sleeper woke\n";
    fwrite($b, "hello");
    Coroutine::sleep(0.02);
    $flag = false;
    $stop2 = true;
});
echo "main end\n";
Swoole\Event::wait();

// disableScheduler(): that coroutine is never preempted.
$order = [];
go(function () use (&$order) {
    Coroutine::disableScheduler();
    $t = microtime(true);
    while (microtime(true) - $t < 0.05) {}
    $order[] = 'exempt spinner';
    Coroutine::enableScheduler();
});
$order[] = 'main';
Swoole\Event::wait();
echo implode(', ', $order), "\n";
?>
--EXPECT--
spinner done, main
main runs again: yes
main end
timer fired
sleeper woke
reader got hello
spinner 1 stopped
spinner 2 stopped
exempt spinner, main
