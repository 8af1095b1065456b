--TEST--
TLS: a silent server times the handshake out within the connect timeout, a self-signed certificate fails verification, and a TLS read times out, each with plain PHP's warnings and results, while other coroutines keep running
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; if (!extension_loaded('openssl')) die('skip openssl'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pem = corust_test_cert();
$noverify = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);
Co\run(function () use ($pem, $noverify) {
    $ticks = 0;
    go(function () use (&$ticks) { for ($i = 0; $i < 30; $i++) { Co::sleep(0.05); $ticks++; } });
    // 1. A server that accepts and never answers the handshake.
    $srv = stream_socket_server('tcp://127.0.0.1:0');
    $addr = stream_socket_get_name($srv, false);
    go(function () use ($srv) { $c = stream_socket_accept($srv, 3); Co::sleep(1); fclose($c); });
    $t = microtime(true);
    $c = stream_socket_client("ssl://$addr", $errno, $errstr, 0.4, STREAM_CLIENT_CONNECT, $noverify);
    printf("silent server: %s after %.1f s\n", var_export($c, true), microtime(true) - $t);
    fclose($srv);
    // 2. Verification of a self-signed certificate (the default context verifies).
    $srv = stream_socket_server('ssl://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(['ssl' => ['local_cert' => $pem]]));
    $addr = stream_socket_get_name($srv, false);
    go(function () use ($srv) { $c = @stream_socket_accept($srv, 3); echo 'server side: ', var_export($c, true), "\n"; });
    var_dump(stream_socket_client("ssl://$addr", $errno, $errstr, 2));
    Co::sleep(0.05);
    // 3. A read timeout on an established TLS stream.
    go(function () use ($srv) { $c = stream_socket_accept($srv, 3); Co::sleep(0.6); fclose($c); });
    $c = stream_socket_client("ssl://$addr", $errno, $errstr, 2, STREAM_CLIENT_CONNECT, $noverify);
    stream_set_timeout($c, 0, 200000);
    $t = microtime(true);
    $r = fread($c, 10);
    printf("read: %s, timed_out: %s, after %.1f s\n", var_export($r, true), var_export(stream_get_meta_data($c)['timed_out'], true), microtime(true) - $t);
    echo 'other coroutine ran meanwhile: ', json_encode($ticks >= 8), "\n";
});
?>
--EXPECTF--
Warning: stream_socket_client(): SSL: Handshake timed out in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to ssl://127.0.0.1:%d (Unknown error) in %s on line %d
silent server: false after 0.4 s

Warning: stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:
error:%s:certificate verify failed in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to ssl://127.0.0.1:%d (Unknown error) in %s on line %d
bool(false)
server side: false
read: false, timed_out: true, after 0.2 s
other coroutine ran meanwhile: true
