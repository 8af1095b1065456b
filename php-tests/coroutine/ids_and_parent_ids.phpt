--TEST--
Coroutine ids start at 1 and grow; getPcid() names the creator, -1 for a coroutine started from main, false outside any coroutine (as Swoole)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
var_dump(Coroutine::id(), Coroutine::getCid(), Coroutine::getPcid(), Coroutine::inCoroutine());
Corust\run(function () {
    $outer = Coroutine::id();
    var_dump($outer, Coroutine::getPcid(), Coroutine::inCoroutine());
    go(function () use ($outer) {
        $me = Coroutine::getCid();
        var_dump($me === $outer + 1, Coroutine::getPcid() === $outer, Coroutine::getPcid($me) === $outer);
        go(function () use ($me) {
            var_dump(Coroutine::getPcid() === $me);
        });
    });
    var_dump(Coroutine::getPcid(999999));
});
?>
--EXPECT--
int(-1)
int(-1)
bool(false)
bool(false)
int(1)
int(-1)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
