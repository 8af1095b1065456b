--TEST--
Response::detach() + Response::create(): a handler detaches its response and hands the session id to a task worker, which answers with Response::create($server, $fd) (through the worker that holds the connection); a timer answers another detached request with Response::create($fd); detach() of an ended response is false; create() for a session that cannot exist warns and is false; keep-alive goes on after a detached answer
--SKIPIF--
<?php $heavy = true; $curl = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$s = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_PROCESS);
$s->set(['worker_num' => 2, 'task_worker_num' => 1, 'enable_reuse_port' => true]);
$s->on('workerStart', function ($s, $id) { if ($id === 0) echo "READY {$s->port}\n"; });
$s->on('request', function ($req, $resp) use ($s) {
    switch ($req->server['request_uri']) {
        case '/task':
            $resp->detach();
            $s->task($req->fd);
            return;
        case '/later':
            $resp->detach();
            $fd = $req->fd;
            Swoole\Timer::after(50, function () use ($fd) {
                $r = Swoole\Http\Response::create($fd);
                $r->header('X-Later', 'yes');
                $r->end("answered later by a timer");
            });
            return;
        case '/misuse':
            $resp->end('ended');
            echo "detach after end: ", json_encode($resp->detach()), "\n";
            echo "create for session 0: ", json_encode(@Swoole\Http\Response::create($s, 0)), ", ", error_get_last()['message'], "\n";
            return;
    }
    $resp->end("plain");
});
$s->on('task', function ($s, $id, $src, $fd) {
    $r = Swoole\Http\Response::create($s, $fd);
    $r->status(201);
    $r->end("answered by the task worker");
    return true;
});
$s->on('finish', function () {});
$s->start();
PHP);
$base = "http://127.0.0.1:{$s[1]}";
foreach (['/task', '/later', '/misuse'] as $u) {
    $ch = curl_init("$base$u");
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true, CURLOPT_TIMEOUT => 5]);
    $r = curl_exec($ch);
    echo curl_getinfo($ch, CURLINFO_RESPONSE_CODE), " ", json_encode(str_contains($r, 'X-Later: yes')), " ", substr($r, curl_getinfo($ch, CURLINFO_HEADER_SIZE)), "\n";
}
// One keep-alive connection: a detached answer, then a plain one on it.
$ch = curl_init();
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 5]);
foreach (['/task', '/plain', '/later'] as $u) { curl_setopt($ch, CURLOPT_URL, "$base$u"); echo curl_exec($ch), "\n"; }
echo "new connections for the last request: ", curl_getinfo($ch, CURLINFO_NUM_CONNECTS), "\n";
usleep(100000);
[, $rest] = corust_server_stop($s);
echo $rest;
?>
--EXPECT--
201 false answered by the task worker
200 true answered later by a timer
200 false ended
answered by the task worker
plain
answered later by a timer
new connections for the last request: 0
detach after end: false
create for session 0: false, Swoole\Http\Response::create(): parameter $2 (0) must be valid connection session_id
