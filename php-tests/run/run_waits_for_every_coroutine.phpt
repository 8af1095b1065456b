--TEST--
Corust\run() returns true once every coroutine (and timer) has ended; Swoole names work
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$r = Swoole\Coroutine\run(function ($x) {
    echo "arg $x\n";
    go(function () { Co::sleep(0.05); echo "slow\n"; });
    go(function () { Co::sleep(0.01); echo "fast\n"; });
    Swoole\Timer::after(100, function () { echo "timer\n"; });
}, 'X');
var_dump($r, Co::stats()['coroutine_num']);
var_dump(Co\run(fn () => print("again\n")));
?>
--EXPECT--
arg X
fast
slow
timer
bool(true)
int(0)
again
bool(true)
