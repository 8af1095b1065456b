--TEST--
Http\Response: header names formatted as Swoole does ($format), ints as values, and bad input (CR/LF in a header or redirect target, empty name, writes after end) refused with a warning and false while the response stays usable
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($srv, $id) { echo "READY {$srv->port}\n"; });
$server->on('request', function ($req, $resp) {
    $r = [];
    $r[] = $resp->header('x-my-HEADER', 'formatted');
    $r[] = $resp->header('x-Raw-name', 'kept', false);
    $r[] = $resp->header('X-Number', 42);
    $r[] = $resp->header('content-type', 'text/plain');
    $r[] = $resp->header('CONTENT-TYPE', 'text/x-final');
    $r[] = $resp->header("X-Evil", "a\r\nInjected: yes");
    $r[] = $resp->header("X-Bad\r\nName", "v");
    $r[] = $resp->header('', 'v');
    $r[] = $resp->header('X:Colon', 'v');
    if ($req->server['request_uri'] === '/redirect') {
        $r[] = $resp->redirect("/x\r\nInjected: yes");
        $r[] = $resp->redirect('/fine', 302);
        $r[] = $resp->end('late');
        $r[] = $resp->header('X-Late', '1');
        echo 'redirect results: ', json_encode($r), ', last error: ', swoole_last_error(), "\n";
        return;
    }
    $resp->end(json_encode($r));
});
$server->start();
PHP);
$port = $s[1];
$raw = corust_http($port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
[$code, $h, $body] = corust_parse_response($raw);
echo $code, ' ', $body, "\n";
foreach (['X-My-Header: formatted', 'x-Raw-name: kept', 'X-Number: 42', 'Content-Type: text/x-final'] as $line) {
    echo $line, ': ', json_encode(str_contains($raw, "\r\n$line\r\n")), "\n";
}
echo 'content-type lines: ', count($h['content-type']), ', injected: ', json_encode(isset($h['injected'])), "\n";
[$code, $h] = corust_get($port, '/redirect');
echo $code, ' ', $h['location'][0], ' injected: ', json_encode(isset($h['injected'])), "\n";
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
?>
--EXPECTF--
200 [true,true,true,true,true,false,false,false,false]
X-My-Header: formatted: true
x-Raw-name: kept: true
X-Number: 42: true
Content-Type: text/x-final: true
content-type lines: 1, injected: false
302 /fine injected: false
exit 0
%A
Warning: Swoole\Http\Response::header(): invalid header name or value in %s on line %d
%A
Warning: Swoole\Http\Response::redirect(): invalid location (CR or LF) in %s on line %d
redirect results: [true,true,true,true,true,false,false,false,false,false,true,false,false], last error: 7106
