--TEST--
Process::signal runs the handler in a coroutine each time the signal comes, null removes it (warning when none), and a handler alone does not keep the event loop running
--FILE--
<?php
use Swoole\Process;
$n = 0;
Process::signal(SIGUSR1, function ($sig) use (&$n) {
    $n++;
    echo "signal $sig in coroutine: ", json_encode(Co::getCid() > 0), "\n";
    if ($n == 2) {
        var_dump(Process::signal(SIGUSR1, null));
    }
});
Process::kill(getmypid(), SIGUSR1);
Swoole\Timer::after(30, fn () => Process::kill(getmypid(), SIGUSR1));
Swoole\Timer::after(80, fn () => print("timer\n"));
Swoole\Event::wait();
var_dump(Process::signal(SIGUSR1, null));
// Alone, a handler does not hold the loop: the script ends.
Process::signal(SIGUSR2, fn () => print("never\n"));
$t = microtime(true);
Swoole\Event::wait();
var_dump(microtime(true) - $t < 1);
?>
--EXPECTF--
signal 10 in coroutine: true
signal 10 in coroutine: true
bool(true)
timer

Warning: Swoole\Process::signal(): unable to find the callback of signal [10] in %s on line %d
bool(false)
bool(true)
