--TEST--
System::waitSignal(): waits in the reactor for one of the signals (other coroutines run meanwhile) and returns it; false on timeout (swoole_last_error CO_TIMEDOUT); the signals are unblocked again afterwards; also on Coroutine
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; if (!function_exists('posix_kill') || !function_exists('pcntl_sigprocmask')) die('skip posix and pcntl needed'); ?>
--FILE--
<?php
Co\run(function () {
    $pid = getmypid();
    $ticks = 0;
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { Co::sleep(0.01); $ticks++; } });
    go(function () use ($pid) { Co::sleep(0.08); posix_kill($pid, SIGUSR1); });
    $t = microtime(true);
    var_dump(Swoole\Coroutine\System::waitSignal([SIGUSR2, SIGUSR1], 2) === SIGUSR1, microtime(true) - $t < 1, $ticks);
    var_dump(Swoole\Coroutine\System::waitSignal(SIGUSR2, 0.05), swoole_last_error() === SWOOLE_ERROR_CO_TIMEDOUT);
    var_dump(Co::waitSignal(SIGUSR2, 0.01));
    var_dump(@Co::waitSignal(SIGKILL, 0.01));
});
$blocked = [];
pcntl_sigprocmask(SIG_BLOCK, [], $blocked);
var_dump(in_array(SIGUSR1, $blocked), in_array(SIGUSR2, $blocked));
?>
--EXPECT--
bool(true)
bool(true)
int(5)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
