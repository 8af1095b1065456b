--TEST--
Process\Pool message bus without coroutines: the same messages (0 B to 1 MiB, two senders at once) arrive whole and in order through the blocking loop; enable_message_bus with an ipc type other than SWOOLE_IPC_UNIXSOCK makes start() fail with Swoole's warning — same output as Swoole 6.2.2
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Process\Pool;

$none = new Pool(1, SWOOLE_IPC_NONE);
$none->set(['enable_message_bus' => true]);
$none->on('workerStart', function () { echo "never\n"; });
var_dump($none->start());
$coro = false;
$sizes = [0, 1, 8192, 65536, 60 * 1024 - 16, 300000, 1 << 20];
$pool = new Pool(3, SWOOLE_IPC_UNIXSOCK);
$pool->set(['enable_coroutine' => $coro, 'enable_message_bus' => true]);
$pool->on('workerStart', function (Pool $pool, int $id) use ($sizes) {
    if ($id == 1) {
        return;
    }
    // Workers 0 and 2 both send to worker 1: their fragments interleave.
    foreach ($sizes as $n) {
        $data = $n ? chr(48 + $id) . str_repeat(chr(65 + $id), $n - 1) : '';
        if (!$pool->sendMessage($data, 1)) {
            echo "send $n failed\n";
        }
    }
});
$got = ['0' => [], '2' => [], '-' => []];
$pool->on('message', function (Pool $pool, string $data) use (&$got, $sizes) {
    $from = $data === '' ? '-' : $data[0];
    $whole = $data === '' || substr($data, 1) === str_repeat(chr(17 + ord($from)), strlen($data) - 1);
    $got[$from][] = strlen($data) . ($whole ? '' : ' corrupt');
    if (array_sum(array_map('count', $got)) == 2 * count($sizes)) {
        foreach ($got as $from => $list) {
            echo "worker {$pool->workerId} from $from: ", implode(' ', $list), "\n";
        }
        $pool->shutdown();
    }
});
$pool->start();
echo "done\n";
?>
--EXPECTF--
[%s]	WARNING	ProcessPool::create_message_bus() (ERRNO 507): not support, ipc_mode must be SW_IPC_UNIXSOCK
bool(false)
worker 1 from 0: 1 8192 65536 61424 300000 1048576
worker 1 from 2: 1 8192 65536 61424 300000 1048576
worker 1 from -: 0 0
done
