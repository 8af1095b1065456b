--TEST--
Corust\run() inside a coroutine (nested event loop) warns and returns false
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    var_dump(Co\run(fn () => print("NOT\n")));
});
echo "done\n";
?>
--EXPECTF--
Warning: %s(): an event loop is already running; call go() instead in %s on line %d
bool(false)
done
