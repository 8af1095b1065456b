--TEST--
stream_socket_pair() (HOOK_STREAM_FUNCTION): a pair made outside coroutines is read and written by two coroutines that take turns; outside coroutines it blocks and times out as plain PHP's
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
Swoole\Coroutine\run(function () use ($pair) {
    go(function () use ($pair) {
        foreach (range(1, 3) as $n) {
            fwrite($pair[0], "msg $n\n");
            usleep(10000);
        }
    });
    go(function () use ($pair) {
        for ($i = 0; $i < 3; $i++) {
            echo 'read: ', fgets($pair[1]);
        }
    });
});
// Outside coroutines: plain PHP.
fwrite($pair[1], "back\n");
echo 'outside: ', fgets($pair[0]);
stream_set_timeout($pair[0], 0, 100000);
$t = microtime(true);
var_dump(fread($pair[0], 10), stream_get_meta_data($pair[0])['timed_out'], microtime(true) - $t >= 0.09);
fclose($pair[0]);
fclose($pair[1]);
?>
--EXPECT--
read: msg 1
read: msg 2
read: msg 3
outside: back
bool(false)
bool(true)
bool(true)
