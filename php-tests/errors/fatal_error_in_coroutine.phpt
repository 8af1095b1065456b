--TEST--
A fatal error (E_USER_ERROR, out of memory) inside a coroutine ends the process like plain PHP: status 255
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
register_shutdown_function(function () { echo "shutdown ran\n"; });
Co\run(function () {
    go(function () { Co::sleep(0.01); trigger_error("boom", E_USER_ERROR); });
    go(function () { Co::sleep(0.2); echo "NOT REACHED\n"; });
});
echo "NOT REACHED\n";
PHP);
echo ltrim($out), "\nstatus=$status\n";

[$status, $out] = corust_run_php(<<<'PHP'
<?php
register_shutdown_function(function () { echo "shutdown ran\n"; });
go(function () { $a = []; while (true) { $a[] = str_repeat('x', 4096); } });
echo "NOT REACHED\n";
PHP, ['memory_limit' => '16M']);
echo $out, "\nstatus=$status\n";
?>
--EXPECTF--
Fatal error: boom in %s on line 4
shutdown ran
status=255

Fatal error: Allowed memory size of 16777216 bytes exhausted%s
shutdown ran
status=255
