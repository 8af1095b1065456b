--TEST--
Channel outside a coroutine: non-waiting calls work, a call that would wait throws Swoole\Error
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$c = new Swoole\Coroutine\Channel(1);
var_dump($c->push(1));
try { $c->push(2); } catch (Swoole\Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
var_dump($c->pop());
try { $c->pop(); } catch (Swoole\Error $e) { echo "pop: ", $e->getMessage(), "\n"; }
var_dump($c->length());
?>
--EXPECT--
bool(true)
Swoole\Error: API must be called in the coroutine
int(1)
pop: API must be called in the coroutine
int(0)
