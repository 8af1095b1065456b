<?php
// Swoole's connection pools and database proxies. Swoole 6.2.2 ships them
// in its PHP library; this is corust's own code with the same public API
// (names, signatures, protected properties that subclasses may use) and the
// same behaviour, except where Swoole's has a bug (each such place says so).
// library/mod.rs compiles this file the first time a script
// names one of its classes (the opening tag above is skipped).
//
// Strict types as in Swoole's library: it decides how the internal calls
// made from here (PDO, mysqli, Redis, Channel) coerce their arguments.
declare(strict_types=1);

namespace Swoole {

use Swoole\Coroutine\Channel;

/**
 * A fixed-size pool of connections shared by coroutines. Connections are
 * made lazily, only when get() finds no idle one and fewer than $size
 * exist; beyond that get() waits on the channel for one to be put back.
 */
class ConnectionPool
{
    public const DEFAULT_SIZE = 64;

    /** Idle connections; null once the pool is closed. */
    protected ?Channel $pool;

    /** @var callable makes one connection (or, with $proxy, is handed to the proxy) */
    protected $constructor;

    protected int $size;

    /** Connections made and not given up (idle + in use + being made). */
    protected int $num = 0;

    /**
     * @param ?string $proxy class wrapping each connection; it receives the
     *                       constructor so that it can reconnect by itself
     */
    public function __construct(callable $constructor, int $size = self::DEFAULT_SIZE, protected ?string $proxy = null)
    {
        $this->size = $size;
        $this->pool = new Channel($size);
        $this->constructor = $constructor;
    }

    /** Makes every connection not made yet, so that later get()s never wait for a connect. */
    public function fill(): void
    {
        while ($this->num < $this->size) {
            $this->make();
        }
    }

    /**
     * An idle connection, or a new one while the pool is not full;
     * otherwise waits (at most $timeout seconds when positive) for one to
     * be put back. False when the wait times out or the pool is closed
     * meanwhile.
     *
     * @return mixed|false
     */
    public function get(float $timeout = -1)
    {
        if ($this->pool === null) {
            throw new \RuntimeException('Pool has been closed');
        }
        if ($this->num < $this->size && $this->pool->isEmpty()) {
            $this->make();
        }
        // Connecting yields: close() may have run in the meantime (Swoole's
        // would then call pop() on null).
        $pool = $this->pool;
        return $pool === null ? false : $pool->pop($timeout);
    }

    /**
     * Gives a connection back. null says the connection taken is broken:
     * its slot is freed and a fresh connection made in its place, so the
     * pool keeps its size.
     */
    public function put($connection): void
    {
        if ($this->pool === null) {
            // Closed: the connection is simply dropped (and closes when freed).
            return;
        }
        if ($connection === null) {
            $this->num--;
            $this->make();
            return;
        }
        $this->pool->push($connection);
    }

    /**
     * Closes the pool: coroutines waiting in get() wake up with false, idle
     * connections are dropped now, the ones in use when they are put back.
     */
    public function close(): void
    {
        $pool = $this->pool;
        $this->pool = null;
        $this->num = 0;
        if ($pool === null) {
            // Closing twice is harmless (Swoole's fails on null).
            return;
        }
        // Take the idle connections out so they are freed (closed) here,
        // not whenever the channel itself happens to be released.
        while (!$pool->isEmpty()) {
            $pool->pop();
        }
        $pool->close();
    }

    protected function make(): void
    {
        // Count the slot before connecting: connecting yields, and other
        // coroutines calling get() meanwhile must see it as taken or the
        // pool would overshoot its size.
        $this->num++;
        try {
            $connection = $this->proxy
                ? new $this->proxy($this->constructor)
                : ($this->constructor)();
        } catch (\Throwable $e) {
            if ($this->pool !== null) {
                $this->num--;
            }
            throw $e;
        }
        $this->put($connection);
    }
}

/** Forwards every property access and call to the object it wraps. */
class ObjectProxy
{
    /** @var object */
    protected $__object;

    public function __construct(object $object)
    {
        $this->__object = $object;
    }

    /** The wrapped object itself (e.g. to pass it where a real PDO is required). */
    public function __getObject()
    {
        return $this->__object;
    }

    public function __get(string $name)
    {
        return $this->__object->{$name};
    }

    public function __set(string $name, $value): void
    {
        $this->__object->{$name} = $value;
    }

    public function __isset($name)
    {
        return isset($this->__object->{$name});
    }

    public function __unset(string $name): void
    {
        unset($this->__object->{$name});
    }

    public function __call(string $name, array $arguments)
    {
        return $this->__object->{$name}(...$arguments);
    }

    public function __invoke(...$arguments)
    {
        $callee = $this->__object;
        return $callee(...$arguments);
    }
}

} // namespace Swoole

namespace Swoole\Database {

use Swoole\ConnectionPool;

/**
 * Base of the database proxies. A clone would share the wrapped connection
 * with the original while keeping separate reconnect state, so cloning is
 * refused.
 */
class ObjectProxy extends \Swoole\ObjectProxy
{
    final public function __clone(): void
    {
        throw new \Error('Trying to clone an uncloneable database proxy object');
    }
}

/**
 * Tells whether an exception says the connection to the server is gone
 * (so a retry on a new connection can succeed), from its message: drivers
 * and servers report this only as text, in many wordings.
 */
class DetectsLostConnections
{
    private const ERROR_MESSAGES = [
        'server has gone away',
        'Server has gone away',
        'no connection to the server',
        'Lost connection',
        'is dead or not enabled',
        'Error while sending',
        'decryption failed or bad record mac',
        'server closed the connection unexpectedly',
        'SSL connection has been closed unexpectedly',
        'Error writing data to the connection',
        'Resource deadlock avoided',
        'Transaction() on null',
        'child connection forced to terminate due to client_idle_limit',
        'query_wait_timeout',
        'reset by peer',
        'Physical connection is not usable',
        'TCP Provider: Error code 0x68',
        'ORA-03113',
        'ORA-03114',
        'Packets out of order. Expected',
        'Adaptive Server connection failed',
        'Communication link failure',
        'connection is no longer usable',
        'Login timeout expired',
        'SQLSTATE[HY000] [2002] Connection refused',
        'running with the --read-only option so it cannot execute this statement',
        'The connection is broken and recovery is not possible. The connection is marked by the client driver as unrecoverable. No attempt was made to restore the connection.',
        'SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Try again',
        'SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Name or service not known',
        'SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo for',
        'SQLSTATE[HY000]: General error: 7 SSL SYSCALL error: EOF detected',
        'SSL error: unexpected eof',
        'SQLSTATE[HY000] [2002] Connection timed out',
        'SSL: Connection timed out',
        'SQLSTATE[HY000]: General error: 1105 The last transaction was aborted due to Seamless Scaling. Please retry.',
        'Temporary failure in name resolution',
        'SQLSTATE[08S01]: Communication link failure',
        'SQLSTATE[08006] [7] could not connect to server: Connection refused Is the server running on host',
        'SQLSTATE[HY000]: General error: 7 SSL SYSCALL error: No route to host',
        'The client was disconnected by the server because of inactivity. See wait_timeout and interactive_timeout for configuring this behavior.',
        'SQLSTATE[08006] [7] could not translate host name',
        'TCP Provider: Error code 0x274C',
        'SQLSTATE[HY000] [2002] No such file or directory',
        'SSL: Operation timed out',
        'Reason: Server is in script upgrade mode. Only administrator can connect at this time.',
        'Unknown $curl_error_code: 77',
        'SSL: Handshake timed out',
        'SQLSTATE[08006] [7] SSL error: sslv3 alert unexpected message',
        'SQLSTATE[08006] [7] unrecognized SSL error code:',
        'SQLSTATE[HY000] [1045] Access denied for user',
        'SQLSTATE[HY000] [2002] No connection could be made because the target machine actively refused it',
        'SQLSTATE[HY000] [2002] A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond',
        'SQLSTATE[HY000] [2002] Network is unreachable',
        'SQLSTATE[HY000] [2002] The requested address is not valid in its context',
        'SQLSTATE[HY000] [2002] A socket operation was attempted to an unreachable network',
        'SQLSTATE[HY000] [2002] Operation now in progress',
        'SQLSTATE[HY000] [2002] Operation in progress',
        'SQLSTATE[HY000]: General error: 3989',
        'went away',
        'No such file or directory',
        'server is shutting down',
        'failed to connect to',
        'Channel connection is closed',
        'Connection lost',
        'Broken pipe',
        'SQLSTATE[25006]: Read only sql transaction: 7',
        'vtgate connection error: no healthy endpoints',
        'primary is not serving, there may be a reparent operation in progress',
        'current keyspace is being resharded',
        'no healthy tablet available',
        'transaction pool connection limit exceeded',
        'SSL operation failed with code 5',
        // Covers every "... timed out" wording (send, handshake, connect).
        'timed out',
        'Error reading result',
    ];

    public static function causedByLostConnection(\Throwable $e): bool
    {
        // Byte-wise search: every needle is ASCII, so this finds what a
        // multibyte search would, without requiring mbstring.
        $message = $e->getMessage();
        foreach (self::ERROR_MESSAGES as $needle) {
            if (str_contains($message, $needle)) {
                return true;
            }
        }
        return false;
    }
}

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

/** Where and how MysqliPool connects (a fluent builder, like PDOConfig). */
class MysqliConfig
{
    protected string $host = '127.0.0.1';
    protected int $port = 3306;
    protected ?string $unixSocket;
    protected string $dbname = 'test';
    protected string $charset = 'utf8mb4';
    protected string $username = 'root';
    protected string $password = 'root';
    protected array $options = [];

    public function getHost(): string { return $this->host; }
    public function withHost(string $host): self { $this->host = $host; return $this; }
    public function getPort(): int { return $this->port; }
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

    /** mysqli options (MYSQLI_OPT_* => value), set before connecting. */
    public function withOptions(array $options): self { $this->options = $options; return $this; }
}

/** A mysqli call failed (its message and code are mysqli's error and errno). */
class MysqliException extends \Exception
{
}

/** A pool of mysqli connections, each wrapped in a MysqliProxy. */
class MysqliPool extends ConnectionPool
{
    public function __construct(protected MysqliConfig $config, int $size = self::DEFAULT_SIZE)
    {
        parent::__construct(function (): \mysqli {
            $c = $this->config;
            $mysqli = new \mysqli();
            foreach ($c->getOptions() as $option => $value) {
                $mysqli->set_opt($option, $value);
            }
            $mysqli->real_connect($c->getHost(), $c->getUsername(), $c->getPassword(), $c->getDbname(), $c->getPort(), $c->getUnixSocket());
            // Reached only when mysqli reports errors by return value
            // rather than by throwing (mysqli_report()).
            if ($mysqli->connect_errno) {
                throw new MysqliException($mysqli->connect_error, $mysqli->connect_errno);
            }
            $mysqli->set_charset($c->getCharset());
            return $mysqli;
        }, $size, MysqliProxy::class);
    }
}

/**
 * A mysqli connection that reconnects when the server is lost: an I/O
 * method failing with a connection error is tried up to three times in all,
 * on a new connection each time. Any other failure of an I/O method throws
 * a MysqliException (or mysqli's own exception when mysqli throws).
 *
 * @method \mysqli __getObject()
 */
class MysqliProxy extends ObjectProxy
{
    /** Methods that talk to the server, hence can fail because it is gone. */
    public const IO_METHOD_REGEX = '/^autocommit|begin_transaction|change_user|close|commit|kill|multi_query|ping|prepare|query|real_connect|real_query|reap_async_query|refresh|release_savepoint|rollback|savepoint|select_db|send_query|set_charset|ssl_set$/i';

    /** Client error codes meaning the connection itself is unusable. */
    public const IO_ERRORS = [
        2002, // CR_CONNECTION_ERROR
        2006, // CR_SERVER_GONE_ERROR
        2013, // CR_SERVER_LOST
    ];

    /** @var \mysqli */
    protected $__object;

    // Connection state set through the proxy, applied again on each new
    // connection.
    protected string $charsetContext;

    protected array $setOptContext = [];

    protected array $changeUserContext;

    /** @var callable makes a new mysqli */
    protected $constructor;

    /** How many times this proxy reconnected (see PDOProxy::$round). */
    protected int $round = 0;

    public function __construct(callable $constructor)
    {
        parent::__construct($constructor());
        $this->constructor = $constructor;
    }

    public function __call(string $name, array $arguments)
    {
        for ($attempt = 1; ; $attempt++) {
            // mysqli either returns false (warnings silenced: the error is
            // reported below) or throws, depending on mysqli_report().
            // Swoole's handles only false, so under PHP 8.1+'s default
            // (throwing) it never reconnects; here both ways do.
            $thrown = null;
            try {
                $result = @$this->__object->{$name}(...$arguments);
            } catch (\mysqli_sql_exception $thrown) {
                $result = false;
            }
            if ($result !== false) {
                break;
            }
            if (!preg_match(static::IO_METHOD_REGEX, $name)) {
                if ($thrown !== null) {
                    throw $thrown;
                }
                return false;
            }
            $errno = $thrown !== null ? $thrown->getCode() : $this->__object->errno;
            if ($attempt >= 3 || !\in_array($errno, static::IO_ERRORS, true)) {
                throw $thrown ?? new MysqliException($this->__object->error, $this->__object->errno);
            }
            $this->reconnect();
        }

        if ($result instanceof \mysqli_stmt) {
            // From prepare() or stmt_init(); only the former has a query to re-prepare.
            $query = strcasecmp($name, 'prepare') === 0 ? $arguments[0] : null;
            return new MysqliStatementProxy($result, $query, $this);
        }
        return $result;
    }

    public function getRound(): int
    {
        return $this->round;
    }

    /** Replaces the connection with a new one, with the charset, options and user set through the proxy. */
    public function reconnect(): void
    {
        $constructor = $this->constructor;
        parent::__construct($constructor());
        $this->round++;
        if (!empty($this->charsetContext)) {
            $this->__object->set_charset($this->charsetContext);
        }
        foreach ($this->setOptContext as $option => $value) {
            $this->__object->set_opt($option, $value);
        }
        if (!empty($this->changeUserContext)) {
            $this->__object->change_user(...$this->changeUserContext);
        }
    }

    public function options(int $option, $value): bool
    {
        $this->setOptContext[$option] = $value;
        return $this->__object->options($option, $value);
    }

    public function set_opt(int $option, $value): bool
    {
        return $this->options($option, $value);
    }

    public function set_charset(string $charset): bool
    {
        $this->charsetContext = $charset;
        return $this->__object->set_charset($charset);
    }

    public function change_user(string $user, string $password, ?string $database): bool
    {
        $this->changeUserContext = [$user, $password, $database];
        return $this->__object->change_user($user, $password, $database);
    }
}

/**
 * A mysqli_stmt that follows its MysqliProxy onto new connections: on a
 * connection error it is prepared again there, with its bindings and
 * attributes, and the call is tried again (three tries in all).
 */
class MysqliStatementProxy extends ObjectProxy
{
    public const IO_METHOD_REGEX = '/^close|execute|fetch|prepare$/i';

    /** @var \mysqli_stmt */
    protected $__object;

    protected ?string $queryString;

    protected array $attrSetContext = [];

    /** [types, [&variables...]] */
    protected array $bindParamContext;

    /** [&variables...] */
    protected array $bindResultContext;

    protected MysqliProxy $parent;

    /** The parent's round this statement was prepared in. */
    protected int $parentRound;

    public function __construct(\mysqli_stmt $object, ?string $queryString, MysqliProxy $parent)
    {
        parent::__construct($object);
        $this->queryString = $queryString;
        $this->parent = $parent;
        $this->parentRound = $parent->getRound();
    }

    public function __call(string $name, array $arguments)
    {
        for ($attempt = 1; ; $attempt++) {
            $thrown = null;
            try {
                $result = @$this->__object->{$name}(...$arguments);
            } catch (\mysqli_sql_exception $thrown) {
                $result = false;
            }
            if ($result !== false) {
                break;
            }
            if (!preg_match(static::IO_METHOD_REGEX, $name)) {
                if ($thrown !== null) {
                    throw $thrown;
                }
                return false;
            }
            $errno = $thrown !== null ? $thrown->getCode() : $this->__object->errno;
            if ($attempt >= 3 || !\in_array($errno, MysqliProxy::IO_ERRORS, true)) {
                throw $thrown ?? new MysqliException($this->__object->error, $this->__object->errno);
            }
            if ($this->parent->getRound() === $this->parentRound) {
                $this->parent->reconnect();
            }
            // Updated, unlike Swoole's, so a second loss reconnects again.
            $this->parentRound = $this->parent->getRound();
            $mysqli = $this->parent->__getObject();
            $stmt = $this->queryString !== null ? @$mysqli->prepare($this->queryString) : @$mysqli->stmt_init();
            if ($stmt === false) {
                throw new MysqliException($mysqli->error, $mysqli->errno);
            }
            $this->__object = $stmt;
            if (!empty($this->bindParamContext)) {
                [$types, $variables] = $this->bindParamContext;
                $stmt->bind_param($types, ...$variables);
            }
            if (!empty($this->bindResultContext)) {
                // Spread (Swoole's passes the array as one argument and fails).
                $stmt->bind_result(...$this->bindResultContext);
            }
            foreach ($this->attrSetContext as $attr => $mode) {
                $stmt->attr_set($attr, $mode);
            }
        }

        if (strcasecmp($name, 'prepare') === 0) {
            $this->queryString = $arguments[0];
        }
        return $result;
    }

    public function attr_set($attr, $mode): bool
    {
        $this->attrSetContext[$attr] = $mode;
        return $this->__object->attr_set($attr, $mode);
    }

    // The variadics are by reference: the arrays hold references to the
    // caller's variables, so re-binding after a reconnect uses them too.
    public function bind_param($types, &...$arguments): bool
    {
        $this->bindParamContext = [$types, $arguments];
        return $this->__object->bind_param($types, ...$arguments);
    }

    public function bind_result(&...$arguments): bool
    {
        $this->bindResultContext = $arguments;
        return $this->__object->bind_result(...$arguments);
    }
}

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
