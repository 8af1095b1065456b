--TEST--
Coroutine clients through proxies (Swoole's http_proxy_* and socks5_* settings) against a real HTTP CONNECT / SOCKS5 proxy written with Coroutine\Server: Http\Client plain requests go to an HTTP proxy with an absolute URI and Proxy-Authorization, HTTPS through its CONNECT tunnel, any request through SOCKS5 with user/password; Coroutine\Client through both; a wrong SOCKS5 password (Swoole's NOTICE, errCode 7005), a refused CONNECT (7103), an unreachable proxy (111), a proxy setting on a unix socket (exception), a missing port or password (warnings); same output as Swoole 6.2.2
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Coroutine;
use Swoole\Coroutine\Server\Connection;

/** Copies bytes both ways until either side closes. */
function pipe_both(Coroutine\Socket $a, Coroutine\Socket $b): void
{
    $wg = new Coroutine\WaitGroup(2);
    foreach ([[$a, $b], [$b, $a]] as [$from, $to]) {
        go(function () use ($from, $to, $wg) {
            while (($d = $from->recv(65536, 5)) !== '' && $d !== false) {
                $to->sendAll($d);
            }
            $to->shutdown(STREAM_SHUT_WR);
            $wg->done();
        });
    }
    $wg->wait();
}

function open_target(string $host, int $port): ?Coroutine\Socket
{
    $s = new Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    return $s->connect($host === 'localhost' ? '127.0.0.1' : $host, $port, 2) ? $s : null;
}

Co\run(function () {
    $cert = corust_test_cert();
    // The targets: an HTTP server, its HTTPS twin, a TCP echo server.
    $web = new Coroutine\Http\Server('127.0.0.1', 0);
    $web->handle('/', fn ($req, $resp) => $resp->end("web saw {$req->server['request_uri']} host={$req->header['host']}"));
    $tls = new Coroutine\Http\Server('127.0.0.1', 0, true);
    $tls->set(['ssl_cert_file' => $cert, 'ssl_key_file' => $cert]);
    $tls->handle('/', fn ($req, $resp) => $resp->end("tls saw {$req->server['request_uri']}"));
    $echo = new Coroutine\Server('127.0.0.1', 0);
    $echo->handle(function (Connection $c) { while (($d = $c->recv(5)) !== '' && $d !== false) { $c->send("echo:$d"); } });
    // The proxy: SOCKS5 (user "u", password "p") or HTTP on one port.
    $proxy = new Coroutine\Server('127.0.0.1', 0);
    $proxy->handle(function (Connection $c) {
        $s = $c->exportSocket();
        $first = $s->recv(1, 2);
        if ($first === "\x05") {
            $n = ord($s->recvAll(1, 2));
            $methods = $s->recvAll($n, 2);
            if (!str_contains($methods, "\x02")) { $s->sendAll("\x05\xff"); return; }
            $s->sendAll("\x05\x02");
            $s->recvAll(1, 2);
            $user = $s->recvAll(ord($s->recvAll(1, 2)), 2);
            $pass = $s->recvAll(ord($s->recvAll(1, 2)), 2);
            if ($user !== 'u' || $pass !== 'p') { $s->sendAll("\x01\x01"); return; }
            $s->sendAll("\x01\x00");
            $req = $s->recvAll(4, 2);
            $host = match (ord($req[3])) {
                1 => inet_ntop($s->recvAll(4, 2)),
                3 => $s->recvAll(ord($s->recvAll(1, 2)), 2),
            };
            $port = unpack('n', $s->recvAll(2, 2))[1];
            $t = open_target($host, $port);
            if (!$t) { $s->sendAll("\x05\x05\x00\x01\0\0\0\0\0\0"); return; }
            $s->sendAll("\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00");
            pipe_both($s, $t);
            return;
        }
        $head = $first;
        while (!str_contains($head, "\r\n\r\n") && ($d = $s->recv(1, 2)) !== '' && $d !== false) {
            $head .= $d;
        }
        [$line] = explode("\r\n", $head);
        if (str_starts_with($line, 'CONNECT ')) {
            if (!str_contains($head, 'Proxy-Authorization: Basic ' . base64_encode('u:p'))) {
                $s->sendAll("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
                return;
            }
            [$host, $port] = explode(':', explode(' ', $line)[1]);
            $t = open_target($host, (int) $port);
            $s->sendAll("HTTP/1.1 200 Connection established\r\n\r\n");
            pipe_both($s, $t);
            return;
        }
        // A plain proxied request: answer with what arrived, as the test's proof.
        $body = str_replace("\r\n", "|", $head);
        $s->sendAll("HTTP/1.1 200 OK\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n" . $body);
    });
    foreach ([$web, $tls, $echo, $proxy] as $srv) {
        go(fn () => $srv->start());
    }
    $http = ['http_proxy_host' => '127.0.0.1', 'http_proxy_port' => $proxy->port];
    $socks = ['socks5_host' => '127.0.0.1', 'socks5_port' => $proxy->port, 'socks5_username' => 'u', 'socks5_password' => 'p'];

    $c = new Coroutine\Http\Client('127.0.0.1', $web->port);
    $c->set($http + ['http_proxy_user' => 'u', 'http_proxy_password' => 'p', 'timeout' => 3]);
    $c->get('/plain?x=1');
    echo str_replace($web->port, 'PORT', $c->body), "\n";
    $c = new Coroutine\Http\Client('localhost', $tls->port, true);
    $c->set($http + ['http_proxy_username' => 'u', 'http_proxy_password' => 'p', 'timeout' => 3]);
    var_dump($c->get('/secure'), $c->statusCode, $c->body);
    $c = new Coroutine\Http\Client('127.0.0.1', $web->port);
    $c->set($socks + ['timeout' => 3]);
    $c->get('/socks');
    echo str_replace($web->port, 'PORT', $c->body), "\n";

    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set($socks);
    var_dump($cl->connect('127.0.0.1', $echo->port, 3), $cl->send('one'), $cl->recv(3));
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set($http + ['http_proxy_user' => 'u', 'http_proxy_password' => 'p']);
    var_dump($cl->connect('127.0.0.1', $echo->port, 3), $cl->send('two'), $cl->recv(3));

    // Failures.
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set(['socks5_password' => 'wrong'] + $socks);
    var_dump($cl->connect('127.0.0.1', $echo->port, 3), $cl->errCode);
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set($http);
    var_dump($cl->connect('127.0.0.1', $echo->port, 3), $cl->errCode);
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set(['http_proxy_host' => '127.0.0.1', 'http_proxy_port' => 1]);
    var_dump($cl->connect('127.0.0.1', $echo->port, 3), $cl->errCode);
    $cl = new Coroutine\Client(SWOOLE_SOCK_UNIX_STREAM);
    $cl->set($socks);
    try { $cl->connect('/tmp/corust-no-such.sock', 0, 1); } catch (Swoole\Exception $e) { echo get_class($e), ': ', $e->getMessage(), ' ', $e->getCode(), "\n"; }
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set(['socks5_host' => '127.0.0.1']);
    var_dump($cl->connect('127.0.0.1', 1, 1));
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    $cl->set(['http_proxy_host' => '127.0.0.1', 'http_proxy_port' => 1, 'http_proxy_user' => 'u']);
    var_dump($cl->connect('127.0.0.1', 1, 1));
    foreach ([$web, $tls, $echo, $proxy] as $srv) {
        $srv->shutdown();
    }
});
?>
--EXPECTF--
GET http://127.0.0.1:PORT/plain?x=1 HTTP/1.1|Host: 127.0.0.1:PORT|Proxy-Authorization: Basic dTpw|Connection: keep-alive|Accept-Encoding: gzip, deflate, br||
bool(true)
int(200)
string(15) "tls saw /secure"
web saw /socks host=127.0.0.1:PORT
bool(true)
int(3)
string(8) "echo:one"
bool(true)
int(3)
string(8) "echo:two"
%sNOTICE%sSocks5Proxy::handshake() (ERRNO 7003): SOCKS username/password authentication failed
bool(false)
int(7005)
bool(false)
int(7103)
bool(false)
int(111)
Swoole\Exception: Only tcp socket supports socks5 proxy settings 507

Warning: Swoole\Coroutine\Client::connect(): socks5_port should not be null in %s on line %d
bool(false)

Warning: Swoole\Coroutine\Client::connect(): socks5_password should not be null in %s on line %d
bool(false)
