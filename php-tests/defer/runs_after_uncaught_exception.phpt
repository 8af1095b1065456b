--TEST--
defer() callbacks run when the coroutine ends by an exception, and may switch themselves; as Swoole, the uncaught exception is reported first
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
go(function () {
    defer(function () { Co::sleep(0.001); echo "defer after switch\n"; });
    defer(function () { echo "defer 2\n"; });
    throw new Exception("oops");
});
?>
--EXPECTF--
%AFatal error: Uncaught Exception: oops in %s
Stack trace:
#0 [internal function]: {closure}()
#1 {main}
  thrown in coroutine #1 in %s on line %d
defer 2
defer after switch
