--TEST--
go() at the top level without run(): pending coroutines finish before the process exits
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
for ($i = 3; $i >= 1; $i--) {
    go(function () use ($i) { Co::sleep($i * 0.03); echo "done $i\n"; });
}
echo "main end\n";
?>
--EXPECT--
main end
done 1
done 2
done 3
