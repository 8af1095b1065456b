--TEST--
Messages between a server's processes larger than one socket datagram (the kernel caps those near 208 KiB) arrive whole: a 1 MiB task and its 1 MiB taskwait result, a 600 KiB sendMessage to the other worker, and 2 MiB sent to a client from a task worker and from a user process (through the worker that holds the connection)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$server->set(['worker_num' => 2, 'task_worker_num' => 1, 'open_eof_split' => true, 'package_eof' => "\n", 'log_level' => SWOOLE_LOG_WARNING]);
$proc = new Swoole\Process(function ($p) use ($server) {
    while (true) {
        $fd = (int) $p->read();
        if ($fd > 0) echo "user process send: " . json_encode($server->send($fd, str_repeat('u', 2 << 20) . "\n")) . "\n";
    }
}, false, 2, false);
$server->addProcess($proc);
$server->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$server->on('pipeMessage', function ($s, $src, $msg) { echo "pipe message of " . strlen($msg) . " bytes, intact: " . json_encode($msg === str_repeat('p', 600 << 10)) . "\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) use ($proc) {
    switch (trim($data)) {
        case 'taskwait':
            $r = $s->taskwait(str_repeat('t', 1 << 20), 10);
            $s->send($fd, "taskwait result of " . strlen($r) . " bytes, intact: " . json_encode($r === strrev(str_repeat('t', 1 << 20))) . "\n");
            break;
        case 'pipe':
            $s->sendMessage(str_repeat('p', 600 << 10), 1 - $s->getWorkerId());
            $s->send($fd, "sent\n");
            break;
        case 'task-send':
            $s->task(['fd' => $fd]);
            break;
        case 'proc-send':
            $proc->write((string) $fd);
            break;
    }
});
$server->on('task', function ($s, $id, $src, $data) {
    if (is_array($data)) { echo "task worker send: " . json_encode($s->send($data['fd'], str_repeat('x', 2 << 20) . "\n")) . "\n"; return null; }
    return strrev($data);
});
$server->on('finish', function () {});
$server->start();
PHP);
$c = stream_socket_client("tcp://127.0.0.1:{$s[1]}", $e, $es, 5);
stream_set_timeout($c, 10);
foreach (['taskwait', 'pipe', 'task-send', 'proc-send'] as $cmd) {
    fwrite($c, "$cmd\n");
    $line = stream_get_line($c, 4 << 20, "\n");
    echo strlen($line) > 100 ? "$cmd: " . strlen($line) . " bytes of " . $line[0] . "\n" : "$cmd: $line\n";
}
usleep(300000);
[, $rest] = corust_server_stop($s);
// The server's processes print in whatever order they get there.
$lines = array_filter(explode("\n", $rest));
sort($lines);
echo implode("\n", $lines), "\n";
?>
--EXPECT--
taskwait: taskwait result of 1048576 bytes, intact: true
pipe: sent
task-send: 2097152 bytes of x
proc-send: 2097152 bytes of u
pipe message of 614400 bytes, intact: true
task worker send: true
user process send: true
