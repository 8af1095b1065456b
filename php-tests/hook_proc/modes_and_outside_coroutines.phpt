--TEST--
proc_open pipes: a pipe set non-blocking in a coroutine returns at once as in plain PHP; a hooked pipe used after the scheduler ended still blocks as plain PHP; proc_open outside coroutines is untouched; proc_close after fclose of every pipe, and with HOOK_PROC off
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$late = null;
Co\run(function () use (&$late) {
    $p = proc_open(['sh', '-c', 'sleep 0.2; echo later'], [1 => ['pipe', 'w']], $pipes);
    var_dump(stream_set_blocking($pipes[1], false));
    var_dump(fread($pipes[1], 100));
    var_dump(stream_set_blocking($pipes[1], true));
    echo 'blocking read: ', trim(fread($pipes[1], 100)), "\n";
    fclose($pipes[1]);
    echo 'proc_close after fclose: ', proc_close($p), "\n";
    $late = proc_open(['sh', '-c', 'sleep 0.1; echo from a coroutine pipe, read outside'], [1 => ['pipe', 'w']], $lp);
    $late = [$late, $lp[1]];
});
echo trim(stream_get_contents($late[1])), "\n";
echo 'exit: ', proc_close($late[0]), "\n";
$p = proc_open(['sh', '-c', 'echo plain; exit 4'], [1 => ['pipe', 'w']], $pipes);
echo trim(stream_get_contents($pipes[1])), ' ', proc_close($p), "\n";
Swoole\Runtime::setHookFlags(SWOOLE_HOOK_ALL & ~SWOOLE_HOOK_PROC);
Co\run(function () {
    $p = proc_open(['sh', '-c', 'echo unhooked; exit 5'], [1 => ['pipe', 'w']], $pipes);
    echo trim(stream_get_contents($pipes[1])), ' ', proc_close($p), "\n";
});
?>
--EXPECT--
bool(true)
string(0) ""
bool(true)
blocking read: later
proc_close after fclose: 0
from a coroutine pipe, read outside
exit: 0
plain 4
unhooked 5
