--TEST--
Deadlock report: when nothing can wake the remaining coroutines, one warning lists each (id, wait, file:line) and the process exits non-zero
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$status, $out] = corust_run_php(<<<'PHP'
<?php
register_shutdown_function(function () { echo "shutdown ran\n"; });
function consume($c) { return $c->pop(); }
Co\run(function () {
    $c = new Co\Channel(1);
    go(function () use ($c) { consume($c); });
    go(function () { $wg = new Co\WaitGroup(1); $wg->wait(); });
    go(function () { Co::yield(); });
    echo "run body done\n";
});
echo "NOT REACHED\n";
PHP);
echo $out, "\nstatus=$status\n";
[$status, $out] = corust_run_php('<?php go(function () { (new Co\Channel(1))->push(1); (new Co\Channel(1))->pop(); }); echo "main end\n";');
echo $out, "\nstatus=$status\n";
?>
--EXPECTF--
run body done

Warning: deadlock: 3 coroutine(s) wait for something that can never happen:
  coroutine #2 waits on channel pop
    #0 %s(3): Swoole\Coroutine\Channel->pop()
    #1 %s(6): consume()
    #2 [internal function]: {closure}()
  coroutine #3 waits on WaitGroup wait
    #0 %s(7): Swoole\Coroutine\WaitGroup->wait()
    #1 [internal function]: {closure}()
  coroutine #4 waits on Coroutine::yield() (nothing will resume it)
    #0 %s(8): Swoole\Coroutine::yield()
    #1 [internal function]: {closure}() in %s on line %d
shutdown ran
status=255
main end

Warning: deadlock: 1 coroutine(s) wait for something that can never happen:
  coroutine #1 waits on channel pop
    #0 %s(1): Swoole\Coroutine\Channel->pop()
    #1 [internal function]: {closure}() in %s on line %d
status=255
