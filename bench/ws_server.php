<?php
// WebSocket bench server (Swoole names: runs on corust or Swoole). One
// worker, BASE mode (argv[2] 'process': SWOOLE_PROCESS), 127.0.0.1. "bcast:<n>" pushes <n> to every open
// connection (broadcast); anything else is echoed.
$port = (int) ($argv[1] ?? 19502);
$mode = ($argv[2] ?? 'base') === 'process' ? SWOOLE_PROCESS : SWOOLE_BASE;
$server = new Swoole\WebSocket\Server('127.0.0.1', $port, $mode);
$server->set(['worker_num' => 1, 'log_level' => SWOOLE_LOG_WARNING]);
$fds = [];
$server->on('open', function ($s, $req) use (&$fds) { $fds[$req->fd] = true; });
$server->on('close', function ($s, $fd) use (&$fds) { unset($fds[$fd]); });
$server->on('message', function ($s, $f) use (&$fds) {
    if (str_starts_with($f->data, 'bcast:')) {
        foreach ($fds as $fd => $_) $s->push($fd, $f->data);
        return;
    }
    $s->push($f->fd, $f->data);
});
$server->on('workerStart', function () { echo "READY\n"; });
$server->start();
