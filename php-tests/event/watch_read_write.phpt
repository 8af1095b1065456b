--TEST--
Event::add watches a stream: the read callback runs (in its own coroutine, given the stream) each time data arrives, until del; isset reports the events; write() sends through the loop
--FILE--
<?php
use Swoole\Event;
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$got = [];
$cids = [];
$fd = Event::add($a, function ($s) use (&$got, &$cids, $a) {
    $cids[] = Co::getCid();
    var_dump($s === $a);
    $got[] = fread($s, 100);
    if (count($got) == 2) {
        var_dump(Event::del($s), Event::isset($s), Event::del($s));
    }
});
var_dump(is_int($fd) && $fd > 0);
var_dump(Event::isset($a), Event::isset($a, SWOOLE_EVENT_READ), Event::isset($a, SWOOLE_EVENT_WRITE));
Swoole\Timer::after(10, fn() => fwrite($b, "one"));
Swoole\Timer::after(40, function () use ($b) {
    // write() needs the fd in the loop: a write-only watch that removes itself.
    Event::add($b, null, function ($s) { Event::del($s); }, SWOOLE_EVENT_WRITE);
    var_dump(Event::write($b, "two"));
});
Event::wait();
var_dump($got, count(array_unique($cids)) == 2 && min($cids) > 0);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
array(2) {
  [0]=>
  string(3) "one"
  [1]=>
  string(3) "two"
}
bool(true)
