--TEST--
corust.hook_flags=0 leaves sleep() blocking inside coroutines
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--INI--
corust.hook_flags=0
--FILE--
<?php
var_dump(Swoole\Runtime::getHookFlags());
$t = microtime(true);
Co\run(function () { go(fn () => usleep(50000)); go(fn () => usleep(50000)); });
var_dump(microtime(true) - $t >= 0.09);
?>
--EXPECT--
int(0)
bool(true)
