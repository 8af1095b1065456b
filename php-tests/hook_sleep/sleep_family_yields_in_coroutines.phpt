--TEST--
sleep/usleep/time_nanosleep/time_sleep_until yield inside coroutines (waits overlap) and return what PHP returns
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$t = microtime(true);
$out = [];
Co\run(function () use (&$out) {
    for ($i = 0; $i < 10; $i++) {
        go(function () use ($i, &$out) { usleep(100000); $out[] = "u$i"; });
    }
    go(function () use (&$out) { $out[] = 'sleep=' . var_export(sleep(1), true); });
    go(function () use (&$out) { $out[] = 'nanosleep=' . var_export(time_nanosleep(0, 200000000), true); });
    go(function () use (&$out) { $out[] = 'until=' . var_export(time_sleep_until(microtime(true) + 0.3), true); });
});
$elapsed = microtime(true) - $t;
sort($out);
echo implode(' ', $out), "\n";
// 10 x 100 ms + 1 s + 200 ms + 300 ms = 2.5 s serially.
var_dump($elapsed < 2.5 / 3 + 1.0 && $elapsed >= 1.0);
?>
--EXPECT--
nanosleep=true sleep=0 u0 u1 u2 u3 u4 u5 u6 u7 u8 u9 until=true
bool(true)
