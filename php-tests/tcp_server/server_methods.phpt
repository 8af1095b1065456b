--TEST--
Server (TCP) methods as Swoole's: sendfile() queued between send()s (a part of a file; stat failure, offset past the end and a directory logged with Swoole's ERRNO, getLastError() telling it), bind() once per connection (getClientInfo uid), pause()/resume() holding receive events back, sendwait() (and its empty-data warning), protect() keeping a silent connection past the heartbeat
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$file = sys_get_temp_dir() . '/sf-' . getmypid() . '.txt';
file_put_contents($file, str_repeat("0123456789", 10));
$code = <<<PHP
<?php
\$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
\$server->set(['worker_num' => 1, 'heartbeat_idle_time' => 2, 'heartbeat_check_interval' => 1]);
\$server->on('workerStart', function (\$s) { echo "READY {\$s->port}\\n"; });
\$server->on('receive', function (\$s, \$fd, \$rid, \$data) {
    switch (trim(\$data)) {
    case 'file':
        \$s->send(\$fd, "head:");
        var_dump(\$s->sendfile(\$fd, '$file', 5, 10));
        \$s->send(\$fd, ":tail\\n");
        var_dump(\$s->sendfile(\$fd, '/nonexistent'), \$s->getLastError());
        var_dump(\$s->sendfile(\$fd, '$file', 1000), \$s->getLastError());
        var_dump(\$s->sendfile(\$fd, '/tmp'), \$s->getLastError());
        return;
    case 'bind':
        var_dump(\$s->bind(\$fd, 42), \$s->bind(\$fd, 43), \$s->getClientInfo(\$fd)['uid'] ?? null);
        var_dump(\$s->bind(9999, 1), \$s->getLastError());
        \$s->send(\$fd, "bound\\n");
        return;
    case 'protect':
        var_dump(\$s->protect(\$fd), \$s->protect(9999));
        \$s->send(\$fd, "protected\\n");
        return;
    case 'pause':
        var_dump(\$s->pause(\$fd));
        Swoole\Timer::after(500, function () use (\$s, \$fd) { echo "resuming\\n"; var_dump(\$s->resume(\$fd)); });
        \$s->send(\$fd, "paused\\n");
        return;
    case 'wait':
        var_dump(\$s->sendwait(\$fd, "waited\\n"), \$s->sendwait(\$fd, ''));
        return;
    default:
        echo "receive ", json_encode(\$data), "\\n";
        \$s->send(\$fd, "echo:\$data\\n");
    }
});
\$server->on('close', function (\$s, \$fd, \$rid) { echo "close\\n"; });
\$server->start();
PHP;
$s = corust_server_start($code);
$p = $s[1];
$c = stream_socket_client("tcp://127.0.0.1:$p");
stream_set_timeout($c, 3);
fwrite($c, "file"); echo fgets($c);
usleep(100000);
fwrite($c, "bind"); echo fgets($c);
usleep(100000);
fwrite($c, "pause"); echo fgets($c);
usleep(100000);
fwrite($c, "x1"); $t = microtime(true); echo fgets($c); printf("waited %s\n", microtime(true) - $t > 0.3 ? 'yes' : 'no');
fwrite($c, "wait"); echo fgets($c);
$q = stream_socket_client("tcp://127.0.0.1:$p");
stream_set_timeout($q, 6);
fwrite($q, "protect"); echo fgets($q);
usleep(100000);
fwrite($c, "protect"); echo fgets($c);
sleep(4);
var_dump(fread($q, 10), feof($q));
fwrite($c, "alive\n"); echo fgets($c);
fclose($c); fclose($q);
usleep(200000);
[$st, $out, $err] = corust_server_stop($s);
echo preg_replace('/^\[\S+ \S+ [*]\d+\.\d+\]/m', '[LOG]', $out), $err;
unlink($file);

?>
--EXPECTF--
head:5678901234:tail
bound
paused
echo:x1
waited yes
waited
protected
protected
bool(false)
bool(false)
echo:alive
bool(true)
[LOG]	WARNING	Server::sendfile() (ERRNO 502): stat(/nonexistent) failed
bool(false)
int(502)
[LOG]	WARNING	Server::sendfile() (ERRNO 502): file[offset=1000] is empty
bool(false)
int(502)
[LOG]	WARNING	Server::sendfile() (ERRNO 9013): the path[/tmp] given is not a regular file
bool(false)
int(9013)
bool(true)
bool(false)
int(42)
bool(false)
int(9013)
bool(true)
resuming
bool(true)
receive "x1"

Warning: Swoole\Server::sendwait(): the data sent must not be empty in %s on line 30
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
receive "alive\n"
close
close
