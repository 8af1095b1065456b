--TEST--
Timers due in the same pass resume their coroutines at once, in deadline order, the first armed first on a tie (Swoole resumes at once too, in heap order): a sleeper whose 1 ms sleep ends first pushes to a channel, and the popper whose 1 ms timeout is due in that same pass gets the value instead of timing out; timeouts under 1 ms count as 1 ms (Swoole's minimum), so accept(0.0001)/recv(0.0001) still see a peer that is ready by then
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    for ($round = 0; $round < 20; $round++) {
        $chan = new Swoole\Coroutine\Channel(3);
        go(function () use ($chan) {
            Co::sleep(0.001);
            $chan->push("data");
        });
        $a = $chan->pop(0.001);
        $b = $chan->pop(0.001);
        if ($a !== "data" || $b !== false) {
            echo "round $round: ", var_export([$a, $b], true), "\n";
        }
    }
    echo "20 rounds\n";

    $server = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, IPPROTO_IP);
    var_dump($server->bind('127.0.0.1', 0), $server->listen(8));
    $port = $server->getsockname()['port'];
    $done = new Swoole\Coroutine\Channel(1);
    go(function () use ($server, $done) {
        $conn = $server->accept(0.0001);
        var_dump($conn instanceof Swoole\Coroutine\Socket);
        $data = $conn->recv(65536, 0.0001);
        $conn->send("echo:$data");
        $done->pop(); // keeps the connection open
    });
    $c = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, IPPROTO_IP);
    var_dump($c->connect('127.0.0.1', $port));
    $c->send('hello');
    var_dump($c->recv());
    // A real timeout still times out (after about 1 ms, not at once).
    $t = microtime(true);
    var_dump($c->recv(65536, 0.0001), $c->errCode === SOCKET_ETIMEDOUT, microtime(true) - $t >= 0.0009);
    $done->push(true);
});
?>
--EXPECT--
20 rounds
bool(true)
bool(true)
bool(true)
bool(true)
string(10) "echo:hello"
bool(false)
bool(true)
bool(true)
