--TEST--
Server task workers: task() sends a value to a task worker; onTask's return value or finish() reaches onFinish or the callback given to task()
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0);
$server->set(['worker_num' => 1, 'task_worker_num' => 2]);
$server->on('workerStart', function ($srv, $id) {
    if ($id === 0) echo "READY {$srv->port}\n";
});
$server->on('task', function ($srv, $taskId, $srcWorker, $data) {
    if ($data['op'] === 'finish') { Co::sleep(0.05); $srv->finish(['via' => 'finish', 'sum' => array_sum($data['n'])]); return null; }
    return ['via' => 'return', 'upper' => strtoupper($data['s']), 'in' => $srv->worker_id >= 1, 'src' => $srcWorker];
});
$server->on('finish', function ($srv, $taskId, $result) {
    $GLOBALS['results'][$taskId] = $result;
});
$server->on('request', function ($req, $resp) use ($server) {
    $GLOBALS['results'] = [];
    $a = $server->task(['op' => 'return', 's' => 'abc']);
    $b = $server->task(['op' => 'finish', 'n' => [1, 2, 3]], 1);
    $c = new Co\Channel(1);
    $server->task(['op' => 'return', 's' => 'cb'], -1, function ($srv, $id, $r) use ($c) { $c->push($r); });
    $viaCb = $c->pop(2);
    for ($i = 0; $i < 100 && count($GLOBALS['results']) < 2; $i++) Co::sleep(0.01);
    $resp->end(json_encode(['ids' => [$a, $b], 'cb' => $viaCb, 'finish' => [$GLOBALS['results'][$a] ?? null, $GLOBALS['results'][$b] ?? null]]));
});
$server->start();
PHP);
usleep(100000);
[$code, , $body] = corust_get($s[1], '/');
echo $code, "\n", $body, "\n";
[$status, $out] = corust_server_stop($s);
var_dump($status);
?>
--EXPECT--
200
{"ids":[1,2],"cb":{"via":"return","upper":"CB","in":true,"src":0},"finish":[{"via":"return","upper":"ABC","in":true,"src":0},{"via":"finish","sum":6}]}
int(0)
