<?php // curl fan-out through HOOK_NATIVE_CURL: N coroutines, each curl_exec's
// REQS requests (one handle, keep-alive) of MS milliseconds from the peer given
// as argv[1] (bench/curl_fanout.sh starts it). Swoole names, so the same script
// runs on corust and on a Swoole build. Wall time.
require __DIR__ . '/_common.php';
[$port, $n, $reqs, $ms] = [(int) $argv[1], (int) ($argv[2] ?? 100), (int) ($argv[3] ?? 1), (int) ($argv[4] ?? 100)];
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$ok = 0;
$t = hrtime(true);
Swoole\Coroutine\run(function () use ($port, $n, $reqs, $ms, &$ok) {
    for ($i = 0; $i < $n; $i++) {
        go(function () use ($port, $reqs, $ms, &$ok) {
            $ch = curl_init("http://127.0.0.1:$port/?ms=$ms");
            curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
            for ($j = 0; $j < $reqs; $j++) {
                if (curl_exec($ch) === "ok") $ok++;
            }
        });
    }
});
$s = (hrtime(true) - $t) / 1e9;
bench_report("curl_fanout_{$ms}ms", $n * $reqs, $s, ['ok' => $ok]);
