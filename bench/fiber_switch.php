<?php // plain PHP Fiber: N resume + suspend round trips (compare co_switch)
require __DIR__ . '/_common.php';
$n = bench_n(1000000);
$f = new Fiber(static function () { while (true) { if (Fiber::suspend() === false) return; } });
$f->start();
$t = hrtime(true);
for ($i = 0; $i < $n; $i++) { $f->resume(true); }
$s = (hrtime(true) - $t) / 1e9;
$f->resume(false);
bench_report('fiber_switch', $n, $s);
