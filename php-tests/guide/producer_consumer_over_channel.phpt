--TEST--
Guide: a producer and a consumer over a Channel
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
use Swoole\Coroutine\Channel;

Coroutine\run(function () {
    $channel = new Channel(3);
    Coroutine::create(function () use ($channel) {
        for ($i = 1; $i <= 5; $i++) {
            Coroutine::sleep(0.001);
            $channel->push(['job' => $i]);
        }
        $channel->close();
    });
    Coroutine::create(function () use ($channel) {
        while (true) {
            $data = $channel->pop();
            if ($data === false) {
                assert($channel->errCode === SWOOLE_CHANNEL_CLOSED);
                echo "channel closed\n";
                break;
            }
            echo "consumed job {$data['job']}\n";
        }
    });
});
?>
--EXPECT--
consumed job 1
consumed job 2
consumed job 3
consumed job 4
consumed job 5
channel closed
