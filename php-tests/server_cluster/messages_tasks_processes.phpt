--TEST--
Server across processes: sendMessage() reaches pipeMessage in a worker or task worker (never self, never an unknown id); taskwait/taskCo/taskWaitMulti wait in the coroutine with Swoole's timeout results (a task worker serves one task at a time, hooks off, as Swoole's without task_enable_coroutine; a late result is dropped with 'task[N] has expired'); addProcess() runs a user process (its $id, re-forked by the manager) that can sendMessage too; getWorkerId/Pid/Status, getManagerPid/getMasterPid, stop($id) of another worker, getClientInfo/getClientList and stats() read the processes' shared board
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 2, 'task_worker_num' => 1]);
$p = new Swoole\Process(function (Swoole\Process $p) use ($server) {
    echo "LINE user process id={$p->id} getWorkerId=" . var_export($server->getWorkerId(), true) . "\n";
    $server->sendMessage("from user {$p->id}", 0);
    Co::sleep(30);
}, false, 0, true);
$added = "addProcess: " . $server->addProcess($p) . " id={$p->id}";
$server->on('pipeMessage', function ($srv, $src, $msg) {
    echo "LINE pipe in {$srv->getWorkerId()} from $src: " . json_encode($msg) . "\n";
    if (is_array($msg) && isset($msg['hello'])) $srv->sendMessage(['reply' => $srv->getWorkerId()], $src);
});
$server->on('task', function ($srv, $id, $src, $data) {
    if ($data === 'slow') usleep(400000);
    if ($data === 'null') return null;
    return "done:$data";
});
$server->on('finish', function () {});
$server->on('workerStart', function ($srv, $id) use ($added) {
    if ($id != 0) return;
    echo "READY {$srv->port}\n";
    $r = [$srv->sendMessage(['hello' => 0], 1), $srv->sendMessage('to the task worker', 2)];
    $r[] = @$srv->sendMessage('x', 0); $r[] = error_get_last()['message'];
    $r[] = @$srv->sendMessage('x', 3); $r[] = error_get_last()['message'];
    echo "LINE $added\nLINE sends: " . json_encode($r) . "\n";
});
$server->on('request', function ($req, $resp) use ($server) {
    $o = [];
    if ($req->server['request_uri'] === '/stop1') {
        $other = 1 - $server->getWorkerId();
        $before = $server->getWorkerPid($other);
        $o['stop'] = $server->stop($other);
        for ($i = 0; $i < 100 && $server->getWorkerPid($other) === $before; $i++) Co::sleep(0.05);
        $o['replaced'] = $server->getWorkerPid($other) !== $before && $server->getWorkerPid($other) > 0;
        return $resp->end(json_encode($o));
    }
    // The manager forks the user process after the workers.
    for ($i = 0; $i < 100 && !$server->getWorkerPid(3); $i++) Co::sleep(0.02);
    $o['self'] = [$server->getWorkerId() === $server->worker_id, $server->getWorkerPid() === getmypid(), $server->getWorkerStatus() === SWOOLE_WORKER_BUSY];
    $o['pids'] = array_map(fn ($i) => $server->getWorkerPid($i) > 0, [0, 1, 2, 3]);
    $o['unknown'] = [$server->getWorkerPid(4), $server->getWorkerStatus(9)];
    $o['manager'] = $server->getManagerPid() === $server->manager_pid && $server->manager_pid > 0 && $server->manager_pid !== getmypid();
    $o['master_is_worker0'] = $server->getMasterPid() === $server->getWorkerPid(0);
    $o['taskwait'] = $server->taskwait('a');
    $t = microtime(true);
    $o['taskwait_timeout'] = [$server->taskwait('slow', 0.1), microtime(true) - $t < 0.35];
    Co::sleep(0.6);
    $o['taskCo'] = $server->taskCo(['x', 'slow', 'y'], 0.2);
    Co::sleep(0.6);
    $o['taskWaitMulti'] = $server->taskWaitMulti(['x', 'slow', 'y'], 0.2);
    Co::sleep(0.6);
    $o['null_result'] = $server->taskwait('null', 0.1);
    $info = $server->getClientInfo($req->fd);
    $o['client'] = [$info['remote_ip'], $info['server_port'] === $server->port, $info['connect_time'] <= time()];
    $o['list'] = $server->getClientList() === [$req->fd];
    $o['no_client'] = $server->getClientInfo(9999);
    $st = $server->stats();
    $o['stats'] = [$st['worker_num'], $st['task_worker_num'], $st['user_worker_num'], $st['connection_num'] >= 1, $st['request_count'] >= 1, $st['worker_concurrency'], $st['start_time'] <= time(), isset($st['coroutine_num'], $st['idle_worker_num'], $st['task_idle_worker_num'])];
    $resp->end(json_encode($o));
});
$server->start();
PHP);
$port = $s[1];
$get = function (string $path) use ($port) {
    [$code, , $body] = corust_get($port, $path);
    return "$code $body\n";
};
echo $get('/');
echo $get('/stop1');
usleep(300000);
[$status, $rest] = corust_server_stop($s);
$out = $s[4] . $rest;
preg_match_all('/^LINE (.*)$/m', $out, $m);
$lines = array_unique($m[1]);
sort($lines);
echo implode("\n", $lines), "\n";
echo "exit $status\n";
?>
--EXPECT--
200 {"self":[true,true,true],"pids":[true,true,true,true],"unknown":[false,false],"manager":true,"master_is_worker0":true,"taskwait":"done:a","taskwait_timeout":[false,true],"taskCo":["done:x",false,false],"taskWaitMulti":["done:x"],"null_result":false,"client":["127.0.0.1",true,true],"list":true,"no_client":false,"stats":[2,1,1,true,true,1,true,true]}
200 {"stop":true,"replaced":true}
addProcess: 0 id=0
pipe in 0 from 1: {"reply":1}
pipe in 0 from 3: "from user 3"
pipe in 1 from 0: {"hello":0}
pipe in 2 from 0: "to the task worker"
sends: [true,true,false,"Swoole\\Server::sendMessage(): can't send messages to self",false,"Swoole\\Server::sendMessage(): worker_id[3] is invalid"]
user process id=3 getWorkerId=false
exit 0
