--TEST--
Exceeding max_coroutine: a warning and go() returns false; nothing crashes
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co::set(['max_coroutine' => 3]);
var_dump(Co::getOptions()['max_coroutine']);
$ids = [];
for ($i = 0; $i < 4; $i++) {
    $ids[] = go(function () { Co::yield(); });
}
var_dump($ids[3]);
var_dump(count(array_filter($ids)));
foreach (array_filter($ids) as $id) Co::resume($id);
var_dump(is_int(go(fn () => null)));
?>
--EXPECTF--
int(3)

Warning: go(): exceed max number of coroutine 3 in %s on line %d
bool(false)
int(3)
bool(true)
