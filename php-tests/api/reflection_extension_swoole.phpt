--TEST--
With the swoole identity on, the Swoole-named classes and functions belong to the `swoole` extension as reflection sees it (ReflectionExtension('swoole'), get_extension_funcs, getExtensionName), as with Swoole; with corust.swoole_identity=0 they are corust's
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$r = new ReflectionExtension('swoole');
$classes = array_keys($r->getClasses());
var_dump(in_array('Swoole\Http\Server', $classes, true), in_array('Swoole\Coroutine\Channel', $classes, true), in_array('Swoole\Table', $classes, true));
var_dump(in_array('swoole_version', get_extension_funcs('swoole'), true), in_array('go', get_extension_funcs('swoole'), true));
echo (new ReflectionClass('Swoole\WebSocket\Server'))->getExtensionName(), ' ', (new ReflectionFunction('Swoole\Coroutine\run'))->getExtensionName(), "\n";
[$status, $out] = corust_run_php('<?php echo (new ReflectionClass("Swoole\\\\Coroutine"))->getExtensionName(), " ", extension_loaded("swoole") ? "swoole loaded" : "no swoole", "\n";', ['corust.swoole_identity' => 0]);
echo $out;
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
swoole swoole
corust no swoole
