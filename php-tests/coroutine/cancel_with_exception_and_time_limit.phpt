--TEST--
Coroutine::cancel($cid, true) throws CanceledException in the coroutine where it waits (even in yield), setTimeLimit throws TimeoutException; failures set swoole_last_error
--FILE--
<?php
use Swoole\Coroutine;
use Swoole\Coroutine\CanceledException;
use Swoole\Coroutine\TimeoutException;
Co\run(function () {
    $cid = go(function () {
        try {
            Coroutine::sleep(10);
            echo "not reached\n";
        } catch (CanceledException $e) {
            echo get_class($e), " at line ", $e->getLine(), ", isCanceled: ", json_encode(Coroutine::isCanceled()), "\n";
        }
    });
    var_dump(Coroutine::cancel($cid, true));
    var_dump(Coroutine::cancel(99999, true), swoole_last_error() === SWOOLE_ERROR_CO_NOT_EXISTS);

    $cid = go(function () {
        try {
            Coroutine::yield();
        } catch (CanceledException $e) {
            echo "yield: canceled\n";
        }
    });
    var_dump(Coroutine::cancel($cid, true));

    // A second cancel before the coroutine ran again: refused.
    $ch = new Coroutine\Channel(1);
    $cid = go(function () use ($ch) {
        try { $ch->pop(); } catch (CanceledException $e) { echo "pop: canceled\n"; }
    });
    var_dump(Coroutine::exists($cid));

    $t = microtime(true);
    go(function () use ($t) {
        var_dump(Coroutine::setTimeLimit(0.05));
        try {
            Coroutine::sleep(2);
        } catch (TimeoutException $e) {
            $took = microtime(true) - $t;
            echo "time limit: ", $took >= 0.04 && $took < 1 ? "about 0.05 s" : "took $took s", "\n";
        }
    });
    var_dump(Coroutine::setTimeLimit(0));
    Coroutine::cancel($cid, true);
});
var_dump(Coroutine::setTimeLimit(1));
$r = new ReflectionClass(CanceledException::class);
var_dump($r->isFinal(), $r->getParentClass()->getName(), (new ReflectionClass(TimeoutException::class))->isFinal());
?>
--EXPECT--
Swoole\Coroutine\CanceledException at line 8, isCanceled: true
bool(true)
bool(false)
bool(true)
yield: canceled
bool(true)
bool(true)
bool(true)
bool(false)
pop: canceled
time limit: about 0.05 s
bool(false)
bool(true)
string(9) "Exception"
bool(true)
