--TEST--
A parse error in a file included by a coroutine is reported as PHP reports it ("Parse error: …", not "Uncaught ParseError"), ends the script with status 255, and shutdown functions still run
--FILE--
<?php
$f = sys_get_temp_dir() . '/corust_parse_error_' . getmypid() . '.php';
file_put_contents($f, "<?php\nthis is not php;\n");
register_shutdown_function(function () use ($f) {
    @unlink($f);
    echo "shutdown\n";
});
Co\run(function () use ($f) {
    include $f;
    echo "not reached\n";
});
echo "not reached either\n";
?>
--EXPECTF--
Parse error: syntax error, unexpected identifier "is" in %s on line 2
shutdown
