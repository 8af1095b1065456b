--TEST--
Request::create() + parse(): a request fed in pieces (head split anywhere, a Content-Length body, a chunked body) reports the bytes it took, isCompleted() once whole, its method as soon as the request line's first word is in, header/get/cookie/post parsed (parse_cookie => false leaves cookie null), getData() the bytes it was parsed from, false for malformed input or once whole; Response::create() over a Coroutine\Socket answers such a request (also as [$socket, $request]). Swoole 6.2.2 passes its own test of this API but loses a body (and headers) that arrive split across parse() calls; corust does not
--FILE--
<?php
use Swoole\Http\Request;
use Swoole\Http\Response;
$head = "POST /form?a=1&b=two HTTP/1.1\r\nHost: x\r\nCookie: k=v; s=t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\n";
$body = "x=1&y=hello";
$req = Request::create();
var_dump($req->header, $req->isCompleted());
$n = 0;
$all = $head . $body . "GET /next";
foreach ([substr($all, 0, 60), substr($all, 60, 70), substr($all, 130)] as $piece) {
    $used = $req->parse($piece);
    if ($used === false) { echo "false\n"; break; }
    $n += $used;
    if ($used < strlen($piece)) { echo "took $used of the last piece\n"; break; }
}
var_dump($n === strlen($head . $body), $req->isCompleted(), $req->getMethod(), $req->get, $req->cookie, $req->post, $req->header['content-length'], $req->getContent(), $req->getData() === $head . $body);
var_dump($req->parse("more"));
$early = Request::create();
$early->parse("DELETE /x HT");
var_dump($early->getMethod(), $early->isCompleted());
$bad = Request::create();
var_dump($bad->parse("NOT A REQUEST\r\n\r\n"));
$chunked = Request::create(['parse_cookie' => false]);
var_dump($chunked->parse("PUT /c HTTP/1.1\r\nCookie: a=b\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"), $chunked->getContent(), $chunked->cookie);

Co\run(function () {
    $server = new Swoole\Coroutine\Server('127.0.0.1', 0);
    go(function () use ($server) {
        $server->handle(function (Swoole\Coroutine\Server\Connection $conn) use ($server) {
            foreach ([false, true] as $pair) {
                $req = Request::create();
                while (!$req->isCompleted()) {
                    $data = $conn->recv();
                    if ($data === '' || $data === false || $req->parse($data) === false) return;
                }
                $sock = $conn->exportSocket();
                $resp = Response::create($pair ? [$sock, $req] : $sock);
                $resp->header('X-Path', $req->server['request_uri']);
                $resp->end("hello {$req->get['who']}");
            }
            $server->shutdown();
        });
        $server->start();
    });
    $port = $server->port;
    $c = new Swoole\Coroutine\Http\Client('127.0.0.1', $port);
    foreach (['one', 'two'] as $who) {
        $c->get("/greet?who=$who");
        echo $c->statusCode, " ", $c->headers['x-path'], " ", $c->body, "\n";
    }
});
?>
--EXPECT--
array(0) {
}
bool(false)
took 10 of the last piece
bool(true)
bool(true)
string(4) "POST"
array(2) {
  ["a"]=>
  string(1) "1"
  ["b"]=>
  string(3) "two"
}
array(2) {
  ["k"]=>
  string(1) "v"
  ["s"]=>
  string(1) "t"
}
array(2) {
  ["x"]=>
  string(1) "1"
  ["y"]=>
  string(5) "hello"
}
string(2) "11"
string(11) "x=1&y=hello"
bool(true)
bool(false)
string(6) "DELETE"
bool(false)
bool(false)
int(86)
string(11) "hello world"
NULL
200 /greet hello one
200 /greet hello two
