<?php // Length-framed echo over Coroutine\Socket (server) and Coroutine\Client (10 clients): N round trips of 64-byte packets in all. Swoole names: runs on corust and on Swoole.
require __DIR__ . '/_common.php';
$n = bench_n(100000);
$clients = 10;
$proto = ['open_length_check' => true, 'package_length_type' => 'N', 'package_length_offset' => 0, 'package_body_offset' => 4];
Swoole\Coroutine\run(function () use ($n, $clients, $proto) {
    $srv = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    $srv->bind('127.0.0.1', 0);
    $srv->listen(128);
    $srv->setProtocol($proto);
    $port = $srv->getsockname()['port'];
    go(function () use ($srv, $clients) {
        for ($i = 0; $i < $clients; $i++) {
            $c = $srv->accept(10);
            go(function () use ($c) {
                while (($p = $c->recvPacket(10)) !== '' && $p !== false) {
                    $c->sendAll($p);
                }
                $c->close();
            });
        }
    });
    $frame = pack('N', 64) . str_repeat('x', 64);
    $ok = 0;
    $per = intdiv($n, $clients);
    $wg = new Swoole\Coroutine\WaitGroup();
    $t = hrtime(true);
    for ($i = 0; $i < $clients; $i++) {
        $wg->add();
        go(function () use ($port, $proto, $frame, $per, $wg, &$ok) {
            $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
            $c->set($proto);
            $c->connect('127.0.0.1', $port, 5);
            for ($k = 0; $k < $per; $k++) {
                $c->send($frame);
                if ($c->recv(5) === $frame) $ok++;
            }
            $c->close();
            $wg->done();
        });
    }
    $wg->wait();
    $s = (hrtime(true) - $t) / 1e9;
    $srv->close();
    bench_report('socket_packet_echo', $per * $clients, $s, ['ok' => $ok]);
});
