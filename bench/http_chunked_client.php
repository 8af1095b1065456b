<?php // Sends one chunked upload of KB kilobytes on the wire, as 1-byte chunks
// written in SEG-byte segments with a short pause after each (so the server
// reads them one by one: PAUSE microseconds), and prints the response's first
// line and body.
// Plain PHP, no extension. Usage: php http_chunked_client.php PORT KB SEG PAUSE
[, $port, $kb, $seg, $pause] = $argv + [1 => 9501, 600, 60, 100];
$c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5) or exit("connect: $errstr\n");
stream_set_timeout($c, 60);
$body = str_repeat("1\r\na\r\n", intdiv($kb * 1024, 6)) . "0\r\n\r\n";
fwrite($c, "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
foreach (str_split($body, (int) $seg) as $piece) {
    fwrite($c, $piece);
    usleep((int) $pause);
}
$resp = stream_get_contents($c);
echo strtok($resp, "\r"), ' | ', substr($resp, strpos($resp, "\r\n\r\n") + 4), "\n";
