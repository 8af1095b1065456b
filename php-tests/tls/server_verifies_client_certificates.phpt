--TEST--
A SWOOLE_SSL server port with ssl_verify_peer and ssl_client_cert_file: a client whose certificate the CA signed is served and getClientInfo() has its ssl_client_cert; a client without a certificate is closed silently; one with a self-signed certificate is closed with Swoole's NOTICE line (as Swoole 6.2.2)
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
[$ca, $signed] = corust_test_ca();
$self = corust_test_cert();
$s = corust_server_start(<<<PHP
<?php
\$serv = new Swoole\Server('127.0.0.1', 0, SWOOLE_BASE, SWOOLE_SOCK_TCP | SWOOLE_SSL);
\$serv->set(['worker_num' => 1, 'ssl_cert_file' => '$signed', 'ssl_key_file' => '$signed',
    'ssl_verify_peer' => true, 'ssl_client_cert_file' => '$ca']);
\$serv->on('workerStart', function (\$srv) { echo "READY {\$srv->port}\\n"; });
\$serv->on('receive', function (\$serv, \$fd, \$rid, \$data) {
    \$cert = \$serv->getClientInfo(\$fd)['ssl_client_cert'] ?? '';
    \$serv->send(\$fd, "hello \$data, " . (str_starts_with(\$cert, '-----BEGIN CERTIFICATE') ? 'with' : 'without') . ' a certificate');
});
\$serv->start();
PHP);
Co\run(function () use ($s, $signed, $self) {
    foreach (['signed' => $signed, 'none' => null, 'self-signed' => $self] as $name => $pem) {
        $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP | SWOOLE_SSL);
        if ($pem) {
            $c->set(['ssl_cert_file' => $pem, 'ssl_key_file' => $pem]);
        }
        $c->connect('127.0.0.1', $s[1], 5);
        $c->send($name);
        echo "$name: ", json_encode($c->recv(5)), "\n";
        $c->close();
    }
});
usleep(100000);
[, $out] = corust_server_stop($s);
echo preg_replace('/^\[[^\]]*\]/m', '[LOG]', $out);
?>
--EXPECTF--
signed: "hello signed, with a certificate"
none: ""
self-signed: ""
[LOG]	NOTICE	Socket::ssl_verify() (ERRNO 1014): self signed certificate from fd#%d is not allowed
