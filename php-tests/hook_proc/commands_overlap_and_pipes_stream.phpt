--TEST--
proc_open in coroutines (HOOK_PROC): six 200 ms commands overlap, stdout/stderr and exit codes as in plain PHP, and one coroutine feeds 1 MB to cat while another reads it back
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$t = microtime(true);
Co\run(function () use ($t) {
    $ticks = 0;
    $lines = [];
    go(function () use (&$ticks) { for ($i = 0; $i < 20; $i++) { Co::sleep(0.02); $ticks++; } });
    $wg = new Swoole\Coroutine\WaitGroup();
    for ($i = 0; $i < 6; $i++) {
        $wg->add();
        go(function () use ($i, $wg, &$lines) {
            $p = proc_open(['sh', '-c', "sleep 0.2; echo out$i; echo err$i >&2; exit $i"], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
            $out = stream_get_contents($pipes[1]);
            $err = stream_get_contents($pipes[2]);
            $code = proc_close($p);
            $lines[$i] = "cmd $i: " . trim($out) . ' ' . trim($err) . " exit $code\n";
            $wg->done();
        });
    }
    // cat: feed 1 MB on stdin from one coroutine, read it back in another
    $wg->add();
    go(function () use ($wg) {
        $p = proc_open(['cat'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
        $data = random_bytes(1 << 20);
        $got = '';
        $w = new Swoole\Coroutine\WaitGroup(1);
        go(function () use ($pipes, $data, $w) { $n = fwrite($pipes[0], $data); fclose($pipes[0]); echo "wrote $n\n"; $w->done(); });
        while (!feof($pipes[1])) { $got .= fread($pipes[1], 65536); }
        $w->wait();
        echo 'cat round trip intact: ', json_encode($got === $data), ' exit ', proc_close($p), "\n";
        $wg->done();
    });
    $wg->wait();
    ksort($lines);
    echo implode('', $lines);
    echo "overlapped: ", json_encode(microtime(true) - $t < 6 * 0.2 / 3), ", other coroutine ran: ", json_encode($ticks >= 5), "\n";
});
?>
--EXPECT--
wrote 1048576
cat round trip intact: true exit 0
cmd 0: out0 err0 exit 0
cmd 1: out1 err1 exit 1
cmd 2: out2 err2 exit 2
cmd 3: out3 err3 exit 3
cmd 4: out4 err4 exit 4
cmd 5: out5 err5 exit 5
overlapped: true, other coroutine ran: true
