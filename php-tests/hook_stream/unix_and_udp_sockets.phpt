--TEST--
unix stream sockets and UDP sockets yield inside coroutines
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$path = sys_get_temp_dir() . '/corust-' . getmypid() . '.sock';
@unlink($path);
Co\run(function () use ($path) {
    $server = stream_socket_server("unix://$path");
    go(function () use ($server) {
        $c = stream_socket_accept($server, 2);
        $got = fgets($c);
        Co::sleep(0.05);
        fwrite($c, "unix says " . $got);
    });
    $c = stream_socket_client("unix://$path", $errno, $errstr, 2);
    fwrite($c, "hi\n");
    echo fgets($c);

    $udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
    $uaddr = stream_socket_get_name($udp, false);
    go(function () use ($udp) {
        $msg = stream_socket_recvfrom($udp, 100, 0, $peer);
        stream_socket_sendto($udp, "pong:$msg", 0, $peer);
    });
    $client = stream_socket_client("udp://$uaddr");
    go(function () { echo "other coroutine runs while UDP waits\n"; });
    fwrite($client, 'ping');
    echo fread($client, 100), "\n";
});
@unlink($path);
?>
--EXPECT--
unix says hi
other coroutine runs while UDP waits
pong:ping
