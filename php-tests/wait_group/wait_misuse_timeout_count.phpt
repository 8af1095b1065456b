--TEST--
WaitGroup: count(), wait timeout, negative counter and concurrent wait throw Swoole's exceptions (BadMethodCallException; InvalidArgumentException for a negative add); a negative constructor delta is ignored
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\WaitGroup;
Co\run(function () {
    $wg = new WaitGroup(2);
    var_dump($wg->count());
    $t = microtime(true);
    var_dump($wg->wait(0.03), microtime(true) - $t >= 0.02);
    $wg->done(); $wg->done();
    var_dump($wg->count(), $wg->wait());
    try { $wg->done(); } catch (BadMethodCallException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
    try { $wg->add(-1); } catch (InvalidArgumentException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
    var_dump((new WaitGroup(-1))->count());
    $wg->add(1);
    go(function () use ($wg) { var_dump($wg->wait(1)); echo "first waiter woke\n"; });
    try { $wg->wait(); } catch (BadMethodCallException $e) { echo "second waiter: ", $e->getMessage(), "\n"; }
    $wg->done();
    $wg2 = new WaitGroup();
    $wg2->add();
    go(function () use ($wg2) { Co::sleep(0.01); try { $wg2->add(1); } catch (BadMethodCallException $e) { echo "add while waiting: ", $e->getMessage(), "\n"; } $wg2->done(); });
    var_dump($wg2->wait());
});
?>
--EXPECT--
int(2)
bool(false)
bool(true)
int(0)
bool(true)
BadMethodCallException: WaitGroup misuse: negative counter
InvalidArgumentException: WaitGroup misuse: negative counter
int(0)
second waiter: WaitGroup misuse: reused before previous wait has returned
bool(true)
first waiter woke
add while waiting: WaitGroup misuse: add called concurrently with wait
bool(true)
