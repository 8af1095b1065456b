--TEST--
Library functions swoole_exec/swoole_shell_exec (System::exec, output as Swoole's) and swoole_checkdnsrr/dns_check_record/getmxrr/dns_get_mx/dns_get_record/gethostbyaddr/gethostbynamel/mail in a coroutine: the same answers and by-reference outputs as the plain functions (Swoole 6.2.2's need its remote-object server, which does not start without ZTS)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$plain = [];
$hosts = ['kept'];
$plain[] = [getmxrr('nonexistent.invalid', $hosts, $weights), $hosts, $weights];
$plain[] = checkdnsrr('nonexistent.invalid');
$plain[] = [dns_get_record('nonexistent.invalid', DNS_A, $auth, $add), $auth, $add];
$plain[] = gethostbyaddr('127.0.0.1');
Co\run(function () use ($plain) {
    var_dump(swoole_exec("printf 'a\\nb  \\n'; exit 3", $out, $code), $out, $code);
    $out = ['before'];
    var_dump(swoole_exec('echo one', $out), $out);
    var_dump(swoole_shell_exec('echo hi'), swoole_shell_exec('true'));
    $got = [];
    $hosts = ['kept'];
    $got[] = [swoole_getmxrr('nonexistent.invalid', $hosts, $weights), $hosts, $weights];
    $got[] = swoole_checkdnsrr('nonexistent.invalid');
    $got[] = [swoole_dns_get_record('nonexistent.invalid', DNS_A, $auth, $add), $auth, $add];
    $got[] = swoole_gethostbyaddr('127.0.0.1');
    $h = ['x'];
    var_dump($got === $plain, swoole_dns_check_record('nonexistent.invalid', 'A'), swoole_dns_get_mx('nonexistent.invalid', $h), $h);
    var_dump(in_array('127.0.0.1', swoole_gethostbynamel('localhost'), true));
});
?>
--EXPECT--
string(1) "b"
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
int(3)
string(3) "one"
array(2) {
  [0]=>
  string(6) "before"
  [1]=>
  string(3) "one"
}
string(3) "hi
"
NULL
bool(true)
bool(false)
bool(false)
array(0) {
}
bool(true)
