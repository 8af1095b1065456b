--TEST--
Swoole\Atomic and Atomic\Long: add/sub/get/set/cmpset with Swoole's wrapping, shared with a forked child, wait()/wakeup() across processes, a subclass without constructor still works
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
$a = new Swoole\Atomic(5);
var_dump($a->add(3), $a->sub(10), $a->cmpset(4294967294, 7), $a->get());
$a->set(0);
$t = microtime(true);
var_dump($a->wait(0.05), microtime(true) - $t >= 0.04);
var_dump($a->wakeup(), $a->get(), $a->wait(), $a->get());
$l = new Swoole\Atomic\Long(-5);
var_dump($l->add(PHP_INT_MAX), $l->sub(), $l->cmpset(PHP_INT_MAX - 6, 1), $l->get());

$counter = new Swoole\Atomic\Long(0);
$ready = new Swoole\Atomic(0);
$pids = [];
for ($i = 0; $i < 3; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        for ($j = 0; $j < 1000; $j++) { $counter->add(); }
        usleep(20000);
        $ready->wakeup();
        exit(0);
    }
    $pids[] = $pid;
}
var_dump($ready->wait(5));
foreach ($pids as $pid) { pcntl_waitpid($pid, $st); }
var_dump($counter->get());

class MyAtomic extends Swoole\Atomic { public function __construct() {} }
var_dump((new MyAtomic)->add(2), get_class($a), $a instanceof Corust\Atomic);
?>
--EXPECT--
int(8)
int(4294967294)
bool(true)
int(7)
bool(false)
bool(true)
bool(true)
int(1)
bool(true)
int(0)
int(9223372036854775802)
int(9223372036854775801)
bool(true)
int(1)
bool(true)
int(3000)
int(2)
string(13) "Swoole\Atomic"
bool(true)
