--TEST--
hook_sockets: refused connects, SO_RCVTIMEO timeouts, closed peers and bad arguments give plain PHP's results, warnings and socket_last_error() in a coroutine
--SKIPIF--
<?php if (!extension_loaded('sockets')) die('skip ext-sockets missing'); require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$scenario = <<<'PHP'
<?php
function scenario(): string {
    $out = '';
    set_error_handler(function ($no, $str) use (&$out) { $out .= "warning: $str\n"; return true; });
    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    $out .= 'refused: ' . var_export(socket_connect($s, '127.0.0.1', 1), true) . ' ' . socket_last_error($s) . ' ' . socket_last_error() . "\n";
    socket_clear_error();
    $u = socket_create(AF_UNIX, SOCK_STREAM, 0);
    $out .= 'no unix path: ' . var_export(socket_connect($u, '/nonexistent/corust.sock'), true) . ' ' . socket_last_error($u) . "\n";
    try { socket_connect(socket_create(AF_INET, SOCK_STREAM, SOL_TCP), '127.0.0.1'); } catch (ValueError $e) { $out .= 'ValueError: ' . $e->getMessage() . "\n"; }
    $out .= 'bad address: ' . var_export(@socket_connect(socket_create(AF_INET, SOCK_STREAM, SOL_TCP), 'not an ip.invalid', 80), true) . "\n";
    // A listener that never accepts: reads time out.
    $l = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_bind($l, '127.0.0.1', 0);
    socket_listen($l);
    socket_getsockname($l, $a, $port);
    $c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    $out .= 'connect: ' . var_export(socket_connect($c, '127.0.0.1', $port), true) . ' ' . socket_last_error($c) . "\n";
    socket_set_option($c, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 200000]);
    $t = microtime(true);
    $out .= 'read timeout: ' . var_export(socket_read($c, 10), true) . ' ' . socket_last_error($c) . ' waited ' . (microtime(true) - $t >= 0.19 ? 'its timeout' : 'less') . "\n";
    $out .= 'recv timeout: ' . var_export(socket_recv($c, $buf, 10, 0), true) . ' ' . var_export($buf, true) . "\n";
    $out .= 'read on the listener: ' . var_export(socket_read($l, 10), true) . "\n";
    socket_set_option($l, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 100000]);
    $conn = socket_accept($l);
    $out .= 'accept: ' . get_class($conn) . "\n";
    $out .= 'accept timeout: ' . var_export(socket_accept($l), true) . ' ' . socket_last_error($l) . "\n";
    // The peer closes: reads see the end.
    socket_write($conn, 'bye');
    socket_close($conn);
    $out .= 'read: ' . var_export(socket_read($c, 10), true) . ', then ' . var_export(socket_read($c, 10), true) . "\n";
    $out .= 'recv after close: ' . var_export(socket_recv($c, $buf, 10, 0), true) . "\n";
    // Non-blocking sockets are left alone.
    socket_set_nonblock($c);
    $out .= 'nonblock read: ' . var_export(socket_read($c, 10), true) . "\n";
    socket_close($c);
    restore_error_handler();
    return $out;
}
if (isset($argv[1])) echo scenario();
PHP;
$file = tempnam(sys_get_temp_dir(), 'corust-sockets') . '.php';
file_put_contents($file, $scenario);
$plain = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=sockets ' . escapeshellarg($file) . ' plain 2>&1');
require $file;
unlink($file);
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Swoole\Coroutine\run(function () use (&$hooked) { $hooked = scenario(); });
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n--- plain\n$plain\n--- hooked\n$hooked";
echo $hooked;
?>
--EXPECT--
same as plain PHP
warning: socket_connect(): unable to connect [111]: Connection refused
refused: false 111 111
warning: socket_connect(): unable to connect [2]: No such file or directory
no unix path: false 2
ValueError: socket_connect(): Argument #3 ($port) cannot be null when the socket type is AF_INET
warning: socket_connect(): Host lookup failed [-10000]: Unknown error -10000
bad address: false
connect: true 0
read timeout: false 11 waited its timeout
recv timeout: false NULL
warning: socket_read(): unable to read from socket [107]: Transport endpoint is not connected
read on the listener: false
accept: Socket
accept timeout: false 107
read: 'bye', then ''
recv after close: 0
nonblock read: ''
