<?php
// Swoole's connection pool, the object proxies and the lost-connection
// check the database pools (pdo.php, mysqli.php, redis.php) build on.
// Swoole 6.2.2 ships them in its PHP library; this is corust's own code with
// the same public API (names, signatures, protected properties that
// subclasses may use) and the same behaviour, except where Swoole's has a
// bug (each such place says so).
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

} // namespace Swoole\Database
