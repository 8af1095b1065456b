<?php
// WebSocket bench client: plain PHP (no extension), stream_select over N
// connections. echo mode: each connection keeps one 32-byte message in
// flight for DUR seconds; prints round trips/s. bcast mode: N connections,
// one of them asks ROUNDS times for a broadcast; prints broadcasts/s and
// messages delivered/s.
[$_, $mode, $port, $n, $dur] = $argv + [null, 'echo', 19502, 50, 5];
$n = (int) $n; $dur = (float) $dur;
function conn(int $port) {
    $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 5);
    $key = base64_encode(random_bytes(16));
    fwrite($c, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: $key\r\nSec-WebSocket-Version: 13\r\n\r\n");
    $h = '';
    while (!str_contains($h, "\r\n\r\n")) { $b = fread($c, 1); if ($b === '' || $b === false) exit("handshake failed\n"); $h .= $b; }
    stream_set_blocking($c, false);
    return $c;
}
function frame(string $p): string { // masked text frame, payload < 126
    $k = "\x01\x02\x03\x04";
    return "\x81" . chr(0x80 | strlen($p)) . $k . ($p ^ str_repeat($k, intdiv(strlen($p), 4) + 1));
}
// Complete frames in $buf (server frames: unmasked, short): how many, consumed.
function frames(string &$buf): int {
    $got = 0;
    while (strlen($buf) >= 2) {
        $len = ord($buf[1]) & 0x7f;
        if (strlen($buf) < 2 + $len) break;
        $buf = substr($buf, 2 + $len);
        $got++;
    }
    return $got;
}
$cs = []; $bufs = [];
for ($i = 0; $i < $n; $i++) { $cs[$i] = conn((int) $port); $bufs[$i] = ''; }
$t0 = microtime(true);
if ($mode === 'echo') {
    $msg = frame(str_repeat('x', 32));
    foreach ($cs as $c) fwrite($c, $msg);
    $done = 0;
    while (microtime(true) - $t0 < $dur) {
        $r = $cs; $w = $e = null;
        if (!stream_select($r, $w, $e, 1)) continue;
        foreach ($r as $i => $c) {
            $bufs[$i] .= fread($c, 65536);
            $k = frames($bufs[$i]);
            $done += $k;
            for (; $k > 0; $k--) fwrite($c, $msg);
        }
    }
    printf("name=ws_echo conns=%d round_trips_per_s=%.0f\n", $n, $done / (microtime(true) - $t0));
} else {
    $rounds = (int) $dur; // in bcast mode the 4th argument is the round count
    $total = 0;
    for ($r0 = 0; $r0 < $rounds; $r0++) {
        fwrite($cs[0], frame("bcast:$r0"));
        $left = $n;
        while ($left > 0) {
            $r = $cs; $w = $e = null;
            if (!stream_select($r, $w, $e, 5)) exit("broadcast timed out\n");
            foreach ($r as $i => $c) { $bufs[$i] .= fread($c, 65536); $k = frames($bufs[$i]); $left -= $k; $total += $k; }
        }
    }
    $el = microtime(true) - $t0;
    printf("name=ws_broadcast conns=%d rounds=%d broadcasts_per_s=%.1f deliveries_per_s=%.0f\n", $n, $rounds, $rounds / $el, $total / $el);
}
