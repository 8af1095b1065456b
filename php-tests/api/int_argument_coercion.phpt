--TEST--
int parameters coerce as PHP 8.2 does for internal functions: an integral float is taken, a fractional one is truncated with the "loses precision" deprecation, null is 0 with the "Passing null" deprecation, a float out of range or an array is a TypeError (Atomic::set used as the example, as Swoole's tests call it with microtime(true))
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$a = new Swoole\Atomic();
$a->set(1700000000.5); var_dump($a->get());
$a->set(null); var_dump($a->get());
$a->set(5.0); var_dump($a->get());
foreach ([1e30, []] as $bad) {
    try { $a->set($bad); } catch (TypeError $t) { echo $t->getMessage(), "\n"; }
}
?>
--EXPECTF--
Deprecated: Implicit conversion from float 1700000000.5 to int loses precision in %s on line %d
int(1700000000)

Deprecated: Swoole\Atomic::set(): Passing null to parameter #1 ($value) of type int is deprecated in %s on line %d
int(0)
int(5)
Swoole\Atomic::set(): Argument #1 ($value) must be of type int, float given
Swoole\Atomic::set(): Argument #1 ($value) must be of type int, array given
