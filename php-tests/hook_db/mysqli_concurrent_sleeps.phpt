--TEST--
mysqli (mysqlnd) queries in 100 coroutines overlap and return their own rows
--SKIPIF--
<?php $service = 'mysql'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$t = microtime(true);
$ok = 0;
Co\run(function () use (&$ok) {
    for ($i = 0; $i < 100; $i++) {
        go(function () use ($i, &$ok) {
            $db = corust_mysqli();
            $r = $db->query("SELECT SLEEP(0.2), $i * 2 AS twice")->fetch_assoc();
            if ((int) $r['twice'] === $i * 2) $ok++;
            $db->close();
        });
    }
});
var_dump($ok);
echo "overlapped: ", microtime(true) - $t < 2.0 ? 'yes' : 'no', "\n";
?>
--EXPECT--
int(100)
overlapped: yes
