--TEST--
swoole_ignore_error(): the server's log line for an ignored error code (here a packet length over package_max_length, ERRNO 1201) is dropped, the connection still closed; without it the line is logged (same output as Swoole 6.2.2)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
foreach ([false, true] as $ignore) {
    $flag = $ignore ? 'swoole_ignore_error(SWOOLE_ERROR_PACKAGE_LENGTH_TOO_LARGE);' : '';
    $s = corust_server_start(<<<PHP
<?php
$flag
\$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
\$server->set(['worker_num' => 1, 'open_length_check' => true, 'package_length_type' => 'N', 'package_body_offset' => 4, 'package_max_length' => 70000]);
\$server->on('workerStart', function (\$s) { echo "READY {\$s->port}\\n"; });
\$server->on('receive', function (\$s, \$fd, \$rid, \$data) {});
\$server->on('close', function (\$s, \$fd) { echo "close\\n"; });
\$server->start();
PHP);
    $c = stream_socket_client("tcp://127.0.0.1:$s[1]");
    fwrite($c, pack('N', 1 << 20) . "x");
    stream_set_timeout($c, 2);
    fread($c, 10);
    usleep(100000);
    [, $out] = corust_server_stop($s);
    echo $ignore ? "ignored:\n" : "logged:\n", preg_replace('/^\[[^]]*\].*ERRNO (\d+).*$/m', 'LOG $1', $out);
}

?>
--EXPECT--
logged:
LOG 1201
close
ignored:
close
