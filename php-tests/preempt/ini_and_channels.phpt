--TEST--
swoole.enable_preemptive_scheduler=On turns preemption on from the start; preempted producer and consumer loops still pass every channel item in order, and the preempted coroutines show up in Coroutine::list()
--INI--
swoole.enable_preemptive_scheduler=On
--FILE--
<?php
use Swoole\Coroutine;
Co\run(function () {
    $ch = new Coroutine\Channel(64);
    $n = 20000;
    go(function () use ($ch, $n) {
        for ($i = 0; $i < $n; $i++) {
            // Busy work between pushes, so slices end mid-loop.
            $s = 0; for ($k = 0; $k < 50; $k++) { $s += $k; }
            $ch->push($i);
        }
        $ch->push(-1);
    });
    $seen = 0; $ok = true;
    $spin = go(function () {
        $t = microtime(true);
        while (microtime(true) - $t < 0.1) {}
    });
    while (($v = $ch->pop()) !== -1) {
        $ok = $ok && $v === $seen;
        $seen++;
    }
    var_dump($seen, $ok);
    var_dump(count(Coroutine::list()) >= 1);
});
?>
--EXPECT--
int(20000)
bool(true)
bool(true)
