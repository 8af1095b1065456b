--TEST--
Process\Pool with SWOOLE_IPC_SOCKET: listen() on a unix socket, each worker accepts a connection and reads one length-prefixed message for its message callback, write() replies (length-prefixed), a zero or oversized length only costs that connection; SIGTERM to the master stops the pool (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
$path = sys_get_temp_dir() . '/corust-pool-' . getmypid() . '.sock';
@unlink($path);
$pool = new Swoole\Process\Pool(2, SWOOLE_IPC_SOCKET);
var_dump($pool->write('x'));
var_dump($pool->listen("unix:$path"));
$pool->on('message', function ($pool, $data) {
    $pool->write("worker got: ");
    $pool->write($data);
});
$master = getmypid();
$client = pcntl_fork();
if ($client === 0) {
    usleep(300000);
    $ask = function (string $raw) use ($path) {
        $c = stream_socket_client("unix://$path", $e, $es, 2);
        fwrite($c, $raw);
        $head = fread($c, 4);
        if (strlen($head) < 4) {
            return 'closed without a reply';
        }
        $n = unpack('N', $head)[1];
        $body = '';
        while (strlen($body) < $n && !feof($c)) $body .= fread($c, $n - strlen($body));
        return $body;
    };
    foreach (['hello', str_repeat('z', 100000)] as $m) {
        $r = $ask(pack('N', strlen($m)) . $m);
        echo strlen($r) > 100 ? 'reply of ' . strlen($r) . " bytes\n" : "$r\n";
    }
    echo $ask(pack('N', 0)), "\n";
    echo $ask(pack('N', 100 << 20)), "\n";
    echo $ask(pack('N', 3) . 'end'), "\n";
    posix_kill($master, SIGTERM);
    exit(0);
}
var_dump($pool->start());
pcntl_waitpid($client, $st);
@unlink($path);
echo "stopped\n";
?>
--EXPECT--
bool(false)
bool(true)
worker got: hello
reply of 100012 bytes
closed without a reply
closed without a reply
worker got: end
NULL
stopped
