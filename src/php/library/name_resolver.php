<?php
// Swoole's service-discovery name resolvers: the abstract NameResolver, the
// Cluster of nodes a lookup hands to the client, and the Redis, Consul and
// Nacos backends. Swoole 6.2.2 ships them in its PHP library; this is
// corust's own code with the same public API (names, signatures, the
// protected properties subclasses use) and the same behaviour, except where
// Swoole's has a bug (each such place says so). The native half (the
// registered resolvers, swoole_name_resolver_lookup(), the clients asking
// them when they connect) is src/php/name_resolver.rs.
// library/mod.rs compiles this file the first time a script names one of
// its classes (the opening tag above is skipped).
//
// Strict types as in Swoole's library: it decides how the internal calls
// made from here coerce their arguments.
declare(strict_types=1);

namespace Swoole {

use Swoole\Coroutine\Http\ClientProxy;
use Swoole\Http\Status;
use Swoole\NameResolver\Cluster;
use Swoole\NameResolver\Exception;

/**
 * A registry of services: servers join() and leave() it under a name,
 * clients look the name up. Registered with Coroutine::set(['name_resolver'
 * => [...]]) or swoole_name_resolver_add(), it is asked for every host name
 * a coroutine client connects to.
 */
abstract class NameResolver
{
    /** scheme://ip[:port][/path] of the registry's server. */
    protected $baseUrl;

    /** parse_url() of the server URL, plus 'ip'. */
    protected $info;

    /** Which names this resolver answers for (null: all). */
    private $filter_fn;

    public function __construct($url, protected $prefix = 'swoole_service_')
    {
        $this->checkServerUrl($url);
    }

    /** Registers $ip:$port as a node of service $name. */
    abstract public function join(string $name, string $ip, int $port, array $options = []): bool;

    /** Removes $ip:$port from service $name. */
    abstract public function leave(string $name, string $ip, int $port): bool;

    /** The nodes of service $name, null when there are none. */
    abstract public function getCluster(string $name): ?Cluster;

    /** Answers only for names $fn($name) returns true for. */
    public function withFilter(callable $fn): self
    {
        $this->filter_fn = $fn;
        return $this;
    }

    public function getFilter()
    {
        return $this->filter_fn;
    }

    public function hasFilter(): bool
    {
        return !empty($this->filter_fn);
    }

    /**
     * What the client connecting to $name gets:
     * - a Cluster: several nodes, the client takes one after the other
     *   (another on each retry);
     * - a node (['host' => ip, 'port' => port, 'weight' => w]): the only one;
     * - a string: the final answer, an IP address, or '' when the service
     *   is unknown (the lookup fails, no other resolver is asked);
     * - null (filtered out): the next resolver, then DNS, answers.
     * @return Cluster|array|string|null
     */
    public function lookup(string $name)
    {
        if ($this->hasFilter() && ($this->getFilter())($name) !== true) {
            return null;
        }
        $cluster = $this->getCluster($name);
        if ($cluster === null) {
            return '';
        }
        // One node: nothing to fail over to. (Swoole's extension ignores
        // this array and falls back to DNS, so a single node is unreachable
        // by name there; corust's connects to it.)
        if ($cluster->count() === 1) {
            return $cluster->pop();
        }
        return $cluster;
    }

    /** Keeps the server URL with its host resolved to an IP once, here. */
    protected function checkServerUrl(string $url)
    {
        $info = parse_url($url);
        if (empty($info['scheme']) || empty($info['host'])) {
            throw new \RuntimeException("invalid url parameter '{$url}'");
        }
        if (filter_var($info['host'], FILTER_VALIDATE_IP)) {
            $info['ip'] = $info['host'];
        } else {
            $info['ip'] = gethostbyname($info['host']);
            if (!filter_var($info['ip'], FILTER_VALIDATE_IP)) {
                throw new \RuntimeException("Failed to resolve host '{$info['host']}'");
            }
        }
        $base = $info['scheme'] . '://' . $info['ip'];
        if (!empty($info['port'])) {
            $base .= ':' . $info['port'];
        }
        if (!empty($info['path'])) {
            $base .= rtrim($info['path'], '/');
        }
        $this->baseUrl = $base;
        $this->info = $info;
    }

    /** True for a 200; otherwise throws NameResolver\Exception (code: the status). */
    protected function checkResponse(ClientProxy $response): bool
    {
        $status = $response->getStatusCode();
        if ($status === Status::OK) {
            return true;
        }
        throw new Exception('Http Body: ' . $response->getBody(), $status);
    }
}

}

namespace Swoole\NameResolver {

use Swoole\NameResolver;

use function Swoole\Coroutine\Http\get;
use function Swoole\Coroutine\Http\post;
use function Swoole\Coroutine\Http\request;

/** A registry answered with an error. */
class Exception extends \RuntimeException
{
}

/** The nodes of a service; each pop() takes a random one out. */
class Cluster
{
    private array $nodes = [];

    /** @throws \Swoole\Exception for a host that is not an IP, a bad port or weight */
    public function add(string $host, int $port, int $weight = 100): void
    {
        if (!filter_var($host, FILTER_VALIDATE_IP)) {
            throw new \Swoole\Exception("Bad IP Address [{$host}]");
        }
        if ($port < 0 || $port > 65535) {
            throw new \Swoole\Exception("Bad Port [{$port}]");
        }
        if ($weight < 0 || $weight > 100) {
            throw new \Swoole\Exception("Bad Weight [{$weight}]");
        }
        $this->nodes[] = ['host' => $host, 'port' => $port, 'weight' => $weight];
    }

    /** @return array|false a node (host, port, weight), false when none is left */
    public function pop()
    {
        if (!$this->nodes) {
            return false;
        }
        $key = array_rand($this->nodes);
        $node = $this->nodes[$key];
        unset($this->nodes[$key]);
        return $node;
    }

    public function count(): int
    {
        return count($this->nodes);
    }
}

/** Services as Redis sets of "ip:port" under prefix.name (phpredis). */
class Redis extends NameResolver
{
    private $serverHost;

    private $serverPort;

    public function __construct($url, $prefix = 'swoole:service:')
    {
        parent::__construct($url, $prefix);
        $this->serverHost = $this->info['ip'];
        $this->serverPort = $this->info['port'] ?? 6379;
    }

    public function join(string $name, string $ip, int $port, array $options = []): bool
    {
        $redis = $this->connect();
        return $redis !== false && $redis->sAdd($this->prefix . $name, "{$ip}:{$port}") !== false;
    }

    public function leave(string $name, string $ip, int $port): bool
    {
        $redis = $this->connect();
        return $redis !== false && $redis->sRem($this->prefix . $name, "{$ip}:{$port}") !== false;
    }

    public function getCluster(string $name): ?Cluster
    {
        $redis = $this->connect();
        if ($redis === false) {
            return null;
        }
        $members = $redis->sMembers($this->prefix . $name);
        if (empty($members)) {
            return null;
        }
        $cluster = new Cluster();
        foreach ($members as $member) {
            [$host, $port] = explode(':', $member);
            $cluster->add($host, intval($port));
        }
        return $cluster;
    }

    /** A new connection per call, as Swoole's. */
    protected function connect()
    {
        $redis = new \Redis();
        if ($redis->connect($this->serverHost, $this->serverPort) === false) {
            return false;
        }
        return $redis;
    }
}

/** Consul's agent/catalog HTTP API: one service instance per node. */
class Consul extends NameResolver
{
    public function join(string $name, string $ip, int $port, array $options = []): bool
    {
        $service = [
            'ID' => $this->getServiceId($name, $ip, $port),
            'Name' => $this->prefix . $name,
            'Address' => $ip,
            'Port' => $port,
            'EnableTagOverride' => false,
            'Weights' => ['Passing' => $options['weight'] ?? 100, 'Warning' => 1],
        ];
        $body = json_encode($service, JSON_THROW_ON_ERROR);
        return $this->checkResponse(request($this->baseUrl . '/v1/agent/service/register', 'PUT', $body));
    }

    public function leave(string $name, string $ip, int $port): bool
    {
        $id = $this->getServiceId($name, $ip, $port);
        return $this->checkResponse(request($this->baseUrl . '/v1/agent/service/deregister/' . $id, 'PUT'));
    }

    public function enableMaintenanceMode(string $name, string $ip, int $port): bool
    {
        $id = $this->getServiceId($name, $ip, $port);
        return $this->checkResponse(request($this->baseUrl . '/v1/agent/service/maintenance/' . $id, 'PUT'));
    }

    public function getCluster(string $name): ?Cluster
    {
        $response = get($this->baseUrl . '/v1/catalog/service/' . $this->prefix . $name);
        if (!$this->checkResponse($response)) {
            return null;
        }
        $entries = json_decode($response->getBody(), null, 512, JSON_THROW_ON_ERROR);
        if (empty($entries)) {
            return null;
        }
        $cluster = new Cluster();
        foreach ($entries as $entry) {
            $cluster->add($entry->ServiceAddress, $entry->ServicePort, $entry->ServiceWeights->Passing);
        }
        return $cluster;
    }

    private function getServiceId(string $name, string $ip, int $port): string
    {
        return "{$this->prefix}{$name}_{$ip}:{$port}";
    }
}

/** Nacos's naming HTTP API (v1): instances of prefix.name. */
class Nacos extends NameResolver
{
    public function join(string $name, string $ip, int $port, array $options = []): bool
    {
        $query = http_build_query([
            'port' => $port,
            'ip' => $ip,
            'healthy' => 'true',
            'weight' => $options['weight'] ?? 100,
            'encoding' => $options['encoding'] ?? 'utf-8',
            'namespaceId' => $options['namespaceId'] ?? 'public',
            'serviceName' => $this->prefix . $name,
        ]);
        return $this->checkResponse(post($this->baseUrl . '/nacos/v1/ns/instance?' . $query, []));
    }

    public function leave(string $name, string $ip, int $port): bool
    {
        $query = http_build_query(['port' => $port, 'ip' => $ip, 'serviceName' => $this->prefix . $name]);
        return $this->checkResponse(request($this->baseUrl . '/nacos/v1/ns/instance?' . $query, 'DELETE'));
    }

    public function getCluster(string $name): ?Cluster
    {
        $query = http_build_query(['serviceName' => $this->prefix . $name]);
        $response = get($this->baseUrl . '/nacos/v1/ns/instance/list?' . $query);
        if (!$this->checkResponse($response)) {
            return null;
        }
        $result = json_decode($response->getBody(), null, 512, JSON_THROW_ON_ERROR);
        if (empty($result)) {
            return null;
        }
        $cluster = new Cluster();
        foreach ($result->hosts as $node) {
            // Nacos reports weights as floats (1.0); Swoole passes them on
            // as they are, a TypeError under strict types.
            $cluster->add($node->ip, $node->port, (int) $node->weight);
        }
        return $cluster;
    }
}

}
