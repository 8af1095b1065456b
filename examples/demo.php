<?php
// corust demo: coroutines interleave while they wait, and a timer ticks between them.
// Run: make demo   (or: php -d extension=target/release/libcorust.so examples/demo.php)

use Corust\Coroutine;
use Corust\Timer;

$t0 = microtime(true);
$log = function (string $who, string $what) use ($t0) {
    printf("[%5.0f ms] %-8s %s\n", (microtime(true) - $t0) * 1000, $who, $what);
};

Corust\run(function () use ($log) {
    $tick = Timer::tick(100, function () use ($log) { $log('timer', 'tick'); });

    foreach (['alice' => 0.25, 'bob' => 0.15, 'carol' => 0.1] as $name => $pause) {
        go(function () use ($name, $pause, $log) {
            defer(fn () => $log($name, 'done (defer)'));
            for ($step = 1; $step <= 3; $step++) {
                $log($name, "step $step, coroutine #" . Coroutine::getCid() . ", sleeping {$pause}s");
                Coroutine::sleep($pause);
            }
        });
    }

    Coroutine::sleep(0.8);
    Timer::clear($tick);
    $s = Coroutine::stats();
    $log('main', "all done: peak {$s['coroutine_peak_num']} coroutines, 3 x 3 steps in well under the serial 1.5 s");
});
