--TEST--
corust.use_shortname=0 leaves go/co/defer/Co to the application; corust.swoole_aliases=0 drops Swoole names
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$s, $out] = corust_run_php('<?php
function go($f) { return "app go"; }
echo go(fn () => 1), "\n";
var_dump(function_exists("co"), class_exists("Co", false), class_exists("Swoole\\\\Coroutine", false), function_exists("Corust\\\\go"));', ['corust.use_shortname' => 0]);
echo $out, "\n";
[$s, $out] = corust_run_php('<?php var_dump(class_exists("Swoole\\\\Coroutine", false), function_exists("go"), class_exists("Corust\\\\Coroutine"));', ['corust.swoole_aliases' => 0]);
echo $out, "\n";
[$s, $out] = corust_run_php('<?php', []);
exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(corust_ext_path()) . ' --ri corust', $ri);
echo implode("\n", array_filter($ri, fn ($l) => str_starts_with($l, 'corust'))), "\n";
?>
--EXPECT--
app go
bool(false)
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
corust
corust support => enabled
corust.swoole_aliases => 1 => 1
corust.swoole_identity => 1 => 1
corust.use_shortname => 1 => 1
corust.hook_flags => 2143287295 => 2143287295
corust.c_stack_size => 2M => 2M
