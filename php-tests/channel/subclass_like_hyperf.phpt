--TEST--
Channel can be extended from PHP (as Hyperf does) with extra properties and an overridden constructor
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
class MyChannel extends Swoole\Coroutine\Channel {
    public array $log = [];
    public function __construct(int $size, public string $tag = 'x') { parent::__construct($size); }
    public function push(mixed $data, float $timeout = -1): bool { $this->log[] = $data; return parent::push($data, $timeout); }
}
class Broken extends Swoole\Coroutine\Channel { public function __construct() {} }
Co\run(function () {
    $c = new MyChannel(2, 'tagged');
    $c->push('a');
    go(fn () => $c->push('b'));
    var_dump($c->pop(), $c->pop(), $c->log, $c->tag, $c->capacity, $c instanceof Swoole\Coroutine\Channel);
    try { (new Broken)->pop(); } catch (Swoole\Error $e) { echo $e->getMessage(), "\n"; }
});
?>
--EXPECT--
string(1) "a"
string(1) "b"
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
string(6) "tagged"
int(2)
bool(true)
must call constructor first
