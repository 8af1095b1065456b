--TEST--
Coroutine::set(['exit_condition' => fn]): with nothing left to run, the event loop ends only once the callable returns true; until then it keeps waiting (here for a signal, with a coroutine parked forever on a channel, reported as a deadlock once the loop ends; the channel's end names its waiter, as Swoole's)
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix'); ?>
--FILE--
<?php
use Swoole\Coroutine;
use Swoole\Process;
$asked = 0;
$stop = false;
Coroutine::set(['exit_condition' => function () use (&$asked, &$stop) {
    $asked++;
    return $stop;
}]);
go(function () {
    (new Coroutine\Channel)->pop(); // never woken
    echo "not reached\n";
});
Process::signal(SIGUSR1, function () use (&$stop) {
    echo "signal\n";
    $stop = true;
    Process::signal(SIGUSR1, null);
});
// Another process signals us once the loop has nothing left but to wait.
$pid = getmypid();
exec("(sleep 0.2; kill -USR1 $pid) > /dev/null 2>&1 &");
$t = microtime(true);
Swoole\Event::wait();
echo "loop ended after the signal: ", microtime(true) - $t >= 0.15 ? "yes" : "no", ", condition asked: ", $asked > 0 ? "yes" : "no", "\n";
?>
--EXPECTF--
signal

 =================================================================
  [FATAL ERROR]: all coroutines (count: 1) are asleep - deadlock!
%A
loop ended after the signal: yes, condition asked: yes
[%s]	WARNING	Channel::~Channel() (ERRNO 10003): channel is destroyed, 1 consumers will be discarded
