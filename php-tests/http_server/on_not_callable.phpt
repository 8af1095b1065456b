--TEST--
Server::on() with a callback that cannot be called (a private method, an unknown function): Swoole's warning naming it, false (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
class T { private function foo($a, $b) {} public function ok($a, $b) {} }
$http = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
var_dump($http->on('request', [new T, 'foo']));
var_dump($http->on('request', 'nope_fn'));
var_dump($http->on('request', [new T, 'ok']));
?>
--EXPECTF--
Warning: Swoole\Server\Port::on(): function 'T::foo' is not callable in %s on line %d
bool(false)

Warning: Swoole\Server\Port::on(): function 'nope_fn' is not callable in %s on line %d
bool(false)
bool(true)
