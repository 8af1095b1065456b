<?php // Hello-world Http\Server for bench/http_hello.sh. Usage: php http_server.php PORT WORKER_NUM
$http = new Corust\Http\Server('127.0.0.1', (int) ($argv[1] ?? 9501), SWOOLE_BASE);
$http->set(['worker_num' => (int) ($argv[2] ?? 2)]);
$http->on('request', function ($req, $resp) {
    $resp->header('Content-Type', 'text/plain');
    $resp->end('Hello World');
});
$http->start();
