--TEST--
Swoole\Table is shared by the processes forked after create(): 4 server workers each incr the same counter 500 times under concurrent requests (no update lost), rows set by one worker are read by another, a pcntl_fork child's writes are seen by its parent, and destroy() in one process makes the table gone for the others
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$t = new Swoole\Table(1024);
$t->column('n', Swoole\Table::TYPE_INT);
$t->create();
$pid = pcntl_fork();
if ($pid === 0) { for ($i = 0; $i < 1000; $i++) $t->incr('fork', 'n'); exit(0); }
for ($i = 0; $i < 1000; $i++) $t->incr('fork', 'n');
pcntl_waitpid($pid, $st);
echo "fork: ", $t->get('fork', 'n'), "\n";
// destroy() in one process: the others' calls fail as on a table never created.
$pid = pcntl_fork();
if ($pid === 0) { usleep(200000); try { $t->get('fork'); echo "child: still readable\n"; } catch (Swoole\Error $e) { echo "child: ", $e->getMessage(), "\n"; } exit(0); }
$t->destroy();
pcntl_waitpid($pid, $st);

$s = corust_server_start(<<<'PHP'
<?php
$t = new Swoole\Table(1024);
$t->column('n', Swoole\Table::TYPE_INT);
$t->column('who', Swoole\Table::TYPE_STRING, 16);
$t->create();
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 4]);
$server->on('workerStart', function ($s, $id) use ($t) {
    $t->set("w$id", ['who' => "worker $id"]);
    for ($i = 0; $i < 500; $i++) { $t->incr('total', 'n'); if ($i % 50 == 0) Co::sleep(0.001); }
    $t->incr('ready', 'n');
    if ($id == 0) { while ($t->get('ready', 'n') < 4) Co::sleep(0.01); echo "READY {$s->port}\n"; }
});
$server->on('request', function ($req, $resp) use ($t) {
    $rows = [];
    foreach ($t as $k => $v) if ($k[0] === 'w') $rows[$k] = $v['who'];
    ksort($rows);
    $resp->end(json_encode(['total' => $t->get('total', 'n'), 'rows' => $rows, 'count' => count($t)]));
});
$server->start();
PHP);
echo corust_get($s[1], '/')[2], "\n";
corust_server_stop($s);
?>
--EXPECT--
fork: 2000
child: table is not created or has been destroyed
{"total":2000,"rows":{"w0":"worker 0","w1":"worker 1","w2":"worker 2","w3":"worker 3"},"count":6}
