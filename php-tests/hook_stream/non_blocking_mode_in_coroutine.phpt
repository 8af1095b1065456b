--TEST--
stream_set_blocking(false) on a hooked stream keeps plain non-blocking semantics inside a coroutine; true brings the yielding wait back
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $c = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
    $peer = stream_socket_accept($server);
    var_dump(stream_set_blocking($c, false), stream_get_meta_data($c)['blocked']);
    $t = microtime(true);
    var_dump(fread($c, 10), microtime(true) - $t < 0.05);
    fwrite($peer, "now");
    usleep(20000);
    var_dump(fread($c, 10));
    var_dump(stream_set_blocking($c, true), stream_get_meta_data($c)['blocked']);
    go(function () use ($peer) { Co::sleep(0.02); fwrite($peer, "later"); });
    var_dump(fread($c, 10));
});
?>
--EXPECT--
bool(true)
bool(false)
string(0) ""
bool(true)
string(3) "now"
bool(true)
bool(true)
string(5) "later"
