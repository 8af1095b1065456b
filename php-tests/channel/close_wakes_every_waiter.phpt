--TEST--
Closing a channel wakes every waiting consumer and producer (false, errCode CLOSED); queued values stay poppable
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
Co\run(function () {
    $empty = new Co\Channel(1);
    for ($i = 1; $i <= 3; $i++) {
        go(function () use ($empty, $i) {
            $v = $empty->pop();
            echo "consumer $i: ", var_export($v, true), " errCode=", $empty->errCode, "\n";
        });
    }
    $full = new Co\Channel(1);
    $full->push('kept');
    go(function () use ($full) {
        var_dump($full->push('never'));
        echo "producer errCode=", $full->errCode, "\n";
    });
    var_dump($empty->stats()['consumer_num'], $full->stats()['producer_num']);
    var_dump($empty->close(), $empty->close());
    $full->close();
    var_dump($full->push('x'), $full->errCode);
    var_dump($full->pop(), $full->pop(), $full->errCode);
});
?>
--EXPECT--
int(3)
int(1)
consumer 1: false errCode=-2
consumer 2: false errCode=-2
consumer 3: false errCode=-2
bool(true)
bool(false)
bool(false)
producer errCode=-2
bool(false)
int(-2)
string(4) "kept"
bool(false)
int(-2)
