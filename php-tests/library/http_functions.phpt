--TEST--
Swoole\Coroutine\Http\get/post/request: ClientProxy with status, body, headers and cookies over Coroutine\Http\Client (default driver) and PHP's http stream ('stream' driver, hooked), against a Coroutine\Http\Server; Swoole's exceptions for a URL without scheme, an unknown scheme and a refused connection (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use function Swoole\Coroutine\Http\{get, post, request};
Co::set(['hook_flags' => SWOOLE_HOOK_ALL]);
Co\run(function () {
    $srv = new Swoole\Coroutine\Http\Server('127.0.0.1', 0);
    $srv->handle('/', function ($req, $resp) {
        $resp->cookie('sid', 'abc');
        $resp->header('X-Test', 'yes');
        $resp->status($req->server['request_uri'] === '/missing' ? 404 : 200);
        $resp->end($req->getMethod() . ' ' . $req->server['request_uri'] . ' ' . ($req->server['query_string'] ?? '') . ' ' . json_encode($req->post) . ' ' . json_encode($req->cookie) . ' ' . ($req->header['x-h'] ?? ''));
    });
    go(fn () => $srv->start());
    $u = "http://127.0.0.1:{$srv->port}";
    foreach ([null, 'stream'] as $driver) {
        swoole_library_set_option('http_client_driver', $driver);
        echo "== ", var_export($driver, true), "\n";
        $r = get("$u/a?x=1", ['timeout' => 2], ['X-H' => 'h1'], ['c' => 'v']);
        var_dump(get_class($r), $r->getStatusCode(), $r->getBody(), $r->getHeaders()['x-test'] ?? null, $r->getCookies());
        $r = post("$u/p", ['k' => 'v'], null, ['X-H' => 'h2']);
        var_dump($r->getBody());
        try { $r = get("$u/missing"); var_dump($r->getStatusCode()); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    }
    swoole_library_set_option('http_client_driver', null);
    try { get('127.0.0.1/x'); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    try { get('ftp://127.0.0.1/x'); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    try { get('http://127.0.0.1:1/x', ['timeout' => 1]); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), ' ', $e->getCode(), "\n"; }
    $srv->shutdown();
});

--EXPECTF--
== NULL
string(33) "Swoole\Coroutine\Http\ClientProxy"
int(200)
string(28) "GET /a x=1 null {"c":"v"} h1"
string(3) "yes"
array(2) {
  ["c"]=>
  string(1) "v"
  ["sid"]=>
  string(3) "abc"
}
string(24) "POST /p  {"k":"v"} [] h2"
int(404)
== 'stream'
string(33) "Swoole\Coroutine\Http\ClientProxy"
int(200)
string(28) "GET /a x=1 null {"c":"v"} h1"
NULL
array(0) {
}
string(26) "POST /p  {"k":"v"} null h2"

Warning: file_get_contents(http://127.0.0.1:%d/missing): Failed to open stream: HTTP request failed! HTTP/1.1 404 Not Found
 in %s on line %d
Swoole\Coroutine\Http\Client\Exception: file_get_contents(http://127.0.0.1:%d/missing): Failed to open stream: HTTP request failed! HTTP/1.1 404 Not Found

Swoole\Coroutine\Http\Client\Exception: The URL given is illegal [no scheme]
Swoole\Coroutine\Http\Client\Exception: unknown scheme "ftp"
Swoole\Coroutine\Http\Client\Exception: Connection refused 111
