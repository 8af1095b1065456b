--TEST--
MysqliPool of size 10 serves 200 concurrent coroutines with prepared statements: every answer reaches its asker, 10 connections are used and the waits overlap
--SKIPIF--
<?php $service = 'mysql'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Database\{MysqliConfig, MysqliPool};

$env = fn (string $k, string $d) => getenv($k) ?: $d;
Co::set(['hook_flags' => SWOOLE_HOOK_ALL]);
Co\run(function () use ($env) {
    $pool = new MysqliPool((new MysqliConfig)
        ->withHost($env('CORUST_MYSQL_HOST', '127.0.0.1'))->withPort((int) $env('CORUST_MYSQL_PORT', '33061'))
        ->withDbname($env('CORUST_MYSQL_DB', 'corust'))->withUsername($env('CORUST_MYSQL_USER', 'corust'))
        ->withPassword($env('CORUST_MYSQL_PASSWORD', 'corust')), 10);
    $t = microtime(true);
    $wrong = [];
    $ids = [];
    $wg = new Co\WaitGroup();
    for ($i = 0; $i < 200; $i++) {
        $wg->add();
        go(function () use ($i, $pool, $wg, &$wrong, &$ids) {
            $mysqli = $pool->get();
            $stmt = $mysqli->prepare('SELECT SLEEP(0.05), ?, CONNECTION_ID()');
            $stmt->bind_param('i', $i);
            $stmt->execute();
            $stmt->bind_result($sleep, $echo, $id);
            $stmt->fetch();
            $stmt->close();
            $pool->put($mysqli);
            $ids[$id] = true;
            if ($echo !== $i) {
                $wrong[] = [$i, $echo];
            }
            $wg->done();
        });
    }
    $wg->wait();
    $took = microtime(true) - $t;
    echo 'wrong answers: ', count($wrong), ', connections used: ', count($ids), "\n";
    echo 'overlapped (serial: 10 s): ', $took < 5 ? 'yes' : "no ($took s)", "\n";
    $pool->close();
});
?>
--EXPECT--
wrong answers: 0, connections used: 10
overlapped (serial: 10 s): yes
