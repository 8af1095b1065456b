--TEST--
hook_sockets: an ext-sockets TCP server and its clients in one process (accept, read, write of 1 MB, socket_select), a unix socket and UDP, with plain Socket objects and ext-sockets' own results
--SKIPIF--
<?php if (!extension_loaded('sockets')) die('skip ext-sockets missing'); require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
Swoole\Coroutine\run(function () {
    $server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_bind($server, '127.0.0.1', 0);
    socket_listen($server, 16);
    socket_getsockname($server, $addr, $port);
    echo get_class($server), "\n";
    $ticks = 0;
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { usleep(10000); $ticks++; } });
    go(function () use ($server) {
        for ($n = 0; $n < 3; $n++) {
            $conn = socket_accept($server);
            go(function () use ($conn) {
                $got = '';
                while (strlen($got) < 1000000) {
                    $chunk = socket_read($conn, 65536);
                    if ($chunk === false || $chunk === '') break;
                    $got .= $chunk;
                }
                socket_write($conn, 'got ' . strlen($got) . ' ' . md5($got));
                socket_close($conn);
            });
        }
    });
    $wg = new Swoole\Coroutine\WaitGroup();
    $t = microtime(true);
    for ($c = 0; $c < 3; $c++) {
        $wg->add();
        go(function () use ($port, $c, $wg) {
            $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
            var_dump(socket_connect($s, '127.0.0.1', $port));
            usleep(50000);
            $data = str_repeat(chr(65 + $c), 1000000);
            $written = socket_write($s, $data);
            $r = socket_recv($s, $buf, 100, 0);
            echo "client $c: wrote $written, ", $buf === 'got 1000000 ' . md5($data) ? 'echoed' : $buf, "\n";
            socket_close($s);
            $wg->done();
        });
    }
    $wg->wait();
    echo "loop ran meanwhile: ", $ticks > 0 ? 'yes' : 'no', "\n";

    // socket_select waits for any of them.
    $pair = [];
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
    go(function () use ($pair) { usleep(30000); socket_write($pair[1], 'ping'); });
    $read = [$pair[0]]; $write = null; $except = null;
    $t = microtime(true);
    var_dump(socket_select($read, $write, $except, 2), count($read), microtime(true) - $t > 0.02);
    var_dump(socket_read($pair[0], 10));
    $read = [$pair[0]];
    var_dump(socket_select($read, $write, $except, 0, 50000), count($read));

    // UDP.
    $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
    socket_bind($u, '127.0.0.1', 0);
    socket_getsockname($u, $uaddr, $uport);
    go(function () use ($uport) {
        usleep(20000);
        $c = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
        socket_sendto($c, 'datagram', 8, 0, '127.0.0.1', $uport);
    });
    var_dump(socket_recvfrom($u, $buf, 100, 0, $from, $fromport), $buf, $from);
});
?>
--EXPECT--
Socket
bool(true)
bool(true)
bool(true)
client 0: wrote 1000000, echoed
client 1: wrote 1000000, echoed
client 2: wrote 1000000, echoed
loop ran meanwhile: yes
int(1)
int(1)
bool(true)
string(4) "ping"
int(0)
int(0)
int(8)
string(8) "datagram"
string(9) "127.0.0.1"
