--TEST--
Autoload in coroutines (as Swoole >= 5.1): while one coroutine's autoloader waits (I/O, sleep), other coroutines asking for the same class wait for that load and get the class (woken in order, before the loader goes on) instead of "Class not found"; a failed load fails for all of them; recursion in one coroutine still returns nothing, as in plain PHP
--FILE--
<?php
$calls = [];
spl_autoload_register(function ($class) use (&$calls) {
    $calls[] = $class;
    Co::sleep(0.02); // the autoloader yields
    if ($class === 'Slow\\Loaded') {
        eval('namespace Slow; class Loaded { public $v = 42; }');
    } elseif ($class === 'Slow\\Recursive') {
        var_dump(class_exists('Slow\\Recursive')); // asked again by the loader itself
    }
});
Co\run(function () {
    for ($i = 0; $i < 5; $i++) {
        go(function () use ($i) {
            $o = new Slow\Loaded();
            echo "coroutine $i got ", get_class($o), " ", $o->v, "\n";
        });
    }
    for ($i = 0; $i < 3; $i++) {
        go(function () use ($i) {
            var_dump(class_exists('Slow\\Missing'));
        });
    }
    go(function () {
        var_dump(class_exists('Slow\\Recursive'));
    });
});
// Each class went through the autoloaders once (the waiters did not call them).
echo implode(', ', $calls), "\n";
?>
--EXPECT--
coroutine 1 got Slow\Loaded 42
coroutine 2 got Slow\Loaded 42
coroutine 3 got Slow\Loaded 42
coroutine 4 got Slow\Loaded 42
coroutine 0 got Slow\Loaded 42
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
Slow\Loaded, Slow\Missing, Slow\Recursive
