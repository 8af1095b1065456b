--TEST--
parallel(): keyed results in input order, callables overlap, a concurrency limit is respected
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use function Corust\parallel;
Co\run(function () {
    $t = microtime(true);
    $r = parallel([
        'slow' => function () { Co::sleep(0.1); return 'S'; },
        'fast' => function () { Co::sleep(0.05); return 'F'; },
        7 => fn () => 'seven',
    ]);
    var_dump($r);
    echo "overlapped: ", microtime(true) - $t < 0.14 ? "yes" : "no", "\n";
    $running = 0; $max = 0;
    $jobs = [];
    for ($i = 0; $i < 8; $i++) {
        $jobs[] = function () use (&$running, &$max, $i) { $running++; $max = max($max, $running); Co::sleep(0.01); $running--; return $i * $i; };
    }
    $r = parallel($jobs, 3);
    var_dump($max, array_sum($r), count($r));
    var_dump(parallel([]));
});
try { Corust\parallel([fn () => 1]); } catch (Swoole\Error $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
array(3) {
  ["slow"]=>
  string(1) "S"
  ["fast"]=>
  string(1) "F"
  [7]=>
  string(5) "seven"
}
overlapped: yes
int(3)
int(140)
int(8)
array(0) {
}
API must be called in the coroutine
