<?php // N round trips over two Channel(1): push ping, pop pong (>= 2 switches each)
require __DIR__ . '/_common.php';
use Corust\Channel;
$n = bench_n(1000000);
Corust\run(function () use ($n) {
    $ping = new Channel(1);
    $pong = new Channel(1);
    go(function () use ($ping, $pong, $n) { for ($i = 0; $i < $n; $i++) { $pong->push($ping->pop()); } });
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) { $ping->push($i); $pong->pop(); }
    bench_report('chan_pingpong', $n, (hrtime(true) - $t) / 1e9);
});
