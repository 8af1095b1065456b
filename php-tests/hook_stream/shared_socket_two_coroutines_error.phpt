--TEST--
Two coroutines reading the same socket at once: the second gets a catchable Swoole\Error naming the holder
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $c = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
    $peer = stream_socket_accept($server);
    $first = go(function () use ($c) { $got = fread($c, 10); echo "first got: $got\n"; });
    go(function () use ($c, $first) {
        try {
            fread($c, 10);
        } catch (Swoole\Error $e) {
            echo str_replace("#$first", '#FIRST', $e->getMessage()), "\n";
        }
    });
    fwrite($peer, 'data');
});
?>
--EXPECTF--
socket #%d is already in use by coroutine #FIRST: one connection cannot be used by two coroutines at once
first got: data
