--TEST--
Http\Server: request line, lower-cased headers, query, cookies, urlencoded and chunked bodies, keep-alive, status/header/cookie/write/end/redirect
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
$server->on('request', function (Swoole\Http\Request $req, Swoole\Http\Response $resp) {
    switch ($req->server['path_info']) {
        case '/echo':
            $resp->header('Content-Type', 'application/json');
            $resp->end(json_encode([
                'method' => $req->getMethod(), 'uri' => $req->server['request_uri'], 'qs' => $req->server['query_string'] ?? null,
                'get' => $req->get, 'post' => $req->post, 'cookie' => $req->cookie, 'x' => $req->header['x-test'] ?? null,
                'body' => $req->rawContent(), 'proto' => $req->server['server_protocol'], 'fd' => is_int($req->fd),
            ]));
            break;
        case '/stream':
            $resp->status(201, 'Made');
            $resp->cookie('sess', 'a b', 0, '/', '', false, true);
            $resp->write('part1,');
            Co::sleep(0.01);
            $resp->write('part2');
            $resp->end();
            var_dump($resp->isWritable());
            break;
        case '/redirect':
            $resp->redirect('/elsewhere', 301);
            break;
        case '/nothing':
            break; // not ended: the server ends it
        default:
            $resp->status(404);
            $resp->end('no');
    }
});
$server->start();
PHP);
$port = $s[1];
[$code, $h, $body] = corust_get($port, '/echo?a=1&b[]=2&b[]=3', ['X-Test' => 'yes', 'Cookie' => 'k=v%21; n=2']);
echo $code, ' ', $h['content-type'][0], "\n", $body, "\n";
[$code, $h, $body] = corust_parse_response(corust_http($port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\nConnection: close\r\n\r\nf=1&g[k]=v2"));
echo $code, "\n", $body, "\n";
[$code, $h, $body] = corust_parse_response(corust_http($port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
echo $code, "\n", $body, "\n";
[$code, $h, $body] = corust_get($port, '/stream');
echo $code, ' ', $h['transfer-encoding'][0], ' ', $h['set-cookie'][0], "\n", $body, "\n";
[$code, $h, $body] = corust_get($port, '/redirect');
echo $code, ' ', $h['location'][0], "\n";
[$code, $h, $body] = corust_get($port, '/nothing');
echo $code, ' [', $body, "]\n";
// keep-alive and pipelining: two requests on one connection, sent at once.
$c = stream_socket_client("tcp://127.0.0.1:$port");
fwrite($c, "GET /echo?n=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?n=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
$all = stream_get_contents($c);
preg_match_all('/"get":\{"n":"(\d)"\}/', $all, $m);
echo 'pipelined: ', implode(',', $m[1]), ' keep-alive header: ', substr_count($all, 'Connection: keep-alive'), "\n";
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
?>
--EXPECT--
200 application/json
{"method":"GET","uri":"\/echo","qs":"a=1&b[]=2&b[]=3","get":{"a":"1","b":["2","3"]},"post":null,"cookie":{"k":"v!","n":"2"},"x":"yes","body":"","proto":"HTTP\/1.1","fd":true}
200
{"method":"POST","uri":"\/echo","qs":null,"get":null,"post":{"f":"1","g":{"k":"v2"}},"cookie":null,"x":null,"body":"f=1&g[k]=v2","proto":"HTTP\/1.1","fd":true}
200
{"method":"POST","uri":"\/echo","qs":null,"get":null,"post":null,"cookie":null,"x":null,"body":"hello world","proto":"HTTP\/1.1","fd":true}
201 chunked sess=a+b; path=/; HttpOnly
part1,part2
301 /elsewhere
200 []
pipelined: 1,2 keep-alive header: 1
exit 0
bool(false)
