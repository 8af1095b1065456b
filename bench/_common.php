<?php
// One machine-readable line per benchmark: name=… ops=… seconds=… ns_per_op=…
function bench_report(string $name, int $ops, float $seconds, array $extra = []): void {
    $line = sprintf('name=%s ops=%d seconds=%.6f ns_per_op=%.1f', $name, $ops, $seconds, $ops ? $seconds * 1e9 / $ops : 0);
    foreach ($extra as $k => $v) $line .= " $k=$v";
    echo $line, PHP_EOL;
}
function bench_n(int $default): int { global $argv; return isset($argv[1]) ? (int)$argv[1] : $default; }
