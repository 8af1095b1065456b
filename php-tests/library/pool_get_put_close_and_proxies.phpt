--TEST--
Swoole\ConnectionPool makes connections lazily up to its size, get() times out with false, put(null) replaces a broken connection, close() wakes waiters with false; ObjectProxy forwards; the config classes' defaults; DSN errors
--FILE--
<?php
use Swoole\ConnectionPool;
use Swoole\Database\{DetectsLostConnections, MysqliConfig, PDOConfig, PDOPool, RedisConfig};

class CountingProxy extends Swoole\ObjectProxy
{
    public static int $made = 0;

    public function __construct(callable $constructor)
    {
        self::$made++;
        parent::__construct($constructor());
    }
}

Co\run(function () {
    $made = 0;
    $pool = new ConnectionPool(function () use (&$made) {
        Co::sleep(0.01); // connecting yields
        return (object) ['id' => ++$made];
    }, 2);
    var_dump(ConnectionPool::DEFAULT_SIZE);

    echo "-- lazily, up to the size\n";
    $a = $pool->get();
    $b = $pool->get();
    var_dump($a->id, $b->id, $made);
    $t = microtime(true);
    var_dump($pool->get(0.1));
    $waited = microtime(true) - $t;
    echo 'timed out after about 0.1 s: ', $waited > 0.08 && $waited < 0.5 ? 'yes' : "no ($waited)", "\n";
    $pool->put($a);
    var_dump($pool->get()->id, $made);

    echo "-- put(null) frees the slot and makes a replacement\n";
    $pool->put(null);
    var_dump($made, $pool->get(0.1)->id);

    echo "-- waiters get a connection put back\n";
    $got = [];
    for ($i = 0; $i < 2; $i++) {
        go(function () use ($pool, &$got) { $c = $pool->get(); $got[] = $c ? $c->id : $c; });
    }
    $pool->put($b);
    Co::sleep(0.01);
    var_dump($got);

    echo "-- close() wakes the waiting get() with false\n";
    go(function () use ($pool) {
        Co::sleep(0.05);
        $pool->close();
    });
    $t = microtime(true);
    var_dump($pool->get());
    echo 'woken by close: ', microtime(true) - $t < 0.5 ? 'yes' : 'no', "\n";
    Co::sleep(0.01);
    var_dump($got);
    try {
        $pool->get();
    } catch (RuntimeException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    $pool->put((object) ['id' => 99]); // ignored once closed
    echo "put after close: ignored\n";

    echo "-- a failing constructor gives its slot back; fill()\n";
    $made = 0;
    $fails = 1;
    $pool = new ConnectionPool(function () use (&$made, &$fails) {
        if ($fails-- > 0) {
            throw new Exception('refused');
        }
        return (object) ['id' => ++$made];
    }, 3);
    try {
        $pool->get();
    } catch (Exception $e) {
        echo 'get: ', $e->getMessage(), "\n";
    }
    $pool->fill();
    var_dump($made, $pool->get()->id, $made);
    $pool->close();

    echo "-- a proxy class receives the constructor\n";
    $pool = new ConnectionPool(fn () => new ArrayObject([1, 2]), 1, CountingProxy::class);
    $c = $pool->get();
    var_dump(get_class($c), $c->count(), CountingProxy::$made);
    $pool->put($c);
    var_dump($pool->get() === $c, CountingProxy::$made);
    $pool->close();
});

echo "-- ObjectProxy\n";
#[AllowDynamicProperties]
class Target { public function count() { return 3; } }
$o = new Target();
$o->x = 1;
$p = new Swoole\ObjectProxy($o);
var_dump($p->count(), $p->x, isset($p->x), isset($p->y));
$p->y = 2;
unset($p->x);
var_dump($o->y, isset($o->x), $p->__getObject() === $o);
$q = clone $p;
var_dump($q->__getObject() === $o);
class Conn { public function query() { return 'ok'; } }
$dp = new Swoole\Database\ObjectProxy(new Conn());
var_dump($dp->query());
try {
    $copy = clone $dp;
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

echo "-- DetectsLostConnections\n";
foreach ([
    'SQLSTATE[HY000]: General error: 2006 MySQL server has gone away',
    'SQLSTATE[HY000]: General error: 2013 Lost connection to MySQL server during query',
    'Connection reset by peer',
    "SQLSTATE[42S02]: Base table or view not found: 1146 Table 'x' doesn't exist",
] as $m) {
    var_dump(DetectsLostConnections::causedByLostConnection(new PDOException($m)));
}

echo "-- configs\n";
$c = new PDOConfig();
var_dump($c->getDriver(), $c->getHost(), $c->getPort(), $c->getDbname(), $c->getCharset(), $c->getUsername(),
    $c->getPassword(), $c->getOptions(), $c->hasUnixSocket(), $c->getUnixSocket(), PDOConfig::getAvailableDrivers());
var_dump($c->withUnixSocket('/tmp/x.sock') === $c, $c->hasUnixSocket(), $c->withUnixSocket('')->hasUnixSocket());
$c = new MysqliConfig();
var_dump($c->getHost(), $c->getPort(), $c->getUnixSocket(), $c->getDbname(), $c->getCharset(), $c->getUsername(), $c->getPassword());
$c = (new RedisConfig())->withOption(2 /* Redis::OPT_PREFIX */, 'p:');
var_dump($c->getHost(), $c->getPort(), $c->getTimeout(), $c->getReserved(), $c->getRetryInterval(), $c->getReadTimeout(),
    $c->getAuth(), $c->getDbIndex(), $c->getOptions(), $c->setOptions([])->getOptions());

echo "-- DSN errors come from the first get()\n";
Co\run(function () {
    foreach (['nosuchdriver', 'sqlite'] as $driver) {
        $pool = new PDOPool((new PDOConfig())->withDriver($driver)->withDbname(':memory:'), 1);
        try {
            $pool->get();
        } catch (Exception $e) {
            echo $e->getMessage(), "\n";
        }
    }
});
?>
--EXPECT--
int(64)
-- lazily, up to the size
int(1)
int(2)
int(2)
bool(false)
timed out after about 0.1 s: yes
int(1)
int(2)
-- put(null) frees the slot and makes a replacement
int(3)
int(3)
-- waiters get a connection put back
array(1) {
  [0]=>
  int(2)
}
-- close() wakes the waiting get() with false
bool(false)
woken by close: yes
array(2) {
  [0]=>
  int(2)
  [1]=>
  bool(false)
}
RuntimeException: Pool has been closed
put after close: ignored
-- a failing constructor gives its slot back; fill()
get: refused
int(3)
int(1)
int(3)
-- a proxy class receives the constructor
string(13) "CountingProxy"
int(2)
int(1)
bool(true)
int(1)
-- ObjectProxy
int(3)
int(1)
bool(true)
bool(false)
int(2)
bool(false)
bool(true)
bool(true)
string(2) "ok"
Error: Trying to clone an uncloneable database proxy object
-- DetectsLostConnections
bool(true)
bool(true)
bool(true)
bool(false)
-- configs
string(5) "mysql"
string(9) "127.0.0.1"
int(3306)
string(4) "test"
string(7) "utf8mb4"
string(4) "root"
string(4) "root"
array(0) {
}
bool(false)
NULL
array(1) {
  [0]=>
  string(5) "mysql"
}
bool(true)
bool(true)
bool(false)
string(9) "127.0.0.1"
int(3306)
NULL
string(4) "test"
string(7) "utf8mb4"
string(4) "root"
string(4) "root"
string(9) "127.0.0.1"
int(6379)
float(0)
string(0) ""
int(0)
float(0)
string(0) ""
int(0)
array(1) {
  [2]=>
  string(2) "p:"
}
array(0) {
}
-- DSN errors come from the first get()
Unsupported Database Driver:nosuchdriver
Connection pool in Swoole does not support creating SQLite databases in memory.
