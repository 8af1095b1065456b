--TEST--
An uncaught exception in a coroutine is PHP's "Uncaught" fatal error naming the coroutine, with exit status 255; it is reported before the coroutine's defers run (as Swoole)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
register_shutdown_function(function () { echo "shutdown ran\n"; });
go(function () {
    defer(function () { echo "defer ran\n"; });
    Co::sleep(0.001);
    throw new LogicException("boom");
});
go(function () { Co::sleep(0.5); echo "NOT REACHED\n"; });
echo "main end\n";
PHP);
echo $out, "\nstatus=$status\n";
?>
--EXPECTF--
main end
shutdown ran

Fatal error: Uncaught LogicException: boom in %s:6
Stack trace:
#0 [internal function]: {closure}()
#1 {main}
  thrown in coroutine #1 in %s on line 6
defer ran
status=255
