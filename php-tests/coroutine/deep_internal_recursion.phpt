--TEST--
Deep recursion through internal callbacks (array_map, usort) works on the default 2 MiB C stack
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
function deep($n) { return $n === 0 ? 0 : array_map('deep', [$n - 1])[0] + 1; }
Corust\run(function () {
    go(function () { Co::sleep(0.001); echo "a: ", deep(1000), "\n"; });
    go(function () {
        $a = range(1, 50);
        usort($a, function ($x, $y) { return deep(20) + $y <=> deep(20) + $x; });
        echo "b: ", $a[0], "\n";
    });
});
?>
--EXPECT--
b: 50
a: 1000
