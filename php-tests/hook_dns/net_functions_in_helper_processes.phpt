--TEST--
hook_dns: dns_get_record, checkdnsrr/dns_check_record, getmxrr/dns_get_mx and mail (HOOK_NET_FUNCTION) run in helper processes while the coroutine waits in the reactor: results, by-reference outputs, warnings and errors are plain PHP's; four mail() calls through a 300 ms sendmail overlap while another coroutine ticks, and the messages arrive as plain PHP sends them
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--INI--
sendmail_path=/tmp/corust-phpt-sendmail.sh
--FILE--
<?php
// A sendmail that takes 300 ms and keeps each message in its own file.
$dir = '/tmp/corust-phpt-mail';
@mkdir($dir);
array_map('unlink', glob("$dir/*.eml"));
file_put_contents('/tmp/corust-phpt-sendmail.sh', "#!/bin/sh\nsleep 0.3\ncat > \"\$(mktemp $dir/XXXXXX.eml)\"\n");
chmod('/tmp/corust-phpt-sendmail.sh', 0755);
function scenario(): string {
    $o = [];
    $o[] = json_encode(dns_get_record('nonexistent.invalid', DNS_A));
    $o[] = json_encode(checkdnsrr('nonexistent.invalid', 'A'));
    $o[] = json_encode(dns_check_record('nonexistent.invalid', 'MX'));
    $hosts = ['kept']; $weights = null;
    $o[] = json_encode([getmxrr('nonexistent.invalid', $hosts, $weights), $hosts, $weights]);
    $o[] = json_encode([dns_get_mx('nonexistent.invalid', $hosts), $hosts]);
    $auth = 'a'; $add = 'b';
    $o[] = json_encode([dns_get_record('nonexistent.invalid', DNS_MX, $auth, $add), $auth, $add]);
    try { dns_get_record('x.invalid', 12345678); } catch (Throwable $e) { $o[] = get_class($e) . ': ' . $e->getMessage(); }
    try { checkdnsrr('x.invalid', 'NOPE'); } catch (Throwable $e) { $o[] = get_class($e) . ': ' . $e->getMessage(); }
    set_error_handler(function ($level, $msg) use (&$o) { $o[] = "warning $level: $msg"; return true; });
    try { checkdnsrr(''); } catch (Throwable $e) { $o[] = get_class($e) . ': ' . $e->getMessage(); }
    $o[] = json_encode(mail("to@example.com", "subject", "body\nline", ['X-A' => 'b']));
    $o[] = json_encode(mail("bad\nto", "s", "b"));
    restore_error_handler();
    return implode("\n", $o);
}
$messages = function () use ($dir): array {
    $all = [];
    foreach (glob("$dir/*.eml") as $f) {
        $all[] = file_get_contents($f);
        unlink($f);
    }
    sort($all);
    return $all;
};
$plain = scenario();
$plainMail = $messages();
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
$hooked = null;
Co\run(function () use (&$hooked) { $hooked = scenario(); });
echo $hooked === $plain ? "same as plain PHP\n" : "differs:\n--- plain\n$plain\n--- hooked\n$hooked\n";
echo $messages() === $plainMail ? "same messages\n" : "messages differ\n";
echo count($plainMail), " messages\n";

$t = microtime(true);
$ticks = 0;
$sent = [];
Co\run(function () use (&$ticks, &$sent) {
    go(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { usleep(20000); $ticks++; } });
    for ($i = 1; $i <= 4; $i++) {
        go(function () use ($i, &$sent) { $sent[] = mail("to$i@example.com", "s$i", "b$i"); });
    }
});
echo json_encode($sent), ' ', count($messages()), " delivered\n";
echo 'ticks: ', $ticks, ', ', microtime(true) - $t < 1.0 ? 'overlapped' : 'serialized', "\n";
@rmdir($dir);
@unlink('/tmp/corust-phpt-sendmail.sh');
?>
--EXPECT--
same as plain PHP
same messages
2 messages
[true,true,true,true] 4 delivered
ticks: 5, overlapped
