--TEST--
go() runs the coroutine at once until it first waits, and returns its id
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
echo "before\n";
$id = go(function ($a, $b) {
    echo "inside: $a $b\n";
    Co::sleep(0.01);
    echo "after sleep\n";
}, 'x', 'y');
echo "returned ", gettype($id), " ", $id > 0 ? "positive" : "bad", "\n";
$id2 = co(fn () => print("co() too\n"));
var_dump($id2 === $id + 1);
$id3 = Corust\go(fn () => print("namespaced\n"));
var_dump($id3 === $id2 + 1);
echo "main done\n";
?>
--EXPECT--
before
inside: x y
returned integer positive
co() too
bool(true)
namespaced
bool(true)
main done
after sleep
