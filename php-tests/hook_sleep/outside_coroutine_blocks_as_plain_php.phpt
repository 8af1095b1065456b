--TEST--
Outside coroutines the hooked sleep functions behave exactly as plain PHP (block, same errors)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$t = microtime(true);
usleep(50000);
var_dump(microtime(true) - $t >= 0.045);
var_dump(sleep(0), time_nanosleep(0, 1000));
var_dump(time_sleep_until(microtime(true) - 10));
try { usleep(-1); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
Co\run(function () {
    try { sleep(-1); } catch (ValueError $e) { echo "in coroutine: ", $e->getMessage(), "\n"; }
    try { time_nanosleep(0, -5); } catch (ValueError $e) { echo "in coroutine: ", $e->getMessage(), "\n"; }
});
?>
--EXPECTF--
bool(true)
int(0)
bool(true)

Warning: time_sleep_until(): Argument #1 ($timestamp) must be greater than or equal to the current time in %s on line %d
bool(false)
usleep(): Argument #1 ($microseconds) must be greater than or equal to 0
in coroutine: sleep(): Argument #1 ($seconds) must be greater than or equal to 0
in coroutine: time_nanosleep(): Argument #2 ($nanoseconds) must be greater than or equal to 0
