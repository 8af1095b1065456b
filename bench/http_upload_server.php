<?php // Upload sink for bench/http_chunked_upload.sh, with Swoole's names so the
// same script measures corust and Swoole. Answers with the body's length and
// the worker's pid. Usage: php http_upload_server.php PORT
$http = new Swoole\Http\Server('127.0.0.1', (int) ($argv[1] ?? 9501), SWOOLE_BASE);
$http->set(['worker_num' => 1, 'log_level' => SWOOLE_LOG_WARNING, 'package_max_length' => 8 << 20]);
$http->on('request', function ($req, $resp) {
    $resp->end(strlen($req->getContent()) . ' ' . getmypid());
});
$http->start();
