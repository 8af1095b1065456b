--TEST--
Deadlock report: when nothing can wake the remaining coroutines, Swoole's "all coroutines are asleep" report lists each with its backtrace (newest first), they are discarded and the script goes on (a channel they waited on names them when it goes, as Swoole's); enable_deadlock_check => false silences it
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
echo "after run\n";
PHP);
echo $out, "\nstatus=$status\n";
[$status, $out] = corust_run_php('<?php Co::set(["enable_deadlock_check" => false]); go(function () { (new Co\Channel(1))->pop(); }); echo "main end\n";');
echo $out, "\nstatus=$status\n";
?>
--EXPECTF--
run body done

 =================================================================
  [FATAL ERROR]: all coroutines (count: 3) are asleep - deadlock!
 =================================================================

  [Coroutine-4]
 -----------------------------------------------------------------
#0 %s(8): Swoole\Coroutine::yield()
#1 [internal function]: {closure}()

  [Coroutine-3]
 -----------------------------------------------------------------
#0 %s(7): Swoole\Coroutine\WaitGroup->wait()
#1 [internal function]: {closure}()

  [Coroutine-2]
 -----------------------------------------------------------------
#0 %s(3): Swoole\Coroutine\Channel->pop()
#1 %s(6): consume()
#2 [internal function]: {closure}()

 =================================================================
after run
shutdown ran
[%s]	WARNING	Channel::~Channel() (ERRNO 10003): channel is destroyed, 1 consumers will be discarded
status=0
main end
[%s]	WARNING	Channel::~Channel() (ERRNO 10003): channel is destroyed, 1 consumers will be discarded
status=0
