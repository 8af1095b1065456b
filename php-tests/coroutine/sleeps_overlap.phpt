--TEST--
100 coroutines each sleeping 100 ms overlap (total far under 100 x 100 ms)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$t = microtime(true);
$done = 0;
Corust\run(function () use (&$done) {
    for ($i = 0; $i < 100; $i++) {
        go(function () use (&$done) { Co::sleep(0.1); $done++; });
    }
});
$elapsed = microtime(true) - $t;
var_dump($done);
var_dump($elapsed < 100 * 0.1 / 3);
var_dump($elapsed >= 0.1);
?>
--EXPECT--
int(100)
bool(true)
bool(true)
