--TEST--
Swoole's helper functions and aliases: swoole_hashcode (PHP's string hash, one-at-a-time), swoole_get_local_mac, swoole_get_vm_status/swoole_get_objects/swoole_get_object_by_handle, swoole_error_log(_ex) in Swoole's log format, swoole_clear_dns_cache, swoole_async_dns_lookup_coro, Server::connection_info/connection_list (Hyperf's WebSocket sender calls them), Co\Iterator, Process::setAffinity/getAffinity with Swoole's checks
--FILE--
<?php
var_dump(swoole_hashcode("hello"), swoole_hashcode("hello", 1), swoole_hashcode("x", 5));
$macs = swoole_get_local_mac();
echo "macs: ", json_encode(array_filter($macs, fn ($m) => !preg_match('/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/', $m))), ", no lo: ", json_encode(!isset($macs['lo'])), "\n";
$before = swoole_get_vm_status();
$o = new ArrayObject([1]);
$after = swoole_get_vm_status();
var_dump($after['object_num'] - $before['object_num'], is_int($after['resource_num']));
var_dump(in_array($o, swoole_get_objects(), true), swoole_get_object_by_handle(spl_object_id($o)) === $o, swoole_get_object_by_handle(1 << 20), swoole_get_object_by_handle(-1));
swoole_error_log(SWOOLE_LOG_WARNING, "a warning");
swoole_error_log(SWOOLE_LOG_DEBUG, "below the default log level");
swoole_error_log_ex(SWOOLE_LOG_ERROR, 1234, "with its code");
swoole_ignore_error(1234);
swoole_error_log_ex(SWOOLE_LOG_ERROR, 1234, "ignored");
swoole_clear_dns_cache();
Co\run(function () {
    var_dump(swoole_async_dns_lookup_coro('no-such-host.invalid', 1), swoole_last_error() === SWOOLE_ERROR_DNSLOOKUP_RESOLVE_FAILED);
});
$srv = new Swoole\WebSocket\Server('127.0.0.1', 0);
var_dump(@$srv->connection_info(1), @$srv->connection_list(), class_exists('Co\Iterator'), Co::list() instanceof Co\Iterator);
$cpus = Swoole\Process::getAffinity();
var_dump($cpus === range(0, swoole_cpu_num() - 1) || count($cpus) >= 1);
var_dump(Swoole\Process::setAffinity([0]), Swoole\Process::getAffinity());
var_dump(@Swoole\Process::setAffinity(range(0, swoole_cpu_num())), error_get_last()['message']);
var_dump(@Swoole\Process::setAffinity([swoole_cpu_num()]), error_get_last()['message'], Swoole\Process::setAffinity([]));
?>
--EXPECTF--
int(-9223371826140139367)
int(3372029979)
bool(false)
macs: [], no lo: true
int(1)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
[%s]	WARNING	a warning
[%s]	ERROR	zif_swoole_error_log_ex() (ERRNO 1234): with its code
bool(false)
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
array(1) {
  [0]=>
  int(0)
}
bool(false)
string(%d) "Swoole\Process::setAffinity(): More than the number of CPU"
bool(false)
string(%d) "Swoole\Process::setAffinity(): invalid cpu id [%d]"
bool(false)
