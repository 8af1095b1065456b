<?php // create + exit N coroutines, one after another, inside run()
require __DIR__ . '/_common.php';
$n = bench_n(1000000);
Corust\run(function () use ($n) {
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) { go(static function () {}); }
    bench_report('co_create', $n, (hrtime(true) - $t) / 1e9);
});
