--TEST--
defer(), yield() and sleep() outside a coroutine throw a catchable Corust\Error
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
foreach ([
    'defer' => fn () => defer(fn () => null),
    'Coroutine::defer' => fn () => Corust\Coroutine::defer(fn () => null),
    'yield' => fn () => Co::yield(),
    'sleep' => fn () => Co::sleep(0.1),
] as $what => $fn) {
    try {
        $fn();
        echo "$what: no error\n";
    } catch (Corust\Error $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
var_dump(new Corust\Error() instanceof Error, new Swoole\Error() instanceof Corust\Error);
?>
--EXPECT--
defer: Corust\Error: API must be called in the coroutine
Coroutine::defer: Corust\Error: API must be called in the coroutine
yield: Corust\Error: API must be called in the coroutine
sleep: Corust\Error: API must be called in the coroutine
bool(true)
bool(true)
