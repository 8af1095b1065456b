<?php // N coroutines each sleep 1 ms, joined with a WaitGroup: wall time incl. create + wait
require __DIR__ . '/_common.php';
use Corust\WaitGroup;
$n = bench_n(10000);
Corust\run(function () use ($n) {
    $t = hrtime(true);
    $wg = new WaitGroup();
    for ($i = 0; $i < $n; $i++) {
        $wg->add();
        go(function () use ($wg) { Corust\Coroutine::sleep(0.001); $wg->done(); });
    }
    $wg->wait();
    bench_report('wg_sleep', $n, (hrtime(true) - $t) / 1e9);
});
