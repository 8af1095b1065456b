--TEST--
Channel waiters are served first come, first served
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $c = new Co\Channel(1);
    foreach (['a', 'b', 'c'] as $name) {
        go(function () use ($c, $name) { $v = $c->pop(); echo "$name got $v\n"; });
    }
    foreach ([1, 2, 3] as $v) $c->push($v);
    $full = new Co\Channel(1);
    $full->push(0);
    foreach (['x', 'y'] as $name) {
        go(function () use ($full, $name) { $full->push($name); });
    }
    echo $full->pop(), $full->pop(), $full->pop(), "\n";
});
?>
--EXPECT--
a got 1
b got 2
c got 3
0xy
