<?php
// PDOConfig, PDOPool and its proxies (PDOProxy, PDOStatementProxy). Swoole 6.2.2 ships
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

/** Where and how PDOPool connects (a fluent builder; the with* methods change this object). */
class PDOConfig
{
    public const DRIVER_MYSQL = 'mysql';

    protected string $driver = self::DRIVER_MYSQL;
    protected string $host = '127.0.0.1';
    protected int $port = 3306;
    protected ?string $unixSocket;
    protected string $dbname = 'test';
    protected string $charset = 'utf8mb4';
    protected string $username = 'root';
    protected string $password = 'root';
    protected array $options = [];

    public function getDriver(): string { return $this->driver; }
    public function withDriver(string $driver): self { $this->driver = $driver; return $this; }
    public function getHost(): string { return $this->host; }
    public function withHost(string $host): self { $this->host = $host; return $this; }
    public function getPort(): int { return $this->port; }
    public function hasUnixSocket(): bool { return !empty($this->unixSocket); }
    public function getUnixSocket(): ?string { return $this->unixSocket ?? null; }
    public function withUnixSocket(?string $unixSocket): self { $this->unixSocket = $unixSocket; return $this; }
    public function withPort(int $port): self { $this->port = $port; return $this; }
    public function getDbname(): string { return $this->dbname; }
    public function withDbname(string $dbname): self { $this->dbname = $dbname; return $this; }
    public function getCharset(): string { return $this->charset; }
    public function withCharset(string $charset): self { $this->charset = $charset; return $this; }
    public function getUsername(): string { return $this->username; }
    public function withUsername(string $username): self { $this->username = $username; return $this; }
    public function getPassword(): string { return $this->password; }
    public function withPassword(string $password): self { $this->password = $password; return $this; }
    public function getOptions(): array { return $this->options; }

    /** PDO driver options (the fourth argument of new PDO). */
    public function withOptions(array $options): self { $this->options = $options; return $this; }

    /**
     * The drivers Swoole names as supported (PDOPool also builds DSNs for
     * pgsql, oci and sqlite).
     *
     * @return string[]
     */
    public static function getAvailableDrivers(): array { return [self::DRIVER_MYSQL]; }
}

/** A pool of PDO connections, each wrapped in a PDOProxy. */
class PDOPool extends ConnectionPool
{
    public function __construct(protected PDOConfig $config, int $size = self::DEFAULT_SIZE)
    {
        // The config is read at each connect, so a reconnect after it
        // changed uses the new settings.
        parent::__construct(function (): \PDO {
            $driver = $this->config->getDriver();
            $dsn = $this->createDSN($driver);
            if ($driver === 'sqlite') {
                // A file needs no credentials.
                return new \PDO($dsn);
            }
            return new \PDO($dsn, $this->config->getUsername(), $this->config->getPassword(), $this->config->getOptions());
        }, $size, PDOProxy::class);
    }

    /**
     * A connection, its transaction count cleared (a previous holder may
     * have returned it without ending one), or false on timeout.
     *
     * @return PDOProxy|false
     */
    public function get(float $timeout = -1)
    {
        $proxy = parent::get($timeout);
        if ($proxy === false) {
            return false;
        }
        $proxy->reset();
        return $proxy;
    }

    private function createDSN(string $driver): string
    {
        $c = $this->config;
        // pgsql and oci take a socket directory / path where the host goes.
        $server = $c->hasUnixSocket() ? $c->getUnixSocket() : $c->getHost();
        switch ($driver) {
            case 'mysql':
                $where = $c->hasUnixSocket()
                    ? "unix_socket={$c->getUnixSocket()}"
                    : "host={$c->getHost()};port={$c->getPort()}";
                return "mysql:{$where};dbname={$c->getDbname()};charset={$c->getCharset()}";
            case 'pgsql':
                return "pgsql:host={$server};port={$c->getPort()};dbname={$c->getDbname()}";
            case 'oci':
                return "oci:dbname={$server}:{$c->getPort()}/{$c->getDbname()};charset={$c->getCharset()}";
            case 'sqlite':
                // Each connection to '' (a temporary file) or ':memory:'
                // would be a separate, private database: pooling them
                // cannot work.
                if ($c->getDbname() === '') {
                    throw new \Exception('Connection pool in Swoole does not support temporary SQLite databases.');
                }
                if ($c->getDbname() === ':memory:') {
                    throw new \Exception('Connection pool in Swoole does not support creating SQLite databases in memory.');
                }
                return 'sqlite:' . $c->getDbname();
            default:
                throw new \Exception('Unsupported Database Driver:' . $driver);
        }
    }
}

/**
 * A PDO connection that survives the server dropping it: a call failing
 * with a lost-connection error outside a transaction reconnects and is
 * tried once more. Inside a transaction the error is thrown, since a new
 * connection would silently lose the transaction's earlier work.
 *
 * @method \PDO __getObject()
 */
class PDOProxy extends ObjectProxy
{
    /** @var \PDO */
    protected $__object;

    /** Attributes set through the proxy, set again on each new connection. */
    protected array $setAttributeContext = [];

    /** @var callable makes a new PDO */
    protected $constructor;

    /** How many times this proxy reconnected; statements compare it to know if theirs is stale. */
    protected int $round = 0;

    /** Transactions begun through the proxy and not yet ended. */
    protected int $inTransaction = 0;

    public function __construct(callable $constructor)
    {
        parent::__construct($constructor());
        // Lost connections are recognised by catching PDOException.
        $this->__object->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
        $this->constructor = $constructor;
    }

    public function __call(string $name, array $arguments)
    {
        try {
            $result = $this->__object->{$name}(...$arguments);
        } catch (\PDOException $e) {
            if ($this->__object->inTransaction() || !DetectsLostConnections::causedByLostConnection($e)) {
                throw $e;
            }
            $this->reconnect();
            $result = $this->__object->{$name}(...$arguments);
        }

        if (strcasecmp($name, 'beginTransaction') === 0) {
            $this->inTransaction++;
        } elseif ($this->inTransaction > 0 && (strcasecmp($name, 'commit') === 0 || strcasecmp($name, 'rollBack') === 0)) {
            $this->inTransaction--;
        }

        // Statements (from prepare() and query()) get the same protection.
        // Tested by type, not by method name as Swoole does, so that the
        // false of a silent-mode failure is returned, not a TypeError.
        if ($result instanceof \PDOStatement) {
            return new PDOStatementProxy($result, $this);
        }
        return $result;
    }

    public function getRound(): int
    {
        return $this->round;
    }

    /** Replaces the connection with a new one, configured as the old one was. */
    public function reconnect(): void
    {
        $constructor = $this->constructor;
        parent::__construct($constructor());
        $this->__object->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
        $this->round++;
        foreach ($this->setAttributeContext as $attribute => $value) {
            $this->__object->setAttribute($attribute, $value);
        }
    }

    public function setAttribute(int $attribute, $value): bool
    {
        $this->setAttributeContext[$attribute] = $value;
        return $this->__object->setAttribute($attribute, $value);
    }

    /** Whether a transaction begun through this proxy is still open. */
    public function inTransaction(): bool
    {
        return $this->inTransaction > 0;
    }

    /** Forgets open transactions (PDOPool::get() calls it for each new holder). */
    public function reset(): void
    {
        $this->inTransaction = 0;
    }
}

/**
 * A PDOStatement that survives its connection being lost: it is prepared
 * again on the new connection with its attributes, fetch mode and bindings,
 * and the failed call is tried once more.
 */
class PDOStatementProxy extends ObjectProxy
{
    /** @var \PDOStatement */
    protected $__object;

    protected array $setAttributeContext = [];

    /** The arguments of the last setFetchMode(). */
    protected array $setFetchModeContext;

    /** parameter => [&variable, type, length, driver options] */
    protected array $bindParamContext = [];

    /** column => [&variable, type, length, driver options] */
    protected array $bindColumnContext = [];

    /** parameter => [value, type] */
    protected array $bindValueContext = [];

    protected PDOProxy $parent;

    /** @var int the parent's round this statement was prepared in */
    protected $parentRound;

    public function __construct(\PDOStatement $object, PDOProxy $parent)
    {
        parent::__construct($object);
        $this->parent = $parent;
        $this->parentRound = $parent->getRound();
    }

    public function __call(string $name, array $arguments)
    {
        try {
            return $this->__object->{$name}(...$arguments);
        } catch (\PDOException $e) {
            if ($this->parent->inTransaction() || !DetectsLostConnections::causedByLostConnection($e)) {
                throw $e;
            }
        }

        // Another statement (or the parent itself) may have reconnected
        // already since this one was prepared: then only re-prepare.
        if ($this->parent->getRound() === $this->parentRound) {
            $this->parent->reconnect();
        }
        // Swoole keeps the old round, so a second loss would not reconnect.
        $this->parentRound = $this->parent->getRound();
        $this->__object = $this->parent->__getObject()->prepare($this->__object->queryString);

        foreach ($this->setAttributeContext as $attribute => $value) {
            $this->__object->setAttribute($attribute, $value);
        }
        if (!empty($this->setFetchModeContext)) {
            $this->__object->setFetchMode(...$this->setFetchModeContext);
        }
        // Re-bound to the caller's own variables (kept by reference), so
        // values assigned after the first bind are still the ones sent
        // (Swoole's keeps copies: it would send the values of bind time).
        foreach ($this->bindParamContext as $parameter => &$p) {
            $this->__object->bindParam($parameter, $p[0], $p[1], $p[2], $p[3]);
        }
        unset($p);
        foreach ($this->bindColumnContext as $column => &$c) {
            $this->__object->bindColumn($column, $c[0], $c[1], $c[2], $c[3]);
        }
        unset($c);
        // Values as values (Swoole's re-binds them with bindParam()).
        foreach ($this->bindValueContext as $parameter => [$value, $type]) {
            $this->__object->bindValue($parameter, $value, $type);
        }

        return $this->__object->{$name}(...$arguments);
    }

    public function setAttribute(int $attribute, $value): bool
    {
        $this->setAttributeContext[$attribute] = $value;
        return $this->__object->setAttribute($attribute, $value);
    }

    public function setFetchMode(int $mode, ...$params): bool
    {
        $this->setFetchModeContext = [$mode, ...$params];
        return $this->__object->setFetchMode($mode, ...$params);
    }

    public function bindParam($parameter, &$variable, $data_type = \PDO::PARAM_STR, $length = 0, $driver_options = null): bool
    {
        $this->bindParamContext[$parameter] = [&$variable, $data_type, $length, $driver_options];
        return $this->__object->bindParam($parameter, $variable, $data_type, $length, $driver_options);
    }

    public function bindColumn($column, &$param, $type = null, $maxlen = null, $driverdata = null): bool
    {
        $this->bindColumnContext[$column] = [&$param, $type, $maxlen, $driverdata];
        return $this->__object->bindColumn($column, $param, $type, $maxlen, $driverdata);
    }

    public function bindValue($parameter, $value, $data_type = \PDO::PARAM_STR): bool
    {
        $this->bindValueContext[$parameter] = [$value, $data_type];
        return $this->__object->bindValue($parameter, $value, $data_type);
    }
}

} // namespace Swoole\Database
