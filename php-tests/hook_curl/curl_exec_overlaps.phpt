--TEST--
hook_curl: 50 curl_exec calls of 200 ms in 50 coroutines overlap, and the loop stays free meanwhile
--SKIPIF--
<?php $heavy = true; $curl = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$port = corust_http_peer()[1];
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$t = microtime(true);
$ok = 0;
$ticks = 0;
Swoole\Coroutine\run(function () use ($port, &$ok, &$ticks) {
    go(function () use (&$ticks) {
        for ($i = 0; $i < 10; $i++) { usleep(10000); $ticks++; }
    });
    for ($i = 0; $i < 50; $i++) {
        go(function () use ($port, $i, &$ok) {
            $ch = curl_init("http://127.0.0.1:$port/sleep?ms=200&i=$i");
            curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
            $body = curl_exec($ch);
            if ($body === "slept 200 /sleep?ms=200&i=$i" && curl_getinfo($ch, CURLINFO_HTTP_CODE) === 200) {
                $ok++;
            } else {
                var_dump($body, curl_error($ch));
            }
        });
    }
});
$elapsed = microtime(true) - $t;
echo "ok: $ok, ticks: $ticks\n";
echo $elapsed < 1.0 ? "overlapped\n" : "serialized: $elapsed\n";
// Outside coroutines curl_exec blocks, as in plain PHP.
$ch = curl_init("http://127.0.0.1:$port/sleep?ms=1");
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
var_dump(curl_exec($ch));
?>
--EXPECT--
ok: 50, ticks: 10
overlapped
string(19) "slept 1 /sleep?ms=1"
