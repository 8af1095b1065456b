--TEST--
Channel::pop(timeout) on an empty channel returns false after the timeout with errCode TIMEOUT
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $c = new Co\Channel(1);
    $t = microtime(true);
    var_dump($c->pop(0.05));
    $e = microtime(true) - $t;
    var_dump($c->errCode === Co\Channel::TIMEOUT, $e >= 0.04, $e < 1.0, $c->stats()['consumer_num']);
    $c->push(7);
    var_dump($c->pop(0.05), $c->errCode);
});
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
bool(true)
int(0)
int(7)
int(0)
