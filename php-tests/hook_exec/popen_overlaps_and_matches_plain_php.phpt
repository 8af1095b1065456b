--TEST--
hook_exec: popen() in coroutines (HOOK_BLOCKING_FUNCTION) reads and writes its pipe in the reactor and pclose() waits for the child there, so three 300 ms commands overlap while another coroutine ticks; what is read, written and returned (exit codes, a reader closed early on an endless writer, a writer's child reading to EOF, a command never read) is exactly plain PHP's
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$scenario = <<<'PHP'
<?php
function scenario(): string {
    $out = '';
    $fp = popen('printf "a\nb\n"; echo last; exit 4', 'r');
    $out .= json_encode([fgets($fp), stream_get_contents($fp), feof($fp), pclose($fp)]) . "\n";
    $fp = popen('head -c 5; exit 2', 'r');
    $out .= json_encode([stream_get_contents($fp), pclose($fp)]) . "\n";
    $fp = popen('yes 2>/dev/null', 'r');
    $out .= json_encode([strlen(fread($fp, 10)), pclose($fp)]) . "\n";
    $f = tempnam(sys_get_temp_dir(), 'corust-popen');
    $fp = popen('cat > ' . escapeshellarg($f) . '; exit 3', 'w');
    $out .= json_encode([fwrite($fp, str_repeat('x', 300000)), pclose($fp), filesize($f)]) . "\n";
    unlink($f);
    $fp = popen('sleep 0.1', 'r');
    $out .= json_encode([pclose($fp)]) . "\n";
    $fp = popen('exit 7', 'r');
    unset($fp);
    $out .= "freed\n";
    return $out;
}
if (isset($argv[1])) { echo scenario(); }
PHP;
$file = tempnam(sys_get_temp_dir(), 'corust-popen') . '.php';
file_put_contents($file, $scenario);
$plain = shell_exec(escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg($file) . ' plain 2>/dev/null');
require $file;
unlink($file);
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Swoole\Coroutine\run(function () use (&$hooked) {
    $hooked = scenario();
});
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n--- plain\n$plain\n--- hooked\n$hooked";
echo scenario() === $plain ? "same outside coroutines\n" : "differs outside coroutines\n";

$t = microtime(true);
$ticks = 0;
$results = [];
Swoole\Coroutine\run(function () use (&$ticks, &$results) {
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { usleep(20000); $ticks++; } });
    for ($i = 1; $i <= 3; $i++) {
        go(function () use ($i, &$results) {
            $fp = popen("sleep 0.3; echo out$i", 'r');
            $results[] = trim(stream_get_contents($fp)) . ':' . pclose($fp);
        });
    }
    go(function () use (&$results) {
        $fp = popen('sleep 0.3', 'r');
        $results[] = 'unread:' . pclose($fp);
    });
});
sort($results);
echo implode(', ', $results), "\n";
echo 'ticks: ', $ticks, ', ', microtime(true) - $t < 0.55 ? 'overlapped' : 'serialized', "\n";
?>
--EXPECT--
same as plain PHP
same outside coroutines
out1:0, out2:0, out3:0, unread:0
ticks: 5, overlapped
