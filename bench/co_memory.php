<?php // PHP memory and RSS per idle coroutine with N alive at once
require __DIR__ . '/_common.php';
$n = bench_n(100000);
ini_set('memory_limit', '-1');
function rss_kb(): int { foreach (file("/proc/self/status") as $l) if (str_starts_with($l, "VmRSS")) return (int) preg_replace("/\\D/", "", $l); return 0; }
Corust\Coroutine::set(['max_coroutine' => $n + 10]);
$fn = static function () { Corust\Coroutine::yield(); };
$mem = memory_get_usage(); $rss = rss_kb();
$t = hrtime(true);
$ids = [];
for ($i = 0; $i < $n; $i++) { $ids[] = go($fn); }
$s = (hrtime(true) - $t) / 1e9;
$per_php = (memory_get_usage() - $mem - 8 * $n) / $n; // minus the $ids array slots
$per_rss = (rss_kb() - $rss) * 1024 / $n;
foreach ($ids as $id) { Corust\Coroutine::resume($id); }
bench_report('co_memory', $n, $s, ['php_bytes_per_co' => (int) $per_php, 'rss_bytes_per_co' => (int) $per_rss]);
