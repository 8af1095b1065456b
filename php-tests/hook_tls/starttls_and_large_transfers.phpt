--TEST--
TLS: STARTTLS on hooked tcp streams (stream_socket_enable_crypto on both sides of one process), then 1 MB each way intact, with OpenSSL's partial reads and writes waiting in the reactor
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; if (!extension_loaded('openssl')) die('skip openssl'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pem = corust_test_cert();
Co\run(function () use ($pem) {
    $srv = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(['ssl' => ['local_cert' => $pem]]));
    $addr = stream_socket_get_name($srv, false);
    $up = random_bytes(1 << 20);
    $down = random_bytes(1 << 20);
    go(function () use ($srv, $up, $down) {
        $c = stream_socket_accept($srv, 3);
        fwrite($c, "220 ready\r\n");
        $line = trim(fgets($c));
        echo "server read: $line\n";
        fwrite($c, "220 go ahead\r\n");
        $enabled = var_export(stream_socket_enable_crypto($c, true, STREAM_CRYPTO_METHOD_TLS_SERVER), true);
        $got = '';
        while (strlen($got) < strlen($up) && !feof($c)) { $got .= fread($c, 65536); }
        echo "server: crypto enabled $enabled, got the upload intact: ", json_encode($got === $up), "\n";
        echo 'server wrote: ', fwrite($c, $down), "\n";
        fclose($c);
    });
    $c = stream_socket_client("tcp://$addr", $errno, $errstr, 3, STREAM_CLIENT_CONNECT,
        stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]));
    $line = trim(fgets($c));
    echo "client read: $line\n";
    fwrite($c, "STARTTLS\r\n");
    $line = trim(fgets($c));
    echo "client read: $line\n";
    $enabled = var_export(stream_socket_enable_crypto($c, true, STREAM_CRYPTO_METHOD_TLS_CLIENT), true);
    $n = fwrite($c, $up);
    echo "client: crypto enabled $enabled, wrote $n\n";
    $ok = json_encode(stream_get_contents($c) === $down);
    echo "client got the download intact: $ok\n";
    echo 'protocol: ', stream_get_meta_data($c)['crypto']['protocol'], "\n";
    fclose($c);
    fclose($srv);
});
?>
--EXPECTF--
client read: 220 ready
server read: STARTTLS
client read: 220 go ahead
client: crypto enabled true, wrote 1048576
server: crypto enabled true, got the upload intact: true
server wrote: 1048576
client got the download intact: true
protocol: TLSv1.%d
