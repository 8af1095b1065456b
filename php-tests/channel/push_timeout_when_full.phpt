--TEST--
Channel::push(timeout) on a full channel waits, returns false with errCode TIMEOUT, and the value is not queued; a pop wakes the waiting pusher at once
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $c = new Swoole\Coroutine\Channel(1);
    var_dump($c->push(1));
    var_dump($c->push(2, 0.02), $c->errCode, $c->length(), $c->stats()['producer_num']);
    go(function () use ($c) { Co::sleep(0.02); $v = $c->pop(); echo "consumer got $v\n"; });
    var_dump($c->push(3, 1.0), $c->errCode);
    $v = $c->pop();
    echo "left: $v\n";
});
?>
--EXPECT--
bool(true)
bool(false)
int(-1)
int(1)
int(0)
bool(true)
int(0)
left: 3
consumer got 1
