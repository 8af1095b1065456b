<?php
// Swoole's FastCGI library: the records and messages (the coroutine client
// and the proxy are in fastcgi_client.php). The class and method surface
// is Swoole 6.2.2's; the code is corust's. The stream is cut into records
// by the socket itself (`open_fastcgi_protocol`, rt::net::framing,
// fuzzed); what is parsed here is one record at a time, and every length
// in it is checked before use.

namespace Swoole;

class FastCGI
{
    public const HEADER_LEN = 8;
    public const HEADER_FORMAT = 'Cversion/Ctype/nrequestId/ncontentLength/CpaddingLength/Creserved';
    public const MAX_CONTENT_LENGTH = 65535;
    public const VERSION_1 = 1;
    public const BEGIN_REQUEST = 1;
    public const ABORT_REQUEST = 2;
    public const END_REQUEST = 3;
    public const PARAMS = 4;
    public const STDIN = 5;
    public const STDOUT = 6;
    public const STDERR = 7;
    public const DATA = 8;
    public const GET_VALUES = 9;
    public const GET_VALUES_RESULT = 10;
    public const UNKNOWN_TYPE = 11;
    public const DEFAULT_REQUEST_ID = 1;
    public const KEEP_CONN = 1;
    public const RESPONDER = 1;
    public const AUTHORIZER = 2;
    public const FILTER = 3;
    public const REQUEST_COMPLETE = 0;
    public const CANT_MPX_CONN = 1;
    public const OVERLOADED = 2;
    public const UNKNOWN_ROLE = 3;
}

namespace Swoole\FastCGI;

use Swoole\FastCGI;
use Swoole\FastCGI\Record\AbortRequest;
use Swoole\FastCGI\Record\BeginRequest;
use Swoole\FastCGI\Record\Data;
use Swoole\FastCGI\Record\EndRequest;
use Swoole\FastCGI\Record\GetValues;
use Swoole\FastCGI\Record\GetValuesResult;
use Swoole\FastCGI\Record\Params;
use Swoole\FastCGI\Record\Stderr;
use Swoole\FastCGI\Record\Stdin;
use Swoole\FastCGI\Record\Stdout;
use Swoole\FastCGI\Record\UnknownType;
use Swoole\Http\Status;

class Record implements \Stringable
{
    protected int $version = FastCGI::VERSION_1;
    protected int $type = FastCGI::UNKNOWN_TYPE;
    protected int $requestId = FastCGI::DEFAULT_REQUEST_ID;
    protected int $reserved = 0;
    private int $contentLength = 0;
    private int $paddingLength = 0;
    private string $contentData = '';
    private string $paddingData = '';

    final public function __toString(): string
    {
        return pack(
            'CCnnCC',
            $this->version,
            $this->type,
            $this->requestId,
            $this->contentLength,
            $this->paddingLength,
            $this->reserved
        ) . $this->packPayload() . str_pad(substr($this->paddingData, 0, $this->paddingLength), $this->paddingLength, "\0");
    }

    /** Builds a record of this class from the bytes of one whole record. */
    final public static function unpack(string $binaryData): static
    {
        if (strlen($binaryData) < FastCGI::HEADER_LEN) {
            throw new \RuntimeException('Can not unpack data from the binary buffer');
        }
        $self = (new \ReflectionClass(static::class))->newInstanceWithoutConstructor();
        $h = unpack(FastCGI::HEADER_FORMAT, $binaryData);
        $self->version = $h['version'];
        $self->type = $h['type'];
        $self->requestId = $h['requestId'];
        $self->contentLength = $h['contentLength'];
        $self->paddingLength = $h['paddingLength'];
        $self->reserved = $h['reserved'];
        $payload = substr($binaryData, FastCGI::HEADER_LEN);
        if (strlen($payload) < $self->contentLength) {
            throw new \RuntimeException('Can not unpack data from the binary buffer');
        }
        self::unpackPayload($self, $payload);
        if (static::class !== self::class && $self->contentLength > 0) {
            // The typed record reads its fields out of the content only.
            static::unpackPayload($self, $self->contentData);
        }
        return $self;
    }

    /** Sets the content, cut to one record's 65535 bytes, and its padding to 8. */
    public function setContentData(string $data): self
    {
        $this->contentData = strlen($data) > FastCGI::MAX_CONTENT_LENGTH
            ? substr($data, 0, FastCGI::MAX_CONTENT_LENGTH)
            : $data;
        $this->contentLength = strlen($this->contentData);
        $this->paddingLength = (8 - $this->contentLength % 8) % 8;
        $this->paddingData = '';
        return $this;
    }

    public function getContentData(): string
    {
        return $this->contentData;
    }

    public function getVersion(): int
    {
        return $this->version;
    }

    public function getType(): int
    {
        return $this->type;
    }

    public function getRequestId(): int
    {
        return $this->requestId;
    }

    public function setRequestId(int $requestId): self
    {
        $this->requestId = $requestId;
        return $this;
    }

    final public function getContentLength(): int
    {
        return $this->contentLength;
    }

    final public function getPaddingLength(): int
    {
        return $this->paddingLength;
    }

    protected static function unpackPayload(self $self, string $binaryData): void
    {
        $self->contentData = substr($binaryData, 0, $self->contentLength);
        $self->paddingData = (string) substr($binaryData, $self->contentLength, $self->paddingLength);
    }

    protected function packPayload(): string
    {
        return $this->contentData;
    }
}

class FrameParser
{
    protected static array $classMapping = [
        FastCGI::BEGIN_REQUEST => BeginRequest::class,
        FastCGI::ABORT_REQUEST => AbortRequest::class,
        FastCGI::END_REQUEST => EndRequest::class,
        FastCGI::PARAMS => Params::class,
        FastCGI::STDIN => Stdin::class,
        FastCGI::STDOUT => Stdout::class,
        FastCGI::STDERR => Stderr::class,
        FastCGI::DATA => Data::class,
        FastCGI::GET_VALUES => GetValues::class,
        FastCGI::GET_VALUES_RESULT => GetValuesResult::class,
        FastCGI::UNKNOWN_TYPE => UnknownType::class,
    ];

    /** Whether the buffer starts with a whole record. */
    public static function hasFrame(string $binaryBuffer): bool
    {
        $length = self::frameLength($binaryBuffer);
        return $length !== null && strlen($binaryBuffer) >= $length;
    }

    /** Takes the first record off the buffer. */
    public static function parseFrame(string &$binaryBuffer): Record
    {
        $length = self::frameLength($binaryBuffer);
        if ($length === null) {
            throw new \RuntimeException('Not enough data in the buffer to parse');
        }
        $type = ord($binaryBuffer[1]);
        if (!isset(self::$classMapping[$type])) {
            throw new \DomainException("Invalid FastCGI record type {$type} received");
        }
        if (strlen($binaryBuffer) < $length) {
            throw new \RuntimeException('Not enough data in the buffer to parse');
        }
        $record = (self::$classMapping[$type])::unpack(substr($binaryBuffer, 0, $length));
        $binaryBuffer = substr($binaryBuffer, $length);
        return $record;
    }

    /** A record's whole length from its header (null: no whole header yet). */
    private static function frameLength(string $buffer): ?int
    {
        if (strlen($buffer) < FastCGI::HEADER_LEN) {
            return null;
        }
        return FastCGI::HEADER_LEN + ((ord($buffer[4]) << 8) | ord($buffer[5])) + ord($buffer[6]);
    }
}

class Message
{
    protected array $params = [];
    protected string $body = '';
    protected string $error = '';

    public function getParam(string $name): ?string
    {
        return $this->params[$name] ?? null;
    }

    public function withParam(string $name, string $value): static
    {
        $this->params[$name] = $value;
        return $this;
    }

    public function withoutParam(string $name): static
    {
        unset($this->params[$name]);
        return $this;
    }

    public function getParams(): array
    {
        return $this->params;
    }

    public function withParams(array $params): static
    {
        $this->params = $params;
        return $this;
    }

    public function withAddedParams(array $params): static
    {
        $this->params = $params + $this->params;
        return $this;
    }

    public function getBody(): string
    {
        return $this->body;
    }

    public function withBody(string|\Stringable $body): self
    {
        $this->body = (string) $body;
        return $this;
    }

    public function getError(): string
    {
        return $this->error;
    }

    public function withError(string $error): static
    {
        $this->error = $error;
        return $this;
    }
}

class Request extends Message implements \Stringable
{
    protected bool $keepConn = false;

    /**
     * The request on the wire: BEGIN_REQUEST, the params (in as many
     * records as they need: Swoole's single record cuts them at 64 KiB),
     * their empty terminator, then the body as STDIN records and the
     * empty STDIN that ends it.
     */
    public function __toString(): string
    {
        $out = (string) new BeginRequest(FastCGI::RESPONDER, $this->keepConn ? FastCGI::KEEP_CONN : 0);
        foreach (self::paramsRecords($this->getParams()) as $params) {
            $out .= $params;
        }
        $out .= new Params([]);
        $body = $this->getBody();
        if ($body !== '') {
            foreach (str_split($body, FastCGI::MAX_CONTENT_LENGTH) as $chunk) {
                $out .= new Stdin($chunk);
            }
            $out .= new Stdin('');
        }
        return $out;
    }

    public function getKeepConn(): bool
    {
        return $this->keepConn;
    }

    public function withKeepConn(bool $keepConn): self
    {
        $this->keepConn = $keepConn;
        return $this;
    }
    /**
     * Params records that together carry $params, none over 65535 bytes
     * of content. A pair never spans records (php-fpm reads each record's
     * pairs on their own), so one that cannot fit in a record is refused
     * with a \LengthException; Swoole's single record cut it, and php-fpm
     * dropped the connection.
     * @return Params[]
     */
    private static function paramsRecords(array $params): array
    {
        $records = [];
        $group = [];
        $size = 0;
        foreach ($params as $name => $value) {
            if ($value === null) {
                continue;
            }
            $n = strlen((string) $name);
            $v = strlen((string) $value);
            $pair = $n + $v + ($n > 127 ? 4 : 1) + ($v > 127 ? 4 : 1);
            if ($pair > FastCGI::MAX_CONTENT_LENGTH) {
                throw new \LengthException("FastCGI param {$name} is too long: {$pair} bytes with its name, at most " . FastCGI::MAX_CONTENT_LENGTH);
            }
            if ($group !== [] && $size + $pair > FastCGI::MAX_CONTENT_LENGTH) {
                $records[] = new Params($group);
                $group = [];
                $size = 0;
            }
            $group[$name] = $value;
            $size += $pair;
        }
        if ($group !== []) {
            $records[] = new Params($group);
        }
        return $records;
    }
}

class Response extends Message
{
    /** @param Record[] $records a request's records, END_REQUEST last */
    public function __construct(array $records)
    {
        if (!static::verify($records)) {
            throw new \InvalidArgumentException('Bad records');
        }
        $body = '';
        $error = '';
        foreach ($records as $record) {
            if ($record instanceof Stdout) {
                $body .= $record->getContentData();
            } elseif ($record instanceof Stderr) {
                $error .= $record->getContentData();
            }
        }
        $this->withBody($body)->withError($error);
    }

    protected static function verify(array $records): bool
    {
        return $records !== [] && end($records) instanceof EndRequest;
    }
}

class HttpRequest extends Request
{
    protected array $params = [
        'REQUEST_SCHEME' => 'http',
        'REQUEST_METHOD' => 'GET',
        'DOCUMENT_ROOT' => '',
        'SCRIPT_FILENAME' => '',
        'SCRIPT_NAME' => '',
        'DOCUMENT_URI' => '/',
        'REQUEST_URI' => '/',
        'QUERY_STRING' => '',
        'CONTENT_TYPE' => 'text/plain',
        'CONTENT_LENGTH' => '0',
        'GATEWAY_INTERFACE' => 'CGI/1.1',
        'SERVER_PROTOCOL' => 'HTTP/1.1',
        'SERVER_SOFTWARE' => 'swoole/' . SWOOLE_VERSION,
        'REMOTE_ADDR' => 'unknown',
        'REMOTE_PORT' => '0',
        'SERVER_ADDR' => 'unknown',
        'SERVER_PORT' => '0',
        'SERVER_NAME' => 'Swoole',
        'REDIRECT_STATUS' => '200',
    ];

    public function getScheme(): ?string { return $this->params['REQUEST_SCHEME'] ?? null; }
    public function withScheme(string $scheme): self { return $this->set('REQUEST_SCHEME', $scheme); }
    public function withoutScheme(): void { unset($this->params['REQUEST_SCHEME']); }

    public function getMethod(): ?string { return $this->params['REQUEST_METHOD'] ?? null; }
    public function withMethod(string $method): self { return $this->set('REQUEST_METHOD', $method); }
    public function withoutMethod(): void { unset($this->params['REQUEST_METHOD']); }

    public function getDocumentRoot(): ?string { return $this->params['DOCUMENT_ROOT'] ?? null; }
    public function withDocumentRoot(string $documentRoot): self { return $this->set('DOCUMENT_ROOT', $documentRoot); }
    public function withoutDocumentRoot(): void { unset($this->params['DOCUMENT_ROOT']); }

    public function getScriptFilename(): ?string { return $this->params['SCRIPT_FILENAME'] ?? null; }
    public function withScriptFilename(string $scriptFilename): self { return $this->set('SCRIPT_FILENAME', $scriptFilename); }
    public function withoutScriptFilename(): void { unset($this->params['SCRIPT_FILENAME']); }

    public function getScriptName(): ?string { return $this->params['SCRIPT_NAME'] ?? null; }
    public function withScriptName(string $scriptName): self { return $this->set('SCRIPT_NAME', $scriptName); }
    public function withoutScriptName(): void { unset($this->params['SCRIPT_NAME']); }

    /** REQUEST_URI, and DOCUMENT_URI and QUERY_STRING taken from it. */
    public function withUri(string $uri): self
    {
        $parts = parse_url($uri);
        $parts = is_array($parts) ? $parts : [];
        return $this->withRequestUri($uri)
            ->withDocumentUri($parts['path'] ?? '')
            ->withQueryString($parts['query'] ?? '');
    }

    public function getDocumentUri(): ?string { return $this->params['DOCUMENT_URI'] ?? null; }
    public function withDocumentUri(string $documentUri): self { return $this->set('DOCUMENT_URI', $documentUri); }
    public function withoutDocumentUri(): void { unset($this->params['DOCUMENT_URI']); }

    public function getRequestUri(): ?string { return $this->params['REQUEST_URI'] ?? null; }
    public function withRequestUri(string $requestUri): self { return $this->set('REQUEST_URI', $requestUri); }
    public function withoutRequestUri(): void { unset($this->params['REQUEST_URI']); }

    public function withQuery($query): self
    {
        return $this->withQueryString(is_array($query) ? http_build_query($query) : (string) $query);
    }

    public function getQueryString(): ?string { return $this->params['QUERY_STRING'] ?? null; }
    public function withQueryString(string $queryString): self { return $this->set('QUERY_STRING', $queryString); }
    public function withoutQueryString(): void { unset($this->params['QUERY_STRING']); }

    public function getContentType(): ?string { return $this->params['CONTENT_TYPE'] ?? null; }
    public function withContentType(string $contentType): self { return $this->set('CONTENT_TYPE', $contentType); }
    public function withoutContentType(): void { unset($this->params['CONTENT_TYPE']); }

    public function getContentLength(): ?int { return $this->intParam('CONTENT_LENGTH'); }
    public function withContentLength(int $contentLength): self { return $this->set('CONTENT_LENGTH', (string) $contentLength); }
    public function withoutContentLength(): void { unset($this->params['CONTENT_LENGTH']); }

    public function getGatewayInterface(): ?string { return $this->params['GATEWAY_INTERFACE'] ?? null; }
    public function withGatewayInterface(string $gatewayInterface): self { return $this->set('GATEWAY_INTERFACE', $gatewayInterface); }
    public function withoutGatewayInterface(): void { unset($this->params['GATEWAY_INTERFACE']); }

    public function getServerProtocol(): ?string { return $this->params['SERVER_PROTOCOL'] ?? null; }
    public function withServerProtocol(string $serverProtocol): self { return $this->set('SERVER_PROTOCOL', $serverProtocol); }
    public function withoutServerProtocol(): void { unset($this->params['SERVER_PROTOCOL']); }

    public function withProtocolVersion(string $protocolVersion): self
    {
        if (!is_numeric($protocolVersion)) {
            throw new \InvalidArgumentException('Protocol version must be numeric');
        }
        return $this->set('SERVER_PROTOCOL', "HTTP/{$protocolVersion}");
    }

    public function getServerSoftware(): ?string { return $this->params['SERVER_SOFTWARE'] ?? null; }
    public function withServerSoftware(string $serverSoftware): self { return $this->set('SERVER_SOFTWARE', $serverSoftware); }
    public function withoutServerSoftware(): void { unset($this->params['SERVER_SOFTWARE']); }

    public function getRemoteAddr(): ?string { return $this->params['REMOTE_ADDR'] ?? null; }
    public function withRemoteAddr(string $remoteAddr): self { return $this->set('REMOTE_ADDR', $remoteAddr); }
    public function withoutRemoteAddr(): void { unset($this->params['REMOTE_ADDR']); }

    public function getRemotePort(): ?int { return $this->intParam('REMOTE_PORT'); }
    public function withRemotePort(int $remotePort): self { return $this->set('REMOTE_PORT', (string) $remotePort); }
    public function withoutRemotePort(): void { unset($this->params['REMOTE_PORT']); }

    public function getServerAddr(): ?string { return $this->params['SERVER_ADDR'] ?? null; }
    public function withServerAddr(string $serverAddr): self { return $this->set('SERVER_ADDR', $serverAddr); }
    public function withoutServerAddr(): void { unset($this->params['SERVER_ADDR']); }

    public function getServerPort(): ?int { return $this->intParam('SERVER_PORT'); }
    public function withServerPort(int $serverPort): self { return $this->set('SERVER_PORT', (string) $serverPort); }
    public function withoutServerPort(): void { unset($this->params['SERVER_PORT']); }

    public function getServerName(): ?string { return $this->params['SERVER_NAME'] ?? null; }
    public function withServerName(string $serverName): self { return $this->set('SERVER_NAME', $serverName); }
    public function withoutServerName(): void { unset($this->params['SERVER_NAME']); }

    public function getRedirectStatus(): ?string { return $this->params['REDIRECT_STATUS'] ?? null; }
    public function withRedirectStatus(string $redirectStatus): self { return $this->set('REDIRECT_STATUS', $redirectStatus); }
    public function withoutRedirectStatus(): void { unset($this->params['REDIRECT_STATUS']); }

    public function getHeader(string $name): ?string
    {
        return $this->params[static::convertHeaderNameToParamName($name)] ?? null;
    }

    public function withHeader(string $name, string $value): self
    {
        return $this->set(static::convertHeaderNameToParamName($name), $value);
    }

    public function withoutHeader(string $name): void
    {
        unset($this->params[static::convertHeaderNameToParamName($name)]);
    }

    /** The HTTP_* params as headers ("HTTP_X_FOO" is "X-Foo"). */
    public function getHeaders(): array
    {
        $headers = [];
        foreach ($this->params as $name => $value) {
            if (str_starts_with((string) $name, 'HTTP_')) {
                $headers[static::convertParamNameToHeaderName((string) $name)] = $value;
            }
        }
        return $headers;
    }

    public function withHeaders(array $headers): self
    {
        foreach ($headers as $name => $value) {
            $this->withHeader((string) $name, (string) $value);
        }
        return $this;
    }

    /** A body; an array is sent url-encoded. CONTENT_LENGTH follows it. */
    public function withBody(array|string|\Stringable $body): self
    {
        if (is_array($body)) {
            $body = http_build_query($body);
            $this->withContentType('application/x-www-form-urlencoded');
        }
        parent::withBody($body);
        return $this->withContentLength(strlen($this->body));
    }

    protected static function convertHeaderNameToParamName(string $name)
    {
        return 'HTTP_' . strtoupper(strtr($name, '-', '_'));
    }

    protected static function convertParamNameToHeaderName(string $name)
    {
        return ucwords(strtr(substr($name, 5), '_', '-'), '-');
    }

    private function set(string $name, string $value): self
    {
        $this->params[$name] = $value;
        return $this;
    }

    private function intParam(string $name): ?int
    {
        return isset($this->params[$name]) ? (int) $this->params[$name] : null;
    }
}

class HttpResponse extends Response
{
    protected $statusCode;
    protected $reasonPhrase;
    protected array $headers = [];
    protected array $headersMap = [];
    protected array $setCookieHeaderLines = [];

    /**
     * php-fpm's STDOUT is a CGI response: header lines, a blank line, the
     * body. "Status:" sets the status (200 without it); Set-Cookie lines
     * are kept apart since there may be several; a reply with no blank
     * line is a 502 whose text goes to getError().
     */
    public function __construct(array $records = [])
    {
        parent::__construct($records);
        $raw = $this->getBody();
        if ($raw === '') {
            return;
        }
        $parts = explode("\r\n\r\n", $raw, 2);
        if (count($parts) !== 2) {
            $this->withStatusCode(Status::BAD_GATEWAY)->withReasonPhrase('Invalid FastCGI Response')->withError($raw);
            return;
        }
        [$head, $body] = $parts;
        $status = null;
        $reason = null;
        foreach (explode("\r\n", $head) as $line) {
            $colon = strpos($line, ':');
            if ($colon === false) {
                continue;
            }
            $name = trim(substr($line, 0, $colon));
            $value = trim(substr($line, $colon + 1));
            if (strcasecmp($name, 'Status') === 0) {
                $words = explode(' ', $value, 2);
                $status = (int) $words[0];
                $reason = $words[1] ?? null;
            } elseif (strcasecmp($name, 'Set-Cookie') === 0) {
                $this->withSetCookieHeaderLine($value);
            } else {
                $this->withHeader($name, $value);
            }
        }
        $status ??= Status::OK;
        $this->withStatusCode($status)
            ->withReasonPhrase($reason ?? Status::getReasonPhrase($status))
            ->withBody($body);
    }

    public function getStatusCode(): int
    {
        return $this->statusCode;
    }

    public function withStatusCode(int $statusCode): self
    {
        $this->statusCode = $statusCode;
        return $this;
    }

    public function getReasonPhrase(): string
    {
        return $this->reasonPhrase;
    }

    public function withReasonPhrase(string $reasonPhrase): self
    {
        $this->reasonPhrase = $reasonPhrase;
        return $this;
    }

    public function getHeader(string $name): ?string
    {
        $key = $this->headersMap[strtolower($name)] ?? null;
        return $key === null ? null : $this->headers[$key];
    }

    public function getHeaders(): array
    {
        return $this->headers;
    }

    public function withHeader(string $name, string $value): self
    {
        $this->headers[$name] = $value;
        $this->headersMap[strtolower($name)] = $name;
        return $this;
    }

    public function withHeaders(array $headers): self
    {
        foreach ($headers as $name => $value) {
            $this->withHeader((string) $name, (string) $value);
        }
        return $this;
    }

    public function getSetCookieHeaderLines(): array
    {
        return $this->setCookieHeaderLines;
    }

    public function withSetCookieHeaderLine(string $value): self
    {
        $this->setCookieHeaderLines[] = $value;
        return $this;
    }
}

namespace Swoole\FastCGI\Record;

use Swoole\FastCGI;
use Swoole\FastCGI\Record;

class AbortRequest extends Record
{
    public function __construct(int $requestId)
    {
        $this->type = FastCGI::ABORT_REQUEST;
        $this->setRequestId($requestId);
    }
}

class BeginRequest extends Record
{
    protected int $role = FastCGI::UNKNOWN_ROLE;
    protected int $flags;
    protected string $reserved1;

    public function __construct(int $role = FastCGI::UNKNOWN_ROLE, int $flags = 0, string $reserved = '')
    {
        $this->type = FastCGI::BEGIN_REQUEST;
        $this->role = $role;
        $this->flags = $flags;
        $this->reserved1 = $reserved;
        $this->setContentData($this->packPayload());
    }

    public function getRole(): int
    {
        return $this->role;
    }

    public function getFlags(): int
    {
        return $this->flags;
    }

    protected static function unpackPayload(Record $self, string $binaryData): void
    {
        $f = unpack('nrole/Cflags/a5reserved', str_pad($binaryData, 8, "\0"));
        $self->role = $f['role'];
        $self->flags = $f['flags'];
        $self->reserved1 = $f['reserved'];
    }

    protected function packPayload(): string
    {
        return pack('nCa5', $this->role, $this->flags, $this->reserved1);
    }
}

class EndRequest extends Record
{
    protected int $appStatus = 0;
    protected int $protocolStatus = FastCGI::REQUEST_COMPLETE;
    protected string $reserved1;

    public function __construct(int $protocolStatus = FastCGI::REQUEST_COMPLETE, int $appStatus = 0, string $reserved = '')
    {
        $this->type = FastCGI::END_REQUEST;
        $this->protocolStatus = $protocolStatus;
        $this->appStatus = $appStatus;
        $this->reserved1 = $reserved;
        $this->setContentData($this->packPayload());
    }

    public function getAppStatus(): int
    {
        return $this->appStatus;
    }

    public function getProtocolStatus(): int
    {
        return $this->protocolStatus;
    }

    protected static function unpackPayload(Record $self, string $binaryData): void
    {
        $f = unpack('NappStatus/CprotocolStatus/a3reserved', str_pad($binaryData, 8, "\0"));
        $self->appStatus = $f['appStatus'];
        $self->protocolStatus = $f['protocolStatus'];
        $self->reserved1 = $f['reserved'];
    }

    protected function packPayload(): string
    {
        return pack('NCa3', $this->appStatus, $this->protocolStatus, $this->reserved1);
    }
}

class Data extends Record
{
    public function __construct(string $contentData)
    {
        $this->type = FastCGI::DATA;
        $this->setContentData($contentData);
    }
}

class Stdin extends Record
{
    public function __construct(string $contentData)
    {
        $this->type = FastCGI::STDIN;
        $this->setContentData($contentData);
    }
}

class Stdout extends Record
{
    public function __construct(string $contentData)
    {
        $this->type = FastCGI::STDOUT;
        $this->setContentData($contentData);
    }
}

class Stderr extends Record
{
    public function __construct(string $contentData)
    {
        $this->type = FastCGI::STDERR;
        $this->setContentData($contentData);
    }
}

class Params extends Record
{
    protected array $values = [];

    public function __construct(array $values)
    {
        $this->type = FastCGI::PARAMS;
        $this->values = $values;
        $this->setContentData($this->packPayload());
    }

    public function getValues(): array
    {
        return $this->values;
    }

    /** Name-value pairs; each length is 1 byte, or 4 with the top bit set. */
    protected static function unpackPayload(Record $self, string $binaryData): void
    {
        $end = min(strlen($binaryData), $self->getContentLength());
        $at = 0;
        while ($at < $end) {
            $nameLength = self::length($binaryData, $at, $end);
            $valueLength = self::length($binaryData, $at, $end);
            if ($nameLength > $end - $at || $valueLength > $end - $at - $nameLength) {
                throw new \RuntimeException('Can not unpack data from the binary buffer');
            }
            $name = substr($binaryData, $at, $nameLength);
            $self->values[$name] = substr($binaryData, $at + $nameLength, $valueLength);
            $at += $nameLength + $valueLength;
        }
    }

    protected function packPayload(): string
    {
        $payload = '';
        foreach ($this->values as $name => $value) {
            if ($value !== null) {
                $payload .= self::pair((string) $name, (string) $value);
            }
        }
        return $payload;
    }

    private static function pair(string $name, string $value): string
    {
        return self::lengthBytes(strlen($name)) . self::lengthBytes(strlen($value)) . $name . $value;
    }

    private static function lengthBytes(int $n): string
    {
        return $n > 127 ? pack('N', $n | 0x80000000) : chr($n);
    }

    private static function length(string $data, int &$at, int $end): int
    {
        if ($at >= $end) {
            throw new \RuntimeException('Can not unpack data from the binary buffer');
        }
        $first = ord($data[$at]);
        if ($first < 0x80) {
            $at++;
            return $first;
        }
        if ($end - $at < 4) {
            throw new \RuntimeException('Can not unpack data from the binary buffer');
        }
        $n = unpack('N', $data, $at)[1] & 0x7FFFFFFF;
        $at += 4;
        return $n;
    }
}

class GetValues extends Params
{
    public function __construct(array $keys)
    {
        parent::__construct(array_fill_keys($keys, ''));
        $this->type = FastCGI::GET_VALUES;
    }
}

class GetValuesResult extends Params
{
    public function __construct(array $values)
    {
        parent::__construct($values);
        $this->type = FastCGI::GET_VALUES_RESULT;
    }
}

class UnknownType extends Record
{
    protected int $type1;
    protected string $reserved1;

    public function __construct(int $type, string $reserved = '')
    {
        $this->type = FastCGI::UNKNOWN_TYPE;
        $this->type1 = $type;
        $this->reserved1 = $reserved;
        $this->setContentData($this->packPayload());
    }

    public function getUnrecognizedType(): int
    {
        return $this->type1;
    }

    public static function unpackPayload(Record $self, string $binaryData): void
    {
        $f = unpack('Ctype/a7reserved', str_pad($binaryData, 8, "\0"));
        $self->type1 = $f['type'];
        $self->reserved1 = $f['reserved'];
    }

    protected function packPayload(): string
    {
        return pack('Ca7', $this->type1, $this->reserved1);
    }
}
