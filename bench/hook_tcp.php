<?php // N coroutines each connect to an in-process echo server, write 64 B, read them back, close. Wall time.
require __DIR__ . '/_common.php';
$n = bench_n(1000);
Corust\run(function () use ($n) {
    $ctx = stream_context_create(['socket' => ['backlog' => 4096]]);
    $srv = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
    $addr = stream_socket_get_name($srv, false);
    go(function () use ($srv, $n) {
        for ($i = 0; $i < $n; $i++) {
            $c = stream_socket_accept($srv, 10);
            if ($c) go(function () use ($c) { fwrite($c, fread($c, 1024)); fclose($c); });
        }
    });
    $ok = 0;
    $msg = str_repeat('x', 64);
    $t = hrtime(true);
    $wg = new Corust\WaitGroup();
    for ($i = 0; $i < $n; $i++) {
        $wg->add();
        go(function () use ($wg, $addr, $msg, &$ok) {
            $c = stream_socket_client("tcp://$addr", $e, $es, 10);
            if ($c) { fwrite($c, $msg); if (fread($c, 1024) === $msg) $ok++; fclose($c); }
            $wg->done();
        });
    }
    $wg->wait();
    $s = (hrtime(true) - $t) / 1e9;
    fclose($srv);
    bench_report('hook_tcp', $n, $s, ['ok' => $ok]);
});
