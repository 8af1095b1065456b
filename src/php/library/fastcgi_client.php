<?php
// Swoole's coroutine FastCGI client (talks to php-fpm) and the proxy that
// serves an Http\Server request through it; the records and messages they
// use are in fastcgi.php. Swoole 6.2.2's class surface, corust's code.

namespace Swoole\Coroutine\FastCGI\Client;

class Exception extends \Swoole\Exception
{
}

namespace Swoole\Coroutine\FastCGI;

use Swoole\Constant;
use Swoole\Coroutine\FastCGI\Client\Exception;
use Swoole\Coroutine\Socket;
use Swoole\FastCGI\FrameParser;
use Swoole\FastCGI\HttpRequest;
use Swoole\FastCGI\HttpResponse;
use Swoole\FastCGI\Record\EndRequest;
use Swoole\FastCGI\Request;
use Swoole\FastCGI\Response;
use Swoole\Http;
use Swoole\Http\Request as SwooleHttpRequest;
use Swoole\Http\Response as SwooleHttpResponse;

class Client
{
    protected int $af;
    protected string $host;
    protected int $port;
    protected bool $ssl;
    protected ?Socket $socket;

    /** $host: an IPv4 or IPv6 address, a name, or "unix:/path". */
    public function __construct(string $host, int $port = 0, bool $ssl = false)
    {
        if (stripos($host, 'unix:/') === 0) {
            $this->af = AF_UNIX;
            $host = '/' . ltrim(substr($host, 6), '/');
            $port = 0;
        } else {
            $this->af = str_contains($host, ':') ? AF_INET6 : AF_INET;
        }
        $this->host = $host;
        $this->port = $port;
        $this->ssl = $ssl;
    }

    /**
     * Sends the request and reads records up to its END_REQUEST. The
     * connection is kept for the next call only when the request asked for
     * it (keepConn). A failure closes it and throws Client\Exception with
     * the socket's errCode (EMSGSIZE: a param too long for FastCGI).
     */
    public function execute(Request $request, float $timeout = -1): Response
    {
        try {
            $wire = (string) $request;
        } catch (\LengthException $e) {
            throw new Exception($e->getMessage(), 90 /* EMSGSIZE */);
        }
        if (isset($this->socket)) {
            $socket = $this->socket;
        } else {
            $this->socket = $socket = new Socket($this->af, SOCK_STREAM, IPPROTO_IP);
            $socket->setProtocol([
                Constant::OPTION_OPEN_SSL => $this->ssl,
                Constant::OPTION_OPEN_FASTCGI_PROTOCOL => true,
            ]);
            if (!$socket->connect($this->host, $this->port, $timeout)) {
                $this->ioException();
            }
        }
        if ($socket->sendAll($wire) !== strlen($wire)) {
            $this->ioException();
        }
        $records = [];
        while (true) {
            $packet = $socket->recvPacket($timeout);
            if ($packet === '') {
                $this->ioException(104 /* ECONNRESET */);
            }
            if (!is_string($packet)) {
                $this->ioException();
            }
            try {
                // The socket hands out one whole record at a time.
                $record = FrameParser::parseFrame($packet);
            } catch (\RuntimeException|\DomainException $e) {
                $this->ioException(71 /* EPROTO */);
            }
            $records[] = $record;
            if ($record instanceof EndRequest) {
                if (!$request->getKeepConn()) {
                    $socket->close();
                    $this->socket = null;
                }
                return $request instanceof HttpRequest ? new HttpResponse($records) : new Response($records);
            }
        }
    }

    /** [host, port] of "tcp://host:port", "host:port" or a socket path. */
    public static function parseUrl(string $url): array
    {
        $parts = parse_url($url);
        $parts = is_array($parts) ? $parts : [];
        $host = $parts['host'] ?? '';
        $port = $parts['port'] ?? 0;
        if ($host === '') {
            $path = $parts['path'] ?? '';
            if ($path === '') {
                throw new \InvalidArgumentException('Invalid url');
            }
            $host = "unix:/{$path}";
        }
        return [$host, $port];
    }

    /**
     * One-shot: runs the script at $path (with its query string) on the
     * FastCGI server at $url, GET without data, POST with, and returns the
     * body of its response.
     */
    public static function call(string $url, string $path, $data = '', float $timeout = -1): string
    {
        $client = new Client(...static::parseUrl($url));
        $parts = parse_url($path);
        $parts = is_array($parts) ? $parts : [];
        $file = $parts['path'] ?? '';
        $query = $parts['query'] ?? '';
        $uri = '/' . basename($file);
        $request = new HttpRequest();
        $request->withDocumentRoot(dirname($file))
            ->withScriptFilename($file)
            ->withScriptName($uri)
            ->withDocumentUri($uri)
            ->withRequestUri($query === '' ? $uri : "{$uri}?{$query}")
            ->withQueryString($query)
            ->withBody($data)
            ->withMethod($request->getContentLength() === 0 ? 'GET' : 'POST');
        return $client->execute($request, $timeout)->getBody();
    }

    protected function ioException(?int $errno = null): void
    {
        $socket = $this->socket;
        if ($errno !== null) {
            $socket->errCode = $errno;
            $socket->errMsg = swoole_strerror($errno);
        }
        $socket->close();
        $this->socket = null;
        throw new Exception($socket->errMsg, $socket->errCode);
    }
}

class Proxy
{
    protected $host;
    protected $port;
    protected $timeout = -1;
    protected $documentRoot;
    protected $https = false;
    protected $index = 'index.php';
    protected $params = [];
    protected $staticFileFilter;

    public function __construct(string $url, string $documentRoot = '/')
    {
        [$this->host, $this->port] = Client::parseUrl($url);
        $this->documentRoot = $documentRoot;
        $this->staticFileFilter = [$this, 'staticFileFiltrate'];
    }

    public function withTimeout(float $timeout): self
    {
        $this->timeout = $timeout;
        return $this;
    }

    public function withHttps(bool $https): self
    {
        $this->https = $https;
        return $this;
    }

    public function withIndex(string $index): self
    {
        $this->index = $index;
        return $this;
    }

    public function getParam(string $name): ?string
    {
        return $this->params[$name] ?? null;
    }

    public function withParam(string $name, string $value): self
    {
        $this->params[$name] = $value;
        return $this;
    }

    public function withoutParam(string $name): self
    {
        unset($this->params[$name]);
        return $this;
    }

    public function getParams(): array
    {
        return $this->params;
    }

    public function withParams(array $params): self
    {
        $this->params = $params;
        return $this;
    }

    public function withAddedParams(array $params): self
    {
        $this->params = $params + $this->params;
        return $this;
    }

    public function withStaticFileFilter(?callable $filter): self
    {
        $this->staticFileFilter = $filter;
        return $this;
    }

    /** The CGI request php-fpm needs for an Http\Server request. */
    public function translateRequest(SwooleHttpRequest $userRequest): HttpRequest
    {
        $server = $userRequest->server;
        $headers = $userRequest->header ?? [];
        $path = '/' . ltrim((string) ($server['path_info'] ?? '/'), '/');
        if ($this->index !== '' && pathinfo($path, PATHINFO_EXTENSION) === '') {
            $path = rtrim($path, '/') . '/' . $this->index;
        }
        $uri = (string) ($server['request_uri'] ?? '/');
        $query = (string) ($server['query_string'] ?? '');
        $request = (new HttpRequest())
            ->withDocumentRoot($this->documentRoot)
            ->withScriptFilename($this->documentRoot . $path)
            ->withScriptName($uri)
            ->withDocumentUri($uri)
            ->withServerProtocol((string) ($server['server_protocol'] ?? 'HTTP/1.1'))
            ->withServerAddr('127.0.0.1')
            ->withServerPort((int) ($server['server_port'] ?? 0))
            ->withRemoteAddr((string) ($server['remote_addr'] ?? ''))
            ->withRemotePort((int) ($server['remote_port'] ?? 0))
            ->withMethod((string) ($server['request_method'] ?? 'GET'))
            ->withRequestUri($query === '' ? $uri : "{$uri}?{$query}")
            ->withQueryString($query)
            ->withContentType((string) ($headers['content-type'] ?? ''))
            ->withContentLength((int) ($headers['content-length'] ?? 0))
            ->withHeaders($headers)
            ->withBody((string) $userRequest->rawContent())
            ->withAddedParams($this->params);
        // The server parsed the Cookie header into $request->cookie and left
        // it out of $request->header; php-fpm gets it back, re-encoded the
        // way PHP decodes it (Swoole's proxy sends no cookies at all).
        $cookies = $userRequest->cookie ?? [];
        if ($cookies !== [] && $request->getHeader('Cookie') === null) {
            $pairs = [];
            foreach ($cookies as $name => $value) {
                $pairs[] = rawurlencode((string) $name) . '=' . rawurlencode((string) $value);
            }
            $request->withHeader('Cookie', implode('; ', $pairs));
        }
        if ($this->https) {
            $request->withParam('HTTPS', '1');
        }
        return $request;
    }

    /** Status, headers, cookies and body of php-fpm's answer, sent to the client. */
    public function translateResponse(HttpResponse $response, SwooleHttpResponse $userResponse): void
    {
        $userResponse->status($response->getStatusCode(), $response->getReasonPhrase());
        $userResponse->header = $response->getHeaders();
        $userResponse->cookie = $response->getSetCookieHeaderLines();
        $userResponse->end($response->getBody());
    }

    /** Serves one request: a static file through the filter, else php-fpm. */
    public function pass(SwooleHttpRequest|HttpRequest $userRequest, SwooleHttpResponse $userResponse): void
    {
        $request = $userRequest instanceof HttpRequest ? $userRequest : $this->translateRequest($userRequest);
        unset($userRequest);
        if ($this->staticFileFilter !== null && ($this->staticFileFilter)($request, $userResponse)) {
            return;
        }
        $response = (new Client($this->host, $this->port))->execute($request, $this->timeout);
        $this->translateResponse($response, $userResponse);
    }

    /**
     * Non-PHP files are served here: from inside the document root only
     * (Swoole compares string prefixes, so "/www" let "/www2" through;
     * corust compares whole path segments), else 404.
     */
    public function staticFileFiltrate(HttpRequest $request, SwooleHttpResponse $userResponse): bool
    {
        $file = (string) $request->getScriptFilename();
        if (pathinfo($file, PATHINFO_EXTENSION) === 'php') {
            return false;
        }
        $real = realpath($file);
        $root = realpath($this->documentRoot);
        $inside = $real !== false && $root !== false
            && ($root === '/' || $real === $root || str_starts_with($real, rtrim($root, '/') . '/'));
        if ($inside && is_file($real)) {
            $userResponse->sendfile($real);
        } else {
            $userResponse->status(Http\Status::NOT_FOUND);
            $userResponse->end();
        }
        return true;
    }
}

namespace Swoole\FastCGI;

// The Co\ short names, when the short names are on (the Co class exists).
if (class_exists('Co', false)) {
    class_alias(\Swoole\Coroutine\FastCGI\Client::class, 'Co\\FastCGI\\Client');
    class_alias(\Swoole\Coroutine\FastCGI\Client\Exception::class, 'Co\\FastCGI\\Client\\Exception');
    class_alias(\Swoole\Coroutine\FastCGI\Proxy::class, 'Co\\FastCGI\\Proxy');
}
