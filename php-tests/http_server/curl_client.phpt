--TEST--
Http\Server with a real client (curl): keep-alive reuse, cookies, POST, chunked response
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; if (!trim((string) shell_exec('command -v curl'))) die('skip curl missing (make test installs it)'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($srv) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) {
    $resp->cookie('seen', (string) (($req->cookie['seen'] ?? 0) + 1));
    if ($req->getMethod() === 'POST') { $resp->end('posted ' . $req->post['v']); return; }
    $resp->write('chunk-a ');
    $resp->write('chunk-b ');
    $resp->end('fd=' . $req->fd);
});
$server->start();
PHP);
$url = "http://127.0.0.1:{$s[1]}/";
$jar = tempnam(sys_get_temp_dir(), 'jar');
// Two URLs in one curl run: the second reuses the connection (same fd).
$out = shell_exec('curl -s -c ' . escapeshellarg($jar) . ' -b ' . escapeshellarg($jar) . ' ' . escapeshellarg($url) . ' ' . escapeshellarg($url) . ' 2>&1');
preg_match_all('/fd=(\d+)/', $out, $m);
echo preg_replace('/fd=\d+/', 'fd=N', $out), "\n";
var_dump(count($m[1]) === 2 && $m[1][0] === $m[1][1]);
echo shell_exec('curl -s -d v=42 ' . escapeshellarg($url)), "\n";
echo trim(shell_exec('curl -s -b ' . escapeshellarg($jar) . ' -D - -o /dev/null ' . escapeshellarg($url) . ' | grep -i set-cookie')), "\n";
unlink($jar);
[$status] = corust_server_stop($s);
var_dump($status);
?>
--EXPECT--
chunk-a chunk-b fd=Nchunk-a chunk-b fd=N
bool(true)
posted 42
Set-Cookie: seen=3
int(0)
