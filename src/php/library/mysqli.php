<?php
// MysqliConfig, MysqliPool and its proxies (MysqliProxy, MysqliStatementProxy). Swoole 6.2.2 ships
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
        $result = \Corust\Library\MysqliCall::withRetry(
            $this, $name, $arguments, static::IO_METHOD_REGEX, static::IO_ERRORS,
            fn () => $this->reconnect(),
        );

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
        $result = \Corust\Library\MysqliCall::withRetry(
            $this, $name, $arguments, static::IO_METHOD_REGEX, MysqliProxy::IO_ERRORS,
            function (): void {
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
            },
        );

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

} // namespace Swoole\Database

namespace Corust\Library {

/** @internal what both mysqli proxies do around a call */
final class MysqliCall
{
    /**
     * Calls $name on the proxied object, retrying up to three times after a
     * lost connection (an I/O method matching $ioRegex that failed with an
     * errno in $ioErrors), with $recover() run before each retry. mysqli
     * either returns false (warnings silenced: the error is reported here)
     * or throws, depending on mysqli_report(); Swoole's handles only false,
     * so under PHP 8.1+'s default (throwing) it never reconnects: here both
     * ways do. A non-I/O method's failure is returned (false) or rethrown.
     */
    public static function withRetry(\Swoole\ObjectProxy $proxy, string $name, array $arguments, string $ioRegex, array $ioErrors, callable $recover): mixed
    {
        for ($attempt = 1; ; $attempt++) {
            $object = $proxy->__getObject();
            $thrown = null;
            try {
                $result = @$object->{$name}(...$arguments);
            } catch (\mysqli_sql_exception $thrown) {
                $result = false;
            }
            if ($result !== false) {
                return $result;
            }
            if (!preg_match($ioRegex, $name)) {
                if ($thrown !== null) {
                    throw $thrown;
                }
                return false;
            }
            $errno = $thrown !== null ? $thrown->getCode() : $object->errno;
            if ($attempt >= 3 || !\in_array($errno, $ioErrors, true)) {
                throw $thrown ?? new \Swoole\Database\MysqliException($object->error, $object->errno);
            }
            $recover();
        }
    }
}

} // namespace Corust\Library
