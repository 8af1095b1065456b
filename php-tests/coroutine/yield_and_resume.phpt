--TEST--
Coroutine::yield() returns to the creator; resume() switches back; suspend is an alias
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
$cid = go(function () {
    echo "A1\n";
    var_dump(Coroutine::yield());
    echo "A2\n";
    Coroutine::suspend();
    echo "A3\n";
});
echo "M1\n";
var_dump(Coroutine::resume($cid));
echo "M2\n";
Coroutine::resume($cid);
echo "M3\n";
var_dump(Coroutine::exists($cid));
?>
--EXPECT--
A1
M1
bool(true)
A2
bool(true)
M2
A3
M3
bool(false)
