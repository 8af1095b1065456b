<?php // Hello-world server for bench/http_hello.sh, with Swoole's names so the same
// script measures corust (through its aliases) and Swoole.
// Usage: php http_server.php PORT WORKER_NUM [CERT_PEM|''] [base|process]  (a cert+key PEM: https)
$tls = $argv[3] ?? '';
$mode = ($argv[4] ?? 'base') === 'process' ? SWOOLE_PROCESS : SWOOLE_BASE;
$http = new Swoole\Http\Server('127.0.0.1', (int) ($argv[1] ?? 9501), $mode, SWOOLE_SOCK_TCP | ($tls ? SWOOLE_SSL : 0));
$http->set(['worker_num' => (int) ($argv[2] ?? 2), 'log_level' => SWOOLE_LOG_WARNING]
    + ($tls ? ['ssl_cert_file' => $tls, 'ssl_key_file' => $tls] : []));
$http->on('request', function ($req, $resp) {
    $resp->header('Content-Type', 'text/plain');
    $resp->end('Hello World');
});
$http->start();
