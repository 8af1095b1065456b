--TEST--
Coroutine::defer() callbacks get the coroutine's return value as their argument (as Swoole), none when the coroutine ended by an exception
--FILE--
<?php
Co\run(function () {
    go(function () {
        Co::defer(function (...$a) { echo "returned: ", json_encode($a), "\n"; });
        return ['answer' => 42];
    });
    go(function () {
        defer(function (...$a) { echo "no return: ", json_encode($a), "\n"; });
    });
    go(function () {
        try {
            go(function () {
                Co::defer(function (...$a) { echo "after exception: ", json_encode($a), "\n"; });
                Co::defer(function () { echo "defers run last-in first-out\n"; });
                throw new RuntimeException('boom');
            });
        } catch (Throwable $e) {
        }
    });
});
?>
--EXPECTF--
returned: [{"answer":42}]
no return: [null]

Fatal error: Uncaught RuntimeException: boom in %s:%d
Stack trace:
#0 [internal function]: {closure}()
#1 {main}
  thrown in coroutine #%d in %s on line %d
defers run last-in first-out
after exception: []
