--TEST--
exit() inside a coroutine throws Swoole\ExitException (status and flags kept, catchable); uncaught it is fatal (status 255, shutdown functions run); outside coroutines exit is PHP's own
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
register_shutdown_function(function () { echo "shutdown ran\n"; });
Co\run(function () {
    foreach ([null, 3, 'text', ['k' => 'v']] as $v) {
        try {
            $v === null ? exit : exit($v);
        } catch (Swoole\ExitException $e) {
            echo get_class($e), ' ', $e->getMessage(), ' status=', json_encode($e->getStatus()),
                ' in coroutine: ', json_encode($e->getFlags() === SWOOLE_EXIT_IN_COROUTINE), ' line ', $e->getLine(), "\n";
        }
    }
    go(function () {
        Co::sleep(0.01);
        echo "inner exits\n";
        exit(3);
    });
    go(function () { Co::sleep(0.2); echo "NOT REACHED (other)\n"; });
});
echo "NOT REACHED (after run)\n";
PHP);
echo $out, "\nstatus=$status\n";

[$status, $out] = corust_run_php('<?php go(function () { echo "in coroutine\n"; }); echo "main\n"; exit(4);');
echo $out, "\nstatus=$status\n";
var_dump(is_subclass_of('Swoole\ExitException', 'Swoole\Exception'));
?>
--EXPECTF--
Swoole\ExitException swoole exit status=null in coroutine: true line 6
Swoole\ExitException swoole exit status=3 in coroutine: true line 6
Swoole\ExitException swoole exit status="text" in coroutine: true line 6
Swoole\ExitException swoole exit status={"k":"v"} in coroutine: true line 6
inner exits
%AFatal error: Uncaught Swoole\ExitException: swoole exit in %s:15
%Ashutdown ran
status=255
in coroutine
main
status=4
bool(true)
