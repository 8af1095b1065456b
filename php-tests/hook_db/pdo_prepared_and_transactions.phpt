--TEST--
PDO prepared statements, transactions and errors work inside coroutines; outside them PDO is plain
--SKIPIF--
<?php $service = 'mysql'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$pdo = corust_pdo();
$pdo->exec('DROP TABLE IF EXISTS t_hook');
$pdo->exec('CREATE TABLE t_hook (id INT PRIMARY KEY, v VARCHAR(20))');
$errors = [];
Co\run(function () use (&$errors) {
    $wg = new Co\WaitGroup();
    foreach ([1, 2, 3] as $id) {
        $wg->add();
        go(function () use ($id, $wg, &$errors) {
            $pdo = corust_pdo();
            $pdo->beginTransaction();
            $st = $pdo->prepare('INSERT INTO t_hook (id, v) VALUES (?, ?)');
            $st->execute([$id, "v$id"]);
            $pdo->query('SELECT SLEEP(0.05)');
            $pdo->commit();
            try { $pdo->query('SELECT * FROM no_such_table'); } catch (PDOException $e) { $errors[$id] = "error $id: " . $e->errorInfo[1]; }
            $wg->done();
        });
    }
    $wg->wait();
});
ksort($errors);
echo implode("\n", $errors), "\n";
echo json_encode($pdo->query('SELECT id, v FROM t_hook ORDER BY id')->fetchAll(PDO::FETCH_NUM)), "\n";
$pdo->exec('DROP TABLE t_hook');
?>
--EXPECT--
error 1: 1146
error 2: 1146
error 3: 1146
[[1,"v1"],[2,"v2"],[3,"v3"]]
