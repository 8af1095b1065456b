--TEST--
Coroutine::getBackTrace() of the current and of a suspended coroutine; false for an unknown id
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
function waits_here() { Co::yield(); }
function outer() { waits_here(); }
Co\run(function () {
    $cid = go(function () { outer(); });
    $bt = Co::getBackTrace($cid);
    foreach ($bt as $f) echo ($f['class'] ?? ''), ($f['type'] ?? ''), $f['function'], ":", $f['line'] ?? '-', "\n";
    echo "--\n";
    foreach (Co::getBackTrace() as $f) echo $f['function'], "\n";
    var_dump(Co::getBackTrace(99999));
    Co::resume($cid);
});
?>
--EXPECT--
Swoole\Coroutine::yield:2
waits_here:3
outer:5
{closure}:-
--
{closure}
bool(false)
