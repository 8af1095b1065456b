--TEST--
Refused connections, read timeouts and accept timeouts give the same errors and results as plain PHP
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
function probe(string $where) {
    $c = stream_socket_client('tcp://127.0.0.1:1', $errno, $errstr, 1);
    echo "$where: ", var_export($c, true), " errno=$errno $errstr\n";
    $c = @fsockopen('127.0.0.1', 1, $errno, $errstr, 1);
    echo "$where fsockopen: ", var_export($c, true), " errno=$errno\n";
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $addr = stream_socket_get_name($server, false);
    $t = microtime(true);
    var_dump(@stream_socket_accept($server, 0.1), microtime(true) - $t >= 0.09);
    $c = stream_socket_client("tcp://$addr");
    $peer = stream_socket_accept($server);
    stream_set_timeout($c, 0, 100000);
    $t = microtime(true);
    var_dump(fread($c, 10), stream_get_meta_data($c)['timed_out'], microtime(true) - $t >= 0.09);
    fwrite($peer, "abc");
    var_dump(fread($c, 10), stream_get_meta_data($c)['timed_out']);
    fclose($peer);
    var_dump(fread($c, 10), feof($c));
    var_dump(stream_socket_get_name($c, true) === $addr);
}
probe('main');
Co\run(fn () => probe('coroutine'));
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused) in %s on line %d
main: false errno=111 Connection refused
main fsockopen: false errno=111
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
string(3) "abc"
bool(false)
string(0) ""
bool(true)
bool(true)

Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused) in %s on line %d
coroutine: false errno=111 Connection refused
coroutine fsockopen: false errno=111
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
string(3) "abc"
bool(false)
string(0) ""
bool(true)
bool(true)
