--TEST--
Http\Server: every request of a keep-alive connection runs as its own coroutine (fresh id, no parent, empty Context, its own error_reporting, defers run when the handler returns), and a Date header is sent
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
use Swoole\Coroutine;
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$server->on('workerStart', function ($srv, $id) { echo "READY {$srv->port}\n"; });
$log = [];
$server->on('request', function ($req, $resp) use (&$log) {
    $ctx = Coroutine::getContext();
    $seen = $ctx['mark'] ?? 'none';
    $ctx['mark'] = $req->get['n'] ?? '?';
    Corust\Context::set('k', $req->get['n'] ?? '?');
    $cid = Coroutine::getCid();
    static $prev = null;
    $prevExists = $prev === null ? null : Coroutine::exists($prev);
    $prev = $cid;
    $level = error_reporting();
    error_reporting(0);
    defer(function () use (&$log, $cid) { $log[] = "defer $cid"; });
    if (($req->get['n'] ?? '') === 'log') {
        $resp->end(implode(',', $log));
        return;
    }
    $resp->end(json_encode(['cid' => $cid, 'seen' => $seen, 'ctx' => Corust\Context::get('k'), 'log' => count($log), 'pcid' => Coroutine::getPcid(), 'level' => $level, 'prev_exists' => $prevExists]));
});
$server->start();
PHP);
$port = $s[1];
$c = stream_socket_client("tcp://127.0.0.1:$port");
$replies = [];
foreach (['1', '2', '3'] as $n) {
    fwrite($c, "GET /?n=$n HTTP/1.1\r\nHost: x\r\n\r\n");
    $buf = '';
    while (!preg_match('/\r\n\r\n(\{.*\})/', $buf, $m)) { $buf .= fread($c, 8192); }
    $replies[] = json_decode($m[1], true);
    $date = preg_match('/\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\n/', $buf);
}
fwrite($c, "GET /?n=log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
[, , $log] = corust_parse_response(stream_get_contents($c));
$cids = array_column($replies, 'cid');
echo 'distinct ids: ', count(array_unique($cids)), ', increasing: ', json_encode($cids === array_values(array_unique($cids)) && $cids[0] < $cids[1] && $cids[1] < $cids[2]), "\n";
echo 'context seen: ', implode(',', array_column($replies, 'seen')), ' / ', implode(',', array_column($replies, 'ctx')), "\n";
echo 'defers before each reply: ', implode(',', array_column($replies, 'log')), "\n";
echo 'defer log matches ids: ', json_encode($log === implode(',', array_map(fn ($c) => "defer $c", $cids))), "\n";
echo 'date header: ', $date, "\n";
echo 'parent ids: ', implode(',', array_column($replies, 'pcid')), "\n";
echo "the previous request's id still exists: ", json_encode(array_column($replies, 'prev_exists')), "\n";
echo 'error_reporting set by one request not seen by the next: ', json_encode(count(array_unique(array_column($replies, 'level'))) === 1 && $replies[0]['level'] !== 0), "\n";
[$status, $out] = corust_server_stop($s);
echo "exit $status\n", $out;
?>
--EXPECT--
distinct ids: 3, increasing: true
context seen: none,none,none / 1,2,3
defers before each reply: 0,1,2
defer log matches ids: true
date header: 1
parent ids: -1,-1,-1
the previous request's id still exists: [null,false,false]
error_reporting set by one request not seen by the next: true
exit 0
