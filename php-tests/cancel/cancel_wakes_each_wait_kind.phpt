--TEST--
Coroutine::cancel() wakes a coroutine blocked in sleep, Channel pop/push or WaitGroup wait at once
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
Co\run(function () {
    $t = microtime(true);
    $ids = [];
    $ids['sleep'] = go(function () { $r = Coroutine::sleep(30); echo "sleep: ", var_export($r, true), " canceled=", var_export(Coroutine::isCanceled(), true), "\n"; });
    $empty = new Co\Channel(1);
    $ids['pop'] = go(function () use ($empty) { $r = $empty->pop(); echo "pop: ", var_export($r, true), " errCode=", $empty->errCode, "\n"; });
    $full = new Co\Channel(1); $full->push(1);
    $ids['push'] = go(function () use ($full) { $r = $full->push(2); echo "push: ", var_export($r, true), " errCode=", $full->errCode, " len=", $full->length(), "\n"; });
    $wg = new Coroutine\WaitGroup(1);
    $ids['wg'] = go(function () use ($wg) { $r = $wg->wait(); echo "wait: ", var_export($r, true), "\n"; });
    foreach ($ids as $what => $cid) {
        var_dump(Coroutine::cancel($cid));
    }
    var_dump($empty->stats()['consumer_num'], $full->stats()['producer_num']);
    var_dump(Coroutine::isCanceled());
    echo "quick: ", microtime(true) - $t < 1 ? "yes" : "no", "\n";
});
?>
--EXPECT--
sleep: false canceled=true
bool(true)
pop: false errCode=-3
bool(true)
push: false errCode=-3 len=1
bool(true)
wait: false
bool(true)
int(0)
int(0)
bool(false)
quick: yes
