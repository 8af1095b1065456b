--TEST--
NameResolver\Redis (real Redis) registered by Coroutine::set(['name_resolver']) and swoole_name_resolver_add: swoole_name_resolver_lookup with a Context takes each node of the cluster once, then looks up again; a filter sends names on to the next resolver and DNS, an unknown service ends the lookup; Coroutine\Http\Client by service name takes the node's port and with max_retries gets past a 503 node and a dead one (another process's Http\Server), Coroutine\Client, Coroutine\Socket and a hooked stream connect by service name; swoole_name_resolver_remove; Swoole's warnings. Same output as Swoole 6.2.2 except: a one-node service resolves to its node (Swoole's extension ignores the node lookup() returns: '', then DNS), and a connect to an unknown service fails with errCode 711 (DNS Lookup resolve failed) where Swoole leaves 0
--SKIPIF--
<?php $service = 'redis'; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
// Also runs as a plain script under Swoole 6.2.2 (the child loads the same
// extension); the output is the same except where the --TEST-- line says.
use Swoole\Coroutine;
use Swoole\Coroutine\Http\Client;
use Swoole\NameResolver\Context;
use Swoole\NameResolver\Redis;

function ext_args(): array
{
    foreach (file('/proc/self/maps') as $line) {
        if (preg_match('~(/\S*(?:libcorust|corust[-\w]*|swoole)\.so)\s*$~', $line, $m)) {
            // Swoole needs ext/sockets and the rest of the default ini.
            return str_contains($m[1], 'swoole.so') ? ['-d', 'extension=curl', '-d', 'extension=' . $m[1]] : ['-n', '-d', 'extension=' . $m[1]];
        }
    }
    throw new RuntimeException('no extension');
}

function free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) explode(':', stream_socket_get_name($s, false))[1];
    fclose($s);
    return $port;
}

// The service's nodes: two that answer, one that says 503, one nobody listens on.
[$ok1, $ok2, $busy, $dead] = [free_port(), free_port(), free_port(), free_port()];
$server = <<<PHP
<?php
\$s = new Swoole\Http\Server('127.0.0.1', $ok1, SWOOLE_BASE);
\$s->addListener('127.0.0.1', $ok2, SWOOLE_SOCK_TCP);
\$s->addListener('127.0.0.1', $busy, SWOOLE_SOCK_TCP);
\$s->set(['worker_num' => 1, 'log_level' => SWOOLE_LOG_NONE]);
\$s->on('workerStart', function () { echo "READY\\n"; });
\$s->on('request', function (\$req, \$resp) {
    if (\$req->server['server_port'] == $busy) { \$resp->status(503); \$resp->end('busy'); return; }
    \$resp->end('served by ' . \$req->server['server_port'] . ' for host ' . \$req->header['host']);
});
\$s->start();
PHP;
$file = sys_get_temp_dir() . '/nr_srv_' . getmypid() . '.php';
file_put_contents($file, $server);
$proc = proc_open(array_merge([PHP_BINARY], ext_args(), [$file]), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$ready = fgets($pipes[1]);
echo 'server: ', $ready;

$prefix = 'nr_test:' . getmypid() . ':';
$redis = 'tcp://' . (getenv('CORUST_REDIS_HOST') ?: '127.0.0.1') . ':' . (getenv('CORUST_REDIS_PORT') ?: 63791);
$ns = new Redis($redis, $prefix);
// Each answers for its own names only: a resolver's '' (unknown service)
// is final, no other resolver or DNS is asked after it.
$ns = $ns->withFilter(fn (string $name) => in_array($name, ['web', 'pair', 'solo', 'nosuch'], true));
$other = (new Redis($redis, $prefix . 'other:'))->withFilter(fn (string $name) => $name === 'elsewhere');

Coroutine::set(['name_resolver' => 'nope']);
var_dump(swoole_name_resolver_add(new stdClass()));
Coroutine::set(['name_resolver' => [$ns]]);
var_dump(swoole_name_resolver_add($other));

$ports = fn (string $s) => preg_replace(["/\\b$ok1\\b/", "/\\b$ok2\\b/", "/\\b$busy\\b/", "/\\b$dead\\b/"], ['OK1', 'OK2', 'BUSY', 'DEAD'], $s);

Coroutine\run(function () use ($ns, $other, $ok1, $ok2, $busy, $dead, $ports) {
    foreach ([$ok1, $ok2, $busy, $dead] as $p) {
        var_dump($ns->join('web', '127.0.0.1', $p));
    }
    $ns->join('pair', '127.0.0.1', $ok1);
    $ns->join('pair', '127.0.0.1', $ok2);
    $ns->join('solo', '127.0.0.1', $ok2);
    $other->join('elsewhere', '127.0.0.1', $ok1);
    $other->join('elsewhere', '127.0.0.1', $ok2);

    echo "-- lookup: each node once per round, then a fresh cluster\n";
    $ctx = new Context(AF_INET, true);
    $seen = [];
    for ($i = 0; $i < 8; $i++) {
        $seen[] = $ports(swoole_name_resolver_lookup('web', $ctx));
    }
    sort($seen);
    echo implode(' ', $seen), "\n";
    echo swoole_name_resolver_lookup('pair', new Context()), "\n";
    $node = $ports(swoole_name_resolver_lookup('elsewhere', new Context(AF_INET, true)));
    echo "second resolver: ", in_array($node, ['127.0.0.1:OK1', '127.0.0.1:OK2'], true) ? 'OK1 or OK2' : $node, "\n";
    var_dump(swoole_name_resolver_lookup('nosuch', new Context()));
    var_dump($ns->lookup('nosuch'), $ns->getCluster('nosuch'));
    $one = $ns->lookup('solo');
    echo json_encode($one === null ? null : ['host' => $one['host'], 'port' => $ports((string) $one['port']), 'weight' => $one['weight']]), "\n";
    // A one-node service: lookup() returns the node itself, which corust
    // connects to (Swoole's extension ignores it: '' here, DNS for clients).
    echo 'single node: ', $ports(swoole_name_resolver_lookup('solo', new Context(AF_INET, true))), "\n";
    $c = new Client('solo');
    echo 'single node by Http\\Client: ', $c->get('/') ? $ports($c->body) : "failed {$c->errCode}", "\n";

    echo "-- Http\\Client by service name, port from the node, retries past 503 and the dead node\n";
    $hosts = [];
    for ($i = 0; $i < 12; $i++) {
        $c = new Client('web');
        $c->set(['max_retries' => 3, 'timeout' => 5]);
        $ok = $c->get('/');
        $hosts[] = $ok ? $c->statusCode . ' ' . $ports($c->body) : "failed {$c->errCode}";
        $c->close();
    }
    $hosts = array_unique($hosts);
    sort($hosts);
    echo implode("\n", $hosts), "\n";
    echo "-- Http\\Client with its own port: only the node's host\n";
    $c = new Client('pair', $ok2);
    var_dump($c->get('/'), $ports($c->body));
    echo "-- unknown service: the lookup fails, no DNS\n";
    $c = new Client('nosuch');
    var_dump($c->get('/'), $c->statusCode, $c->errCode);

    echo "-- Coroutine\\Client and Coroutine\\Socket by service name\n";
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    var_dump($cl->connect('pair', $ok1, 5));
    $cl->send("GET / HTTP/1.1\r\nHost: pair\r\nConnection: close\r\n\r\n");
    $resp = '';
    while (($d = $cl->recv(5)) !== '' && $d !== false) {
        $resp .= $d;
    }
    echo $ports(explode("\r\n\r\n", $resp, 2)[1] ?? $resp), "\n";
    $so = new Coroutine\Socket(AF_INET, SOCK_STREAM, 0);
    var_dump($so->connect('pair', $ok2, 5), $ports(json_encode($so->getpeername())));
    $so->close();
    $cl = new Coroutine\Client(SWOOLE_SOCK_TCP);
    var_dump($cl->connect('nosuch', $ok1, 5), $cl->errCode);

    echo "-- a hooked stream by service name\n";
    $fp = stream_socket_client("tcp://pair:$ok1", $errno, $errstr, 5);
    fwrite($fp, "GET / HTTP/1.1\r\nHost: pair\r\nConnection: close\r\n\r\n");
    $resp = stream_get_contents($fp);
    echo $ports(explode("\r\n\r\n", $resp, 2)[1] ?? $resp), "\n";

    echo "-- filtered out by both: DNS\n";
    var_dump($ns->hasFilter(), $ns->lookup('localhost'), swoole_name_resolver_lookup('localhost', new Context()));
    $ns->withFilter(fn (string $name) => true);
    var_dump(swoole_name_resolver_lookup('localhost', new Context()));

    echo "-- remove\n";
    var_dump(swoole_name_resolver_remove($ns), swoole_name_resolver_remove($ns));
    $node = $ports(swoole_name_resolver_lookup('elsewhere', new Context(AF_INET, true)));
    echo "second resolver still: ", in_array($node, ['127.0.0.1:OK1', '127.0.0.1:OK2'], true) ? 'OK1 or OK2' : $node, "\n";

    foreach ([$ok1, $ok2, $busy, $dead] as $p) {
        $ns->leave('web', '127.0.0.1', $p);
    }
    $ns->leave('pair', '127.0.0.1', $ok1);
    $ns->leave('pair', '127.0.0.1', $ok2);
    $ns->leave('solo', '127.0.0.1', $ok2);
    $other->leave('elsewhere', '127.0.0.1', $ok1);
    $other->leave('elsewhere', '127.0.0.1', $ok2);
    var_dump($ns->getCluster('web'), $other->getCluster('elsewhere'));
});
proc_terminate($proc);
proc_close($proc);
unlink($file);
echo "DONE\n";
?>
--EXPECTF--
server: READY

Warning: Swoole\Coroutine::set(): name_resolver must be an array in %s on line %d

Warning: swoole_name_resolver_add(): the given object is not an instance of Swoole\NameResolver in %s on line %d
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
-- lookup: each node once per round, then a fresh cluster
127.0.0.1:BUSY 127.0.0.1:BUSY 127.0.0.1:DEAD 127.0.0.1:DEAD 127.0.0.1:OK1 127.0.0.1:OK1 127.0.0.1:OK2 127.0.0.1:OK2
127.0.0.1
second resolver: OK1 or OK2
string(0) ""
string(0) ""
NULL
{"host":"127.0.0.1","port":"OK2","weight":100}
single node: 127.0.0.1:OK2
single node by Http\Client: served by OK2 for host solo
-- Http\Client by service name, port from the node, retries past 503 and the dead node
200 served by OK1 for host web
200 served by OK2 for host web
-- Http\Client with its own port: only the node's host
bool(true)
string(31) "served by OK2 for host pair:OK2"
-- unknown service: the lookup fails, no DNS
bool(false)
int(-1)
int(711)
-- Coroutine\Client and Coroutine\Socket by service name
bool(true)
served by OK1 for host pair
bool(true)
string(34) "{"address":"127.0.0.1","port":OK2}"
bool(false)
int(711)
-- a hooked stream by service name
served by OK1 for host pair
-- filtered out by both: DNS
bool(true)
NULL
string(9) "127.0.0.1"
string(0) ""
-- remove
bool(true)
bool(false)
second resolver still: OK1 or OK2
NULL
NULL
DONE
