<?php // DB fan-out through the stream hooks: 100 coroutines, each with its own
// connection, each doing 100 round trips — mysql: PDO `SELECT v FROM bench_kv
// WHERE id=?` (prepared, server-side); redis: phpredis SET+GET. Swoole names,
// so the same script runs on corust and on a Swoole build. Wall time.
// Usage: php -d extension=… db_fanout.php mysql|redis [coroutines] [round trips]
// Needs the test services: eval "$(scripts/services.sh env)" after make services-start.
require __DIR__ . '/_common.php';
$what = $argv[1] ?? 'mysql';
$n = (int) ($argv[2] ?? 100);
$m = (int) ($argv[3] ?? 100);
$host = '127.0.0.1';
$mysql = sprintf('mysql:host=%s;port=%s;dbname=corust', $host, getenv('CORUST_MYSQL_PORT') ?: '33061');
$redis_port = (int) (getenv('CORUST_REDIS_PORT') ?: 63791);
if ($what === 'mysql') {
    $pdo = new PDO($mysql, 'corust', 'corust');
    $pdo->exec('CREATE TABLE IF NOT EXISTS bench_kv (id INT PRIMARY KEY, v VARCHAR(32))');
    $pdo->exec('REPLACE INTO bench_kv VALUES ' . implode(',', array_map(fn ($i) => "($i, 'value-$i')", range(1, 100))));
    $pdo = null;
}
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$ok = 0;
$t = hrtime(true);
Swoole\Coroutine\run(function () use ($what, $n, $m, $mysql, $host, $redis_port, &$ok) {
    for ($i = 0; $i < $n; $i++) {
        go(function () use ($what, $m, $i, $mysql, $host, $redis_port, &$ok) {
            if ($what === 'mysql') {
                $pdo = new PDO($mysql, 'corust', 'corust', [PDO::ATTR_EMULATE_PREPARES => false]);
                $st = $pdo->prepare('SELECT v FROM bench_kv WHERE id = ?');
                for ($j = 0; $j < $m; $j++) {
                    $id = ($i * $m + $j) % 100 + 1;
                    $st->execute([$id]);
                    if ($st->fetchColumn() === "value-$id") $ok++;
                }
            } else {
                $r = new Redis();
                $r->connect($host, $redis_port);
                for ($j = 0; $j < $m; $j++) {
                    $r->set("bench:$i", "v$j");
                    if ($r->get("bench:$i") === "v$j") $ok++;
                }
            }
        });
    }
});
bench_report("db_fanout_$what", $n * $m, (hrtime(true) - $t) / 1e9, ['ok' => $ok]);
