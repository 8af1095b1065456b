--TEST--
Http\Server: $server->ports holds the primary Swoole\Server\Port (host, port, type, sock); its on() and set() act on the server (a request handler registered on the port serves, a package_max_length set on it applies); getCallback() returns what was registered; listen() of an unknown socket type returns false
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$port = current($server->ports);
$report = sprintf("%s %s %s %s\n", get_class($port) === 'Swoole\Server\Port' || $port instanceof Swoole\Server\Port ? 'Port' : get_class($port),
    $port->host, $port->port === $server->port ? 'same port' : 'OTHER', $port->sock > 0 ? 'has socket' : 'no socket');
$port->on('request', function ($req, $resp) { $resp->end('via port'); });
$port->set(['package_max_length' => 100]);
$report .= ($server->getCallback('request') instanceof Closure ? 'callback kept' : 'no callback') . ' ' . json_encode($port->setting) . "\n";
$report .= var_export(@$server->listen('127.0.0.1', 0, 99), true) . "\n";
$server->on('workerStart', function ($srv) use ($report) { echo "READY {$srv->port}\n"; file_put_contents(getenv('REPORT'), $report); });
$server->start();
PHP, [], '/READY (\d+)/');
$port = $s[1];
usleep(100000);
[$code, , $body] = corust_get($port, '/');
echo "$code $body\n";
[$code] = corust_parse_response(corust_http($port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n" . str_repeat('x', 500)));
echo "$code\n";
corust_server_stop($s);
echo file_get_contents(getenv('REPORT'));
?>
--ENV--
REPORT=/tmp/corust-ports-report.txt
--CLEAN--
<?php @unlink('/tmp/corust-ports-report.txt'); ?>
--EXPECT--
200 via port
413
Port 127.0.0.1 same port has socket
callback kept {"package_max_length":100}
false
