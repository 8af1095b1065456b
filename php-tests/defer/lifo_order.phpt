--TEST--
defer() callbacks run last-registered-first when the coroutine ends, after its last switch
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Corust\run(function () {
    defer(function () { echo "defer 1\n"; });
    Corust\defer(function () { echo "defer 2\n"; });
    Co::defer(function () { echo "defer 3 in ", Co::getCid(), "\n"; });
    Co::sleep(0.001);
    echo "body end\n";
});
?>
--EXPECT--
body end
defer 3 in 1
defer 2
defer 1
