--TEST--
Guide: a WaitGroup waits for two coroutines that run concurrently
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
use Swoole\Coroutine\WaitGroup;

Coroutine\run(function () {
    $wg = new WaitGroup();
    $result = [];
    $start = microtime(true);
    $wg->add(2);
    Coroutine::create(function () use ($wg, &$result) {
        Coroutine::sleep(0.1);
        $result['a'] = 'from a';
        $wg->done();
    });
    Coroutine::create(function () use ($wg, &$result) {
        Coroutine::sleep(0.1);
        $result['b'] = 'from b';
        $wg->done();
    });
    $wg->wait();
    ksort($result);
    echo implode(', ', $result), "\n";
    echo 'concurrent: ', (microtime(true) - $start) < 0.19 ? 'yes' : 'no', "\n";
});
?>
--EXPECT--
from a, from b
concurrent: yes
