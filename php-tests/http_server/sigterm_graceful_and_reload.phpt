--TEST--
Http\Server: SIGUSR1 reload replaces workers with no failed request; SIGTERM lets the in-flight request finish, runs workerStop and shutdown, exits 0
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 2]);
$server->on('workerStart', function ($srv, $id) { if ($id === 0 && !getenv('STARTED')) { putenv('STARTED=1'); echo "READY {$srv->port}\n"; } });
$server->on('workerStop', function ($srv, $id) { echo "workerStop\n"; });
$server->on('shutdown', function () { echo "shutdown\n"; });
$server->on('request', function ($req, $resp) {
    if ($req->server['path_info'] === '/slow') Co::sleep(0.4);
    $resp->end((string) getmypid());
});
$server->start();
PHP);
$port = $s[1];
$manager = proc_get_status($s[0])['pid'];
$before = [];
for ($i = 0; $i < 6; $i++) $before[] = corust_get($port, '/')[2];
posix_kill($manager, SIGUSR1);
$failed = 0; $after = [];
$t = microtime(true);
while (microtime(true) - $t < 1.0) {
    [$code, , $b] = corust_get($port, '/');
    if ($code !== 200) $failed++; else $after[] = $b;
}
var_dump($failed, count(array_diff(array_unique(array_slice($after, -6)), $before)) > 0);
// SIGTERM while a slow request is in flight.
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
usleep(100000);
posix_kill($manager, SIGTERM);
[$code] = corust_parse_response(stream_get_contents($c));
var_dump($code);
[$status, $out] = corust_server_stop($s, 0);
var_dump($status);
echo implode("\n", array_unique(array_filter(explode("\n", $out), fn ($l) => $l !== ''))), "\n";
?>
--EXPECTF--
int(0)
bool(true)
int(200)
int(0)
%AworkerStop%A
shutdown
