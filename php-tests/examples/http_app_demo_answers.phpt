--TEST--
examples/http-app.php (make demo) serves its fan-out JSON: two 200 ms calls run concurrently
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) parse_url('tcp://' . stream_socket_get_name($probe, false), PHP_URL_PORT);
fclose($probe);
$app = var_export(realpath(__DIR__ . '/../../examples/http-app.php'), true);
$s = corust_server_start("<?php\n\$argv = ['', '$port'];\nrequire $app;\n", [], '#listening on http://127\.0\.0\.1:(\d+)/#');
usleep(100000);
[$code, $h, $body] = corust_get($s[1], '/');
$j = json_decode($body, true);
var_dump($code, $h['content-type'][0], $j['results']['a']['endpoint'], $j['results']['b']['endpoint'], $j['total_ms'] < 380, strlen($j['request_id']));
[$status] = corust_server_stop($s);
var_dump($status);
?>
--EXPECT--
int(200)
string(16) "application/json"
string(1) "a"
string(1) "b"
bool(true)
int(8)
int(0)
