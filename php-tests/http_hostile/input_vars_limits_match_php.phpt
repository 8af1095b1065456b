--TEST--
Http\Server hostile input: more query, form or cookie variables than max_input_vars keep the first max_input_vars with PHP's warning; nesting past max_input_nesting_level drops the variable; a form over post_max_size is not parsed (PHP's warning); nothing crashes the worker
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$s = corust_echo_server([], ['post_max_size' => '1M']);
$port = $s[1];
$pid = corust_echo($port)['pid'];
// Issue 9: 1,500 pairs used to segfault the worker.
$q = implode('&', array_map(fn ($i) => "a$i=1", range(0, 1499)));
$r = corust_echo($port, "/?$q");
echo "query: ", $r['code'], ' ', count($r['get']), ' last=', array_key_last($r['get']), "\n";
// Issue 9: 70 levels of nesting used to segfault the worker.
$r = corust_echo($port, '/?' . 'a' . str_repeat('[a]', 70) . '=1&b=2&c' . str_repeat('[x]', 63) . '=deep');
$depth = 0; for ($v = $r['get']['c']; is_array($v); $v = $v['x']) $depth++;
echo "nesting: ", $r['code'], ' ', json_encode(array_keys($r['get'])), " depth of c=$depth\n";
// PHP's own rules for names: brackets, dots and spaces, a NUL ends the name.
$r = corust_echo($port, '/?x[]=1&x[]=2&y[k][]=3&a.b=4&c+d=5&e%00f=6&g=%00h&=7&&i');
echo "names: ", json_encode($r['get']), "\n";
$form = implode('&', array_map(fn ($i) => "f$i=vv", range(0, 99999)));
[$code, $body] = corust_raw($port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen($form) . "\r\nConnection: close\r\n\r\n$form");
$r = json_decode($body, true);
echo "form of 100,000 fields: $code ", count($r['post']), " len=", $r['len'], "\n";
$big = 'k=' . str_repeat('v', 1100000);
[$code, $body] = corust_raw($port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen($big) . "\r\nConnection: close\r\n\r\n$big");
$r = json_decode($body, true);
echo "form over post_max_size: $code post=", json_encode($r['post']), " len=", $r['len'], "\n";
$cookies = implode('; ', array_map(fn ($i) => "c$i=v", range(0, 1999)));
$r = corust_echo($port, '/', "Cookie: $cookies\r\n");
echo "2,000 cookies: ", $r['code'], ' ', count($r['cookie']), "\n";
$r = corust_echo($port, '/', "Cookie: a=%zz;b;=c; d=%00x; a=second; e=1+2%20; f[g]=h\r\n");
echo "cookie rules: ", json_encode($r['cookie']), "\n";
echo corust_echo($port)['pid'] === $pid ? "same worker\n" : "WORKER CHANGED\n";
[$status, $out, $err] = corust_server_stop($s);
echo "exit $status\n";
foreach (array_count_values(array_filter(explode("\n", $out), fn ($l) => str_contains($l, 'Warning'))) as $line => $n) {
    echo "$n x ", trim(preg_replace('/^PHP /', '', $line)), "\n";
}
?>
--EXPECT--
query: 200 1000 last=a999
nesting: 200 ["b","c"] depth of c=63
names: {"x":["1","2"],"y":{"k":["3"]},"a_b":"4","c_d":"5","e":"6","g":"\u0000h","i":""}
form of 100,000 fields: 200 1000 len=988889
form over post_max_size: 200 post=null len=1100002
2,000 cookies: 200 1000
cookie rules: {"a":"%zz","b":"","d":"\u0000x","e":"1+2 ","f":{"g":"h"}}
same worker
exit 0
3 x Warning: Unknown: Input variables exceeded 1000. To increase the limit change max_input_vars in php.ini. in Unknown on line 0
1 x Warning: Unknown: POST Content-Length of 1100002 bytes exceeds the limit of 1048576 bytes in Unknown on line 0
