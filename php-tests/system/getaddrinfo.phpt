--TEST--
System::getaddrinfo (and Coroutine::getaddrinfo) resolve in a coroutine with getaddrinfo(3)'s answers; false for an unknown name; Swoole's warnings for bad input
--FILE--
<?php
use Swoole\Coroutine\System;
Co\run(function () {
    var_dump(System::getaddrinfo('localhost'));
    var_dump(Co::getaddrinfo('127.0.0.1', AF_INET, SOCK_STREAM, STREAM_IPPROTO_TCP, 'http'));
    var_dump(in_array('::1', System::getaddrinfo('::1', AF_INET6) ?: []));
    var_dump(System::getaddrinfo('no-such-host.invalid'));
    var_dump(System::getaddrinfo(''));
    var_dump(System::getaddrinfo('localhost', 99));
});
?>
--EXPECTF--
array(1) {
  [0]=>
  string(9) "127.0.0.1"
}
array(1) {
  [0]=>
  string(9) "127.0.0.1"
}
bool(true)
bool(false)

Warning: Swoole\Coroutine\System::getaddrinfo(): hostname is empty in %s on line %d
bool(false)

Warning: Swoole\Coroutine\System::getaddrinfo(): unknown protocol family, must be AF_INET or AF_INET6 in %s on line %d
bool(false)
