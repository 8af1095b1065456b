--TEST--
exists(), list()/listCoroutines() and stats() reflect live coroutines
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
$a = go(fn () => Coroutine::yield());
$b = go(fn () => Coroutine::yield());
$c = go(fn () => null);
var_dump(Coroutine::exists($a), Coroutine::exists($c), Coroutine::exists(0));
var_dump(Coroutine::list() instanceof Traversable);
var_dump(iterator_to_array(Coroutine::listCoroutines()) == [$b, $a]); // newest first, as Swoole
$s = Coroutine::stats();
var_dump($s['coroutine_num'], $s['coroutine_peak_num'], $s['coroutine_last_cid'] === $c, $s['c_stack_size']);
Coroutine::resume($a);
Coroutine::resume($b);
var_dump(Coroutine::stats()['coroutine_num'], Coroutine::stats()['coroutine_peak_num']);
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
int(2)
int(3)
bool(true)
int(2097152)
int(0)
int(3)
