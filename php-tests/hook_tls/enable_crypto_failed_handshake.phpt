--TEST--
stream_socket_enable_crypto() on a hooked stream against a peer that does not speak TLS: false, as in plain PHP, and the process goes on
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; if (!extension_loaded('openssl')) die('skip openssl'); ?>
--FILE--
<?php
Co\run(function () {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $addr = stream_socket_get_name($server, false);
    go(function () use ($server) { $c = stream_socket_accept($server); fwrite($c, "not TLS\r\n"); fclose($c); });
    $c = stream_socket_client("tcp://$addr", $errno, $errstr, 2);
    Co::sleep(0.05);
    var_dump(@stream_socket_enable_crypto($c, true, STREAM_CRYPTO_METHOD_TLS_CLIENT));
    echo "still alive\n";
});
?>
--EXPECT--
bool(false)
still alive
