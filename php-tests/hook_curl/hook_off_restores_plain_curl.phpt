--TEST--
hook_curl: with HOOK_NATIVE_CURL off curl blocks as in plain PHP; on again, it yields; callbacks run in the calling coroutine and may themselves wait
--SKIPIF--
<?php $heavy = true; $curl = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$port = corust_http_peer()[1];

function two_at_once(int $port): string {
    $t = microtime(true);
    Swoole\Coroutine\run(function () use ($port) {
        for ($i = 0; $i < 2; $i++) {
            go(function () use ($port) {
                $ch = curl_init("http://127.0.0.1:$port/sleep?ms=300");
                curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
                if (curl_exec($ch) !== 'slept 300 /sleep?ms=300') echo "bad answer\n";
            });
        }
    });
    return microtime(true) - $t < 0.5 ? 'overlapped' : 'one after the other';
}

Swoole\Runtime::setHookFlags(SWOOLE_HOOK_ALL);
echo 'on: ', two_at_once($port), "\n";
Swoole\Runtime::setHookFlags(SWOOLE_HOOK_ALL & ~SWOOLE_HOOK_NATIVE_CURL);
echo 'off: ', two_at_once($port), ' ', Swoole\Runtime::getHookFlags() & SWOOLE_HOOK_NATIVE_CURL, "\n";
Swoole\Runtime::setHookFlags(SWOOLE_HOOK_NATIVE_CURL);
echo 'on again: ', two_at_once($port), "\n";

Swoole\Coroutine\run(function () use ($port) {
    $me = Swoole\Coroutine::getCid();
    $where = [];
    $ch = curl_init("http://127.0.0.1:$port/bytes/200000");
    curl_setopt_array($ch, [
        CURLOPT_NOPROGRESS => false,
        CURLOPT_HEADERFUNCTION => function ($ch, $h) use (&$where) { $where['header'] = Swoole\Coroutine::getCid(); return strlen($h); },
        CURLOPT_PROGRESSFUNCTION => function () use (&$where) { $where['progress'] = Swoole\Coroutine::getCid(); return 0; },
        CURLOPT_WRITEFUNCTION => function ($ch, $d) use (&$where) {
            $where['write'] = Swoole\Coroutine::getCid();
            // A callback that waits: other coroutines run meanwhile.
            Swoole\Coroutine::sleep(0.001);
            return strlen($d);
        },
    ]);
    $other = 0;
    go(function () use (&$other) { for ($i = 0; $i < 5; $i++) { Swoole\Coroutine::sleep(0.001); $other++; } });
    var_dump(curl_exec($ch));
    ksort($where);
    foreach ($where as $k => $cid) echo "$k: ", $cid === $me ? 'caller' : "coroutine $cid", "\n";
    echo "other coroutine ran: ", $other > 0 ? 'yes' : 'no', "\n";
});
?>
--EXPECT--
on: overlapped
off: one after the other 0
on again: overlapped
bool(true)
header: caller
progress: caller
write: caller
other coroutine ran: yes
