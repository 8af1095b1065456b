<?php // Coroutine\Http\Client: 10 clients x N/10 keep-alive GETs against an Http\Server (SWOOLE_BASE, 1 worker) in another process. The server runs on SERVER_EXT (a .so path; default: the extension this script runs on), so corust's and Swoole's clients can be timed against the same server. Swoole names: runs on corust and on Swoole.
require __DIR__ . '/_common.php';
$n = bench_n(20000);
$clients = 10;
$ext = getenv('SERVER_EXT') ?: (function () {
    foreach (file('/proc/self/maps') as $l) if (preg_match('~(/\S*(libcorust|swoole)\.so)\s*$~', $l, $m)) return $m[1];
    return '';
})();
$code = '<?php $s = new Swoole\Http\Server("127.0.0.1", 0, SWOOLE_BASE); $s->set(["worker_num" => 1, "log_level" => 5]);'
    . '$s->on("workerStart", function ($s) { echo "READY {$s->port}\n"; });'
    . '$s->on("request", function ($q, $r) { $r->end("hello world"); }); $s->start();';
$file = tempnam(sys_get_temp_dir(), 'hcb') . '.php';
file_put_contents($file, $code);
$proc = proc_open([PHP_BINARY, '-d', "extension=$ext", $file], [1 => ['pipe', 'w']], $pipes);
if (!preg_match('/READY (\d+)/', (string) fgets($pipes[1]), $m)) { fwrite(STDERR, "server did not start\n"); exit(1); }
$port = (int) $m[1];
Swoole\Coroutine\run(function () use ($n, $clients, $port) {
    $ok = 0;
    $per = intdiv($n, $clients);
    $wg = new Swoole\Coroutine\WaitGroup();
    $t = hrtime(true);
    for ($i = 0; $i < $clients; $i++) {
        $wg->add();
        go(function () use ($port, $per, $wg, &$ok) {
            $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
            for ($k = 0; $k < $per; $k++) {
                if ($c->get('/') && $c->body === 'hello world') $ok++;
            }
            $c->close();
            $wg->done();
        });
    }
    $wg->wait();
    bench_report('http_client_keepalive', $per * $clients, (hrtime(true) - $t) / 1e9, ['ok' => $ok]);
});
proc_terminate($proc);
proc_close($proc);
unlink($file);
