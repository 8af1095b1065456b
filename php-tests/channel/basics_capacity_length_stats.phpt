--TEST--
Channel: capacity, length, isEmpty/isFull, stats, errCode and constants
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\Channel;
var_dump(Channel::OK, Channel::TIMEOUT, Channel::CLOSED, Channel::CANCELED);
var_dump(SWOOLE_CHANNEL_OK, SWOOLE_CHANNEL_TIMEOUT, SWOOLE_CHANNEL_CLOSED, SWOOLE_CHANNEL_CANCELED);
$c = new Channel(2);
var_dump($c->capacity, $c->errCode, $c->length(), $c->isEmpty(), $c->isFull());
var_dump($c->push('a'), $c->push('b'));
var_dump($c->length(), $c->isEmpty(), $c->isFull(), $c->stats());
var_dump($c->pop(), $c->pop(), $c->length());
var_dump((new Channel(0))->capacity, (new Channel(-5))->capacity, (new Channel())->capacity);
?>
--EXPECT--
int(0)
int(-1)
int(-2)
int(-3)
int(0)
int(-1)
int(-2)
int(-3)
int(2)
int(0)
int(0)
bool(true)
bool(false)
bool(true)
bool(true)
int(2)
bool(false)
bool(true)
array(3) {
  ["consumer_num"]=>
  int(0)
  ["producer_num"]=>
  int(0)
  ["queue_num"]=>
  int(2)
}
string(1) "a"
string(1) "b"
int(0)
int(1)
int(1)
int(1)
