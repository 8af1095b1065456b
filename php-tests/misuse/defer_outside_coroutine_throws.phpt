--TEST--
defer(), yield() and sleep() outside a coroutine throw a catchable Swoole\Error
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
foreach ([
    'defer' => fn () => defer(fn () => null),
    'Coroutine::defer' => fn () => Swoole\Coroutine::defer(fn () => null),
    'yield' => fn () => Co::yield(),
    'sleep' => fn () => Co::sleep(0.1),
] as $what => $fn) {
    try {
        $fn();
        echo "$what: no error\n";
    } catch (Swoole\Error $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
var_dump(new Swoole\Error() instanceof Error, new Swoole\Error() instanceof Swoole\Error);
?>
--EXPECT--
defer: Swoole\Error: API must be called in the coroutine
Coroutine::defer: Swoole\Error: API must be called in the coroutine
yield: Swoole\Error: API must be called in the coroutine
sleep: Swoole\Error: API must be called in the coroutine
bool(true)
bool(true)
