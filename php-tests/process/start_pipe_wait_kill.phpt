--TEST--
Swoole\Process: the child runs the callable with the object (pid, pipe set), talks over the pipe both ways, redirects stdout into it, exits with exit()'s code; wait() reports code and signal; kill() failures set swoole_errno
--FILE--
<?php
use Swoole\Process;
$p = new Process(function (Process $w) {
    $w->write('child ' . json_encode($w->pid === getmypid()));
    $w->write(' got ' . $w->read());
}, false, SOCK_STREAM);
var_dump(is_int($p->pipe), $p->pid);
$pid = $p->start();
var_dump($pid === $p->pid, $pid !== getmypid());
echo $p->read(), "\n";
$p->write('ping');
usleep(20000);
echo $p->read(), "\n";
$r = Process::wait();
var_dump($r == ['pid' => $pid, 'code' => 0, 'signal' => 0], Process::wait(false));

$p = new Process(function () { echo "printed by the child"; }, true);
$p->start();
Process::wait();
echo "redirected: ", $p->read(), "\n";

$p = new Process(function (Process $w) { $w->exit(3); });
$p->start();
var_dump(Process::wait()['code']);
$p = new Process(function () { exit(4); });
$p->start();
var_dump(Process::wait()['code']);

$p = new Process(function () { sleep(10); });
$pid = $p->start();
var_dump(Process::kill($pid, SIGKILL), Process::wait()['signal']);
var_dump(@Process::kill($pid, 0), swoole_errno() === 3);

$p = new Process(function () {
    Co::sleep(0.01);
    echo "coroutine child: ", json_encode(Co::getCid() > 0), "\n";
}, false, Process::PIPE_TYPE_NONE, true);
$p->start();
Process::wait();
Co\run(function () {
    try { (new Process(fn () => 1))->start(); } catch (Swoole\Error $e) { echo $e->getMessage(), "\n"; }
});
?>
--EXPECT--
bool(true)
NULL
bool(true)
bool(true)
child true
 got ping
bool(true)
bool(false)
redirected: printed by the child
int(3)
int(4)
bool(true)
int(9)
bool(false)
bool(true)
coroutine child: true
must be forked outside the coroutine
