--TEST--
Channel values keep their identity (objects are not copied) and are freed with the channel
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
class Tracked { public function __construct(public string $name) {} public function __destruct() { echo "destruct {$this->name}\n"; } }
Co\run(function () {
    $c = new Co\Channel(3);
    $o = new Tracked('shared');
    $c->push($o);
    $got = $c->pop();
    var_dump($got === $o);
    $got->name = 'changed';
    echo $o->name, "\n";
    unset($o, $got);
    $c->push(new Tracked('left in channel 1'));
    $c->push(new Tracked('left in channel 2'));
    echo "unset channel\n";
    unset($c);
    echo "after unset\n";
});
?>
--EXPECT--
bool(true)
changed
destruct changed
unset channel
destruct left in channel 1
destruct left in channel 2
after unset
