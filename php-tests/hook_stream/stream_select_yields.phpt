--TEST--
stream_select() inside a coroutine waits in the reactor (other coroutines run), honours its timeout and rewrites the arrays as plain PHP; a stream ready both ways counts once, as in Swoole
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $addr = stream_socket_get_name($server, false);
    $a = stream_socket_client("tcp://$addr");
    $pa = stream_socket_accept($server);
    $b = stream_socket_client("tcp://$addr");
    $pb = stream_socket_accept($server);
    go(function () use ($pb) { Co::sleep(0.05); echo "writer runs\n"; fwrite($pb, "for b"); });

    $t = microtime(true);
    $read = ['a' => $a, 'b' => $b]; $write = null; $except = null;
    $n = stream_select($read, $write, $except, 2);
    var_dump($n, array_keys($read), microtime(true) - $t < 1);
    echo fread($b, 10), "\n";

    $t = microtime(true);
    $read = [$a]; $write = null; $except = null;
    var_dump(stream_select($read, $write, $except, 0, 100000), $read, microtime(true) - $t >= 0.09);

    $read = [$a]; $write = [$a]; $except = null;
    var_dump(stream_select($read, $write, $except, 0), count($read), count($write));

    // Readable and writable: counted once, as Swoole counts (plain PHP's
    // select(2) count would be 2).
    fwrite($pa, "y");
    Co::sleep(0.01);
    $read = [$a]; $write = [$a]; $except = null;
    var_dump(stream_select($read, $write, $except, 0), count($read), count($write));
    fread($a, 1);

    go(function () use ($pa) { Co::sleep(0.02); fwrite($pa, "x"); });
    $read = [$a]; $write = null; $except = null;
    var_dump(stream_select($read, $write, $except, null), count($read));
});
?>
--EXPECT--
writer runs
int(1)
array(1) {
  [0]=>
  string(1) "b"
}
bool(true)
for b
int(0)
array(0) {
}
bool(true)
int(1)
int(0)
int(1)
int(1)
int(1)
int(1)
int(1)
int(1)
