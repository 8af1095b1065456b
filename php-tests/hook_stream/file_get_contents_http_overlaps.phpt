--TEST--
file_get_contents('http://127.0.0.1:…') from several coroutines against a slow local server overlaps
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $port = parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT);
    go(function () use ($server) {
        while ($conn = @stream_socket_accept($server, 2)) {
            go(function () use ($conn) {
                $req = '';
                while (($line = fgets($conn)) !== false && $line !== "\r\n") { $req .= $line; }
                preg_match('#GET /(\w+)#', $req, $m);
                Co::sleep(0.2);
                $body = "hello " . $m[1];
                fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n" . $body);
                fclose($conn);
            });
        }
    });
    $t = microtime(true);
    $out = [];
    $wg = new Co\WaitGroup();
    foreach (['a', 'b', 'c', 'd', 'e'] as $name) {
        $wg->add();
        go(function () use ($port, $name, $wg, &$out) {
            $out[$name] = file_get_contents("http://127.0.0.1:$port/$name");
            $wg->done();
        });
    }
    $wg->wait();
    $elapsed = microtime(true) - $t;
    ksort($out);
    echo implode(', ', $out), "\n";
    var_dump($elapsed < 5 * 0.2 / 3);
    fclose($server);
});
?>
--EXPECT--
hello a, hello b, hello c, hello d, hello e
bool(true)
