--TEST--
20,000 coroutines alive at once fit in the default memory_limit (128M)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--INI--
memory_limit=128M
--FILE--
<?php
$n = 20000;
$before = memory_get_usage();
$ids = [];
$wake = function () { Co::yield(); };
for ($i = 0; $i < $n; $i++) {
    $ids[] = go($wake);
}
$per = (memory_get_usage() - $before) / $n;
var_dump(Co::stats()['coroutine_num']);
echo "under 4 KB of PHP memory each: ", $per < 4096 ? "yes" : "no ($per)", "\n";
foreach ($ids as $id) Co::resume($id);
var_dump(Co::stats()['coroutine_num']);
?>
--EXPECT--
int(20000)
under 4 KB of PHP memory each: yes
int(0)
