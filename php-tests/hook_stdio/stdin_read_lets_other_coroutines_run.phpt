--TEST--
hook_stdio: a coroutine reading STDIN (a pipe) lets other coroutines run until input arrives; with the flag off the read blocks as in plain PHP
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$child = <<<'PHP'
<?php
Swoole\Runtime::enableCoroutine($argv[1] === 'on' ? SWOOLE_HOOK_ALL : SWOOLE_HOOK_ALL & ~SWOOLE_HOOK_STDIO);
Swoole\Coroutine\run(function () {
    go(function () { for ($i = 0; $i < 3; $i++) { usleep(30000); echo "tick $i\n"; } });
    $line = fgets(STDIN);
    echo "read: $line";
    fwrite(STDOUT, "via STDOUT\n");
});
PHP;
$file = tempnam(sys_get_temp_dir(), 'corust-stdin') . '.php';
file_put_contents($file, $child);
foreach (['on', 'off'] as $mode) {
    $p = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . corust_ext_path(), $file, $mode], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
    usleep(300000);
    fwrite($pipes[0], "hello\n");
    fclose($pipes[0]);
    echo "== $mode\n", stream_get_contents($pipes[1]);
    proc_close($p);
}
unlink($file);
?>
--EXPECT--
== on
tick 0
tick 1
tick 2
read: hello
via STDOUT
== off
read: hello
via STDOUT
tick 0
tick 1
tick 2
