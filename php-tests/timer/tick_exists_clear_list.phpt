--TEST--
Timer::tick repeats with its id first until clear(); exists(), list() and clearAll()
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Timer;
Corust\run(function () {
    $n = 0;
    $tick = Timer::tick(5, function ($id, $tag) use (&$n, &$tick) {
        $n++;
        echo "tick $n tag=$tag same_id=", var_export($id === $tick, true), "\n";
        if ($n === 3) var_dump(Timer::clear($id));
    }, 'T');
    var_dump(Timer::exists($tick));
    $a = Timer::after(1000, fn () => print("NOT\n"));
    $b = Timer::after(2000, fn () => print("NOT\n"));
    var_dump(iterator_to_array(Timer::list()) == [$tick, $a, $b]);
    var_dump(Timer::clear($a), Timer::clear($a), Timer::exists($a));
    Co::sleep(0.2);
    var_dump(Timer::exists($tick), Timer::exists($b));
    var_dump(Timer::clearAll(), Timer::exists($b), count(Timer::list()));
});
echo "run returned\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
tick 1 tag=T same_id=true
tick 2 tag=T same_id=true
tick 3 tag=T same_id=true
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
int(0)
run returned
