--TEST--
A coroutine's context is freed when it ends: destructors of stored objects run then
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
class Res { public function __construct(public string $n) {} public function __destruct() { echo "free {$this->n}\n"; } }
Co\run(function () {
    go(function () {
        Co::getContext()['db'] = new Res('db of coroutine ' . Co::getCid());
        Co::sleep(0.01);
        echo "coroutine ends\n";
    });
    go(function () {
        Corust\Context::set('cache', new Res('cache'));
        echo "short one ends\n";
    });
    echo "main continues\n";
});
echo "after run\n";
?>
--EXPECT--
short one ends
free cache
main continues
coroutine ends
free db of coroutine 2
after run
