--TEST--
Bad arguments give TypeErrors or warnings, never a crash
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
foreach ([
    fn () => go('no_such_function'),
    fn () => go(42),
    fn () => go(),
    fn () => Corust\run([new stdClass, 'nope']),
    fn () => Co::exists('abc'),
    fn () => Swoole\Timer::after(10, 'nope'),
    fn () => Co::set('x'),
] as $i => $fn) {
    try {
        $fn();
        echo "$i: no error\n";
    } catch (TypeError $e) {
        echo "$i: ", $e->getMessage(), "\n";
    }
}
go(function () { var_dump(Co::sleep(-1)); });
var_dump(Swoole\Timer::tick(0, fn () => null));
?>
--EXPECTF--
0: go(): Argument #1 ($callback) must be a valid callback, function "no_such_function" not found or invalid function name
1: go(): Argument #1 ($callback) must be a valid callback, no array or string given
2: go() expects at least 1 argument, 0 given
3: Corust\run(): Argument #1 ($callback) must be a valid callback, class stdClass does not have a method "nope"
4: Swoole\Coroutine::exists(): Argument #1 ($cid) must be of type int, string given
5: Swoole\Timer::after(): Argument #2 ($callback) must be a valid callback, function "nope" not found or invalid function name
6: Swoole\Coroutine::set(): Argument #1 ($options) must be of type array

Warning: Swoole\Coroutine::sleep(): Argument #1 ($seconds) must be greater than or equal to 0 in %s on line %d
bool(false)

Warning: Swoole\Timer::tick(): Timer must be greater than or equal to 1 in %s on line %d
bool(false)
