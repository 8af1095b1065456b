--TEST--
Coroutine::cancel() of a yield()ed, unknown, finished or current coroutine warns and returns false
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $y = go(fn () => Co::yield());
    var_dump(Co::cancel($y));
    var_dump(Co::cancel(424242));
    var_dump(Co::cancel(Co::getCid()));
    Co::resume($y);
    var_dump(Co::cancel($y));
});
?>
--EXPECTF--
Warning: coroutine #%d cannot be canceled: it is not in a cancelable wait in %s on line %d
bool(false)

Warning: coroutine #424242 does not exist in %s on line %d
bool(false)

Warning: coroutine #%d cannot be canceled: it is not in a cancelable wait in %s on line %d
bool(false)

Warning: coroutine #%d does not exist in %s on line %d
bool(false)
