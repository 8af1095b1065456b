--TEST--
The @ operator and error_reporting() belong to the coroutine: one suspended inside @usleep() does not silence the others, it gets its own level back when it resumes, and a new coroutine starts with its creator's level
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
error_reporting(E_ALL);
Co\run(function () {
    go(function () {
        @usleep(50000);
        echo 'A after @usleep: ', error_reporting() === E_ALL ? 'E_ALL' : error_reporting(), "\n";
    });
    go(function () {
        echo 'B while A is silenced: ', error_reporting() === E_ALL ? 'E_ALL' : error_reporting(), "\n";
        trigger_error('B is heard', E_USER_WARNING);
        error_reporting(E_ALL & ~E_USER_WARNING);
        go(function () {
            trigger_error('the child of B inherits its level: not shown', E_USER_WARNING);
            echo "child of B done\n";
        });
        Co::sleep(0.1);
        trigger_error('B still quiet after switching', E_USER_WARNING);
        echo "B done\n";
    });
});
echo 'main: ', error_reporting() === E_ALL ? 'E_ALL' : error_reporting(), "\n";
?>
--EXPECTF--
B while A is silenced: E_ALL

Warning: B is heard in %s on line %d
child of B done
A after @usleep: E_ALL
B done
main: E_ALL
