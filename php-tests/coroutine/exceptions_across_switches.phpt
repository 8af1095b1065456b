--TEST--
Exceptions thrown and caught inside coroutines across switches, finally blocks run
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Corust\run(function () {
    foreach (['a', 'b'] as $name) {
        go(function () use ($name) {
            try {
                try {
                    Co::sleep(0.005);
                    throw new RuntimeException("from $name");
                } finally {
                    echo "finally $name\n";
                }
            } catch (RuntimeException $e) {
                Co::sleep(0.001);
                echo "caught ", $e->getMessage(), " in ", $name, "\n";
            }
        });
    }
});
?>
--EXPECT--
finally a
finally b
caught from a in a
caught from b in b
