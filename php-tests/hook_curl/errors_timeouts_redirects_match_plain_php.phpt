--TEST--
hook_curl: errors, timeouts, redirects, POST bodies, callbacks and file output in a coroutine give what plain PHP gives
--SKIPIF--
<?php $curl = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$port = corust_http_peer()[1];
$scenario = <<<'PHP'
<?php
function scenario(int $port): string {
    $out = '';
    $base = "http://127.0.0.1:$port";
    $show = function ($label, $ch, $r) use (&$out) {
        $out .= sprintf("%s: ret=%s errno=%d code=%d redirects=%d url=%s\n", $label,
            is_string($r) ? var_export($r, true) : var_export($r, true),
            curl_errno($ch), curl_getinfo($ch, CURLINFO_HTTP_CODE),
            curl_getinfo($ch, CURLINFO_REDIRECT_COUNT), curl_getinfo($ch, CURLINFO_EFFECTIVE_URL));
    };
    $ch = curl_init("http://127.0.0.1:1/");
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $show('refused', $ch, curl_exec($ch));
    $out .= 'refused error: ' . preg_replace('/after \d+ ms/', 'after N ms', curl_error($ch)) . "\n";
    $ch = curl_init("$base/sleep?ms=2000");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT_MS => 200]);
    $t = microtime(true);
    $show('timeout', $ch, curl_exec($ch));
    $out .= 'timeout took < 1s: ' . var_export(microtime(true) - $t < 1, true) . "\n";
    $ch = curl_init("$base/redirect/3");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_FOLLOWLOCATION => true]);
    $show('redirects followed', $ch, curl_exec($ch));
    $ch = curl_init("$base/redirect/5");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_FOLLOWLOCATION => true, CURLOPT_MAXREDIRS => 2]);
    $show('too many redirects', $ch, curl_exec($ch));
    $ch = curl_init("$base/status/404");
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $show('404', $ch, curl_exec($ch));
    $ch = curl_init("$base/status/500");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_FAILONERROR => true]);
    $show('failonerror', $ch, curl_exec($ch));
    $ch = curl_init("$base/echo");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_POSTFIELDS => str_repeat('p', 100000),
        CURLOPT_HTTPHEADER => ['Content-Type: application/x-test']]);
    $show('post', $ch, curl_exec($ch));
    $ch = curl_init("$base/echo");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_POSTFIELDS => ['a' => '1', 'b' => '2']]);
    $r = curl_exec($ch);
    $out .= 'multipart: ' . preg_replace('/boundary=.*/', 'boundary=…', $r) . "\n";
    $ch = curl_init("$base/bytes/300000");
    $chunks = 0; $bytes = 0; $headers = [];
    curl_setopt($ch, CURLOPT_WRITEFUNCTION, function ($ch, $d) use (&$chunks, &$bytes) { $chunks++; $bytes += strlen($d); return strlen($d); });
    curl_setopt($ch, CURLOPT_HEADERFUNCTION, function ($ch, $h) use (&$headers) { if (stripos($h, 'x-peer') === 0) $headers[] = trim($h); return strlen($h); });
    $show('callbacks', $ch, curl_exec($ch));
    $out .= "callbacks: bytes=$bytes more than one chunk=" . var_export($chunks > 1, true) . ' ' . implode(',', $headers) . "\n";
    $ch = curl_init("$base/bytes/10");
    curl_setopt($ch, CURLOPT_WRITEFUNCTION, fn ($ch, $d) => 0);
    $show('write callback refuses', $ch, curl_exec($ch));
    $f = tmpfile();
    $ch = curl_init("$base/bytes/5");
    curl_setopt($ch, CURLOPT_FILE, $f);
    $show('file', $ch, curl_exec($ch));
    rewind($f);
    $out .= 'file holds: ' . stream_get_contents($f) . "\n";
    $ch = curl_init("$base/bytes/3");
    ob_start();
    $r = curl_exec($ch);
    $out .= 'echoed: ' . ob_get_clean() . "\n";
    $show('echo', $ch, $r);
    $ch = curl_init("$base/sleep?ms=1");
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_exec($ch);
    $show('keep-alive second', $ch, curl_exec($ch));
    $out .= 'connects on the second: ' . curl_getinfo($ch, CURLINFO_NUM_CONNECTS) . "\n";
    curl_reset($ch);
    curl_setopt_array($ch, [CURLOPT_URL => "$base/bytes/2", CURLOPT_RETURNTRANSFER => true]);
    $show('after reset', $ch, curl_exec($ch));
    $copy = curl_copy_handle($ch);
    $show('copy', $copy, curl_exec($copy));
    return $out;
}
if (isset($argv[1])) echo scenario((int) $argv[1]);
PHP;
$file = tempnam(sys_get_temp_dir(), 'corust-curl') . '.php';
file_put_contents($file, $scenario);
$plain = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d pcre.jit=0 -d extension=curl ' . escapeshellarg($file) . " $port 2>&1");
require $file;
unlink($file);
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Swoole\Coroutine\run(function () use ($port, &$hooked) {
    $hooked = scenario($port);
});
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n--- plain\n$plain\n--- hooked\n$hooked";
echo $hooked;
?>
--EXPECTF--
same as plain PHP
refused: ret=false errno=7 code=0 redirects=0 url=http://127.0.0.1:1/
refused error: Failed to connect to 127.0.0.1 port 1 after N ms: Couldn't connect to server
timeout: ret=false errno=28 code=0 redirects=0 url=http://127.0.0.1:%d/sleep?ms=2000
timeout took < 1s: true
redirects followed: ret='redirected' errno=0 code=200 redirects=3 url=http://127.0.0.1:%d/redirect/0
too many redirects: ret=false errno=47 code=302 redirects=2 url=http://127.0.0.1:%d/redirect/3
404: ret='status 404' errno=0 code=404 redirects=0 url=http://127.0.0.1:%d/status/404
failonerror: ret=false errno=22 code=500 redirects=0 url=http://127.0.0.1:%d/status/500
post: ret='POST /echo 100000 application/x-test' errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/echo
multipart: POST /echo %d multipart/form-data; boundary=…
callbacks: ret=true errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/bytes/300000
callbacks: bytes=300000 more than one chunk=true X-Peer: python
write callback refuses: ret=false errno=23 code=200 redirects=0 url=http://127.0.0.1:%d/bytes/10
file: ret=true errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/bytes/5
file holds: xxxxx
echoed: xxx
echo: ret=true errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/bytes/3
keep-alive second: ret='slept 1 /sleep?ms=1' errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/sleep?ms=1
connects on the second: 0
after reset: ret='xx' errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/bytes/2
copy: ret='xx' errno=0 code=200 redirects=0 url=http://127.0.0.1:%d/bytes/2
