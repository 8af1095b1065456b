--TEST--
Coroutine\FastCGI\Client against a real php-fpm (TCP and unix socket): call() GET/POST, HttpRequest with headers, status, Set-Cookie lines and stderr, a 300 KB body in STDIN records, two 60 KB headers in separate PARAMS records (Swoole sends one cut record), a param too long for any record refused (EMSGSIZE), keep-conn reuse, 8 requests of 300 ms overlapping, refused and timed-out connections with Swoole's errCode/errMsg
--SKIPIF--
<?php $fpm = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
use Swoole\Coroutine\FastCGI\Client;
use Swoole\FastCGI\HttpRequest;

$fpm = corust_php_fpm(8);
$dir = $fpm['dir'];
file_put_contents("$dir/echo.php", '<?php
echo $_SERVER["REQUEST_METHOD"], " ", $_SERVER["REQUEST_URI"], " ", json_encode($_GET), " ", json_encode($_POST);');
file_put_contents("$dir/full.php", '<?php
http_response_code(201);
header("X-Answer: 42");
setcookie("a", "1");
setcookie("b", "2");
error_log("to stderr");
$in = file_get_contents("php://input");
echo $_SERVER["HTTP_X_CUSTOM_NAME"] ?? "-", " ", strlen($in), " ", md5($in), " ", strlen($_SERVER["HTTP_X_BIG"] ?? ""), " ", $_SERVER["CONTENT_TYPE"];');
file_put_contents("$dir/slow.php", '<?php usleep((int) ($_GET["us"] ?? 300000)); echo getmypid();');

Co\run(function () use ($fpm, $dir) {
    // call(): GET without data, POST with.
    echo Client::call("127.0.0.1:{$fpm['port']}", "$dir/echo.php?x=1"), "\n";
    echo Client::call("tcp://127.0.0.1:{$fpm['port']}", "$dir/echo.php?y=2", ['k' => 'v']), "\n";
    echo Client::call("unix:{$fpm['sock']}", "$dir/echo.php", 'p=q'), "\n";

    // A full request and response.
    $body = str_repeat('0123456789', 30000);
    $req = (new HttpRequest())
        ->withDocumentRoot($dir)
        ->withScriptFilename("$dir/full.php")
        ->withUri('/full.php?z=3')
        ->withMethod('PUT')
        ->withHeader('X-Custom-Name', 'hello')
        ->withHeader('X-Big', str_repeat('b', 60000))
        ->withHeader('X-Big2', str_repeat('c', 60000))
        ->withBody($body);
    var_dump($req->getContentLength(), $req->getQueryString(), $req->getHeader('x-custom-name'));
    $client = new Client('127.0.0.1', $fpm['port']);
    $resp = $client->execute($req, 5);
    var_dump(get_class($resp), $resp->getStatusCode(), $resp->getReasonPhrase(), $resp->getHeader('x-answer'),
        $resp->getSetCookieHeaderLines(), str_contains($resp->getError(), 'to stderr'));
    echo $resp->getBody(), "\n";
    var_dump($resp->getBody() === 'hello 300000 ' . md5($body) . ' 60000 text/plain');
    // A single param too long for any record.
    try {
        $client->execute((new HttpRequest())->withScriptFilename("$dir/full.php")->withHeader('X-Huge', str_repeat('h', 70000)));
    } catch (Swoole\Coroutine\FastCGI\Client\Exception $e) {
        var_dump($e->getCode(), $e->getMessage());
    }

    // Keep-conn: the second request goes over the same connection.
    $sock = fn () => $this->socket ?? null;
    $keep = (new HttpRequest())->withScriptFilename("$dir/echo.php")->withKeepConn(true);
    $client->execute($keep);
    $first = $sock->call($client);
    $client->execute($keep);
    var_dump($first !== null && $first === $sock->call($client));
    $client->execute((new HttpRequest())->withScriptFilename("$dir/echo.php"));
    var_dump($sock->call($client));

    // Eight 300 ms scripts at once: the waits overlap.
    $t = microtime(true);
    $wg = new Swoole\Coroutine\WaitGroup();
    $pids = [];
    for ($i = 0; $i < 8; $i++) {
        $wg->add();
        go(function () use ($wg, $fpm, $dir, &$pids) {
            $pids[] = Client::call("127.0.0.1:{$fpm['port']}", "$dir/slow.php");
            $wg->done();
        });
    }
    $wg->wait();
    $took = microtime(true) - $t;
    var_dump(count($pids), $took < 1.5 ? 'overlapped' : "serial: $took");

    // A refused connection and a timed-out request.
    try {
        Client::call('127.0.0.1:1', "$dir/echo.php");
    } catch (Swoole\Coroutine\FastCGI\Client\Exception $e) {
        var_dump($e->getCode(), $e->getMessage());
    }
    try {
        Client::call("127.0.0.1:{$fpm['port']}", "$dir/slow.php?us=2000000", '', 0.3);
    } catch (Swoole\Coroutine\FastCGI\Client\Exception $e) {
        var_dump($e->getCode(), $e->getMessage());
    }
});
?>
--EXPECTF--
GET /echo.php?x=1 {"x":"1"} []
POST /echo.php?y=2 {"y":"2"} {"k":"v"}
POST /echo.php [] []
int(300000)
string(3) "z=3"
string(5) "hello"
string(27) "Swoole\FastCGI\HttpResponse"
int(201)
string(7) "Created"
string(2) "42"
array(2) {
  [0]=>
  string(3) "a=1"
  [1]=>
  string(3) "b=2"
}
bool(true)
hello 300000 %s 60000 text/plain
bool(true)
int(90)
string(%d) "FastCGI param HTTP_X_HUGE is too long: %d bytes with its name, at most 65535"
bool(true)
NULL
int(8)
string(10) "overlapped"
int(111)
string(18) "Connection refused"
int(110)
string(20) "Connection timed out"
