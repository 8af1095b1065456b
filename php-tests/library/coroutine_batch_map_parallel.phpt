--TEST--
Swoole\Coroutine\batch, map and parallel run each task in its own coroutine, keep keys, and honour the timeout (null for unfinished); deadlock_check prints Swoole's report
--FILE--
<?php
use function Swoole\Coroutine\{batch, map, parallel, deadlock_check};
Co\run(function () {
    $t = microtime(true);
    $r = batch([
        'a' => fn () => 'A',
        'b' => function () { Co::sleep(0.05); return 'B'; },
        'c' => function () { Co::sleep(0.05); return 'C'; },
    ]);
    $took = microtime(true) - $t;
    var_dump($r, $took < 0.09 ? 'overlapped' : "took $took");
    $r = batch(['fast' => fn () => 1, 'slow' => function () { Co::sleep(0.3); return 2; }], 0.05);
    var_dump($r);
    var_dump(map([3 => 'x', 'k' => 'y'], fn ($v, $k) => "$k=$v"));
    $cids = [];
    parallel(3, function () use (&$cids) { Co::sleep(0.01); $cids[] = Co::getCid(); });
    var_dump(count(array_unique($cids)));
    go(fn () => Co::yield());
    ob_start();
    deadlock_check();
    $out = ob_get_clean();
    var_dump(str_contains($out, '[FATAL ERROR]: all coroutines (count: '), str_contains($out, 'are asleep - deadlock!'), str_contains($out, '[Coroutine-'));
    foreach (Co::list() as $cid) {
        if ($cid != Co::getCid()) Co::cancel($cid);
    }
});
?>
--EXPECT--
array(3) {
  ["a"]=>
  string(1) "A"
  ["b"]=>
  string(1) "B"
  ["c"]=>
  string(1) "C"
}
string(10) "overlapped"
array(2) {
  ["fast"]=>
  int(1)
  ["slow"]=>
  NULL
}
array(2) {
  [3]=>
  string(3) "3=x"
  ["k"]=>
  string(3) "k=y"
}
int(3)
bool(true)
bool(true)
bool(true)
