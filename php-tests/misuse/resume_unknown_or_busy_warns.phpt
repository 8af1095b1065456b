--TEST--
resume() of an unknown, finished or sleeping coroutine warns with Swoole's text and returns false
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
Warning: %s::resume(): can not resume the coroutine which is in IO operation or non-existent in %s on line %d
bool(false)

Warning: %s::resume(): can not resume the coroutine which is in IO operation or non-existent in %s on line %d
bool(false)

Warning: %s::resume(): can not resume the coroutine which is in IO operation or non-existent in %s on line %d
bool(false)

Warning: %s::resume(): can not resume the coroutine which is in IO operation or non-existent in %s on line %d
bool(false)
