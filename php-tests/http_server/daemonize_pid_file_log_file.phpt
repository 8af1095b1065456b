--TEST--
Server: daemonize (the starting process exits at once with status 0, the server runs on in the background), pid_file (the daemon's pid, removed at shutdown), log_file (the daemon's stdout and stderr), backlog accepted
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; if (!function_exists('posix_kill')) die('skip posix'); ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$dir = sys_get_temp_dir() . '/corust-daemon-' . getmypid();
@mkdir($dir);
$pidFile = "$dir/server.pid";
$logFile = "$dir/server.log";
file_put_contents("$dir/server.php", <<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
\$server->set(['worker_num' => 1, 'daemonize' => true, 'pid_file' => 'server.pid', 'log_file' => '$logFile', 'backlog' => 64]);
\$server->on('workerStart', function (\$srv) { echo "READY {\$srv->port} cwd=", getcwd(), "\\n"; });
\$server->on('request', function (\$req, \$resp) use (\$server) { echo "request {\$req->server['request_uri']}\\n"; fwrite(STDERR, "to stderr\\n"); \$resp->end('pid ' . \$server->manager_pid); });
\$server->start();
PHP);
chdir($dir);
$t = microtime(true);
$proc = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . corust_ext_path(), "$dir/server.php"], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$early = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
$status = proc_close($proc);
printf("starter exited with %d, printed [%s], quickly: %s\n", $status, $early, json_encode(microtime(true) - $t < 5));
$port = null;
for ($i = 0; $i < 100 && !$port; $i++) {
    usleep(50000);
    if (preg_match('/READY (\d+) cwd=(\S+)/', (string) @file_get_contents($logFile), $m)) { $port = (int) $m[1]; $cwd = $m[2]; }
}
$pid = (int) @file_get_contents($pidFile);
echo 'pid file names a live process: ', json_encode($pid > 0 && posix_kill($pid, 0)), ", daemon cwd: $cwd\n";
[$code, , $body] = corust_get($port, '/hello');
echo "$code ", $body === "pid $pid" ? 'answered by a worker of that daemon' : $body, "\n";
posix_kill($pid, SIGTERM);
for ($i = 0; $i < 100 && (file_exists($pidFile) || posix_kill($pid, 0)); $i++) { usleep(50000); }
echo 'after SIGTERM: pid file removed: ', json_encode(!file_exists($pidFile)), ', process gone: ', json_encode(!posix_kill($pid, 0)), "\n";
$log = file_get_contents($logFile);
echo 'log has the request and stderr: ', json_encode(str_contains($log, "request /hello\n") && str_contains($log, "to stderr\n")), "\n";
@unlink($logFile); @unlink("$dir/server.php"); @rmdir($dir);
?>
--EXPECT--
starter exited with 0, printed [], quickly: true
pid file names a live process: true, daemon cwd: /
200 answered by a worker of that daemon
after SIGTERM: pid file removed: true, process gone: true
log has the request and stderr: true
