--TEST--
Swoole\Http\Cookie as Swoole's: with*() setters return the object, toArray() with Swoole's keys, toString() formats the Set-Cookie value (url-encoded unless constructed with false; an invalid one warns, resets and gives false); Response::cookie()/rawcookie() take a Cookie object in place of the name
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$c = new Swoole\Http\Cookie();
var_dump($c->toArray());
$r = $c->withName("a")->withValue("b c")->withExpires(time()+3600)->withPath("/p")->withDomain("d.com")->withSecure(true)->withHttpOnly(true)->withSameSite("Lax")->withPriority("High")->withPartitioned(true);
var_dump($r === $c);
echo preg_replace("/expires=[^;]+; Max-Age=\d+/", "EXP", $c->toString()), "\n";
var_dump((new Swoole\Http\Cookie())->toString(), (new Swoole\Http\Cookie(false))->withName("x")->withValue("a b")->toString());
$bad = (new Swoole\Http\Cookie(false))->withName("x")->withValue("a b"); $bad->toString(); var_dump($bad->toArray()['name']);
require __DIR__ . '/../include/bootstrap.php';
$s = corust_server_start(<<<'PHP'
<?php
$http = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
$http->set(['worker_num' => 1]);
$http->on('workerStart', function ($s) { echo "READY {$s->port}\n"; });
$http->on('request', function ($req, $resp) {
    $resp->cookie((new Swoole\Http\Cookie())->withName('obj')->withValue('v 1')->withPath('/'));
    $resp->rawcookie((new Swoole\Http\Cookie(false))->withName('raw')->withValue('x'));
    var_dump($resp->cookie(new Swoole\Http\Cookie()));
    $resp->end('ok');
});
$http->start();
PHP);
print_r(corust_get($s[1], '/')[1]['set-cookie']);
[, $out] = corust_server_stop($s); echo $out;

?>
--EXPECTF--
array(11) {
  ["name"]=>
  string(0) ""
  ["value"]=>
  string(0) ""
  ["path"]=>
  string(0) ""
  ["domain"]=>
  string(0) ""
  ["sameSite"]=>
  string(0) ""
  ["priority"]=>
  string(0) ""
  ["encode"]=>
  bool(true)
  ["expires"]=>
  int(0)
  ["secure"]=>
  bool(false)
  ["httpOnly"]=>
  bool(false)
  ["partitioned"]=>
  bool(false)
}
bool(true)
a=b+c; EXP; path=/p; domain=d.com; secure; HttpOnly; SameSite=Lax; Priority=High; Partitioned

Warning: Swoole\Http\Cookie::toString(): The name cannot be empty in %s on line 7

Warning: Swoole\Http\Cookie::toString(): The value cannot contain ",", ";", " ", "\t", "\r", "\n", "\013", or "\014" in %s on line 7
bool(false)
bool(false)

Warning: Swoole\Http\Cookie::toString(): The value cannot contain ",", ";", " ", "\t", "\r", "\n", "\013", or "\014" in %s on line 8
string(0) ""
Array
(
    [0] => obj=v+1; path=/
    [1] => raw=x
)

Warning: Swoole\Http\Response::cookie(): The name cannot be empty in %s on line 8
bool(false)
