<?php // Swoole\Server (BASE, 1 worker, open_length_check) echoing 64-byte length-framed packets to 10 Coroutine\Client connections: N round trips in all. The server runs in a child process with the same extension as this script. Swoole names: runs on corust and on Swoole.
require __DIR__ . '/_common.php';
$n = bench_n(100000);
$clients = 10;
$proto = ['open_length_check' => true, 'package_length_type' => 'N', 'package_length_offset' => 0, 'package_body_offset' => 4];
if (($argv[2] ?? '') === 'server') {
    $server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
    $server->set($proto + ['worker_num' => 1, 'log_level' => 5]);
    $server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
    $server->on('receive', function ($s, $fd, $rid, $data) { $s->send($fd, $data); });
    $server->start();
    exit;
}
$ext = '';
foreach (file('/proc/self/maps') as $l) {
    if (preg_match('~(/\S*(?:libcorust|swoole)\.so)\s*$~', $l, $m)) { $ext = $m[1]; break; }
}
$pre = [];
foreach (['curl', 'sockets'] as $e) if (extension_loaded($e)) { $pre[] = '-d'; $pre[] = "extension=$e"; }
$proc = proc_open(array_merge([PHP_BINARY, '-n'], $pre, ['-d', "extension=$ext", __FILE__, (string) $n, 'server']), [1 => ['pipe', 'w']], $pipes);
$line = fgets($pipes[1]);
if (!preg_match('/READY (\d+)/', (string) $line, $m)) { proc_terminate($proc); exit("server did not start\n"); }
$port = (int) $m[1];
Swoole\Coroutine\run(function () use ($n, $clients, $proto, $port) {
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
    bench_report('tcp_server_echo', $per * $clients, (hrtime(true) - $t) / 1e9, ['ok' => $ok]);
});
proc_terminate($proc);
proc_close($proc);
