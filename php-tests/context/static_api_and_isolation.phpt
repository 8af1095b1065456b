--TEST--
Corust\Context: set/get/has/destroy/override/getOrSet/copy, per coroutine, process-wide outside coroutines
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Corust\Context;
Context::set('where', 'main');
Co\run(function () {
    var_dump(Context::get('where'), Context::has('where'));
    var_dump(Context::set('user', 'alice'), Context::get('user'), Co::getContext()['user']);
    var_dump(Context::get('missing', 'dflt'), Context::has('missing'));
    var_dump(Context::override('n', fn ($v) => ($v ?? 0) + 1), Context::override('n', fn ($v) => $v + 1));
    var_dump(Context::getOrSet('lazy', fn () => 'made'), Context::getOrSet('lazy', 'other'));
    $parent = Co::getCid();
    go(function () use ($parent) {
        var_dump(Context::get('user'));
        var_dump(Context::get('user', null, $parent));
        Context::copy($parent, ['user']);
        var_dump(Context::get('user'), Context::has('n'));
        Context::set('child', 1, $parent);
    });
    var_dump(Context::get('child'));
    Context::destroy('user');
    var_dump(Context::has('user'));
    var_dump(Co::getContext() instanceof ArrayObject, Co::getContext() instanceof Swoole\Coroutine\Context);
    var_dump(Co::getContext(999999));
});
var_dump(Context::get('where'), Context::get('user'));
?>
--EXPECT--
NULL
bool(false)
string(5) "alice"
string(5) "alice"
string(5) "alice"
string(4) "dflt"
bool(false)
int(1)
int(2)
string(4) "made"
string(4) "made"
NULL
string(5) "alice"
string(5) "alice"
bool(false)
int(1)
bool(false)
bool(true)
bool(true)
NULL
string(4) "main"
NULL
