--TEST--
Timer::after fires in deadline order (ties in creation order), each callback in its own coroutine with its arguments
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Timer;
$cids = [];
foreach ([150, 50, 100, 50] as $i => $ms) {
    Timer::after($ms, function ($i, $ms) use (&$cids) {
        $cids[] = Co::getCid();
        echo "timer $i ($ms ms)\n";
    }, $i, $ms);
}
register_shutdown_function(function () use (&$cids) {
    echo "distinct coroutines: ", count(array_unique($cids)), ", all > 0: ", min($cids) > 0 ? "yes" : "no", "\n";
});
echo "main end\n";
?>
--EXPECT--
main end
timer 1 (50 ms)
timer 3 (50 ms)
timer 2 (100 ms)
timer 0 (150 ms)
distinct coroutines: 4, all > 0: yes
