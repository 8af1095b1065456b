--TEST--
swoole_mime_type_add/set/delete/list as Swoole's: add() only for a suffix without a type (case-insensitive lookups), set() replaces, delete() once, list() is a list of types that includes the changes
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
var_dump(swoole_mime_type_exists('a.zzq'), swoole_mime_type_add('zzq', 'text/zzq'), swoole_mime_type_get('x.ZZQ'), swoole_mime_type_add('zzq', 'x/y'), swoole_mime_type_add('css', 'x/y'));
swoole_mime_type_set('css', 'text/my-css'); var_dump(swoole_mime_type_get('a.css'));
var_dump(swoole_mime_type_delete('zzq'), swoole_mime_type_delete('zzq'), swoole_mime_type_exists('a.zzq'), swoole_mime_type_get('a.zzq'));
$l = swoole_mime_type_list(); var_dump(array_is_list($l), in_array("text/my-css", $l), in_array("image/png", $l));

?>
--EXPECT--
bool(false)
bool(true)
string(8) "text/zzq"
bool(false)
bool(false)
string(11) "text/my-css"
bool(true)
bool(false)
bool(false)
string(24) "application/octet-stream"
bool(true)
bool(true)
bool(true)
