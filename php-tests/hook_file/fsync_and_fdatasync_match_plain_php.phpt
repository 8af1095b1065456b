--TEST--
hook_file: fsync() and fdatasync() in a coroutine sync on the blocking pool and return, warn and throw exactly as plain PHP
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$file = tempnam(sys_get_temp_dir(), 'corust-fsync');
$run = function () use ($file) {
    $out = '';
    set_error_handler(function ($no, $msg) use (&$out) { $out .= "warning: $msg\n"; return true; });
    $f = fopen($file, 'w');
    fwrite($f, str_repeat('x', 100000));
    $out .= var_export(fsync($f), true) . ' ' . var_export(fdatasync($f), true) . "\n";
    fclose($f);
    $m = fopen('php://memory', 'w');
    $out .= var_export(fsync($m), true) . "\n";
    try { fdatasync($f); } catch (TypeError $e) { $out .= get_class($e) . ': ' . $e->getMessage() . "\n"; }
    restore_error_handler();
    return $out;
};
Swoole\Runtime::setHookFlags(0);
$plain = $run();
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Swoole\Coroutine\run(function () use ($run, &$hooked) { $hooked = $run(); });
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n$plain\n$hooked";
echo $hooked;
unlink($file);
?>
--EXPECT--
same as plain PHP
true true
warning: fsync(): Can't fsync this stream!
false
TypeError: fdatasync(): supplied resource is not a valid stream resource
