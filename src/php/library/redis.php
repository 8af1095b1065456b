<?php
// RedisConfig and RedisPool. Swoole 6.2.2 ships
// it in its PHP library; this is corust's own code with the same public API
// and behaviour, except where Swoole's has a bug (each such place says so).
// library/mod.rs compiles this file the first time a script names one of
// its classes (the opening tag above is skipped).
//
// Strict types as in Swoole's library: it decides how the internal calls
// made from here coerce their arguments.
declare(strict_types=1);

namespace Swoole\Database {

use Swoole\ConnectionPool;

/** Where and how RedisPool connects (a fluent builder). */
class RedisConfig
{
    protected string $host = '127.0.0.1';
    protected int $port = 6379;

    /** Connect timeout in seconds; 0: phpredis's default. */
    protected float $timeout = 0.0;

    /** Unused (the persistent id slot of Redis::connect(), always null). */
    protected string $reserved = '';

    /** Milliseconds between connect retries. */
    protected int $retry_interval = 0;
    protected float $read_timeout = 0.0;
    protected string $auth = '';
    protected int $dbIndex = 0;

    /** @var array<int, mixed> Redis::OPT_* => value */
    protected array $options = [];

    public function getHost(): string { return $this->host; }
    public function withHost(string $host): self { $this->host = $host; return $this; }
    public function getPort(): int { return $this->port; }
    public function withPort(int $port): self { $this->port = $port; return $this; }
    public function getTimeout(): float { return $this->timeout; }
    public function withTimeout(float $timeout): self { $this->timeout = $timeout; return $this; }
    public function getReserved(): string { return $this->reserved; }
    public function withReserved(string $reserved): self { $this->reserved = $reserved; return $this; }
    public function getRetryInterval(): int { return $this->retry_interval; }
    public function withRetryInterval(int $retry_interval): self { $this->retry_interval = $retry_interval; return $this; }
    public function getReadTimeout(): float { return $this->read_timeout; }
    public function withReadTimeout(float $read_timeout): self { $this->read_timeout = $read_timeout; return $this; }
    public function getAuth(): string { return $this->auth; }
    public function withAuth(string $auth): self { $this->auth = $auth; return $this; }
    public function getDbIndex(): int { return $this->dbIndex; }
    public function withDbIndex(int $dbIndex): self { $this->dbIndex = $dbIndex; return $this; }

    /** Adds or replaces one option. */
    public function withOption(int $option, mixed $value): self { $this->options[$option] = $value; return $this; }

    /** Replaces all options. */
    public function setOptions(array $options): self { $this->options = $options; return $this; }

    /** @return array<int, mixed> */
    public function getOptions(): array { return $this->options; }
}

/** A pool of phpredis connections (handed out as they are, without a proxy). */
class RedisPool extends ConnectionPool
{
    public function __construct(protected RedisConfig $config, int $size = self::DEFAULT_SIZE)
    {
        parent::__construct(function (): \Redis {
            $c = $this->config;
            $redis = new \Redis();
            // Positional, with 0 where a setting is unset (Swoole's leaves
            // unset ones out, which shifts a retry interval or read timeout
            // into the wrong slot when the timeout is 0). Trailing zeros are
            // dropped for phpredis versions whose connect() takes fewer.
            // The persistent id slot stays null: it only means something
            // to pconnect().
            $arguments = [$c->getHost(), $c->getPort(), $c->getTimeout(), null, $c->getRetryInterval(), $c->getReadTimeout()];
            while (\count($arguments) > 2 && !end($arguments)) {
                array_pop($arguments);
            }
            $redis->connect(...$arguments);
            if ($c->getAuth() !== '') {
                $redis->auth($c->getAuth());
            }
            if ($c->getDbIndex() !== 0) {
                $redis->select($c->getDbIndex());
            }
            foreach ($c->getOptions() as $option => $value) {
                $redis->setOption($option, $value);
            }
            return $redis;
        }, $size);
    }
}

} // namespace Swoole\Database
