--TEST--
Server addCommand()/command() as Swoole's BASE mode: from worker 0 to itself (MASTER, EVENT_WORKER 0), to another worker, to a task worker and to the manager; json_decode on and off; a handler's non-string return; the NOTICEs and error codes for an unknown command, invalid worker ids, an unsupported process type and a call from another worker; addCommand() refused for reactor threads, a taken name and once running (lines sorted: processes interleave)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
use Swoole\Server;
$s = new Server('127.0.0.1', 0, SWOOLE_BASE);
$s->set(['worker_num' => 2, 'task_worker_num' => 1]);
function out($l) { fwrite(STDOUT, $l . "\n"); }
out('before start: ' . var_export(@$s->command('x', 0, SWOOLE_SERVER_COMMAND_MASTER, []), true));
$h = function (Server $server, string $msg) {
    return json_encode(['worker' => $server->getWorkerId(), 'task' => $server->taskworker, 'msg' => json_decode($msg, true)]);
};
var_dump($s->addCommand('who', SWOOLE_SERVER_COMMAND_MASTER | SWOOLE_SERVER_COMMAND_EVENT_WORKER | SWOOLE_SERVER_COMMAND_TASK_WORKER, $h));
var_dump($s->addCommand('who', SWOOLE_SERVER_COMMAND_MASTER, $h));
var_dump($s->addCommand('reactor', SWOOLE_SERVER_COMMAND_REACTOR_THREAD, $h));
var_dump($s->addCommand('master_only', SWOOLE_SERVER_COMMAND_MASTER, $h));
var_dump($s->addCommand('bad_return', SWOOLE_SERVER_COMMAND_MASTER | SWOOLE_SERVER_COMMAND_EVENT_WORKER, fn() => 42));
var_dump($s->addCommand('mgr', SWOOLE_SERVER_COMMAND_MANAGER, fn($s, $m) => json_encode(['manager' => true])));
$s->on('receive', function () {});
$s->on('task', function () {});
$s->on('workerStart', function (Server $s, int $id) {
    if ($id == 1) {
        $r = $s->command('who', 0, SWOOLE_SERVER_COMMAND_MASTER, []);
        out("w1 command: " . var_export($r, true) . ' ' . swoole_last_error());
        out("w1 addCommand: " . var_export($s->addCommand('late', SWOOLE_SERVER_COMMAND_MASTER, fn() => ''), true));
        return;
    }
    if ($id != 0) return;
    usleep(300000);
    $T = SWOOLE_SERVER_COMMAND_EVENT_WORKER;
    out('master: ' . json_encode($s->command('who', 0, SWOOLE_SERVER_COMMAND_MASTER, ['a' => 1])));
    out('worker0: ' . json_encode($s->command('who', 0, $T, ['a' => 2])));
    out('worker1: ' . json_encode($s->command('who', 1, $T, ['a' => 3])));
    out('task0: ' . json_encode($s->command('who', 0, SWOOLE_SERVER_COMMAND_TASK_WORKER, 'str')));
    out('raw: ' . var_export($s->command('who', 1, $T, [1, 2], false), true));
    out('bad_return: ' . var_export($s->command('bad_return', 0, SWOOLE_SERVER_COMMAND_MASTER, null, false), true));
    out('bad_return w1: ' . json_encode($s->command('bad_return', 1, $T, null)));
    out('manager: ' . json_encode($s->command('mgr', 0, SWOOLE_SERVER_COMMAND_MANAGER, [])));
    foreach ([['nope', 0, SWOOLE_SERVER_COMMAND_MASTER], ['who', 2, $T], ['who', 1, SWOOLE_SERVER_COMMAND_TASK_WORKER],
              ['master_only', 1, $T], ['who', 0, SWOOLE_SERVER_COMMAND_REACTOR_THREAD], ['who', 0, SWOOLE_SERVER_COMMAND_MANAGER], ['who', 0, 64]] as [$n, $i, $t]) {
        $r = $s->command($n, $i, $t, []);
        out("err $n $i $t: " . var_export($r, true) . ' ' . swoole_last_error());
    }
    out('late add: ' . var_export($s->addCommand('late', SWOOLE_SERVER_COMMAND_MASTER, fn() => ''), true));
    out('READY 0');

});
$s->start();
PHP;
$s = corust_server_start($code, [], '/READY (\d+)/');
usleep(200000);
[$st, $out] = corust_server_stop($s);
$all = $s[4] . $out;
$all = preg_replace('/^\[[0-9-]+ [0-9:]+ \*\d+\.(\d+)\]/m', '[*.$1]', $all);
$all = preg_replace('/ in \S+ on line \d+/', '', $all);
$lines = array_filter(explode("\n", $all), fn ($l) => $l !== '' && !str_starts_with($l, 'READY'));
sort($lines);
echo implode("\n", $lines), "\n";
?>
--EXPECT--
Warning: Swoole\Server::addCommand(): only support worker/task_worker process
Warning: Swoole\Server::addCommand(): server is running, can't add command
Warning: Swoole\Server::addCommand(): server is running, can't add command
[*.0]	NOTICE	Server::command() (ERRNO 505): invalid task_worker_id[1]
[*.0]	NOTICE	Server::command() (ERRNO 505): invalid worker_id[2]
[*.0]	NOTICE	Server::command() (ERRNO 507): unsupported [process_type]
[*.0]	NOTICE	Server::command() (ERRNO 507): unsupported [process_type]
[*.0]	NOTICE	Server::command() (ERRNO 507): unsupported [process_type]
[*.0]	NOTICE	Server::command() (ERRNO 507): unsupported [process_type]
[*.0]	NOTICE	Server::command() (ERRNO 9012): Unknown command[nope]
[*.1]	NOTICE	Server::command() (ERRNO 505): command() can only be used in worker process 0
bad_return w1: {"data":"wrong return type","code":-2}
bad_return: '{"data": "wrong return type", "code": -2}'
before start: false
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
err master_only 1 8: false 507
err nope 0 2: false 9012
err who 0 32: false 507
err who 0 4: false 507
err who 0 64: false 507
err who 1 16: false 505
err who 2 8: false 505
late add: false
manager: {"manager":true}
master: {"worker":0,"task":false,"msg":{"a":1}}
raw: '{"worker":1,"task":false,"msg":[1,2]}'
task0: {"worker":2,"task":true,"msg":"str"}
w1 addCommand: false
w1 command: false 505
worker0: {"worker":0,"task":false,"msg":{"a":2}}
worker1: {"worker":1,"task":false,"msg":{"a":3}}
