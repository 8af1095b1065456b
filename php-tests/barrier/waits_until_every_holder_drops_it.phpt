--TEST--
Barrier::wait returns once every coroutine holding the barrier has finished with it; waiting twice is an error
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\Barrier;
Co\run(function () {
    $b = Barrier::make();
    $done = [];
    foreach ([3, 1, 2] as $n) {
        go(function () use ($b, $n, &$done) { Co::sleep($n / 100); $done[] = $n; });
    }
    Barrier::wait($b);
    var_dump($b, $done);
    $lonely = Barrier::make();
    Barrier::wait($lonely);
    echo "no other holder: returns at once\n";
    $t = Barrier::make();
    go(function () use ($t) { Co::sleep(1); });
    $s = microtime(true);
    Barrier::wait($t, 0.02);
    echo "timeout honoured: ", microtime(true) - $s < 0.5 ? "yes" : "no", "\n";
});
?>
--EXPECT--
NULL
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
no other holder: returns at once
timeout honoured: yes
