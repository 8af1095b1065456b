--TEST--
Server\Admin: admin_server serves the admin commands over HTTP from worker 0 (access token, bad path/method/process, master/manager/worker-N/task_worker-N/all routes, multi, Swoole's envelope and error codes), the built-in and library commands listed, and stats_file written as JSON by worker 0
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
fclose($probe);
putenv("ADMIN_PORT=$port");
$code = <<<'PHP'
<?php
use Swoole\Server;
$admin = (int) getenv('ADMIN_PORT');
$stats = sys_get_temp_dir() . '/admin-stats-' . getmypid() . '.json';
$s = new Server('127.0.0.1', 0, SWOOLE_BASE);
$s->set(['worker_num' => 2, 'task_worker_num' => 1, 'admin_server' => "admin:secret@127.0.0.1:$admin",
    'stats_file' => $stats, 'stats_timer_interval' => 100]);
$s->on('receive', function () {});
$s->on('task', function () {});
$s->on('workerStart', function (Server $s, int $id) use ($stats) {
    if ($id === 0) {
        Swoole\Timer::after(500, function () use ($stats) {
            $j = json_decode((string) @file_get_contents($stats), true);
            fwrite(STDOUT, "stats_file: " . (is_array($j) && isset($j['worker_num'], $j['start_time']) ? 'ok' : 'missing') . "\nREADY 1\n");
        });
    }
});
$s->on('shutdown', function () use ($stats) { @unlink($stats); fwrite(STDOUT, "SHUTDOWN\n"); });
$s->start();
PHP;
$s = corust_server_start($code, ["extension" => "posix"]);
echo $s[4];
$token = sha1('admin' . 'secret');
function req($port, $method, $path, $token = null, $body = null) {
    $h = "$method $path HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    if ($token !== null) $h .= "X-Admin-Server-Access-Token: $token\r\n";
    if ($body !== null) $h .= "Content-Type: application/json\r\nContent-Length: " . strlen($body) . "\r\n";
    $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 5);
    fwrite($c, $h . "\r\n" . $body);
    $r = stream_get_contents($c);
    [$head, $b] = explode("\r\n\r\n", $r, 2);
    if (stripos($head, "transfer-encoding: chunked") !== false) { $o=''; while (preg_match('/^([0-9a-f]+)\r\n/i', $b, $m)) { $n=hexdec($m[1]); if(!$n) break; $o.=substr($b, strlen($m[0]), $n); $b=substr($b, strlen($m[0])+$n+2);} $b=$o; }
    preg_match('#^HTTP/1.1 (\d+)#', $head, $m);
    return [(int) $m[1], $b];
}
function show($label, $r) { $j = json_decode($r[1], true); echo "$label: {$r[0]} ", is_array($j) ? json_encode(['code' => $j['code'] ?? null, 'keys' => is_array($j['data'] ?? null) ? array_slice(array_keys($j['data']), 0, 12) : ($j['data'] ?? null)]) : var_export($r[1], true), "\n"; }
show('no token', req($port, 'GET', '/api/server_stats', null));
show('bad token', req($port, 'GET', '/api/server_stats', 'x'));
show('bad path', req($port, 'GET', '/api/a/b/c', $token));
show('get reload', req($port, 'GET', '/api/server_reload', $token));
show('server_stats', req($port, 'GET', '/api/server_stats', $token));
show('getpid master', req($port, 'GET', '/api/getpid/master', $token));
$w1 = json_decode(req($port, 'GET', '/api/get_worker_info/worker-1', $token)[1], true);
echo "worker-1 id: ", $w1['data']['id'] ?? 'none', "\n";
$t0 = json_decode(req($port, 'GET', '/api/get_worker_info/task_worker-0', $token)[1], true);
echo "task_worker-0 id: ", $t0['data']['id'] ?? 'none', "\n";
$m = json_decode(req($port, 'GET', '/api/getpid/manager', $token)[1], true);
echo "manager pid: ", is_int($m['data']['pid'] ?? null) ? 'int' : 'none', "\n";
$all = json_decode(req($port, 'GET', '/api/getpid/all', $token)[1], true);
echo "all: ", implode(',', array_keys($all['data'] ?? [])), "\n";
show('unknown cmd', req($port, 'GET', '/api/nope', $token));
show('bad process', req($port, 'GET', '/api/getpid/foo-1', $token));
show('bad worker', req($port, 'GET', '/api/getpid/worker-9', $token));
show('coroutine_bt', req($port, 'GET', '/api/coroutine_bt?cid=99999', $token));
show('get_client_info', req($port, 'GET', '/api/get_client_info', $token));
show('gc_status', req($port, 'GET', '/api/gc_status/worker-1', $token));
show('commands', req($port, 'GET', '/api/get_all_commands', $token));
$c = json_decode(req($port, 'GET', '/api/get_all_commands', $token)[1], true);
$names = array_column($c['data'] ?? [], 'name');
sort($names);
echo "command names: ", implode(',', $names), "\n";
show('connections', req($port, 'GET', '/api/get_connections/worker-1', $token));
show('timer list', req($port, 'GET', '/api/get_timer_list', $token));
show('multi', req($port, 'POST', '/api/multi', $token, json_encode(['a' => ['path' => '/api/getpid/worker-1'], 'b' => ['path' => '/api/memory_usage/task_worker-0']])));
show('options', req($port, 'OPTIONS', '/api/getpid', $token));
show('root', req($port, 'GET', '/', $token));
show('class info', req($port, 'GET', '/api/get_class_info?class_name=Swoole%5CServer%5CAdmin', $token));
show('version', req($port, 'GET', '/api/get_version_info', $token));
show('shutdown', req($port, 'POST', '/api/server_shutdown', $token));
usleep(500000);
[$st, $out] = corust_server_stop($s);
echo preg_replace('/^\[[0-9-]+ [0-9:]+ \*\d+\.(\d+)\]/m', '[*.$1]', $out);
?>
--EXPECT--
stats_file: ok
READY 1
no token: 403 {"code":4003,"keys":"Bad access token"}
bad token: 403 {"code":4003,"keys":"Bad access token"}
bad path: 403 {"code":4003,"keys":"Bad API path"}
get reload: 403 {"code":4003,"keys":"Bad request method"}
server_stats: 200 {"code":0,"keys":["start_time","connection_num","abort_count","accept_count","close_count","worker_num","task_worker_num","user_worker_num","idle_worker_num","dispatch_count","request_count","response_count"]}
getpid master: 200 {"code":0,"keys":["pid"]}
worker-1 id: 1
task_worker-0 id: 2
manager pid: int
all: master,manager,worker-0,worker-1,task_worker-0
unknown cmd: 200 {"code":9012,"keys":"Server invalid command"}
bad process: 403 {"code":4003,"keys":"Bad process"}
bad worker: 200 {"code":505,"keys":"Invalid params"}
coroutine_bt: 200 {"code":4004,"keys":"Coroutine#99999 not exists"}
get_client_info: 200 {"code":4003,"keys":"require session_id"}
gc_status: 200 {"code":0,"keys":["runs","collected","threshold","roots"]}
commands: 200 {"code":0,"keys":[0,1,2,3,4,5,6,7,8,9,10,11]}
command names: close_session,coroutine_bt,coroutine_list,coroutine_stats,gc_status,get_all_commands,get_all_ports,get_all_sockets,get_all_unix_sockets,get_class_info,get_client_info,get_composer_packages,get_connection_info,get_connections,get_coroutine_list,get_declared_classes,get_declared_interfaces,get_declared_traits,get_defined_constants,get_defined_functions,get_extension_info,get_function_info,get_globals,get_included_file_contents,get_included_files,get_loaded_extensions,get_manager_info,get_memory_info,get_object_by_handle,get_objects,get_resources,get_server_cpu_usage,get_server_memory_usage,get_socket_info,get_static_property_value,get_thread_info,get_timer_list,get_version_info,get_worker_info,getpid,memory_usage,server_reload,server_setting,server_shutdown,server_stats
connections: 200 {"code":0,"keys":[]}
timer list: 200 {"code":0,"keys":[0]}
multi: 200 {"code":null,"keys":null}
options: 200 ''
root: 404 ''
class info: 200 {"code":0,"keys":["filename","constants","staticProperties","properties","staticMethods","methods","parentClass","interface"]}
version: 200 {"code":0,"keys":["os","swoole","php","ip"]}
shutdown: 200 {"code":-2,"keys":"wrong return type"}
[*.0]	NOTICE	Server::command() (ERRNO 9012): Unknown command[nope]
[*.0]	NOTICE	Server::command() (ERRNO 505): invalid worker_id[9]
SHUTDOWN
