--TEST--
Swoole\Coroutine\Server (library): binds a random port, runs the handler in a coroutine per connection with a Server\Connection whose recv() gives one packet by set()'s framing (here package_length_func, a user's length function), send/close/exportSocket; shutdown() ends start(); a bind failure throws Swoole\Exception with the errno and errMsg; Co\Server is the short name; swoole_library_set/get_option store options
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\Server;
use Swoole\Coroutine\Server\Connection;
Co\run(function () {
    $server = new Co\Server('127.0.0.1', 0);
    var_dump(get_class($server), $server->port > 0, $server->fd > 0);
    // Packets: a 1-byte length, then that many bytes.
    $server->set(['open_length_check' => true, 'package_length_func' => function (string $buf) {
        return strlen($buf) >= 1 ? 1 + ord($buf[0]) : 0;
    }]);
    $handled = 0;
    $server->handle(function (Connection $conn) use ($server, &$handled) {
        while (($p = $conn->recv(2)) !== '' && $p !== false) {
            $conn->send(strtoupper(substr($p, 1)) . "\n");
        }
        var_dump(get_class($conn->exportSocket()), $conn->close());
        if (++$handled === 2) {
            var_dump($server->shutdown());
        }
    });
    for ($i = 0; $i < 2; $i++) {
        go(function () use ($server, $i) {
            $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
            $c->set(['open_eof_check' => true, 'package_eof' => "\n"]);
            $c->connect('127.0.0.1', $server->port, 1);
            // Two packets in one write, then one split across two.
            $c->send("\x03abc\x02de");
            $a = trim($c->recv(1));
            $b = trim($c->recv(1));
            $GLOBALS["lines"][] = "client $i: $a $b";
            $c->send("\x04fg");
            usleep(10000);
            $c->send("hi");
            $d = trim($c->recv(1));
            $GLOBALS["lines"][] = "client $i: $d";
            $c->close();
        });
    }
    var_dump($server->start());
    // The accept is canceled at once: start() returns before shutdown() does.
    sort($GLOBALS['lines']);
    echo implode("\n", $GLOBALS['lines']), "\n";
    // The port is still bound by the stopped server's socket.
    try {
        new Server('127.0.0.1', $server->port);
    } catch (Swoole\Exception $e) {
        echo get_class($e), ' ', $e->getCode() === SOCKET_EADDRINUSE ? 'EADDRINUSE' : $e->getCode(), ' ', $e->getMessage(), "\n";
    }
    swoole_library_set_option('k', [1]);
    var_dump(swoole_library_get_option('k'), swoole_library_get_option('none'));
});
?>
--EXPECT--
string(23) "Swoole\Coroutine\Server"
bool(true)
bool(true)
string(23) "Swoole\Coroutine\Socket"
bool(true)
string(23) "Swoole\Coroutine\Socket"
bool(true)
bool(true)
client 0: ABC DE
client 0: FGHI
client 1: ABC DE
client 1: FGHI
Swoole\Exception EADDRINUSE Address already in use
array(1) {
  [0]=>
  int(1)
}
NULL
bool(true)
