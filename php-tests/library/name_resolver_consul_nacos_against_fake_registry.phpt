--TEST--
NameResolver\Consul and NameResolver\Nacos against a fake of their HTTP APIs (an Http\Server in another process): join/leave/getCluster/lookup, weights, the server URL check, NameResolver\Exception with the body and status for a non-200 answer (also from inside Http\Client::get), and Http\Client by service name through each. Same output as Swoole 6.2.2, except that Swoole's Nacos resolver throws a TypeError for Nacos's float weights (1.0), which corust takes
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
// Runs under corust or Swoole (the fake registry loads the same extension).
use Swoole\Coroutine;
use Swoole\Coroutine\Http\Client;
use Swoole\NameResolver\Consul;
use Swoole\NameResolver\Context;
use Swoole\NameResolver\Nacos;

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

// A fake Consul (agent + catalog) and Nacos (naming v1) HTTP API in another
// process, which also serves the registered service itself at /.
[$port, $dead] = [free_port(), free_port()];
$server = <<<'PHP'
<?php
$consul = $nacos = [];
$s = new Swoole\Http\Server('127.0.0.1', (int) $argv[1], SWOOLE_BASE);
$s->set(['worker_num' => 1, 'log_level' => SWOOLE_LOG_NONE]);
$s->on('workerStart', function () { echo "READY\n"; });
$s->on('request', function ($req, $resp) use (&$consul, &$nacos) {
    $m = $req->getMethod();
    $path = $req->server['request_uri'];
    $q = $req->get ?? [];
    $json = fn ($v) => $resp->header('Content-Type', 'application/json') || true ? $resp->end(json_encode($v)) : null;
    if ($m === 'PUT' && $path === '/v1/agent/service/register') {
        $svc = json_decode($req->getContent(), true);
        if (!isset($svc['Name'], $svc['Address'], $svc['Port'])) { $resp->status(400); $resp->end('Missing service name'); return; }
        $consul[$svc['ID']] = $svc;
        $resp->end();
    } elseif ($m === 'PUT' && preg_match('~^/v1/agent/service/deregister/(.+)$~', $path, $mm)) {
        $id = urldecode($mm[1]);
        if (!isset($consul[$id])) { $resp->status(404); $resp->end("Unknown service ID \"$id\""); return; }
        unset($consul[$id]);
        $resp->end();
    } elseif ($m === 'PUT' && str_starts_with($path, '/v1/agent/service/maintenance/')) {
        if (!isset($q['enable'])) { $resp->status(400); $resp->end('Missing value for enable'); return; }
        $resp->end();
    } elseif ($m === 'GET' && preg_match('~^/v1/catalog/service/(.+)$~', $path, $mm)) {
        $out = [];
        foreach ($consul as $svc) {
            if ($svc['Name'] === $mm[1]) {
                $out[] = ['ServiceID' => $svc['ID'], 'ServiceName' => $svc['Name'], 'ServiceAddress' => $svc['Address'],
                    'ServicePort' => $svc['Port'], 'ServiceWeights' => $svc['Weights']];
            }
        }
        $json($out);
    } elseif ($path === '/nacos/v1/ns/instance' && in_array($m, ['POST', 'DELETE'], true)) {
        $key = "{$q['serviceName']}|{$q['ip']}|{$q['port']}";
        if ($m === 'POST') {
            $nacos[$key] = $q;
        } else {
            unset($nacos[$key]);
        }
        $resp->end('ok');
    } elseif ($m === 'GET' && $path === '/nacos/v1/ns/instance/list') {
        if (($q['serviceName'] ?? '') === 'swoole_service_broken') { $resp->status(500); $resp->end('server is DOWN now'); return; }
        $hosts = [];
        foreach ($nacos as $i) {
            if ($i['serviceName'] === $q['serviceName']) {
                // As Nacos: weights are floats, ports ints.
                $hosts[] = ['ip' => $i['ip'], 'port' => (int) $i['port'], 'weight' => (float) $i["weight"], 'healthy' => true];
            }
        }
        $resp->end(json_encode(['name' => $q['serviceName'], 'hosts' => $hosts], JSON_PRESERVE_ZERO_FRACTION));
    } elseif ($path === '/') {
        $resp->end('hello from the service, host ' . $req->header['host']);
    } else {
        $resp->status(404);
        $resp->end('no such endpoint');
    }
});
$s->start();
PHP;
$file = sys_get_temp_dir() . '/nr_fake_' . getmypid() . '.php';
file_put_contents($file, $server);
$proc = proc_open(array_merge([PHP_BINARY], ext_args(), [$file, $port]), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo 'fake registry: ', fgets($pipes[1]);

$ports = fn (string $s) => str_replace([(string) $port, (string) $dead], ['PORT', 'DEAD'], $s);

try {
    new Consul('127.0.0.1:8500');
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$probe = new class('http://localhost:8500/api/') extends Consul {
    public function base(): string { return $this->baseUrl; }
};
echo $probe->base(), "\n";

Coroutine\run(function () use ($port, $dead, $ports) {
    $url = "http://127.0.0.1:$port";
    echo "-- Consul\n";
    $consul = new Consul($url);
    var_dump($consul->join('api', '127.0.0.1', $port), $consul->join('api', '127.0.0.1', $dead, ['weight' => 5]));
    $consul->join('one', '127.0.0.1', $port);
    $c = $consul->getCluster('api');
    $nodes = [$c->pop(), $c->pop()];
    usort($nodes, fn ($a, $b) => $a['weight'] <=> $b['weight']);
    echo $ports(json_encode($nodes)), ' left: ', $c->count(), ' ', var_export($c->pop(), true), "\n";
    var_dump($consul->getCluster('nosuch'), $consul->lookup('nosuch'));
    echo $ports(json_encode($consul->lookup('one'))), "\n";
    try {
        $consul->enableMaintenanceMode('api', '127.0.0.1', $port);
    } catch (Swoole\NameResolver\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), ' (', $e->getCode(), ")\n";
    }
    try {
        $consul->leave('api', '127.0.0.9', 1);
    } catch (Swoole\NameResolver\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), ' (', $e->getCode(), ")\n";
    }
    swoole_name_resolver_add($consul);
    $ctx = new Context(AF_INET, true);
    $got = [$ports(swoole_name_resolver_lookup('api', $ctx)), $ports(swoole_name_resolver_lookup('api', $ctx))];
    sort($got);
    echo implode(' ', $got), "\n";
    for ($i = 0; $i < 6; $i++) {
        $cli = new Client('api');
        $cli->set(['max_retries' => 1, 'timeout' => 5]);
        $r[] = $cli->get('/') ? $ports($cli->body) : "failed {$cli->errCode}";
    }
    echo implode("\n", array_unique($r)), "\n";
    var_dump($consul->leave('api', '127.0.0.1', $port), $consul->leave('api', '127.0.0.1', $dead), $consul->leave('one', '127.0.0.1', $port));
    var_dump($consul->getCluster('api'));
    swoole_name_resolver_remove($consul);

    echo "-- Nacos\n";
    $nacos = new Nacos($url);
    var_dump($nacos->join('api', '127.0.0.1', $port), $nacos->join('api', '127.0.0.1', $dead, ['weight' => 5]));
    try {
        $c = $nacos->getCluster('api');
        echo 'nodes: ', $c->count(), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $ports($e->getMessage()), "\n";
    }
    try {
        $nacos->getCluster('broken');
    } catch (Swoole\NameResolver\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), ' (', $e->getCode(), ")\n";
    }
    Coroutine::set(['name_resolver' => [$nacos]]);
    try {
        $cli = new Client('broken');
        var_dump($cli->get('/'));
    } catch (Swoole\NameResolver\Exception $e) {
        echo 'from get(): ', get_class($e), ': ', $e->getMessage(), ' (', $e->getCode(), ")\n";
    }
    $cli = new Client('api');
    $cli->set(['max_retries' => 2, 'timeout' => 5]);
    var_dump($cli->get('/') ? $ports($cli->body) : "failed {$cli->errCode}");
    var_dump($nacos->leave('api', '127.0.0.1', $port), $nacos->leave('api', '127.0.0.1', $dead));
    var_dump($nacos->getCluster('api')?->count());
});
proc_terminate($proc);
proc_close($proc);
unlink($file);
echo "DONE\n";
?>
--EXPECTF--
fake registry: READY
RuntimeException: invalid url parameter '127.0.0.1:8500'
http://127.0.0.1:8500/api
-- Consul
bool(true)
bool(true)
[{"host":"127.0.0.1","port":DEAD,"weight":5},{"host":"127.0.0.1","port":PORT,"weight":100}] left: 0 false
NULL
string(0) ""
{"host":"127.0.0.1","port":PORT,"weight":100}
Swoole\NameResolver\Exception: Http Body: Missing value for enable (400)
Swoole\NameResolver\Exception: Http Body: Unknown service ID "swoole_service_api_127.0.0.9:1" (404)
127.0.0.1:DEAD 127.0.0.1:PORT
hello from the service, host api
bool(true)
bool(true)
bool(true)
NULL
-- Nacos
bool(true)
bool(true)
nodes: 2
Swoole\NameResolver\Exception: Http Body: server is DOWN now (500)
from get(): Swoole\NameResolver\Exception: Http Body: server is DOWN now (500)
string(32) "hello from the service, host api"
bool(true)
bool(true)
int(0)
DONE
