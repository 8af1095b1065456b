<?php // 100 coroutines, each its own PDO connection, SELECT SLEEP(0.1). Wall time.
// Needs the test MariaDB: make services-start (prints the env to eval).
require __DIR__ . '/_common.php';
$n = bench_n(100);
$dsn = sprintf('mysql:host=%s;port=%s;dbname=corust', getenv('CORUST_MYSQL_HOST') ?: '127.0.0.1', getenv('CORUST_MYSQL_PORT') ?: '33061');
$t = hrtime(true);
Corust\run(function () use ($n, $dsn) {
    for ($i = 0; $i < $n; $i++) {
        go(function () use ($dsn) { (new PDO($dsn, 'corust', 'corust'))->query('SELECT SLEEP(0.1)'); });
    }
});
bench_report('mysql_fanout', $n, (hrtime(true) - $t) / 1e9);
