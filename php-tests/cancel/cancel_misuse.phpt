--TEST--
Coroutine::cancel() as in Swoole 6.2: a yield()ed coroutine is canceled (its yield returns false, isCanceled() true); an unknown, finished or the current coroutine gives false without a warning, the reason in swoole_last_error(); resume() of a gone coroutine warns with Swoole's text
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $y = go(function () { var_dump(Co::yield(), Co::isCanceled()); });
    var_dump(Co::cancel($y));
    var_dump(Co::cancel(424242), swoole_last_error() === SWOOLE_ERROR_CO_NOT_EXISTS);
    var_dump(Co::cancel(Co::getCid()), swoole_last_error() === SWOOLE_ERROR_CO_CANNOT_CANCEL);
    var_dump(Co::cancel($y), swoole_last_error() === SWOOLE_ERROR_CO_NOT_EXISTS);
    var_dump(Co::resume($y));
});
?>
--EXPECTF--
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)

Warning: %s::resume(): can not resume the coroutine which is in IO operation or non-existent in %s on line %d
bool(false)
