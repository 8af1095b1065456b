--TEST--
Server (TCP) packet settings as Swoole's: open_eof_split gives one receive per marker, open_eof_check alone one receive per buffer ending with the marker, open_length_check one receive per length-framed packet however the bytes arrive; a length over package_max_length is logged (ERRNO 1201) and closes the connection; receive events of one connection overlap (each in its own coroutine), so a fast packet is answered before a slow one
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$code = <<<'PHP'
<?php
$server = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1, 'open_eof_split' => true, 'package_eof' => "\r\n"]);
$check = $server->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$check->set(['open_eof_check' => true, 'package_eof' => "#"]);
$len = $server->listen('127.0.0.1', 0, SWOOLE_SOCK_TCP);
$len->set(['open_length_check' => true, 'package_length_type' => 'n', 'package_length_offset' => 1,
    'package_body_offset' => 3, 'package_max_length' => 65537]);
$server->on('workerStart', function ($s) use ($check, $len) { echo "READY {$s->port} {$check->port} {$len->port}\n"; });
$server->on('receive', function ($s, $fd, $rid, $data) {
    if (str_starts_with($data, 'slow')) { Co::sleep(0.3); }
    $s->send($fd, (strlen($data) > 100 ? strlen($data) . ' bytes' : json_encode($data, JSON_INVALID_UTF8_SUBSTITUTE)) . "\n");
});
$server->on('close', function ($s, $fd, $rid) { echo "close\n"; });
$server->start();
PHP;
$s = corust_server_start($code, [], '/READY (\d+ \d+ \d+)/');
[$split, $check, $len] = array_map('intval', explode(' ', $s[4] === '' ? '' : (preg_match('/READY (\d+) (\d+) (\d+)/', $s[4], $m) ? "$m[1] $m[2] $m[3]" : '')));
function lines($c, int $n): array {
    stream_set_timeout($c, 3);
    $out = [];
    while (count($out) < $n && ($l = fgets($c)) !== false) $out[] = trim($l);
    return $out;
}
echo "-- eof split\n";
$c = stream_socket_client("tcp://127.0.0.1:$split");
fwrite($c, "a\r\nbb\r\nc"); usleep(50000); fwrite($c, "c\r\n");
print_r(lines($c, 3));
fwrite($c, "slow\r\nfast\r\n");
print_r(lines($c, 2));
fclose($c);
echo "-- eof check\n";
$c = stream_socket_client("tcp://127.0.0.1:$check");
fwrite($c, "one#two#thr"); usleep(50000); fwrite($c, "ee#");
print_r(lines($c, 1));
fclose($c);
echo "-- length\n";
$p = fn(string $body) => 'V' . pack('n', strlen($body)) . $body;
$c = stream_socket_client("tcp://127.0.0.1:$len");
$bytes = $p('x') . $p('') . $p(str_repeat('y', 60000)) . $p('z');
foreach (str_split($bytes, 7001) as $piece) { fwrite($c, $piece); usleep(1000); }
print_r(lines($c, 4));
// 'n' is at most 65535 bytes of body: ask for one over a lower limit.
$c2 = stream_socket_client("tcp://127.0.0.1:$len");
fwrite($c2, "V" . pack('n', 65535) . "abc");
stream_set_timeout($c2, 3);
var_dump(fread($c2, 100), feof($c2));
// The connection that behaved is untouched.
fwrite($c, $p('still'));
print_r(lines($c, 1));
fclose($c);
usleep(100000);
[$status, $out, $err] = corust_server_stop($s);
var_dump($status);
echo $err;
echo preg_replace('/^\[\S+ \S+ \*\d+\.0\]/m', '[time *pid.0]', preg_replace('/127\.0\.0\.1:\d+/', '127.0.0.1:PORT', $out));
?>
--EXPECT--
-- eof split
Array
(
    [0] => "a\r\n"
    [1] => "bb\r\n"
    [2] => "cc\r\n"
)
Array
(
    [0] => "fast\r\n"
    [1] => "slow\r\n"
)
-- eof check
Array
(
    [0] => "one#two#three#"
)
-- length
Array
(
    [0] => "V\u0000\u0001x"
    [1] => "V\u0000\u0000"
    [2] => 60003 bytes
    [3] => "V\u0000\u0001z"
)
string(0) ""
bool(true)
Array
(
    [0] => "V\u0000\u0005still"
)
int(0)
close
close
[time *pid.0]	WARNING	Protocol::recv_with_length_protocol() (ERRNO 1201): the received packet length 65538 is too large, remote_addr=<127.0.0.1:PORT>
close
close
