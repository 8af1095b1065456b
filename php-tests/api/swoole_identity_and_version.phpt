--TEST--
Identity: corust is also visible as the swoole module (extension_loaded, phpversion, --ri swoole), with Swoole's version constants and swoole_version() claiming Swoole 6.2.2; corust.swoole_identity=0 turns it off; swoole.use_shortname=Off (Hyperf's setting) turns the short names off
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
var_dump(extension_loaded('swoole'), phpversion('swoole'), swoole_version());
var_dump(SWOOLE_VERSION, SWOOLE_VERSION_ID, SWOOLE_MAJOR_VERSION, SWOOLE_MINOR_VERSION, SWOOLE_RELEASE_VERSION, SWOOLE_EXTRA_VERSION);
var_dump(version_compare(swoole_version(), '5.0', '>='), ini_get('swoole.use_shortname'));
$ri = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(corust_ext_path()) . ' --ri swoole');
echo preg_match('/Version => 6\.2\.2/', $ri) ? "--ri swoole: version shown\n" : $ri;
[, $out] = corust_run_php('<?php var_dump(extension_loaded("swoole"), defined("SWOOLE_VERSION"), function_exists("swoole_version"), class_exists("Swoole\Coroutine"));', ['corust.swoole_identity' => 0]);
echo "identity off: ", str_replace("\n", ' ', $out), "\n";
[, $out] = corust_run_php('<?php var_dump(ini_get("swoole.use_shortname"), function_exists("go"), class_exists("Co"), class_exists("Swoole\Coroutine"));', ['swoole.use_shortname' => 'Off']);
echo "use_shortname Off: ", str_replace("\n", ' ', $out), "\n";
?>
--EXPECT--
bool(true)
string(5) "6.2.2"
string(5) "6.2.2"
string(5) "6.2.2"
int(60202)
int(6)
int(2)
int(2)
string(0) ""
bool(true)
string(2) "On"
--ri swoole: version shown
identity off: bool(false) bool(false) bool(false) bool(true)
use_shortname Off: string(0) "" bool(false) bool(false) bool(true)
