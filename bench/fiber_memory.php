<?php // plain PHP Fiber: PHP memory and RSS per suspended fiber with N alive (compare co_memory)
require __DIR__ . '/_common.php';
$n = bench_n(20000);
ini_set('memory_limit', '-1');
function rss_kb(): int { foreach (file('/proc/self/status') as $l) if (str_starts_with($l, 'VmRSS')) return (int) preg_replace('/\D/', '', $l); return 0; }
$mem = memory_get_usage(); $rss = rss_kb();
$t = hrtime(true);
$fs = [];
for ($i = 0; $i < $n; $i++) { $f = new Fiber(static function () { Fiber::suspend(); }); $f->start(); $fs[] = $f; }
$s = (hrtime(true) - $t) / 1e9;
$per_php = (memory_get_usage() - $mem) / $n;
$per_rss = (rss_kb() - $rss) * 1024 / $n;
foreach ($fs as $f) { $f->resume(); }
bench_report('fiber_memory', $n, $s, ['php_bytes_per_fiber' => (int) $per_php, 'rss_bytes_per_fiber' => (int) $per_rss]);
