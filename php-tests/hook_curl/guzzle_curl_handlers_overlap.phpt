--TEST--
hook_curl: Guzzle's CurlHandler and CurlMultiHandler, unmodified, overlap: 50 requests of 200 ms in well under 1 s each way
--SKIPIF--
<?php $heavy = true; $curl = true; $guzzle = true; require __DIR__ . '/../include/skipif.php'; ?>
--INI--
; Debian's Guzzle 7.4.5 creates a dynamic property (deprecated in PHP 8.2)
error_reporting=E_ALL & ~E_DEPRECATED
--FILE--
<?php
require __DIR__ . '/../include/bootstrap.php';
require '/usr/share/php/GuzzleHttp/autoload.php';

use GuzzleHttp\Client;
use GuzzleHttp\Handler\CurlHandler;
use GuzzleHttp\Handler\CurlMultiHandler;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Promise\Utils;

$port = corust_http_peer()[1];
Swoole\Runtime::enableCoroutine(SWOOLE_HOOK_ALL);
foreach (['CurlHandler', 'CurlMultiHandler'] as $name) {
    $t = microtime(true);
    $ok = 0;
    Swoole\Coroutine\run(function () use ($name, $port, &$ok) {
        $wg = new Swoole\Coroutine\WaitGroup();
        for ($i = 0; $i < 50; $i++) {
            $wg->add();
            go(function () use ($name, $port, $i, $wg, &$ok) {
                $handler = $name === 'CurlHandler' ? new CurlHandler() : new CurlMultiHandler();
                $client = new Client(['handler' => HandlerStack::create($handler), 'base_uri' => "http://127.0.0.1:$port"]);
                $r = $client->get("/sleep?ms=200&i=$i");
                if ($r->getStatusCode() === 200 && (string) $r->getBody() === "slept 200 /sleep?ms=200&i=$i"
                    && $r->getHeaderLine('X-Peer') === 'python') {
                    $ok++;
                }
                $wg->done();
            });
        }
        $wg->wait();
    });
    $elapsed = microtime(true) - $t;
    printf("%s: %d ok, %s\n", $name, $ok, $elapsed < 1.0 ? 'overlapped' : "took $elapsed s");
}

// One client, concurrent promises (one CurlMultiHandler shared by them all),
// and Guzzle's errors as plain PHP would raise them.
Swoole\Coroutine\run(function () use ($port) {
    $client = new Client(['base_uri' => "http://127.0.0.1:$port", 'http_errors' => true]);
    $t = microtime(true);
    $promises = [];
    for ($i = 0; $i < 20; $i++) {
        $promises[] = $client->getAsync("/sleep?ms=200&i=$i");
    }
    $bodies = array_map(fn ($r) => (string) $r->getBody(), Utils::unwrap($promises));
    printf("promises: %d answers, %s\n", count(array_unique($bodies)), microtime(true) - $t < 1.0 ? 'overlapped' : 'serialized');
    try {
        $client->get('/status/404');
    } catch (GuzzleHttp\Exception\ClientException $e) {
        echo get_class($e), ': ', $e->getResponse()->getStatusCode(), "\n";
    }
    try {
        $client->get('/sleep?ms=2000', ['timeout' => 0.2]);
    } catch (GuzzleHttp\Exception\ConnectException $e) {
        echo get_class($e), ': ', preg_match('/cURL error 28/', $e->getMessage()) ? 'timed out' : $e->getMessage(), "\n";
    }
    $r = $client->post('/echo', ['json' => ['a' => 1]]);
    echo $r->getBody(), "\n";
});
?>
--EXPECT--
CurlHandler: 50 ok, overlapped
CurlMultiHandler: 50 ok, overlapped
promises: 20 answers, overlapped
GuzzleHttp\Exception\ClientException: 404
GuzzleHttp\Exception\ConnectException: timed out
POST /echo 7 application/json
