--TEST--
Runtime::setHookFlags(0) restores the blocking originals; enableCoroutine() puts the hooks back; Swoole names and constants
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Runtime;
var_dump(Runtime::getHookFlags() === SWOOLE_HOOK_ALL, SWOOLE_HOOK_SLEEP === Swoole\Runtime::HOOK_SLEEP, Swoole\Runtime::HOOK_TCP);
function three_sleeps(): float {
    $t = microtime(true);
    Co\run(function () { for ($i = 0; $i < 3; $i++) go(fn () => usleep(60000)); });
    return microtime(true) - $t;
}
var_dump(three_sleeps() < 0.15);
var_dump(Runtime::setHookFlags(0), Runtime::getHookFlags());
var_dump(three_sleeps() >= 0.17);
var_dump(Runtime::enableCoroutine(SWOOLE_HOOK_SLEEP), Runtime::getHookFlags() === SWOOLE_HOOK_SLEEP);
var_dump(three_sleeps() < 0.15);
Runtime::enableCoroutine(false);
var_dump(Runtime::getHookFlags());
Co::set(['hook_flags' => SWOOLE_HOOK_ALL]);
var_dump(Runtime::getHookFlags() === SWOOLE_HOOK_ALL, Co::getOptions()['hook_flags'] === SWOOLE_HOOK_ALL);
?>
--EXPECT--
bool(true)
bool(true)
int(2)
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
