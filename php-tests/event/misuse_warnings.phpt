--TEST--
Event::add/set/del/write refuse what Swoole refuses, with its warnings and false
--FILE--
<?php
use Swoole\Event;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
var_dump(Event::add(-1, fn() => 1));
var_dump(Event::add($a, null));
var_dump(Event::add($a, fn() => 1, null, 0));
var_dump(is_int(Event::add($a, fn() => 1)));
var_dump(Event::add($a, fn() => 1));
var_dump(swoole_event_set($b, fn() => 1));
var_dump(Event::write($b, "x"));
var_dump(Event::write($a, ""));
var_dump(Event::set($a, null, null, SWOOLE_EVENT_WRITE));
var_dump(Event::del($a), Event::del($b));
?>
--EXPECTF--
Warning: Swoole\Event::add(): invalid file descriptor#-1 passed in %s on line %d

Warning: Swoole\Event::add(): unknown fd type in %s on line %d
bool(false)

Warning: Swoole\Event::add(): Swoole\Event: unable to find readable callback of fd [%d] in %s on line %d
bool(false)

Warning: Swoole\Event::add(): invalid events in %s on line %d
bool(false)
bool(true)

Warning: Swoole\Event::add(): already exist in %s on line %d
bool(false)

Warning: swoole_event_set(): socket[%d] is not found in the reactor in %s on line %d
bool(false)

Warning: Swoole\Event::write(): socket[%d] is not found in the reactor in %s on line %d
bool(false)

Warning: Swoole\Event::write(): data empty in %s on line %d
bool(false)

Warning: Swoole\Event::set(): Swoole\Event: unable to find writable callback of fd [%d] in %s on line %d
bool(false)
bool(true)
bool(false)
