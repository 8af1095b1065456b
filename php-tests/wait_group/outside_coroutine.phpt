--TEST--
WaitGroup::wait outside a coroutine: returns true when the count is zero, throws Swoole\Error if it would wait
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$wg = new Swoole\Coroutine\WaitGroup();
var_dump($wg->wait());
$wg->add(2);
try { $wg->wait(); } catch (Swoole\Error $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
API must be called in the coroutine
