--TEST--
Coroutine\Http\Server as Swoole's: bind at construction (port, fd, host; Swoole\Exception for an empty host or a busy port), handle() routes by path prefix (case-insensitive, '/' takes the rest; 404 without it), keep-alive, GET/POST parsing and server vars (remote_addr, server_addr, server_port), each connection in its own coroutine (5 slow requests overlap), 400 for garbage, shutdown() from a handler ends start() and later requests are not served
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
Coroutine\run(function () {
    $server = new Coroutine\Http\Server('127.0.0.1', 0);
    var_dump($server->port > 0, $server->fd > 0, $server->host, $server->errCode);
    var_dump($server->set(['http_parse_post' => true]), $server->set([]));
    $server->handle('/', function ($req, $resp) { $resp->end("root " . $req->server['request_uri']); });
    $server->handle('/api', function ($req, $resp) {
        $resp->header('X-Cid', (string) (Coroutine::getCid() > 0));
        $resp->end(json_encode([$req->get, $req->post, $req->server['remote_addr'], $req->server['server_addr'] ?? null, $req->server['server_port'] === $GLOBALS['port']]));
    });
    $server->handle('/slow', function ($req, $resp) { Coroutine::sleep(0.2); $resp->end('slow'); });
    $server->handle('/stop', function ($req, $resp) use ($server) { $resp->end('bye'); $server->shutdown(); });
    $GLOBALS['port'] = $server->port;
    go(function () use ($server) { var_dump($server->start()); echo "stopped\n"; });
    $port = $server->port;
    $c = new Coroutine\Http\Client('127.0.0.1', $port);
    $c->get('/'); echo $c->statusCode, ' ', $c->body, "\n";
    $c->get('/api?x=1'); echo $c->statusCode, ' ', $c->body, ' ', $c->headers['x-cid'] ?? '', "\n";
    $c->post('/API/sub', ['a' => 'b']); echo $c->statusCode, ' ', $c->body, "\n";
    $c->get('/other'); echo $c->statusCode, ' ', $c->body, "\n";
    $t = microtime(true);
    $wg = new Coroutine\WaitGroup;
    for ($i = 0; $i < 5; $i++) { $wg->add(); go(function () use ($port, $wg) { $d = new Coroutine\Http\Client('127.0.0.1', $port); $d->get('/slow'); echo $d->body, "\n"; $wg->done(); }); }
    $wg->wait();
    echo "overlapped ", json_encode(microtime(true) - $t < 0.5), "\n";
    $raw = stream_socket_client("tcp://127.0.0.1:$port");
    fwrite($raw, "GARBAGE\r\n\r\n"); echo explode("\r\n", fread($raw, 1000))[0], "\n";
    $c->get('/stop'); echo $c->statusCode, ' ', $c->body, "\n";
    Coroutine::sleep(0.1);
    $e = new Coroutine\Http\Client('127.0.0.1', $port); $e->set(['timeout' => 0.5]);
    var_dump($e->get('/'), $e->statusCode);
});
try { new Swoole\Coroutine\Http\Server(''); } catch (Throwable $t) { echo get_class($t), ': ', $t->getMessage(), ' ', $t->getCode(), "\n"; }
$busy = stream_socket_server('tcp://127.0.0.1:0'); $bp = (int) explode(':', stream_socket_get_name($busy, false))[1];
try { new Swoole\Coroutine\Http\Server('127.0.0.1', $bp); } catch (Throwable $t) { echo get_class($t), ': ', preg_replace('/\d+\)/', 'P)', $t->getMessage()), ' ', $t->getCode(), "\n"; }
$r = new ReflectionClass('Swoole\Coroutine\Http\Server'); var_dump($r->isFinal(), array_map(fn($p) => $p->getName(), $r->getProperties()));

?>
--EXPECT--
bool(true)
bool(true)
string(9) "127.0.0.1"
int(0)
bool(true)
bool(false)
200 root /
200 [{"x":"1"},null,"127.0.0.1","127.0.0.1",true] 1
200 [null,{"a":"b"},"127.0.0.1","127.0.0.1",true]
200 root /other
slow
slow
slow
slow
slow
overlapped true
HTTP/1.1 400 Bad Request
bool(true)
stopped
200 bye
bool(false)
int(-2)
Swoole\Exception: host is empty 22
Swoole\Exception: bind(127.0.0.1:P) failed 98
bool(true)
array(7) {
  [0]=>
  string(2) "fd"
  [1]=>
  string(4) "host"
  [2]=>
  string(4) "port"
  [3]=>
  string(3) "ssl"
  [4]=>
  string(8) "settings"
  [5]=>
  string(7) "errCode"
  [6]=>
  string(6) "errMsg"
}
