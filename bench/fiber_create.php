<?php // plain PHP Fiber: create + start + finish N fibers (compare co_create)
require __DIR__ . '/_common.php';
$n = bench_n(200000);
$t = hrtime(true);
for ($i = 0; $i < $n; $i++) { $f = new Fiber(static function () {}); $f->start(); }
bench_report('fiber_create', $n, (hrtime(true) - $t) / 1e9);
