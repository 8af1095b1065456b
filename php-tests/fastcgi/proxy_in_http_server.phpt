--TEST--
Coroutine\FastCGI\Proxy in an Http\Server in front of a real php-fpm: scripts with query, form POST, cookies (Swoole's proxy drops them) and request headers; status, headers and several Set-Cookie lines back; index.php for a directory; static files sent, a missing one 404, a path outside the document root refused, also in a sibling directory sharing its prefix (Swoole serves that one); php-fpm down gives Client\Exception in the handler
--SKIPIF--
<?php $fpm = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
$fpm = corust_php_fpm(2);
$root = "{$fpm['dir']}/www";
mkdir("$root/sub", 0777, true);
mkdir("{$fpm['dir']}/www2");
file_put_contents("{$fpm['dir']}/www2/secret.txt", 'sibling secret');
file_put_contents("{$fpm['dir']}/outside.txt", 'outside');
file_put_contents("$root/app.php", '<?php
http_response_code(202);
header("X-Powered: fpm");
setcookie("s1", "one");
setcookie("s2", "two");
echo $_SERVER["REQUEST_METHOD"], "|", $_SERVER["REQUEST_URI"], "|", $_SERVER["QUERY_STRING"], "|", $_SERVER["SCRIPT_NAME"], "|",
    json_encode($_GET), "|", json_encode($_POST), "|", json_encode($_COOKIE), "|", $_SERVER["HTTP_X_REQ"] ?? "-", "|", $_SERVER["HTTPS"] ?? "-", "|", $_SERVER["APP_ENV"] ?? "-";');
file_put_contents("$root/sub/index.php", '<?php echo "index of sub ", $_SERVER["SCRIPT_FILENAME"] === __FILE__ ? "ok" : "bad";');
file_put_contents("$root/style.css", 'body{}');

$code = <<<PHP
<?php
use Swoole\\Coroutine\\FastCGI\\Proxy;
\$http = new Swoole\\Http\\Server('127.0.0.1', 0);
\$http->set(['worker_num' => 1, 'log_level' => SWOOLE_LOG_WARNING]);
\$proxy = (new Proxy('127.0.0.1:{$fpm['port']}', '$root'))->withHttps(true)->withParam('APP_ENV', 'test');
\$down = new Proxy('127.0.0.1:1', '$root');
\$http->on('workerStart', function (\$s) { echo "READY {\$s->port}\\n"; });
\$http->on('request', function (\$req, \$resp) use (\$proxy, \$down) {
    try {
        (\$req->server['request_uri'] === '/down.php' ? \$down : \$proxy)->pass(\$req, \$resp);
    } catch (Swoole\\Coroutine\\FastCGI\\Client\\Exception \$e) {
        \$resp->status(502);
        \$resp->end(get_class(\$e) . ' ' . \$e->getCode());
    }
});
\$http->start();
PHP;
$srv = corust_server_start($code);
$port = $srv[1];

[$code, $h, $body] = corust_get($port, '/app.php?a=1&b=2', ['Cookie' => 'c=3', 'X-Req' => 'rq']);
echo $code, ' ', $h['x-powered'][0], ' ', json_encode($h['set-cookie']), "\n", $body, "\n";
$form = 'f=1&g=two';
$resp = corust_http($port, "POST /app.php HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen($form) . "\r\nConnection: close\r\n\r\n$form");
echo corust_parse_response($resp)[2], "\n";
[$code, , $body] = corust_get($port, '/sub/');
echo $code, ' ', $body, "\n";
[$code, $h, $body] = corust_get($port, '/style.css');
echo $code, ' ', $body, "\n";
foreach (['/missing.css', '/../outside.txt', '/../www2/secret.txt', '/down.php'] as $path) {
    [$code, , $body] = corust_get($port, $path);
    echo $path, ' ', $code, ' ', $body, "\n";
}
corust_server_stop($srv);
?>
--EXPECT--
202 fpm ["s1=one","s2=two"]
GET|/app.php?a=1&b=2|a=1&b=2|/app.php|{"a":"1","b":"2"}|[]|{"c":"3"}|rq|1|test
POST|/app.php||/app.php|[]|{"f":"1","g":"two"}|[]|-|1|test
200 index of sub ok
200 body{}
/missing.css 404 
/../outside.txt 404 
/../www2/secret.txt 404 
/down.php 502 Swoole\Coroutine\FastCGI\Client\Exception 111
