--TEST--
Process\Pool master: Timer::tick/after armed in onStart run in the master while it supervises (an after() there calls shutdown()), none fires once start() has returned; a worker blocked before workerStart gave control back ends at SIGTERM (default action), one blocked after it is killed after max_wait_time — same output as Swoole 6.2.2
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Atomic;
use Swoole\Process\Pool;
use Swoole\Timer;

$t0 = microtime(true);
$ms = fn () => (microtime(true) - $t0) * 1000;
$atomic = new Atomic();
$ticks = 0;
$pool = new Pool(2, SWOOLE_IPC_NONE);
$pool->set(['enable_coroutine' => true, 'max_wait_time' => 1]);
$pool->on('workerStart', function (Pool $pool, int $id) use ($atomic) {
    if ($id == 1) {
        // Blocks before workerStart gives control back: SIGTERM still has
        // its default action and ends this worker at once.
        $atomic->wait(-1);
    }
    // From here SIGTERM asks the worker to stop; its loop never empties
    // (this blocks the process), so the master kills it after max_wait_time.
    Co::sleep(0.01);
    $atomic->wait(-1);
});
$pool->on('start', function (Pool $pool) use (&$ticks, $ms) {
    echo "start\n";
    Timer::tick(100, function () use (&$ticks) { $ticks++; });
    Timer::after(500, function () use ($pool, $ms) {
        $t = $ms();
        echo "after(500) ran at 500 ms: ", json_encode($t >= 490 && $t < 900), "\n";
        $pool->shutdown();
    });
});
$pool->on('shutdown', function () use (&$ticks) {
    echo "shutdown; tick ran 3 to 5 times: ", json_encode($ticks >= 3 && $ticks <= 5), "\n";
});
var_dump($pool->start());
$t = $ms();
echo "start() returned once max_wait_time was over: ", json_encode($t >= 1400 && $t < 3000), "\n";
$n = $ticks;
usleep(300_000);
echo "no timer after start(): ", json_encode($n === $ticks), "\n";
?>
--EXPECT--
start
after(500) ran at 500 ms: true
shutdown; tick ran 3 to 5 times: true
NULL
start() returned once max_wait_time was over: true
no timer after start(): true
