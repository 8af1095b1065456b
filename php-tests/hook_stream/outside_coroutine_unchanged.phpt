--TEST--
Streams created outside coroutines keep plain PHP behaviour; stream hooks can be turned off
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$server = stream_socket_server('tcp://127.0.0.1:0');
$addr = stream_socket_get_name($server, false);
$c = stream_socket_client("tcp://$addr");
$p = stream_socket_accept($server);
fwrite($p, "x\n");
echo fgets($c);
var_dump(stream_get_meta_data($c)['stream_type']);
Swoole\Runtime::setHookFlags(SWOOLE_HOOK_ALL & ~SWOOLE_HOOK_TCP);
// With HOOK_TCP off, a read that waits blocks the whole process: the other
// coroutine's shorter sleep can only finish after it.
Co\run(function () use ($c) {
    go(function () { Co::sleep(0.02); echo "sleeper done\n"; });
    stream_set_timeout($c, 0, 100000);
    var_dump(fread($c, 10));
    echo "blocking read done\n";
});
Swoole\Runtime::setHookFlags(SWOOLE_HOOK_ALL);
Co\run(function () use ($c) {
    go(function () { Co::sleep(0.02); echo "sleeper done\n"; });
    var_dump(fread($c, 10));
    echo "read done\n";
});
?>
--EXPECTF--
x
string(%d) "tcp_socket%s"
bool(false)
blocking read done
sleeper done
bool(false)
read done
sleeper done
