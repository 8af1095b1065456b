--TEST--
Process::signal handlers count in Coroutine::stats()['signal_listener_num']; with an exit_condition on that count the loop waits for the signal; with enable_coroutine off the handler runs on the loop itself, so its exit(123) ends the process with 123
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
use Swoole\Coroutine;
use Swoole\Process;
swoole_async_set(['enable_coroutine' => false]);
Coroutine::set(['exit_condition' => fn () => Coroutine::stats()['signal_listener_num'] === 0]);
Process::signal(SIGUSR2, fn () => null);
Process::signal(SIGTERM, function ($signo) {
    echo "SIGTERM ($signo), in a coroutine: ", json_encode(Coroutine::getCid() > 0), "\n";
    Process::signal(SIGTERM, null);
    exit(123);
});
echo "listeners: ", Coroutine::stats()['signal_listener_num'], "\n";
Process::signal(SIGUSR2, null);
echo "listeners: ", Coroutine::stats()['signal_listener_num'], "\n";
$pid = getmypid();
exec("(sleep 0.2; kill -TERM $pid) > /dev/null 2>&1 &");
echo "main end\n";
PHP);
echo $out, "\nstatus=$status\n";
?>
--EXPECT--
listeners: 2
listeners: 1
main end
SIGTERM (15), in a coroutine: false
status=123
