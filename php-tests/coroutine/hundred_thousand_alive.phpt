--TEST--
100,000 coroutines alive at once work on a stock kernel (vm.max_map_count 65530)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--INI--
memory_limit=1G
--FILE--
<?php
$n = 100000;
Co::set(['max_coroutine' => $n + 1]);
$sum = 0;
Corust\run(function () use ($n, &$sum) {
    for ($i = 0; $i < $n; $i++) {
        go(function () use ($i, &$sum) { Co::sleep(0.2); $sum += $i; });
    }
    echo "alive: ", Co::stats()['coroutine_num'], "\n";
});
var_dump($sum === $n * ($n - 1) / 2, Co::stats()['coroutine_peak_num']);
?>
--EXPECT--
alive: 100001
bool(true)
int(100001)
