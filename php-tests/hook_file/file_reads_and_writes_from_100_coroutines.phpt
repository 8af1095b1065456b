--TEST--
hook_file: 100 coroutines write and read back local files (file_put_contents, file_get_contents, fopen/fgets/fread/fseek, file(), SplFileObject, readfile, fpassthru, stream_copy_to_stream) with a ticking coroutine; results, errors and end-of-file are plain PHP's; include from a coroutine still works
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$dir = sys_get_temp_dir() . '/corust-file-' . getmypid();
@mkdir($dir);
$scenario = <<<'PHP'
<?php
function scenario(string $dir): string {
    $out = '';
    set_error_handler(function ($no, $str) use (&$out) { $out .= "error: " . preg_replace('/\/\S+/', 'PATH', $str) . "\n"; return true; });
    $f = "$dir/lines.txt";
    file_put_contents($f, "one\ntwo\n\nthree");
    $out .= json_encode(file($f)) . ' ' . json_encode(file($f, FILE_IGNORE_NEW_LINES)) . "\n";
    $h = fopen($f, 'r');
    $lines = [];
    while (($l = fgets($h)) !== false) $lines[] = $l;
    $out .= json_encode($lines) . ' eof=' . var_export(feof($h), true) . "\n";
    fseek($h, 4);
    $out .= var_export(fread($h, 3), true) . ' at ' . ftell($h) . ' ' . var_export(fread($h, 100), true) . ' ' . var_export(fread($h, 10), true) . "\n";
    fclose($h);
    $h = fopen($f, 'a+');
    fwrite($h, "\nfour");
    rewind($h);
    $out .= var_export(stream_get_contents($h), true) . "\n";
    fclose($h);
    $o = new SplFileObject($f);
    foreach ($o as $i => $line) $out .= "$i:" . trim($line) . ' ';
    $out .= "\n";
    $out .= var_export(@file_get_contents("$dir/missing"), true) . "\n";
    $out .= var_export(file_get_contents("$dir/missing"), true) . "\n";
    $h = fopen($dir, 'r');
    $out .= 'dir read: ' . var_export(fread($h, 10), true) . "\n";
    $out .= var_export(file_get_contents($f, false, null, 4, 3), true) . "\n";
    // Copies that plain PHP makes through mmap (they read through the hook).
    ob_start();
    $n = readfile($f);
    $out .= "readfile $n " . json_encode(ob_get_clean()) . "\n";
    $h = fopen($f, 'r');
    fseek($h, 4);
    ob_start();
    $n = fpassthru($h);
    $out .= "fpassthru $n " . json_encode(ob_get_clean()) . "\n";
    rewind($h);
    $m = fopen('php://memory', 'w+');
    $out .= 'copied ' . stream_copy_to_stream($h, $m, 7, 2) . ' ';
    rewind($m);
    $out .= json_encode(stream_get_contents($m)) . "\n";
    restore_error_handler();
    return $out;
}
if (isset($argv[1])) echo scenario($argv[1]);
PHP;
$file = "$dir/scenario.php";
file_put_contents($file, $scenario);
$plain = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d pcre.jit=0 ' . escapeshellarg($file) . ' ' . escapeshellarg($dir) . ' 2>&1');
require $file;
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Swoole\Coroutine\run(function () use ($dir, &$hooked) { $hooked = scenario($dir); });
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n--- plain\n$plain\n--- hooked\n$hooked";

$ticks = 0;
$ok = 0;
Swoole\Coroutine\run(function () use ($dir, &$ticks, &$ok) {
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { usleep(1000); $ticks++; } });
    for ($c = 0; $c < 100; $c++) {
        go(function () use ($dir, $c, &$ok) {
            $data = str_repeat(md5((string) $c), 3200);
            $f = "$dir/f$c";
            file_put_contents($f, $data);
            $h = fopen($f, 'r');
            $back = '';
            while (!feof($h)) { $back .= fread($h, 8192); }
            fclose($h);
            if ($back === $data && file_get_contents($f) === $data) $ok++;
            unlink($f);
        });
    }
    // A file included from a coroutine.
    file_put_contents("$dir/inc.php", '<?php return "included";');
    echo include "$dir/inc.php", "\n";
});
echo "ok: $ok, ticks: $ticks\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
same as plain PHP
included
ok: 100, ticks: 5
