--TEST--
Output buffers belong to the coroutine (Swoole's semantics): two coroutines suspended between ob_start() and ob_get_clean() each get only their own output; a coroutine without a buffer prints straight out, not into its creator's buffer; buffers left open are flushed when the coroutine ends
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
ob_start();
echo "main buffered\n";
Co\run(function () {
    $results = [];
    $wg = new Swoole\Coroutine\WaitGroup();
    foreach (['A', 'B'] as $name) {
        $wg->add();
        go(function () use ($name, &$results, $wg) {
            ob_start();
            echo "$name part 1; ";
            Co::sleep(0.05);
            echo "$name part 2; level ", ob_get_level();
            $results[$name] = ob_get_clean();
            $wg->done();
        });
    }
    go(function () { echo "unbuffered coroutine prints straight out\n"; });
    go(function () {
        ob_start();
        echo "left open, flushed at the coroutine's end\n";
        Co::sleep(0.01);
    });
    $wg->wait();
    ksort($results);
    foreach ($results as $name => $r) {
        echo "$name got: $r\n";
    }
    echo 'levels: ', ob_get_level(), "\n";
});
$main = ob_get_clean();
echo "main's buffer: ", $main;
?>
--EXPECT--
unbuffered coroutine prints straight out
left open, flushed at the coroutine's end
A got: A part 1; A part 2; level 1
B got: B part 1; B part 2; level 1
levels: 0
main's buffer: main buffered
