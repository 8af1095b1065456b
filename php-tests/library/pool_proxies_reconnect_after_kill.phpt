--TEST--
PDOProxy, PDOStatementProxy, MysqliProxy and MysqliStatementProxy whose server connection was killed reconnect, restore attributes, charset and bindings, and retry; inside a transaction the PDO error is thrown instead
--SKIPIF--
<?php $service = 'mysql'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Database\{MysqliConfig, MysqliPool, PDOConfig, PDOPool};

$env = fn (string $k, string $d) => getenv($k) ?: $d;
$killer = corust_pdo();
$kill = function ($id) use ($killer) {
    $killer->exec("KILL $id");
    usleep(50000); // let the server finish closing it
};

Co::set(['hook_flags' => SWOOLE_HOOK_ALL]);
Co\run(function () use ($env, $kill) {
    $pool = new PDOPool((new PDOConfig)
        ->withHost($env('CORUST_MYSQL_HOST', '127.0.0.1'))->withPort((int) $env('CORUST_MYSQL_PORT', '33061'))
        ->withDbname($env('CORUST_MYSQL_DB', 'corust'))->withUsername($env('CORUST_MYSQL_USER', 'corust'))
        ->withPassword($env('CORUST_MYSQL_PASSWORD', 'corust')), 2);

    echo "-- PDOProxy\n";
    $pdo = $pool->get();
    var_dump(get_class($pdo), $pdo->getAttribute(PDO::ATTR_ERRMODE) === PDO::ERRMODE_EXCEPTION);
    $pdo->setAttribute(PDO::ATTR_DEFAULT_FETCH_MODE, PDO::FETCH_NUM);
    $first = $pdo->query('SELECT CONNECTION_ID()')->fetchColumn();
    $kill($first);
    $row = $pdo->query('SELECT CONNECTION_ID(), 1 + 1')->fetch();
    echo 'new connection: ', $row[0] != $first ? 'yes' : 'no', ", result $row[1], round ", $pdo->getRound(), "\n";
    echo 'attribute kept: ', $pdo->getAttribute(PDO::ATTR_DEFAULT_FETCH_MODE) === PDO::FETCH_NUM ? 'yes' : 'no', "\n";

    echo "-- PDOStatementProxy\n";
    $stmt = $pdo->prepare('SELECT ? AS a, ? AS b, CONNECTION_ID() AS id');
    var_dump(get_class($stmt));
    $stmt->setFetchMode(PDO::FETCH_ASSOC);
    $a = 1;
    $stmt->bindParam(1, $a, PDO::PARAM_INT);
    $stmt->bindValue(2, 'bee');
    $stmt->execute();
    $r = $stmt->fetch();
    var_dump($r['a'], $r['b']);
    $kill($r['id']);
    // Bound by reference: the value at execute time is sent, also after
    // the reconnect.
    $a = 2;
    $stmt->execute();
    $r2 = $stmt->fetch();
    echo 'new connection: ', $r2['id'] != $r['id'] ? 'yes' : 'no', ', round ', $pdo->getRound(), "\n";
    var_dump($r2['a'], $r2['b']);

    echo "-- inside a transaction the error is thrown, not retried\n";
    $pdo->beginTransaction();
    var_dump($pdo->inTransaction());
    $kill($pdo->query('SELECT CONNECTION_ID()')->fetchColumn());
    try {
        $pdo->query('SELECT 1');
        echo "no error\n";
    } catch (PDOException $e) {
        echo 'PDOException, lost connection: ', Swoole\Database\DetectsLostConnections::causedByLostConnection($e) ? 'yes' : 'no', ', round ', $pdo->getRound(), "\n";
    }
    // A broken connection goes back as null: the pool makes a new one.
    $pool->put(null);
    $pdo2 = $pool->get();
    var_dump($pdo2->inTransaction(), (int) $pdo2->query('SELECT 3')->fetchColumn());
    $pool->put($pdo2);
    $pool->close();

    echo "-- MysqliProxy\n";
    // mysqli reports errors by return value here, as Swoole's proxy expects.
    mysqli_report(MYSQLI_REPORT_OFF);
    $pool = new MysqliPool((new MysqliConfig)
        ->withHost($env('CORUST_MYSQL_HOST', '127.0.0.1'))->withPort((int) $env('CORUST_MYSQL_PORT', '33061'))
        ->withDbname($env('CORUST_MYSQL_DB', 'corust'))->withUsername($env('CORUST_MYSQL_USER', 'corust'))
        ->withPassword($env('CORUST_MYSQL_PASSWORD', 'corust')), 2);
    $m = $pool->get();
    var_dump(get_class($m), $m->character_set_name());
    $m->set_charset('latin1');
    $first = $m->query('SELECT CONNECTION_ID()')->fetch_row()[0];
    $kill($first);
    $row = $m->query('SELECT CONNECTION_ID(), 2 + 2')->fetch_row();
    echo 'new connection: ', $row[0] != $first ? 'yes' : 'no', ", result $row[1], round ", $m->getRound(), ', charset ', $m->character_set_name(), "\n";
    try {
        $m->query('SELECT * FROM no_such_table_here');
    } catch (Swoole\Database\MysqliException $e) {
        echo 'MysqliException ', $e->getCode(), "\n";
    }

    echo "-- MysqliStatementProxy\n";
    $stmt = $m->prepare('SELECT ?, CONNECTION_ID()');
    var_dump(get_class($stmt));
    $v = 5;
    $stmt->bind_param('i', $v);
    $stmt->execute();
    $stmt->bind_result($echo, $id);
    $stmt->fetch();
    var_dump($echo);
    $stmt->free_result();
    $kill($id);
    $old = $id;
    $v = 7;
    $stmt->execute();
    $stmt->fetch();
    echo 'new connection: ', $id != $old ? 'yes' : 'no', ', round ', $m->getRound(), "\n";
    var_dump($echo);
    $pool->put($m);
    $pool->close();
});
?>
--EXPECT--
-- PDOProxy
string(24) "Swoole\Database\PDOProxy"
bool(true)
new connection: yes, result 2, round 1
attribute kept: yes
-- PDOStatementProxy
string(33) "Swoole\Database\PDOStatementProxy"
int(1)
string(3) "bee"
new connection: yes, round 2
int(2)
string(3) "bee"
-- inside a transaction the error is thrown, not retried
bool(true)
PDOException, lost connection: yes, round 2
bool(false)
int(3)
-- MysqliProxy
string(27) "Swoole\Database\MysqliProxy"
string(7) "utf8mb4"
new connection: yes, result 4, round 1, charset latin1
MysqliException 1146
-- MysqliStatementProxy
string(36) "Swoole\Database\MysqliStatementProxy"
int(5)
new connection: yes, round 2
int(7)
