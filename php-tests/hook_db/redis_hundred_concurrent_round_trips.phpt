--TEST--
100 coroutines doing phpredis round trips concurrently, each on its own connection, get their own values
--SKIPIF--
<?php $service = 'redis'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$ok = 0;
Co\run(function () use (&$ok) {
    $wg = new Co\WaitGroup();
    for ($i = 0; $i < 100; $i++) {
        $wg->add();
        go(function () use ($i, $wg, &$ok) {
            $r = corust_redis();
            $good = true;
            for ($n = 0; $n < 20; $n++) {
                $key = "corust:test:$i";
                $r->set($key, "value-$i-$n");
                $good = $good && $r->get($key) === "value-$i-$n";
            }
            $r->del("corust:test:$i");
            if ($good) $ok++;
            $wg->done();
        });
    }
    $wg->wait();
    // A blocking command that waits in the server yields too.
    $t = microtime(true);
    go(function () { $r = corust_redis(); $r->blPop(['corust:test:list'], 1); });
    go(function () { Co::sleep(0.05); $r = corust_redis(); $r->rPush('corust:test:list', 'x'); });
    $r = corust_redis();
    var_dump($r->ping());
});
var_dump($ok);
?>
--EXPECT--
bool(true)
int(100)
