<?php // N resume + yield round trips between two coroutines
require __DIR__ . '/_common.php';
use Corust\Coroutine;
$n = bench_n(1000000);
Corust\run(function () use ($n) {
    $done = false;
    $cid = go(function () use (&$done) { while (!$done) { Coroutine::yield(); } });
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) { Coroutine::resume($cid); }
    $s = (hrtime(true) - $t) / 1e9;
    $done = true;
    Coroutine::resume($cid);
    bench_report('co_switch', $n, $s);
});
