--TEST--
exit() inside a coroutine ends the process with that status; shutdown functions run, other coroutines stop
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
register_shutdown_function(function () { echo "shutdown ran\n"; });
Co\run(function () {
    go(function () {
        Co::sleep(0.01);
        go(function () { echo "inner exits\n"; exit(3); });
        echo "NOT REACHED (outer after inner exit)\n";
    });
    go(function () { Co::sleep(0.2); echo "NOT REACHED (other)\n"; });
});
echo "NOT REACHED (after run)\n";
PHP);
echo $out, "\nstatus=$status\n";

[$status, $out] = corust_run_php('<?php go(function () { Co::sleep(0.001); die("bye\n"); }); echo "main\n";');
echo $out, "\nstatus=$status\n";
?>
--EXPECT--
inner exits
shutdown ran
status=3
main
bye
status=0
