--TEST--
gethostbyaddr() (HOOK_NET_FUNCTION) looks the name up off the PHP thread inside coroutines, with plain PHP's results and warning; lookups overlap with a ticking coroutine
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$addrs = ['127.0.0.1', '::1', '192.0.2.1', 'not-an-ip', '1.2.3', '::ffff:127.0.0.1'];
$run = function () use ($addrs) {
    $out = '';
    set_error_handler(function ($no, $msg) use (&$out) { $out .= "warning: $msg\n"; return true; });
    foreach ($addrs as $ip) {
        $out .= $ip . ' => ' . var_export(gethostbyaddr($ip), true) . "\n";
    }
    restore_error_handler();
    return $out;
};
Swoole\Runtime::setHookFlags(0);
$plain = $run();
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
$ticks = 0;
Swoole\Coroutine\run(function () use ($run, &$hooked, &$ticks) {
    go(function () use (&$ticks) { for ($i = 0; $i < 3; $i++) { usleep(1000); $ticks++; } });
    $hooked = $run();
});
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n$plain\n$hooked";
echo $hooked, "ticks: $ticks\n";
?>
--EXPECTF--
same as plain PHP
127.0.0.1 => '%s'
::1 => '%s'
192.0.2.1 => '192.0.2.1'
warning: gethostbyaddr(): Address is not a valid IPv4 or IPv6 address
not-an-ip => false
warning: gethostbyaddr(): Address is not a valid IPv4 or IPv6 address
1.2.3 => false
::ffff:127.0.0.1 => '%s'
ticks: 3
