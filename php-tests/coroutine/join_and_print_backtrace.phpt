--TEST--
Coroutine::join() waits for every listed coroutine (true; false on timeout; unknown ids count as ended; a joiner that gave up is not woken later by them), printBackTrace() prints like debug_print_backtrace(), and the System calls are on Coroutine too
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
Co\run(function () {
    $a = go(function () { Coroutine::sleep(0.05); echo "a done\n"; });
    $b = go(function () { Coroutine::sleep(0.1); echo "b done\n"; });
    var_dump(Coroutine::join([$a, $b]));
    echo 'exist after join: ', json_encode([Coroutine::exists($a), Coroutine::exists($b)]), "\n";
    $c = go(function () { Coroutine::sleep(0.2); echo "c done\n"; });
    var_dump(Coroutine::join([$c], 0.02));
    var_dump(Coroutine::join([999999]), swoole_last_error() === SWOOLE_ERROR_INVALID_PARAMS);
    var_dump(Coroutine::join([$c]));
    $ch = new Coroutine\Channel(1);
    $d = go(function () { Coroutine::sleep(0.05); });
    go(function () use ($d, $ch) {
        var_dump(Coroutine::join([$d], 0.01));
        // $d ends while this coroutine waits on the channel: the wait must not end early.
        $t = microtime(true);
        var_dump($ch->pop(0.15), microtime(true) - $t > 0.1);
    });
    Coroutine::sleep(0.25);
    var_dump(@Coroutine::join([Coroutine::getCid()]));
    function show() { Coroutine::printBackTrace(); }
    go(function () { show(); });
    var_dump(Coroutine::statvfs('/')['bsize'] > 0);
    var_dump(Coroutine::gethostbyname('localhost'));
});
try { Coroutine::join([1]); } catch (Swoole\Error $e) { echo get_class($e), "\n"; }
?>
--EXPECTF--
a done
b done
bool(true)
exist after join: [false,false]
bool(false)
bool(false)
bool(true)
c done
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
#0 %s(%d): show()
#1 [internal function]: {closure}()
bool(true)
string(9) "127.0.0.1"
Swoole\Error
