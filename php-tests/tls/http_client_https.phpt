--TEST--
Coroutine\Http\Client over https against an independent TLS server (plain PHP's ssl://): GET, a 300 KB POST body and a 1 MB response on one keep-alive connection, getPeerCert(); with ssl_verify_peer a self-signed server fails the request (statusCode -1, errCode 1014), while ssl_allow_self_signed lets it through
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Coroutine\Http\Client;
$pem = corust_test_cert();
$peer = corust_tls_peer($pem, 'http');
Co\run(function () use ($peer) {
    $c = new Client('127.0.0.1', $peer[1], true);
    var_dump($c->get('/first'), $c->statusCode, $c->body);
    var_dump($c->post('/upload', str_repeat('y', 300000)), $c->body);
    var_dump($c->get('/bytes/1000000'), strlen($c->body));
    echo substr($c->getPeerCert(), 0, 27), "\n";
    $c->close();

    $c = new Client('127.0.0.1', $peer[1], true);
    $c->set(['ssl_verify_peer' => true]);
    $r = $c->get('/verified');
    var_dump($r, $c->statusCode, $c->errCode, $c->errMsg);

    $c = new Client('127.0.0.1', $peer[1], true);
    $c->set(['ssl_verify_peer' => true, 'ssl_allow_self_signed' => true]);
    var_dump($c->get('/allowed'), $c->body);
    $c->close();
});
corust_server_stop($peer);
?>
--EXPECTF--
bool(true)
int(200)
string(12) "GET /first 0"
bool(true)
string(19) "POST /upload 300000"
bool(true)
int(1000026)
-----BEGIN CERTIFICATE-----
[%s]	NOTICE	Socket::ssl_verify() (ERRNO 1014): self signed certificate from fd#%d is not allowed
bool(false)
int(-1)
int(1014)
string(17) "SSL verify failed"
bool(true)
string(14) "GET /allowed 0"
