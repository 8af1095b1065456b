--TEST--
A TCP echo server and clients written with plain stream functions run concurrently in one process
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
    $addr = stream_socket_get_name($server, false);
    go(function () use ($server) {
        for ($i = 0; $i < 5; $i++) {
            $conn = stream_socket_accept($server, 5);
            go(function () use ($conn) {
                while (($line = fgets($conn)) !== false) {
                    usleep(100000);                       // slow server: 100 ms per line
                    fwrite($conn, strtoupper($line));
                }
                fclose($conn);
            });
        }
    });
    $t = microtime(true);
    $replies = [];
    $wg = new Co\WaitGroup();
    for ($i = 0; $i < 5; $i++) {
        $wg->add();
        go(function () use ($addr, $i, $wg, &$replies) {
            $c = stream_socket_client("tcp://$addr", $errno, $errstr, 5);
            fwrite($c, "hello $i\n");
            $replies[$i] = trim(fgets($c));
            fwrite($c, str_repeat('x', 200000) . "\n");       // larger than socket buffers
            $replies[$i] .= ' ' . strlen(trim(fgets($c)));
            fclose($c);
            $wg->done();
        });
    }
    $wg->wait();
    $elapsed = microtime(true) - $t;
    ksort($replies);
    echo implode("\n", $replies), "\n";
    // 5 clients x 2 lines x 100 ms = 1 s if the process blocked.
    var_dump($elapsed < 1.0 / 3);
    fclose($server);
});
?>
--EXPECT--
HELLO 0 200000
HELLO 1 200000
HELLO 2 200000
HELLO 3 200000
HELLO 4 200000
bool(true)
