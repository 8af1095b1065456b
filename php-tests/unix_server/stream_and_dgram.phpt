--TEST--
Server on unix sockets as Swoole's: SWOOLE_SOCK_UNIX_STREAM serves receive (remote_ip '' in getClientInfo) and SWOOLE_SOCK_UNIX_DGRAM serves packet (address: the client's path, no port) answered with send($path) and sendto($path); Swoole\Client of both kinds (a datagram client binds a socket file of its own); the socket file is removed at shutdown
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$dir = sys_get_temp_dir() . '/unix-cmp-' . getmypid();
@mkdir($dir);
foreach ([['stream', 'SWOOLE_SOCK_UNIX_STREAM'], ['dgram', 'SWOOLE_SOCK_UNIX_DGRAM']] as [$kind, $type]) {
    $path = "$dir/$kind.sock";
    $code = <<<PHP
<?php
\$serv = new Swoole\Server('$path', 0, SWOOLE_BASE, $type);
\$serv->set(['worker_num' => 1]);
\$serv->on('workerStart', function (\$s) { echo "READY 0\\n"; });
\$serv->on('receive', function (\$s, \$fd, \$rid, \$data) { var_dump(\$s->getClientInfo(\$fd)['remote_ip'] ?? null); \$s->send(\$fd, "stream:\$data"); });
\$serv->on('packet', function (\$s, \$data, \$addr) { echo implode(',', array_keys(\$addr)), ' ', str_starts_with(\$addr['address'], '/tmp/swoole-client.') ? 'client-path' : \$addr['address'], "\\n"; var_dump(\$s->send(\$addr['address'], "dgram:\$data")); var_dump(\$s->sendto(\$addr['address'], 0, "again")); });
\$serv->start();
PHP;
    $s = corust_server_start($code);
    var_dump($s[1], file_exists($path));
    $c = new Swoole\Client(constant($type));
    var_dump($c->connect($path, 0, 2));
    var_dump($c->send("hi"), $c->recv());
    if ($kind === 'dgram') var_dump($c->recv());
    $c->close();
    [$st, $out, $err] = corust_server_stop($s);
    echo $out, $err;
    var_dump(file_exists($path));
}
@rmdir($dir);

?>
--EXPECT--
int(0)
bool(true)
bool(true)
int(2)
string(9) "stream:hi"
string(0) ""
bool(false)
int(0)
bool(true)
bool(true)
int(2)
string(8) "dgram:hi"
string(5) "again"
server_socket,dispatch_time,server_port,address client-path
bool(true)
bool(true)
bool(false)
