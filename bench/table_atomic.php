<?php
// Swoole\Table and Swoole\Atomic in shared memory, in 1 and 2 processes
// (forked with pcntl_fork so both extensions run the same script):
//   table_set / table_get / table_incr: ops per process on 1,024 keys
//   atomic_add: Atomic::add from every process on one counter
//   table_1m_rows: memory of a 1M-row table (getMemorySize and RSS growth)
// Usage: php -d extension=<corust.so or swoole.so> bench/table_atomic.php [ops]
// The 2-process figures are the wall time for both processes' ops together
// (they share the 2 cores; contention on the same rows is part of it).
require __DIR__ . '/_common.php';

$n = bench_n(1_000_000);
$keys = 1024;

function run_procs(int $procs, callable $work): float
{
    $t = microtime(true);
    $pids = [];
    for ($p = 0; $p < $procs; $p++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            $work($p);
            exit(0);
        }
        $pids[] = $pid;
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
    }
    return microtime(true) - $t;
}

$table = new Swoole\Table($keys * 2);
$table->column('i', Swoole\Table::TYPE_INT);
$table->column('f', Swoole\Table::TYPE_FLOAT);
$table->column('s', Swoole\Table::TYPE_STRING, 32);
$table->create();
$names = [];
for ($k = 0; $k < $keys; $k++) {
    $names[] = "key-$k";
}

foreach ([1, 2] as $procs) {
    $s = run_procs($procs, function () use ($table, $names, $n, $keys) {
        for ($i = 0; $i < $n; $i++) {
            $table->set($names[$i % $keys], ['i' => $i, 'f' => 1.5, 's' => 'value']);
        }
    });
    bench_report("table_set_{$procs}p", $n * $procs, $s);

    $s = run_procs($procs, function () use ($table, $names, $n, $keys) {
        for ($i = 0; $i < $n; $i++) {
            $table->get($names[$i % $keys]);
        }
    });
    bench_report("table_get_{$procs}p", $n * $procs, $s);

    foreach ($names as $k) {
        $table->set($k, ['i' => 0]);
    }
    $s = run_procs($procs, function () use ($table, $names, $n, $keys) {
        for ($i = 0; $i < $n; $i++) {
            $table->incr($names[$i % $keys], 'i', 1);
        }
    });
    $sum = 0;
    foreach ($names as $k) {
        $sum += $table->get($k, 'i');
    }
    bench_report("table_incr_{$procs}p", $n * $procs, $s, ['exact' => $sum === $n * $procs ? 'yes' : "NO:$sum"]);

    $atomic = new Swoole\Atomic(0);
    $s = run_procs($procs, function () use ($atomic, $n) {
        for ($i = 0; $i < $n; $i++) {
            $atomic->add(1);
        }
    });
    bench_report("atomic_add_{$procs}p", $n * $procs, $s, ['exact' => $atomic->get() === $n * $procs ? 'yes' : 'NO']);
}

// Memory of a 1M-row table (two ints, a float and a 32-byte string per row).
$rss = fn () => (int) preg_replace('/\D/', '', preg_grep('/^VmRSS/', file('/proc/self/status'))[array_key_first(preg_grep('/^VmRSS/', file('/proc/self/status')))]) * 1024;
$before = $rss();
$big = new Swoole\Table(1_000_000);
$big->column('id', Swoole\Table::TYPE_INT);
$big->column('n', Swoole\Table::TYPE_INT);
$big->column('f', Swoole\Table::TYPE_FLOAT);
$big->column('s', Swoole\Table::TYPE_STRING, 32);
$big->create();
$t = microtime(true);
$rows = 0;
for ($i = 0; $i < 1_000_000; $i++) {
    $rows += @$big->set("row-$i", ['id' => $i, 'n' => 1, 'f' => 0.5, 's' => 'abc']) ? 1 : 0;
}
$s = microtime(true) - $t;
bench_report('table_1m_rows', 1_000_000, $s, [
    'rows' => $rows,
    'memory_size_mb' => round($big->getMemorySize() / 1048576, 1),
    'rss_growth_mb' => round(($rss() - $before) / 1048576, 1),
]);
