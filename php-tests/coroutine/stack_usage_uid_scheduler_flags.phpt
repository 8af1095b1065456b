--TEST--
getuid is getCid, getStackUsage measures the current or a suspended coroutine (false for none), enable/disableScheduler report whether the flag changed
--FILE--
<?php
use Swoole\Coroutine;
Co\run(function () {
    var_dump(Coroutine::getuid() === Coroutine::getCid());
    $other = go(fn () => Coroutine::yield());
    $mine = Coroutine::getStackUsage();
    var_dump(is_int($mine) && $mine > 0, is_int(Coroutine::getStackUsage($other)), Coroutine::getStackUsage(99999));
    var_dump(Coroutine::enableScheduler(), Coroutine::disableScheduler(), Coroutine::disableScheduler(), Coroutine::enableScheduler());
    Coroutine::resume($other);
});
var_dump(Coroutine::disableScheduler(), Coroutine::getuid());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
int(-1)
