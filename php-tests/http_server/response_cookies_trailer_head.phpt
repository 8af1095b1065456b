--TEST--
Http\Response as Swoole's: cookie() url-encodes with expires/Max-Age/path/domain/secure/HttpOnly/SameSite/Priority/Partitioned, rawcookie() sends the value as given and refuses one with separators, a cookie without a value deletes it; setCookie/setRawCookie/setStatusCode/setHeader are the same methods (Hyperf's emitter calls rawcookie); trailer() lines follow the last chunk; a HEAD response without a body has no Content-Length; the Server header is Swoole's; the handler's headers come before the Set-Cookie lines, which come from the `cookie` property (Swoole's order)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('request', function ($req, $resp) {
    if ($req->server['request_uri'] === '/trailer') {
        $resp->trailer('X-Check', 'abc');
        $resp->write('part');
        return $resp->end();
    }
    if ($req->server['request_uri'] === '/empty') return $resp->end();
    $r = [];
    $r[] = $resp->cookie('a', 'v a/l;ue', 2000000000, '/p', 'example.com', true, true, 'Lax', 'High', true);
    $r[] = $resp->rawcookie('b', 'raw%20v');
    $r[] = $resp->setCookie('c');
    $r[] = @$resp->setRawCookie('d', 'x y');
    $r[] = error_get_last()['message'];
    $r[] = @$resp->cookie('e=', 'x');
    $r[] = error_get_last()['message'];
    $r[] = $resp->setStatusCode(201);
    $r[] = $resp->setHeader('x-foo', 'bar');
    $resp->end(json_encode($r));
});
$server->start();
PHP);
$port = $s[1];
$strip = fn (string $raw) => preg_replace('/^Date: .*\r\n/m', '', $raw);
echo $strip(corust_http($port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "\n---\n";
echo $strip(corust_http($port, "GET /trailer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "---\n";
echo $strip(corust_http($port, "HEAD /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "---\n";
corust_server_stop($s);
?>
--EXPECTF--
HTTP/1.1 201 Created
X-Foo: bar
Set-Cookie: a=v+a%2Fl%3Bue; expires=Wed, 18-May-2033 03:33:20 GMT; Max-Age=%d; path=/p; domain=example.com; secure; HttpOnly; SameSite=Lax; Priority=High; Partitioned
Set-Cookie: b=raw%20v
Set-Cookie: c=deleted; expires=Thu, 01-Jan-1970 00:00:01 GMT; Max-Age=0
Server: swoole-http-server
Connection: close
Content-Type: text/html
Content-Length: %d

[true,true,true,false,"Swoole\\Http\\Response::setRawCookie(): The value cannot contain \",\", \";\", \" \", \"\\t\", \"\\r\", \"\\n\", \"\\013\", or \"\\014\"",false,"Swoole\\Http\\Response::cookie(): The name cannot contain \"=\", \",\", \";\", \" \", \"\\t\", \"\\r\", \"\\n\", \"\\013\", or \"\\014\"",true,true]
---
HTTP/1.1 200 OK
Server: swoole-http-server
Connection: close
Content-Type: text/html
Transfer-Encoding: chunked

4
part
0
x-check: abc

---
HTTP/1.1 200 OK
Server: swoole-http-server
Connection: close
Content-Type: text/html

---
