--TEST--
Swoole\Coroutine\Scheduler: add() and parallel() queue coroutines (with their arguments), start() runs them all concurrently and returns once they are done, and can run again with new tasks; set()/getOptions() are Coroutine's; start() inside a running loop warns
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$s = new Swoole\Coroutine\Scheduler;
$s->set(['max_coroutine' => 1000]);
$s->add(function ($a, $b) { Co::sleep(0.05); echo "add $a $b\n"; }, 1, 2);
$s->parallel(3, function ($x) { static $n = 0; Co::sleep(0.05); echo "parallel $x ", ++$n, "\n"; }, 'p');
$t = microtime(true);
var_dump($s->start());
echo microtime(true) - $t < 0.15 ? "overlapped\n" : "serial\n";
$s->add(function () use ($s) {
    echo "again\n";
    var_dump(@(new Swoole\Coroutine\Scheduler)->start());
});
var_dump($s->start(), $s->getOptions()['max_coroutine']);
?>
--EXPECT--
add 1 2
parallel p 1
parallel p 2
parallel p 3
bool(true)
overlapped
again
bool(false)
bool(true)
int(1000)
