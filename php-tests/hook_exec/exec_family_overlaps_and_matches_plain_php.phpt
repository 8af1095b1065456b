--TEST--
hook_exec: shell_exec, exec, system and passthru in coroutines run their commands while other coroutines run, and return, print and set exactly what plain PHP does
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$scenario = <<<'PHP'
<?php
function scenario(): string {
    $out = '';
    $commands = [
        'printf "a\nb  \n\n  c \t\n"',
        'printf "no newline"',
        'printf ""',
        'echo out; exit 3',
        'kill -9 $$',
        'printf "x%.0s" $(seq 1 5000); echo; echo last',
        'cat /nonexistent 2>/dev/null',
        'echo "$CORUST_EXEC_VAR" "$(pwd)"',
    ];
    foreach ($commands as $c) {
        $out .= "== $c\n";
        $out .= 'shell_exec: ' . var_export(shell_exec($c), true) . "\n";
        $lines = ['kept'];
        $code = null;
        $r = exec($c, $lines, $code);
        $out .= 'exec: ' . var_export($r, true) . ' ' . json_encode($lines) . " $code\n";
        $code = null;
        ob_start();
        $r = system($c, $code);
        $printed = ob_get_clean();
        $out .= 'system: ' . var_export($r, true) . ' printed ' . json_encode($printed) . " $code\n";
        $code = null;
        ob_start();
        $r = passthru($c, $code);
        $printed = ob_get_clean();
        $out .= 'passthru: ' . var_export($r, true) . ' printed ' . json_encode($printed) . " $code\n";
    }
    $lines = 'not an array';
    exec('echo one', $lines);
    $out .= 'exec into a string: ' . json_encode($lines) . "\n";
    try { shell_exec(''); } catch (ValueError $e) { $out .= get_class($e) . ': ' . $e->getMessage() . "\n"; }
    try { exec("echo \0"); } catch (ValueError $e) { $out .= get_class($e) . ': ' . $e->getMessage() . "\n"; }
    return $out;
}
if (isset($argv[1])) { putenv('CORUST_EXEC_VAR=set'); chdir('/tmp'); echo scenario(); }
PHP;
$file = tempnam(sys_get_temp_dir(), 'corust-exec') . '.php';
file_put_contents($file, $scenario);
$plain = shell_exec(escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg($file) . ' plain 2>/dev/null');
require $file;
unlink($file);
putenv('CORUST_EXEC_VAR=set');
chdir('/tmp');
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Swoole\Coroutine\run(function () use (&$hooked) {
    $hooked = scenario();
});
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n--- plain\n$plain\n--- hooked\n$hooked";

// Several commands at once, and a coroutine that keeps running meanwhile.
$t = microtime(true);
$ticks = 0;
$results = [];
Swoole\Coroutine\run(function () use (&$ticks, &$results) {
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { usleep(20000); $ticks++; } });
    go(function () use (&$results) { $results[] = trim(shell_exec('sleep 0.3; echo shell_exec')); });
    go(function () use (&$results) { $results[] = exec('sleep 0.3; echo exec'); });
    go(function () use (&$results) { ob_start(); system('sleep 0.3; echo system'); $results[] = trim(ob_get_clean()); });
    go(function () use (&$results) { ob_start(); passthru('sleep 0.3; echo passthru'); $results[] = trim(ob_get_clean()); });
});
sort($results);
echo implode(', ', $results), "\n";
echo 'ticks: ', $ticks, ', ', microtime(true) - $t < 0.55 ? 'overlapped' : 'serialized', "\n";
?>
--EXPECT--
same as plain PHP
exec, passthru, shell_exec, system
ticks: 5, overlapped
