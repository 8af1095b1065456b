--TEST--
Coroutine\Client and Coroutine\Socket failures with Swoole's errCode/errMsg: a refused connect (ECONNREFUSED), a connect that times out against a full backlog (ETIMEDOUT after the given timeout), the connect timeout becoming the read timeout, recv/close without a connection (SW_ERROR_CLIENT_NO_CONNECTION), warnings for an empty host, an invalid port and empty data, EISCONN on a second connect; a socket's cancel() and Coroutine::cancel() end a recv with ECANCELED, close() from another coroutine wakes the reader, a second reader of one socket is a Swoole\Error, getBoundCid names the reader, checkLiveness sees the peer go, operations on a closed socket give EBADF, Coroutine::set socket_read_timeout is the default
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
use Swoole\Coroutine\Client;
use Swoole\Coroutine\Socket;
Co\run(function () {
    // A port nobody listens on.
    $probe = new Socket(AF_INET, SOCK_STREAM, 0);
    $probe->bind('127.0.0.1', 0);
    $closed = $probe->getsockname()['port'];
    $probe->close();
    $c = new Client(SWOOLE_SOCK_TCP);
    var_dump($c->connect('127.0.0.1', $closed, 1), $c->errCode === SOCKET_ECONNREFUSED, $c->errMsg, $c->isConnected());

    // A listener with backlog 0 that never accepts: after the queue fills,
    // connects hang until their timeout.
    $l = new Socket(AF_INET, SOCK_STREAM, 0);
    $l->bind('127.0.0.1', 0);
    $l->listen(0);
    $port = $l->getsockname()['port'];
    $held = [];
    $timedOut = 0;
    for ($i = 0; $i < 4; $i++) {
        $h = new Client(SWOOLE_SOCK_TCP);
        $t = microtime(true);
        if (!$h->connect('127.0.0.1', $port, 0.2)) {
            $took = microtime(true) - $t;
            $timedOut += ($h->errCode === SOCKET_ETIMEDOUT && $h->errMsg === 'Connection timed out' && $took >= 0.19 && $took < 1);
        } else {
            $held[] = $h;
        }
    }
    echo "timed out: ", $timedOut > 0 ? 'yes' : 'no', "\n";

    // An accepting server that never answers.
    $srv = new Socket(AF_INET, SOCK_STREAM, 0);
    $srv->bind('127.0.0.1', 0);
    $srv->listen();
    $sport = $srv->getsockname()['port'];
    $peers = [];
    go(function () use ($srv, &$peers) {
        while ($p = $srv->accept()) {
            $peers[] = $p;
        }
    });
    $r = new Client(SWOOLE_SOCK_TCP);
    var_dump($r->connect('127.0.0.1', $sport, 0.3));
    $t = microtime(true);
    var_dump($r->recv(), $r->errCode === SOCKET_ETIMEDOUT);
    printf("read timeout from connect: %s\n", (microtime(true) - $t) >= 0.29 ? 'yes' : 'no');
    $t = microtime(true);
    var_dump($r->recv(0.05));
    printf("per-call timeout: %s\n", (microtime(true) - $t) < 0.25 ? 'yes' : 'no');
    var_dump($r->connect('127.0.0.1', $sport), $r->errCode === SOCKET_EISCONN);
    var_dump(@$r->send(''), $r->close());

    $n = new Client(SWOOLE_SOCK_TCP);
    var_dump($n->recv(), $n->errCode === SWOOLE_ERROR_CLIENT_NO_CONNECTION, $n->errMsg, $n->close(), $n->exportSocket());
    var_dump($n->connect('', 80), $n->connect('127.0.0.1', 0), $n->connect('127.0.0.1', 70000));

    // cancel(): the waiting recv fails with ECANCELED.
    $s = new Socket(AF_INET, SOCK_STREAM, 0);
    $s->connect('127.0.0.1', $sport, 1);
    $cid = Coroutine::getCid();
    go(function () use ($s, $cid) {
        usleep(20000);
        echo "bound reader is us: ", json_encode($s->getBoundCid(SWOOLE_EVENT_READ) === $cid), "\n";
        // A second reader is refused.
        try {
            $s->recv();
        } catch (Swoole\Error $e) {
            echo "second reader: ", get_class($e), ': ', str_contains($e->getMessage(), 'has already been bound to another coroutine') ? 'bound' : $e->getMessage(), "\n";
        }
        // The canceled reader runs at once; this coroutine goes on later.
        var_dump($s->cancel());
    });
    var_dump($s->recv(), $s->errCode === SOCKET_ECANCELED, $s->errMsg);
    // Coroutine::cancel() of a coroutine in recv.
    $w = go(function () use ($s) {
        var_dump($s->recv(), $s->errCode === SOCKET_ECANCELED);
    });
    Coroutine::cancel($w);
    // close() from another coroutine wakes the reader, which runs before
    // close() returns (as the canceled reader of cancel() above does).
    go(function () use ($s) { usleep(20000); var_dump($s->close()); });
    var_dump($s->recv(), $s->errCode === SOCKET_ECANCELED);
    var_dump($s->recv(), $s->errCode === SOCKET_EBADF, $s->send('x'), $s->close(), $s->isClosed());

    // checkLiveness sees the peer close.
    $s2 = new Socket(AF_INET, SOCK_STREAM, 0);
    $s2->connect('127.0.0.1', $sport, 1);
    usleep(20000);
    var_dump($s2->checkLiveness());
    end($peers)->close();
    usleep(20000);
    var_dump($s2->checkLiveness(), $s2->recv(), $s2->errCode);

    // The default read timeout.
    Coroutine::set(['socket_read_timeout' => 0.1]);
    $s3 = new Socket(AF_INET, SOCK_STREAM, 0);
    $s3->connect('127.0.0.1', $sport, 1);
    $t = microtime(true);
    var_dump($s3->recv(), $s3->errCode === SOCKET_ETIMEDOUT, microtime(true) - $t < 1);
    Coroutine::set(['socket_read_timeout' => 60]);
    $srv->close();
});
?>
--EXPECTF--
bool(false)
bool(true)
string(18) "Connection refused"
bool(false)
timed out: yes
bool(true)
bool(false)
bool(true)
read timeout from connect: yes
bool(false)
per-call timeout: yes
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
string(20) "Client no connection"
bool(false)
bool(false)

Warning: Swoole\Coroutine\Client::connect(): The host is empty in %s on line %d

Warning: Swoole\Coroutine\Client::connect(): The port is invalid in %s on line %d

Warning: Swoole\Coroutine\Client::connect(): The port is invalid in %s on line %d
bool(false)
bool(false)
bool(false)
bound reader is us: true
second reader: Swoole\Error: bound
bool(false)
bool(true)
string(18) "Operation canceled"
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
string(0) ""
int(0)
bool(false)
bool(true)
bool(true)
