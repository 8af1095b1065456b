--TEST--
Process::useQueue/push/pop/statQueue/freeQueue: a child pushes four messages to a System V queue (key from the script's path) and the parent pops them; empty and oversized pushes are refused, IPC_NOWAIT makes pop() return false at once, freeQueue() removes the queue once (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$p = new Swoole\Process(function (Swoole\Process $w) {
    for ($i = 0; $i < 3; $i++) { $w->push("msg$i"); }
    $w->push(str_repeat('x', 1000));
}, false, 0);
var_dump($p->useQueue(0, 2));
var_dump(is_int($p->msgQueueId), $p->msgQueueKey > 0);
$p->start();
Swoole\Process::wait();
var_dump($p->statQueue());
for ($i = 0; $i < 4; $i++) { $m = $p->pop(); echo strlen($m) > 10 ? strlen($m) : $m, "\n"; }
var_dump(@$p->push(''), @$p->push(str_repeat('y', 70000)));
$q = new Swoole\Process(function () {}, false, 0);
var_dump($q->useQueue(0, 2 | Swoole\Process::IPC_NOWAIT));
var_dump($q->pop());
var_dump($p->freeQueue(), $p->freeQueue());
$r = new Swoole\Process(function () {}, false, 0);
var_dump(@$r->pop(), @$r->statQueue(), $r->freeQueue());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
array(2) {
  ["queue_num"]=>
  int(4)
  ["queue_bytes"]=>
  int(1012)
}
msg0
msg1
msg2
1000
bool(false)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
