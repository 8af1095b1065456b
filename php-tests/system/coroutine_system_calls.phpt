--TEST--
Coroutine\System (Swoole\Coroutine\System, Co\System): exec with exit code, signal and optional stderr, five 200 ms commands overlapping; waitPid/wait; waitEvent on streams; readFile/writeFile (FILE_APPEND); gethostbyname/dnsLookup; statvfs; a clear error outside coroutines
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine\System;
Co\run(function () {
    $t = microtime(true);
    $wg = new Swoole\Coroutine\WaitGroup();
    $res = [];
    for ($i = 0; $i < 5; $i++) {
        $wg->add();
        go(function () use ($i, $wg, &$res) {
            $res[$i] = System::exec("sleep 0.2; echo out$i; echo err$i >&2; exit $i", true);
            $wg->done();
        });
    }
    $wg->wait();
    ksort($res);
    foreach ($res as $i => $r) echo "$i: ", json_encode($r), "\n";
    echo 'overlapped: ', json_encode(microtime(true) - $t < 5 * 0.2 / 3), "\n";
    echo 'killed: ', json_encode(Co\System::exec('kill -9 $$')), "\n";
    // Without $get_error_stream the child's stderr is the process's own.
    $o = System::exec('echo visible; echo "to our stderr" >&2')['output'];
    echo 'stdout only: ', json_encode($o), "\n";

    $f = tempnam(sys_get_temp_dir(), 'corust-sys');
    var_dump(System::writeFile($f, "abc"), System::writeFile($f, "def", FILE_APPEND), System::readFile($f));
    var_dump(System::writeFile($f, "new"), System::readFile($f));
    unlink($f);
    var_dump(@System::readFile('/nonexistent/dir/file'));
    try { System::readFile(''); } catch (ValueError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    try { System::writeFile("a\0b", 'x'); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }

    var_dump(System::gethostbyname('localhost'), System::dnsLookup('localhost'), @System::gethostbyname(''));
    $st = System::statvfs('/');
    var_dump($st['bsize'] > 0 && $st['blocks'] > 0);

    [$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    var_dump(System::waitEvent($w, SWOOLE_EVENT_WRITE, 1) === SWOOLE_EVENT_WRITE);
    var_dump(System::waitEvent($r, SWOOLE_EVENT_READ, 0.05));
    go(function () use ($w) { Co::sleep(0.05); fwrite($w, 'x'); });
    var_dump(System::waitEvent($r, SWOOLE_EVENT_READ, 1) === SWOOLE_EVENT_READ);
    var_dump(@System::waitEvent('not a stream'));

    $p = proc_open(['sh', '-c', 'sleep 0.05; exit 7'], [], $pipes);
    $pid = proc_get_status($p)['pid'];
    var_dump(System::waitPid($pid, 0.01));
    $st = System::waitPid($pid, 2);
    echo 'waitPid: ', json_encode([$st['pid'] === $pid, $st['code'], $st['signal']]), "\n";
    var_dump(System::wait(0.05));
    // Not a child of ours (init): false at once, as waitpid(2), not a wait for its exit.
    var_dump(System::waitPid(1));
});
try {
    Swoole\Coroutine\System::exec('true');
} catch (Swoole\Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
0: {"code":0,"signal":0,"output":"out0\nerr0\n"}
1: {"code":1,"signal":0,"output":"out1\nerr1\n"}
2: {"code":2,"signal":0,"output":"out2\nerr2\n"}
3: {"code":3,"signal":0,"output":"out3\nerr3\n"}
4: {"code":4,"signal":0,"output":"out4\nerr4\n"}
overlapped: true
killed: {"code":0,"signal":9,"output":""}
to our stderr
stdout only: "visible\n"
int(3)
int(3)
string(6) "abcdef"
int(3)
string(3) "new"
bool(false)
ValueError: Filename cannot be empty
Swoole\Coroutine\System::writeFile(): Argument #1 ($filename) must not contain any null bytes
string(9) "127.0.0.1"
string(9) "127.0.0.1"
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(false)
waitPid: [true,7,0]
bool(false)
bool(false)
Swoole\Error: API must be called in the coroutine
