--TEST--
Process::exportSocket(): the pipe of an addProcess() Process as a Swoole\Coroutine\Socket (the same object each call) on both sides, as Hyperf's custom processes use it: a worker sends a message, the process receives it, answers, and its recv() times out with errCode SOCKET_ETIMEDOUT when nothing comes; Coroutine\Socket itself connects to a TCP peer, sends and receives, reads '' at the peer's end and fails with ECONNREFUSED on a closed port
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$server->set(['worker_num' => 1]);
$proc = new Swoole\Process(function (Swoole\Process $p) {
    $sock = $p->exportSocket();
    // One write per line: the worker prints beside this process.
    echo "same object: " . json_encode($sock === $p->exportSocket()) . ' ' . get_class($sock) . "\n";
    while (true) {
        $recv = $sock->recv(65536, 0.3);
        if ($recv === false) { echo "recv timed out: " . json_encode($sock->errCode === 110 /* ETIMEDOUT */) . "\n"; continue; }
        echo "process got: " . json_encode(unserialize($recv)) . "\n";
        $sock->send("ack");
    }
}, false, 2 /* SOCK_DGRAM */, true);
$server->addProcess($proc);
$server->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$server->on('request', function ($req, $resp) use ($proc) {
    $sock = $proc->exportSocket();
    $n = $sock->send(serialize(['uri' => $req->server['request_uri']]));
    $resp->end("sent $n, answer " . $sock->recv(65536, 2));
});
$server->start();
PHP);
echo corust_get($s[1], '/hello')[2], "\n";
usleep(500000);
[, $rest] = corust_server_stop($s);
$lines = array_values(array_unique(explode("\n", trim($s[4] . $rest))));
echo implode("\n", array_filter($lines, fn ($l) => !str_starts_with($l, 'READY'))), "\n";

// A plain TCP peer for the client side.
$srv = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) explode(':', stream_socket_get_name($srv, false))[1];
$pid = pcntl_fork();
if ($pid === 0) {
    $c = stream_socket_accept($srv, 5);
    fwrite($c, 'hi ' . fread($c, 100));
    fclose($c);
    exit(0);
}
Co\run(function () use ($port) {
    $c = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    var_dump($c->connect('127.0.0.1', $port, 2), $c->send('there'), $c->recv(), $c->recv(), $c->errCode, $c->close(), $c->isClosed());
    $d = new Swoole\Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    var_dump($d->connect('127.0.0.1', 1, 1), $d->errCode === SOCKET_ECONNREFUSED);
});
pcntl_waitpid($pid, $st);
?>
--EXPECT--
sent 29, answer ack
same object: true Swoole\Coroutine\Socket
process got: {"uri":"\/hello"}
recv timed out: true
bool(true)
int(5)
string(8) "hi there"
string(0) ""
int(0)
bool(true)
bool(true)
bool(false)
bool(true)
