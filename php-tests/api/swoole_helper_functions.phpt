--TEST--
Swoole's helper functions: swoole_timer_*, swoole_event_wait, swoole_coroutine_create/defer, swoole_async_set, swoole_set_process_name, swoole_get_local_ip, swoole_mime_type_get/exists
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
var_dump(swoole_mime_type_get('a/b.JSON'), swoole_mime_type_exists('x.zzz'), swoole_mime_type_exists('x.png'));
var_dump(swoole_async_set(['max_coroutine' => 5000]), Co::getOptions()['max_coroutine']);
var_dump(swoole_set_process_name('corust-phpt'));
$ips = swoole_get_local_ip();
var_dump(is_array($ips), !in_array('127.0.0.1', $ips, true));
swoole_coroutine_create(function () {
    swoole_coroutine_defer(fn () => print("deferred\n"));
    $t = swoole_timer_tick(5, function ($id) { static $n = 0; if (++$n === 3) { swoole_timer_clear($id); echo "tick x3\n"; } });
    var_dump(swoole_timer_exists($t), count(swoole_timer_list()));
    swoole_timer_after(1, fn () => print("after\n"));
});
swoole_event_wait();
var_dump(swoole_timer_clear_all());
?>
--EXPECT--
string(16) "application/json"
bool(false)
bool(true)
bool(true)
int(5000)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
deferred
after
tick x3
bool(true)
