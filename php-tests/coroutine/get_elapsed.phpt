--TEST--
Coroutine::getElapsed(): milliseconds since a coroutine started (its own, or another's by id); -1 outside coroutines and for an unknown id, as Swoole
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
var_dump(Co::getElapsed(), Co::getElapsed(424242));
Co\run(function () {
    $other = go(function () { Co::sleep(0.3); });
    Co::sleep(0.1);
    $mine = Co::getElapsed();
    $theirs = Co::getElapsed($other);
    echo $mine >= 90 && $mine < 1000 ? "own: about 100 ms\n" : "own: $mine\n";
    echo $theirs >= 90 && $theirs <= $mine + 10 ? "other's: about 100 ms\n" : "other's: $theirs\n";
    $fresh = go(function () { echo Co::getElapsed() < 10 ? "new one: about 0 ms\n" : "new one: " . Co::getElapsed() . "\n"; });
});
?>
--EXPECT--
int(-1)
int(-1)
own: about 100 ms
other's: about 100 ms
new one: about 0 ms
