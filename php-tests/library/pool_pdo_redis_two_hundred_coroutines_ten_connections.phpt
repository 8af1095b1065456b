--TEST--
PDOPool and RedisPool of size 10 serve 200 concurrent coroutines: at most 10 connections ever made, every answer reaches its asker, and the waits overlap
--SKIPIF--
<?php $service = 'mysql'; require __DIR__ . '/../include/skipif.php'; ?>
<?php $service = 'redis'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Database\{PDOConfig, PDOPool, RedisConfig, RedisPool};

$env = fn (string $k, string $d) => getenv($k) ?: $d;
// Marks this process's queries and connections so that the servers' lists
// can be filtered down to them.
$tag = 'pooltest' . getmypid();
// How many connections a pool has made and not given up (its $num).
$made = fn ($pool) => (fn () => $this->num)->call($pool);

/** Runs $task(0..199) in 200 coroutines; prints wrong answers and whether the 200 waits of 50 ms overlapped. */
function run200(string $name, callable $task): void
{
    $t = microtime(true);
    $wrong = [];
    $wg = new Co\WaitGroup();
    for ($i = 0; $i < 200; $i++) {
        $wg->add();
        go(function () use ($i, $task, $wg, &$wrong) {
            $got = $task($i);
            if ($got !== $i) {
                $wrong[] = [$i, $got];
            }
            $wg->done();
        });
    }
    $wg->wait();
    $took = microtime(true) - $t;
    echo "$name: wrong answers: ", count($wrong), ', overlapped (serial: 10 s): ', $took < 5 ? 'yes' : "no ($took s)", "\n";
}

Co::set(['hook_flags' => SWOOLE_HOOK_ALL]);
Co\run(function () use ($env, $tag, $made) {
    $pdoPool = new PDOPool((new PDOConfig)
        ->withHost($env('CORUST_MYSQL_HOST', '127.0.0.1'))->withPort((int) $env('CORUST_MYSQL_PORT', '33061'))
        ->withDbname($env('CORUST_MYSQL_DB', 'corust'))->withUsername($env('CORUST_MYSQL_USER', 'corust'))
        ->withPassword($env('CORUST_MYSQL_PASSWORD', 'corust')), 10);
    $redisPool = new RedisPool((new RedisConfig)
        ->withHost($env('CORUST_REDIS_HOST', '127.0.0.1'))->withPort((int) $env('CORUST_REDIS_PORT', '63791'))
        ->withTimeout(5), 10);

    // Watches from outside the pools: how many of our queries the server
    // runs at the same time, and how many connections the pools hold.
    $monitor = corust_pdo();
    $maxRunning = 0;
    $maxMade = 0;
    $done = false;
    go(function () use ($monitor, $tag, &$maxRunning, &$maxMade, &$done, $made, $pdoPool, $redisPool) {
        $q = $monitor->prepare('SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()');
        while (!$done) {
            $q->execute(["%$tag%"]);
            $maxRunning = max($maxRunning, (int) $q->fetchColumn());
            $maxMade = max($maxMade, $made($pdoPool), $made($redisPool));
            Co::sleep(0.01);
        }
    });

    $ids = ['pdo' => [], 'redis' => []];
    run200('PDOPool', function (int $i) use ($pdoPool, $tag, &$ids) {
        $pdo = $pdoPool->get();
        $row = $pdo->query("SELECT SLEEP(0.05) AS s, $i AS i, CONNECTION_ID() AS id /* $tag */")->fetch(PDO::FETCH_ASSOC);
        $pdoPool->put($pdo);
        $ids['pdo'][$row['id']] = true;
        return (int) $row['i'];
    });
    run200('RedisPool', function (int $i) use ($redisPool, $tag, &$ids) {
        $redis = $redisPool->get();
        if ($redis->client('getname') !== $tag) {
            $redis->client('setname', $tag);
        }
        $ids['redis'][$redis->rawCommand('CLIENT', 'ID')] = true;
        // Blocks on the server for 50 ms: the pool's waits must overlap.
        $redis->rawCommand('BLPOP', "$tag-never-pushed", '0.05');
        $redis->set("$tag:$i", (string) $i);
        $got = $redis->get("$tag:$i");
        $redis->del("$tag:$i");
        $redisPool->put($redis);
        return (int) $got;
    });
    $done = true;

    // The connections the Redis server sees under our name: the pool's 10.
    $redis = $redisPool->get();
    $named = substr_count($redis->rawCommand('CLIENT', 'LIST', 'TYPE', 'normal'), "name=$tag ");
    $redisPool->put($redis);

    echo 'connections used: pdo ', count($ids['pdo']), ', redis ', count($ids['redis']), "\n";
    echo "redis CLIENT LIST: $named\n";
    echo 'most connections made at once: ', $maxMade, "\n";
    echo 'most of our queries running at once: ', $maxRunning <= 10 ? 'at most 10' : $maxRunning,
        $maxRunning >= 2 ? ', several' : ', one at a time', "\n";
    $pdoPool->close();
    $redisPool->close();
});
?>
--EXPECT--
PDOPool: wrong answers: 0, overlapped (serial: 10 s): yes
RedisPool: wrong answers: 0, overlapped (serial: 10 s): yes
connections used: pdo 10, redis 10
redis CLIENT LIST: 10
most connections made at once: 10
most of our queries running at once: at most 10, several
