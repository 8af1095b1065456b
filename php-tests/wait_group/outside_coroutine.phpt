--TEST--
WaitGroup::wait outside a coroutine: returns true when the count is zero, throws Corust\Error if it would wait
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$wg = new Corust\WaitGroup();
var_dump($wg->wait());
$wg->add(2);
try { $wg->wait(); } catch (Corust\Error $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
API must be called in the coroutine
