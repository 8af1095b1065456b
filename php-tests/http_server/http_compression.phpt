--TEST--
http_compression (on by default, as Swoole's): a whole body of at least http_compression_min_length bytes is sent as br, else gzip, else deflate, by what Accept-Encoding names (curl decodes each back); small bodies, chunked write() streams, bodies the handler encoded itself and clients that accept nothing are sent as they are; http_compression_types limits it to the listed Content-Types; http_compression => false turns it off
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; if (!shell_exec('command -v curl')) die('skip curl'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$app = <<<'PHP'
<?php
$s = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$s->set(['worker_num' => 1] + SETTINGS);
$s->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$s->on('request', function ($req, $resp) {
    $uri = $req->server['request_uri'];
    if ($uri === '/json') $resp->header('Content-Type', 'application/json');
    if ($uri === '/chunk') { $resp->write(str_repeat('a', 100)); return $resp->end(); }
    if ($uri === '/own') { $resp->header('Content-Encoding', 'identity'); }
    $resp->end($uri === '/small' ? 'tiny' : str_repeat('hello world ', 50));
});
$s->start();
PHP;
$run = function (string $settings, array $cases) use ($app) {
    $s = corust_server_start(str_replace('SETTINGS', $settings, $app));
    foreach ($cases as [$path, $accept]) {
        $h = shell_exec('curl -s -D - -o /tmp/corust-gz-body -H ' . escapeshellarg("Accept-Encoding: $accept") . " http://127.0.0.1:{$s[1]}$path");
        clearstatcache();
        preg_match('/^Content-Encoding: (\S+)/mi', $h, $m);
        $plain = shell_exec("curl -s --compressed -H " . escapeshellarg("Accept-Encoding: $accept") . " http://127.0.0.1:{$s[1]}$path");
        printf("%-6s %-20s %-8s %s bytes, decoded %s\n", $path, $accept, $m[1] ?? 'none', filesize('/tmp/corust-gz-body'), strlen($plain) === 600 ? 'ok' : strlen($plain));
    }
    corust_server_stop($s);
};
$run('[]', [['/', 'gzip, deflate, br'], ['/', 'gzip, deflate'], ['/', 'deflate'], ['/', 'identity'], ['/small', 'gzip'], ['/chunk', 'gzip'], ['/own', 'gzip']]);
echo "types:\n";
$run("['http_compression_types' => ['application/json']]", [['/json', 'gzip'], ['/', 'gzip']]);
echo "off:\n";
$run("['http_compression' => false]", [['/', 'gzip, br']]);
@unlink('/tmp/corust-gz-body');
?>
--EXPECTF--
/      gzip, deflate, br    br       %d bytes, decoded ok
/      gzip, deflate        gzip     %d bytes, decoded ok
/      deflate              deflate  %d bytes, decoded ok
/      identity             none     600 bytes, decoded ok
/small gzip                 none     4 bytes, decoded 4
/chunk gzip                 none     %d bytes, decoded 100
/own   gzip                 identity 600 bytes, decoded ok
types:
/json  gzip                 gzip     %d bytes, decoded ok
/      gzip                 none     600 bytes, decoded ok
off:
/      gzip, br             none     600 bytes, decoded ok
