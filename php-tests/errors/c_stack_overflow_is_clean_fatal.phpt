--TEST--
Overflowing a coroutine's C stack (internal-callback recursion) is a clean fatal, not corruption
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
function deep($n) { return $n === 0 ? 0 : array_map('deep', [$n - 1])[0] + 1; }
go(function () { echo deep(100000), "\n"; });
PHP, ['corust.c_stack_size' => '256K']);
echo $out, "\nstatus=$status\n";
?>
--EXPECTF--
%AFatal error: Coroutine C stack overflow%s
status=255
