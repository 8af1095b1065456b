<?php
// A small Hyperf-style app on corust: per-request Context, a Channel-based
// connection pool, parallel() fan-out to two slow in-process endpoints, JSON.
// Run: make demo   (or: php -d extension=target/release/libcorust.so examples/http-app.php [port])
//
// GET /           fan-out: calls /slow/a and /slow/b concurrently (each sleeps 200 ms) → ~200 ms, not 400
// GET /slow/{x}   an endpoint that takes 200 ms

use Corust\Context;
use Swoole\Coroutine;
use Swoole\Coroutine\Channel;
use Swoole\Http\Request;
use Swoole\Http\Response;
use Swoole\Http\Server;
use function Corust\parallel;

final class Pool
{
    private Channel $free;

    public function __construct(private Closure $factory, int $size)
    {
        $this->free = new Channel($size);
        for ($i = 0; $i < $size; $i++) {
            $this->free->push(($this->factory)());
        }
    }

    /** Borrows a connection for the duration of $fn (waits when all are busy). */
    public function use(callable $fn): mixed
    {
        $conn = $this->free->pop();
        try {
            return $fn($conn);
        } finally {
            $this->free->push($conn);
        }
    }
}

$port = (int) ($argv[1] ?? 9501);
$host = getenv('DEMO_HOST') ?: '127.0.0.1';        // the Dockerfile sets 0.0.0.0
$server = new Server($host, $port, SWOOLE_BASE);
$server->set(['worker_num' => 2]);

$server->on('workerStart', function (Server $server, int $workerId) use ($port) {
    // Each worker builds its own pool: connections are not shared across processes.
    $GLOBALS['pool'] = new Pool(fn () => new class($port) {
        public function __construct(private int $port) {}
        public function get(string $path): array {
            $t = microtime(true);
            $body = file_get_contents("http://127.0.0.1:{$this->port}$path");   // hooked: yields
            return json_decode($body, true) + ['ms' => (int) ((microtime(true) - $t) * 1000)];
        }
    }, 4);
    if ($workerId === 0) {
        echo "corust demo listening on http://127.0.0.1:$port/  (2 workers, pid ", getmypid(), ")\n";
        echo "try:  curl -s http://127.0.0.1:$port/ ; stop with Ctrl+C\n";
    }
});

$server->on('request', function (Request $req, Response $resp) {
    Context::set('request.id', bin2hex(random_bytes(4)));
    $path = $req->server['request_uri'];
    if (str_starts_with($path, '/slow/')) {
        Coroutine::sleep(0.2);
        $resp->header('Content-Type', 'application/json');
        $resp->end(json_encode(['endpoint' => substr($path, 6), 'coroutine' => Coroutine::getCid()]));
        return;
    }
    $t = microtime(true);
    $pool = $GLOBALS['pool'];
    $results = parallel([
        'a' => fn () => $pool->use(fn ($c) => $c->get('/slow/a')),
        'b' => fn () => $pool->use(fn ($c) => $c->get('/slow/b')),
    ]);
    $resp->header('Content-Type', 'application/json');
    $resp->end(json_encode([
        'request_id' => Context::get('request.id'),
        'worker_pid' => getmypid(),
        'results' => $results,
        'total_ms' => (int) ((microtime(true) - $t) * 1000),
        'note' => 'two 200 ms calls ran concurrently',
    ], JSON_PRETTY_PRINT) . "\n");
});

$server->start();
