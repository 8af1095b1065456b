--TEST--
Http\Response's `cookie` property holds the Set-Cookie lines as Swoole keeps them: cookie() appends to it, a handler may read it, replace it (FastCGI's Proxy assigns php-fpm's lines) or append to it, and the head is built from it (lines with CR/LF or not strings skipped); Http\Request's `header` leaves out a Cookie header that went into `$request->cookie` (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('request', function ($req, $resp) {
    $resp->cookie('a', '1');
    $seen = json_encode($resp->cookie);
    switch ($req->server['request_uri']) {
        case '/replace': $resp->cookie = ['x=9; path=/', "bad=1\r\nX-Injected: 1", 42, 'y=8']; break;
        case '/append': $resp->rawcookie('w', '6'); $resp->cookie[] = 'z=7'; break;
    }
    $resp->end($seen . json_encode([$req->header, $req->cookie ?? null]));
});
$server->start();
PHP);
$port = $s[1];
foreach (['/replace', '/append', '/none'] as $path) {
    $raw = corust_http($port, "GET $path HTTP/1.1\r\nHost: x\r\nCookie: c=3; d=%20\r\nConnection: close\r\n\r\n");
    [$head, $body] = explode("\r\n\r\n", $raw, 2);
    echo $path, "\n", implode("\n", preg_grep('/^(Set-Cookie|X-Injected)/', explode("\r\n", $head))), "\n", $body, "\n";
}
corust_server_stop($s);
?>
--EXPECT--
/replace
Set-Cookie: x=9; path=/
Set-Cookie: y=8
["a=1"][{"host":"x","connection":"close"},{"c":"3","d":" "}]
/append
Set-Cookie: a=1
Set-Cookie: w=6
Set-Cookie: z=7
["a=1"][{"host":"x","connection":"close"},{"c":"3","d":" "}]
/none
Set-Cookie: a=1
["a=1"][{"host":"x","connection":"close"},{"c":"3","d":" "}]
