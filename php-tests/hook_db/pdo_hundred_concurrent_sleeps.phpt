--TEST--
100 coroutines each running SELECT SLEEP(0.2) on their own PDO connection overlap, and every row comes back to its asker
--SKIPIF--
<?php $service = 'mysql'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$t = microtime(true);
$ok = 0;
$bad = [];
Co\run(function () use (&$ok, &$bad) {
    $wg = new Co\WaitGroup();
    for ($i = 0; $i < 100; $i++) {
        $wg->add();
        go(function () use ($i, $wg, &$ok, &$bad) {
            $pdo = corust_pdo();
            $row = $pdo->query("SELECT SLEEP(0.2) AS s, $i AS id, CONCAT('row-', $i) AS tag")->fetch(PDO::FETCH_ASSOC);
            if ((int) $row['id'] === $i && $row['tag'] === "row-$i") { $ok++; } else { $bad[] = [$i, $row]; }
            $wg->done();
        });
    }
    $wg->wait();
});
$elapsed = microtime(true) - $t;
var_dump($ok, $bad);
echo "well under 2 s (serial: 20 s): ", $elapsed < 2.0 ? 'yes' : "no ($elapsed)", "\n";
?>
--EXPECT--
int(100)
array(0) {
}
well under 2 s (serial: 20 s): yes
