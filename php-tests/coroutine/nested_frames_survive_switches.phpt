--TEST--
Recursion, locals, generators, static vars and closures with references live across switches
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
function fib_yielding(int $n): int {
    if ($n < 2) { Co::sleep(0); return $n; }
    $local = "keep$n";
    $r = fib_yielding($n - 1) + fib_yielding($n - 2);
    if ($local !== "keep$n") throw new Exception("local clobbered");
    return $r;
}
function gen() {
    for ($i = 0; $i < 3; $i++) { Co::sleep(0.001); yield $i; }
}
function counter() { static $n = 0; return ++$n; }
$results = [];
Corust\run(function () use (&$results) {
    for ($c = 0; $c < 4; $c++) {
        go(function () use ($c, &$results) {
            $total = 0;
            $add = function ($v) use (&$total) { $total += $v; };
            foreach (gen() as $v) { $add($v); }
            $results[$c] = [fib_yielding(10 + $c), $total];
            counter();
        });
    }
});
ksort($results);
foreach ($results as $c => [$fib, $tot]) echo "$c: fib=$fib gen=$tot\n";
echo "counter=", counter(), "\n";
?>
--EXPECT--
0: fib=55 gen=3
1: fib=89 gen=3
2: fib=144 gen=3
3: fib=233 gen=3
counter=5
