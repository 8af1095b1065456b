<?php
// Swoole\Coroutine\Server: a TCP (or unix) server inside a coroutine, each
// connection handled in a coroutine of its own, as Swoole 6.2.2's library
// has it. corust's own code on Coroutine\Socket; compiled once per request
// by library/mod.rs.

namespace Swoole\Coroutine {
    use Swoole\Coroutine;
    use Swoole\Coroutine\Server\Connection;
    use Swoole\Exception;

    class Server
    {
        public $host = '';
        public $port = 0;
        public $type = AF_INET;
        public $fd = -1;
        public $errCode = 0;
        public $setting = [];

        protected $running = false;
        /** @var callable|null */
        protected $fn;
        /** @var Socket */
        protected $socket;

        public function __construct(string $host, int $port = 0, bool $ssl = false, bool $reuse_port = false)
        {
            if (str_starts_with($host, 'unix:/')) {
                $this->type = AF_UNIX;
                $host = substr($host, 5);
            } elseif (str_contains($host, '::')) {
                $this->type = AF_INET6;
            }
            $this->host = $host;
            $socket = new Socket($this->type, SOCK_STREAM, 0);
            if ($reuse_port && defined('SO_REUSEPORT')) {
                $socket->setOption(SOL_SOCKET, SO_REUSEPORT, true);
            }
            if (!$socket->bind($host, $port) || !$socket->listen()) {
                throw new Exception($socket->errMsg, $socket->errCode);
            }
            $this->port = $socket->getsockname()['port'] ?? 0;
            $this->fd = $socket->fd;
            $this->socket = $socket;
            $this->setting['open_ssl'] = $ssl;
        }

        public function set(array $setting): void
        {
            $this->setting = array_merge($this->setting, $setting);
        }

        public function handle(callable $fn): void
        {
            $this->fn = $fn;
        }

        public function shutdown(): bool
        {
            $this->running = false;
            return $this->socket->cancel();
        }

        /** Accepts until shutdown(): each connection runs the handler in a new coroutine. */
        public function start(): bool
        {
            $this->running = true;
            if ($this->fn === null || !$this->socket->setProtocol($this->setting)) {
                $this->errCode = SOCKET_EINVAL;
                return false;
            }
            $socket = $this->socket;
            while ($this->running) {
                $conn = $socket->accept();
                if ($conn !== false) {
                    $conn->setProtocol($this->setting);
                    if (Coroutine::create($this->fn, new Connection($conn)) === false) {
                        Coroutine::sleep(1);
                    }
                    continue;
                }
                $code = $socket->errCode;
                if ($code === SOCKET_EMFILE || $code === SOCKET_ENFILE) {
                    // Out of fds: wait for some to be released.
                    Coroutine::sleep(1);
                } elseif ($code === SOCKET_ECANCELED) {
                    break;
                } elseif ($code !== SOCKET_ETIMEDOUT) {
                    trigger_error("accept failed, Error: {$socket->errMsg}[{$code}]", E_USER_WARNING);
                    break;
                }
            }
            return true;
        }
    }
}

namespace Swoole\Coroutine\Server {
    use Swoole\Coroutine\Socket;

    class Connection
    {
        public $socket;

        public function __construct(Socket $conn)
        {
            $this->socket = $conn;
        }

        /** One packet by the server's framing ('' at the peer's end, false on an error). */
        public function recv(float $timeout = 0)
        {
            return $this->socket->recvPacket($timeout);
        }

        public function send(string $data)
        {
            return $this->socket->sendAll($data);
        }

        public function close(): bool
        {
            return $this->socket->close();
        }

        public function exportSocket(): Socket
        {
            return $this->socket;
        }
    }
}

namespace {
    // The short names, when corust registers them (Co is then defined).
    if (class_exists('Co', false) && !class_exists('Co\\Server', false)) {
        class_alias(Swoole\Coroutine\Server::class, 'Co\\Server');
        class_alias(Swoole\Coroutine\Server\Connection::class, 'Co\\Server\\Connection');
    }
}
