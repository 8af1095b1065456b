<?php // one producer, one consumer, Channel(1024), N items
require __DIR__ . '/_common.php';
use Corust\Channel;
$n = bench_n(5000000);
Corust\run(function () use ($n) {
    $ch = new Channel(1024);
    $t = hrtime(true);
    go(function () use ($ch, $n) { for ($i = 0; $i < $n; $i++) { $ch->push($i); } });
    $sum = 0;
    for ($i = 0; $i < $n; $i++) { $sum += $ch->pop(); }
    $s = (hrtime(true) - $t) / 1e9;
    if ($sum !== intdiv($n * ($n - 1), 2)) { fwrite(STDERR, "bad sum\n"); exit(1); }
    bench_report('chan_throughput', $n, $s);
});
