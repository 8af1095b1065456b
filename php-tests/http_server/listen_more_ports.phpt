--TEST--
Server::listen()/addListener(): more TCP ports on one server, as Swoole serves them: a port without set() speaks the primary's protocol with the server's callbacks; a port with set() speaks what it says (plain TCP with its own receive callback; HTTP with open_http_protocol and its own request callback; WebSocket upgrades on the primary of a WebSocket\Server); $server->ports lists them all, getClientInfo() names the port a connection came in on; listen() after start or of an unsupported type warns and returns false
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\WebSocket\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 2]);
$inherit = $server->addlistener('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$tcp = $server->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$tcp->set(['open_eof_check' => false]);
$tcp->on('receive', function ($s, $fd, $rid, $data) { $s->send($fd, "tcp port got: $data"); $s->close($fd); });
$http = $server->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$http->set(['open_http_protocol' => true]);
$http->on('request', function ($req, $resp) { $resp->end('own request callback'); });
$server->on('message', function ($s, $f) { $s->push($f->fd, "ws: {$f->data}"); });
$server->on('request', function ($req, $resp) use ($server) {
    $resp->end("server request callback on port {$req->server['server_port']}, client info port " . $server->getClientInfo($req->fd)['server_port']);
});
$server->on('workerStart', function ($s, $id) use ($inherit, $tcp, $http) {
    if ($id) return;
    $ok = array_map(fn ($p) => $p instanceof Swoole\Server\Port, $s->ports);
    echo "READY {$s->port} {$inherit->port} {$tcp->port} {$http->port} ", count($s->ports), ' ', json_encode($ok), ' ', json_encode(@$s->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP)), "\n";
});
$server->start();
PHP, [], '/READY (\d+ \d+ \d+ \d+ .*)\n/');
[$main, $inherit, $tcp, $http] = array_map('intval', explode(' ', $s[4] ? explode('READY ', $s[4])[1] : ''));
echo preg_replace('/^\d+ \d+ \d+ \d+ /', '', strtok(explode('READY ', $s[4])[1], "\n")), "\n";
$fix = fn ($t) => str_replace([(string) $main, (string) $inherit], ['MAIN', 'INHERIT'], $t);
echo $fix(corust_get($main, '/')[2]), "\n";
echo $fix(corust_get($inherit, '/')[2]), "\n";
[$ws] = corust_ws_connect($inherit, '/');
corust_ws_send($ws, 1, 'hi');
echo json_encode(corust_ws_read($ws)), "\n";
$c = stream_socket_client("tcp://127.0.0.1:$tcp");
fwrite($c, "hello");
echo stream_get_contents($c), "\n";
echo corust_get($http, '/')[2], "\n";
corust_server_stop($s);
// An unknown socket type: Swoole's log line and false.
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
var_dump($server->listen('127.0.0.1', 0, 99));
?>
--EXPECTF--
4 [true,true,true,true] false
server request callback on port MAIN, client info port MAIN
server request callback on port INHERIT, client info port INHERIT
[1,"ws: hi",true]
tcp port got: hello
own request callback
[%s]	WARNING	make_socket(): unknown socket type [99]
bool(false)
