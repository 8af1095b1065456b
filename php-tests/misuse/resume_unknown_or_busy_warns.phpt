--TEST--
resume() of an unknown, finished or sleeping coroutine warns and returns false
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
var_dump(Co::resume(12345));
var_dump(Co::resume(-1));
$sleeper = go(function () { Co::sleep(0.01); });
var_dump(Co::resume($sleeper));
$done = go(function () {});
var_dump(Co::resume($done));
?>
--EXPECTF--
Warning: coroutine #12345 does not exist in %s on line %d
bool(false)

Warning: coroutine #0 does not exist in %s on line %d
bool(false)

Warning: cannot resume coroutine #%d: it is not suspended by yield() in %s on line %d
bool(false)

Warning: coroutine #%d does not exist in %s on line %d
bool(false)
