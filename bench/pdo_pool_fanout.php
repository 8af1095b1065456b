<?php // Pooled PDO fan-out: 200 coroutines share a Swoole\Database\PDOPool of 20
// and run 10,000 queries in all (SELECT ?, a round trip each). Wall time.
// Swoole names only, so it runs on Swoole too. Needs the test MariaDB
// (make services-start prints the env to eval).
require __DIR__ . '/_common.php';
$n = bench_n(10000);
Co::set(['hook_flags' => SWOOLE_HOOK_ALL]);
$t = hrtime(true);
Co\run(function () use ($n) {
    $cfg = (new Swoole\Database\PDOConfig())
        ->withHost(getenv('CORUST_MYSQL_HOST') ?: '127.0.0.1')->withPort((int) (getenv('CORUST_MYSQL_PORT') ?: 33061))
        ->withDbName(getenv('CORUST_MYSQL_DB') ?: 'corust')->withUsername(getenv('CORUST_MYSQL_USER') ?: 'corust')
        ->withPassword(getenv('CORUST_MYSQL_PASSWORD') ?: 'corust');
    $pool = new Swoole\Database\PDOPool($cfg, 20);
    $wg = new Swoole\Coroutine\WaitGroup();
    $per = intdiv($n, 200);
    for ($c = 0; $c < 200; $c++) {
        $wg->add();
        go(function () use ($pool, $per, $wg, $c) {
            for ($i = 0; $i < $per; $i++) {
                $pdo = $pool->get();
                $st = $pdo->prepare('SELECT ?');
                $st->execute([$c * $per + $i]);
                if ((int) $st->fetchColumn() !== $c * $per + $i) {
                    throw new RuntimeException('wrong answer');
                }
                $pool->put($pdo);
            }
            $wg->done();
        });
    }
    $wg->wait();
    $pool->close();
});
bench_report('pdo_pool_fanout', $n, (hrtime(true) - $t) / 1e9);
