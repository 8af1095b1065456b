--TEST--
Http\Server: enable_coroutine => false (Swoole's sync mode) runs handlers with the runtime hooks off, so a blocking call blocks the worker and concurrent requests are served one after another (a per-worker PDO connection is safe); by default three 200 ms usleep() handlers overlap; hook_flags sets the worker's hooks
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = fn (string $settings) => <<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
\$server->set(['worker_num' => 1] + $settings);
\$server->on('workerStart', function (\$srv) { echo "READY {\$srv->port}\\n"; });
\$server->on('request', function (\$req, \$resp) {
    usleep(200000);
    \$resp->end((string) Swoole\Runtime::getHookFlags());
});
\$server->start();
PHP;
foreach (['[]', "['enable_coroutine' => false]", "['hook_flags' => 0]"] as $settings) {
    $s = corust_server_start($code($settings));
    $t = microtime(true);
    $cs = [];
    for ($i = 0; $i < 3; $i++) {
        $c = stream_socket_client("tcp://127.0.0.1:{$s[1]}");
        fwrite($c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        $cs[] = $c;
    }
    $flags = [];
    foreach ($cs as $c) $flags[] = corust_parse_response(stream_get_contents($c))[2];
    $took = microtime(true) - $t;
    printf("%-30s hooks=%s %s\n", $settings, $flags[0] === '0' ? 'off' : 'on', $took < 0.5 ? 'overlapped' : ($took >= 0.55 ? 'one after another' : "unclear ($took s)"));
    corust_server_stop($s);
}
?>
--EXPECT--
[]                             hooks=on overlapped
['enable_coroutine' => false]  hooks=off one after another
['hook_flags' => 0]            hooks=off one after another
