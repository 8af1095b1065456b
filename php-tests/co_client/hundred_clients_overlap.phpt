--TEST--
Coroutine\Client: 100 clients in 100 coroutines against one Coroutine\Socket server that holds each answer 200 ms; every client gets its own answer and the waits overlap (all done in far less than 100 × 200 ms)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $srv = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    $srv->bind('127.0.0.1', 0);
    $srv->listen(256);
    $port = $srv->getsockname()['port'];
    go(function () use ($srv) {
        for ($i = 0; $i < 100; $i++) {
            $c = $srv->accept(10);
            go(function () use ($c) {
                $line = $c->recvLine();
                usleep(200000);
                $c->sendAll("re:" . $line);
                $c->close();
            });
        }
        $srv->close();
    });
    $wg = new Swoole\Coroutine\WaitGroup();
    $good = 0;
    $t = microtime(true);
    for ($i = 0; $i < 100; $i++) {
        $wg->add();
        go(function () use ($i, $port, $wg, &$good) {
            $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
            $c->set(['open_eof_check' => true, 'package_eof' => "\n"]);
            if ($c->connect('127.0.0.1', $port, 5)) {
                $c->send("client $i\n");
                $good += ($c->recv(5) === "re:client $i\n");
            }
            $wg->done();
        });
    }
    $wg->wait(10);
    $took = microtime(true) - $t;
    echo "answers: $good\n";
    echo "overlapped: ", json_encode($took < 5.0), "\n";
});
?>
--EXPECT--
answers: 100
overlapped: true
