--TEST--
hook_sockets: without ext-sockets loaded, HOOK_SOCKETS is not claimed by getHookFlags() (as Swoole); with it, HOOK_ALL is reported whole
--SKIPIF--
<?php if (!extension_loaded('sockets')) die('skip ext-sockets missing'); require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
var_dump(Swoole\Runtime::getHookFlags() === SWOOLE_HOOK_ALL);
// corust_run_php starts PHP with -n: no ext-sockets there.
[$status, $out] = corust_run_php('<?php
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
var_dump(extension_loaded("sockets"), Swoole\Runtime::getHookFlags() === (SWOOLE_HOOK_ALL & ~SWOOLE_HOOK_SOCKETS));');
echo $out, "\n";
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
