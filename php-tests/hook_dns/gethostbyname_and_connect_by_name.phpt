--TEST--
gethostbyname/gethostbynamel and connecting by host name resolve off the PHP thread inside coroutines, with plain PHP results
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$plain = [gethostbyname('localhost'), gethostbynamel('localhost'), gethostbyname('no-such-host.invalid'), gethostbynamel('no-such-host.invalid')];
Co\run(function () use ($plain) {
    $co = [gethostbyname('localhost'), gethostbynamel('localhost'), gethostbyname('no-such-host.invalid'), gethostbynamel('no-such-host.invalid')];
    var_dump($co === $plain, $co[0], $co[2], $co[3]);
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $port = parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT);
    go(function () use ($server) { $c = stream_socket_accept($server); fwrite($c, "by name\n"); });
    $c = stream_socket_client("tcp://localhost:$port", $errno, $errstr, 2);
    echo $c ? fgets($c) : "failed: $errstr\n";
    var_dump(gethostbyname(str_repeat('a', 300)) === str_repeat('a', 300));
});
?>
--EXPECTF--
bool(true)
string(9) "127.0.0.1"
string(20) "no-such-host.invalid"
bool(false)
by name

Warning: gethostbyname(): Host name cannot be longer than 255 characters in %s on line %d
bool(true)
