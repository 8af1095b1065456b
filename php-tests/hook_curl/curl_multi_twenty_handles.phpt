--TEST--
hook_curl: curl_multi with 20 handles in a coroutine: the exec/select loop written for plain PHP overlaps them while other coroutines run; select's timeout holds
--SKIPIF--
<?php $heavy = true; $curl = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$port = corust_http_peer()[1];
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);

function fetch_all(int $port, int $n, float $select_timeout): array {
    $mh = curl_multi_init();
    $handles = [];
    for ($i = 0; $i < $n; $i++) {
        $h = curl_init("http://127.0.0.1:$port/sleep?ms=200&i=$i");
        curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
        curl_multi_add_handle($mh, $h);
        $handles[$i] = $h;
    }
    $selects = 0;
    do {
        $status = curl_multi_exec($mh, $active);
        if ($active) {
            curl_multi_select($mh, $select_timeout);
            $selects++;
        }
    } while ($active && $status === CURLM_OK);
    $done = 0;
    while ($info = curl_multi_info_read($mh)) {
        if ($info['msg'] === CURLMSG_DONE && $info['result'] === CURLE_OK) $done++;
    }
    $good = 0;
    foreach ($handles as $i => $h) {
        if (curl_multi_getcontent($h) === "slept 200 /sleep?ms=200&i=$i") $good++;
        curl_multi_remove_handle($mh, $h);
    }
    curl_multi_close($mh);
    return [$done, $good, $selects];
}

Swoole\Coroutine\run(function () use ($port) {
    $ticks = 0;
    go(function () use (&$ticks) { for ($i = 0; $i < 10; $i++) { Swoole\Coroutine::sleep(0.01); $ticks++; } });
    $t = microtime(true);
    [$done, $good] = fetch_all($port, 20, 1.0);
    $elapsed = microtime(true) - $t;
    echo "done: $done, bodies: $good, ticks while waiting: $ticks\n";
    echo $elapsed < 0.6 ? "overlapped\n" : "took $elapsed\n";

    // Two coroutines, each with its own multi handle, at once.
    $t = microtime(true);
    $results = [];
    $wg = new Swoole\Coroutine\WaitGroup(2);
    foreach ([0, 1] as $k) {
        go(function () use ($port, $k, $wg, &$results) { $results[$k] = fetch_all($port, 10, 1.0); $wg->done(); });
    }
    $wg->wait();
    printf("two multis: %d+%d done, %s\n", $results[0][0], $results[1][0], microtime(true) - $t < 0.6 ? 'overlapped' : 'serialized');

    // select waits no longer than its timeout when nothing arrives.
    $mh = curl_multi_init();
    $h = curl_init("http://127.0.0.1:$port/sleep?ms=1000");
    curl_multi_add_handle($mh, $h);
    curl_multi_exec($mh, $active);
    curl_multi_exec($mh, $active);
    $t = microtime(true);
    $n = 0;
    while (microtime(true) - $t < 0.1) { $n = curl_multi_select($mh, 0.15); if ($n === 0) break; curl_multi_exec($mh, $active); }
    $waited = microtime(true) - $t;
    echo "select with nothing ready: $n, waited ", ($waited > 0.1 && $waited < 0.5) ? 'about its timeout' : $waited, "\n";
    curl_multi_remove_handle($mh, $h);
    curl_multi_close($mh);
    // With no handle at all it returns at once.
    $t = microtime(true);
    $empty = curl_multi_init();
    echo 'empty: ', curl_multi_select($empty, 1.0), microtime(true) - $t < 0.1 ? ' at once' : ' slow', "\n";
});
?>
--EXPECT--
done: 20, bodies: 20, ticks while waiting: 10
overlapped
two multis: 10+10 done, overlapped
select with nothing ready: 0, waited about its timeout
empty: 0 at once
