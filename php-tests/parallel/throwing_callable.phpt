--TEST--
parallel(): a throwing callable gives ParallelExecutionException with keyed results and throwables
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    try {
        Corust\parallel([
            'ok' => fn () => 1,
            'bad' => function () { Co::sleep(0.01); throw new InvalidArgumentException('nope'); },
            'also' => fn () => 3,
        ]);
    } catch (Corust\ParallelExecutionException $e) {
        echo $e->getMessage(), "\n";
        var_dump($e instanceof RuntimeException, $e->getResults());
        foreach ($e->getThrowables() as $k => $t) echo "$k: ", get_class($t), " ", $t->getMessage(), "\n";
    }
    try { Corust\parallel(['x' => 'not callable']); } catch (TypeError $e) { echo get_class($e), "\n"; }
});
?>
--EXPECTF--
Detecting 1 throwable occurred during parallel execution:
(bad) InvalidArgumentException: nope
bool(true)
array(2) {
  ["ok"]=>
  int(1)
  ["also"]=>
  int(3)
}
bad: InvalidArgumentException nope
TypeError
