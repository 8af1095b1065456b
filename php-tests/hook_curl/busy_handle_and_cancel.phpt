--TEST--
hook_curl: a handle in flight in one coroutine is refused to another (catchable Swoole\Error, code 10002) and its transfer is unharmed; cancel() ends a transfer with errno 42 and SWOOLE_ERROR_CO_CANCELED
--SKIPIF--
<?php $curl = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$port = corust_http_peer()[1];
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_NATIVE_CURL);
Swoole\Coroutine\run(function () use ($port) {
    $ch = curl_init("http://127.0.0.1:$port/sleep?ms=200");
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $over = new Swoole\Coroutine\Channel(1);
    $owner = go(function () use ($ch, $over) {
        var_dump(curl_exec($ch));
        $over->push(true);
    });
    foreach ([
        'curl_exec' => fn () => curl_exec($ch),
        'curl_setopt' => fn () => curl_setopt($ch, CURLOPT_URL, 'http://127.0.0.1:1/'),
        'curl_setopt_array' => fn () => curl_setopt_array($ch, []),
        'curl_reset' => fn () => curl_reset($ch),
        'curl_close' => fn () => curl_close($ch),
    ] as $name => $call) {
        try {
            $call();
            echo "$name: not refused\n";
        } catch (Swoole\Error $e) {
            echo "$name: ", $e->getCode(), ' ', $e->getMessage() === "This cURL handle is currently executing in coroutine#$owner, cannot be operated" ? 'refused' : $e->getMessage(), "\n";
        }
    }
    // Reading its state is allowed, as in Swoole.
    var_dump(curl_errno($ch));
    $over->pop();
    // Free again once the transfer is over.
    var_dump(curl_exec($ch));

    $cid = go(function () use ($port) {
        $ch = curl_init("http://127.0.0.1:$port/sleep?ms=2000");
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        $t = microtime(true);
        $r = curl_exec($ch);
        printf("canceled: %s errno=%d last_error=%d canceled=%s quick=%s\n", var_export($r, true), curl_errno($ch),
            swoole_last_error(), var_export(Swoole\Coroutine::isCanceled(), true), var_export(microtime(true) - $t < 1, true));
        // The handle is usable afterwards.
        curl_setopt($ch, CURLOPT_URL, "http://127.0.0.1:" . parse_url(curl_getinfo($ch, CURLINFO_EFFECTIVE_URL), PHP_URL_PORT) . "/sleep?ms=1");
        var_dump(curl_exec($ch));
    });
    Swoole\Coroutine::sleep(0.05);
    Swoole\Coroutine::cancel($cid);
    Swoole\Coroutine::join([$cid]);

    // curl_multi_select canceled: returns 0 with the same last error.
    $cid = go(function () use ($port) {
        $mh = curl_multi_init();
        $h = curl_init("http://127.0.0.1:$port/sleep?ms=2000");
        curl_multi_add_handle($mh, $h);
        curl_multi_exec($mh, $active);
        swoole_clear_error();
        $n = curl_multi_select($mh, 5);
        echo "select canceled: $n ", swoole_last_error(), "\n";
        curl_multi_remove_handle($mh, $h);
    });
    Swoole\Coroutine::sleep(0.05);
    Swoole\Coroutine::cancel($cid);
});
?>
--EXPECT--
curl_exec: 10002 refused
curl_setopt: 10002 refused
curl_setopt_array: 10002 refused
curl_reset: 10002 refused
curl_close: 10002 refused
int(0)
string(23) "slept 200 /sleep?ms=200"
string(23) "slept 200 /sleep?ms=200"
canceled: false errno=42 last_error=10017 canceled=true quick=true
string(19) "slept 1 /sleep?ms=1"
select canceled: 0 10017
