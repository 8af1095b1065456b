<?php
// Swoole\Coroutine\Http\{request, get, post}: one-shot HTTP requests that
// return a ClientProxy (body, status, headers, cookies), as Swoole 6.2.2's
// library offers them. The 'http_client_driver' library option picks the
// transport: 'curl', 'stream', or (default) Coroutine\Http\Client.
// corust's own code; compiled once per request by library/mod.rs.

namespace Swoole\Coroutine\Http;

use Swoole\Coroutine\Http\Client\Exception;

/** What a one-shot request returns. */
class ClientProxy
{
    private array $headers;

    private array $cookies;

    public function __construct(private string $body, private int $statusCode, ?array $headers, ?array $cookies)
    {
        $this->headers = $headers ?? [];
        $this->cookies = $cookies ?? [];
    }

    public function getBody(): string
    {
        return $this->body;
    }

    public function getStatusCode(): int
    {
        return $this->statusCode;
    }

    public function getHeaders(): array
    {
        return $this->headers;
    }

    public function getCookies(): array
    {
        return $this->cookies;
    }
}

/** @throws Exception when the request cannot be made */
function request(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy
{
    return match (swoole_library_get_option('http_client_driver')) {
        'curl' => request_with_curl($url, $method, $data, $options, $headers, $cookies),
        'stream' => request_with_stream($url, $method, $data, $options, $headers, $cookies),
        default => request_with_http_client($url, $method, $data, $options, $headers, $cookies),
    };
}

/** @throws Exception */
function request_with_http_client(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy
{
    $parts = parse_url($url);
    $scheme = $parts['scheme'] ?? '';
    if ($scheme === '') {
        throw new Exception('The URL given is illegal [no scheme]');
    }
    if ($scheme !== 'http' && $scheme !== 'https') {
        throw new Exception("unknown scheme \"{$scheme}\"");
    }
    $tls = $scheme === 'https';
    $client = new Client($parts['host'] ?? '', $parts['port'] ?? ($tls ? 443 : 80), $tls);
    $client->setMethod($method);
    if ($data) {
        $client->setData($data);
    }
    $client->set($options ?: []);
    $client->setHeaders($headers ?: []);
    $client->setCookies($cookies ?: []);
    $path = $parts['path'] ?? '/';
    if (($parts['query'] ?? '') !== '') {
        $path .= '?' . $parts['query'];
    }
    if (!$client->execute($path)) {
        throw new Exception($client->errMsg, $client->errCode);
    }
    return new ClientProxy($client->getBody(), $client->getStatusCode(), $client->getHeaders() ?: [], $client->getCookies() ?: []);
}

/** @throws Exception */
function request_with_curl(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy
{
    $ch = curl_init($url);
    if (!$ch) {
        throw new Exception('failed to curl_init');
    }
    $gotHeaders = [];
    $gotCookies = [];
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_CUSTOMREQUEST => strtoupper($method),
        CURLOPT_HEADERFUNCTION => static function ($ch, string $line) use (&$gotHeaders, &$gotCookies): int {
            $pair = explode(':', $line, 2);
            if (count($pair) === 2) {
                $name = strtolower(trim($pair[0]));
                if ($name === 'set-cookie') {
                    // name=value; attributes… (Swoole keeps what follows '=')
                    $kv = explode('=', $pair[1], 2);
                    $gotCookies[trim($kv[0])] = $kv[1] ?? '';
                } else {
                    $gotHeaders[$name][] = trim($pair[1]);
                }
            }
            return strlen($line);
        },
    ]);
    if ($data) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $data);
    }
    if ($headers) {
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
    }
    if ($cookies) {
        $line = '';
        foreach ($cookies as $k => $v) {
            $line .= "{$k}={$v}; ";
        }
        curl_setopt($ch, CURLOPT_COOKIE, $line);
    }
    // A float timeout has a fraction of a second: curl takes ms then.
    $limit = static function (int $msOpt, int $sOpt, int|float $t) use ($ch): void {
        is_float($t) ? curl_setopt($ch, $msOpt, (int) ($t * 1000)) : curl_setopt($ch, $sOpt, $t);
    };
    if (isset($options['timeout'])) {
        $limit(CURLOPT_TIMEOUT_MS, CURLOPT_TIMEOUT, $options['timeout']);
        $limit(CURLOPT_CONNECTTIMEOUT_MS, CURLOPT_CONNECTTIMEOUT, $options['timeout']);
    }
    if (isset($options['connect_timeout'])) {
        $limit(CURLOPT_CONNECTTIMEOUT_MS, CURLOPT_CONNECTTIMEOUT, $options['connect_timeout']);
    }
    $body = curl_exec($ch);
    if ($body === false) {
        throw new Exception(curl_error($ch), curl_errno($ch));
    }
    return new ClientProxy($body, curl_getinfo($ch, CURLINFO_RESPONSE_CODE), $gotHeaders, $gotCookies);
}

/** @throws Exception */
function request_with_stream(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy
{
    $http = ['method' => $method];
    $head = '';
    foreach ($headers ?: [] as $k => $v) {
        $head .= "{$k}: {$v}\r\n";
    }
    foreach ($cookies ?: [] as $k => $v) {
        $head .= "Cookie: {$k}={$v}\r\n";
    }
    if (isset($options['timeout'])) {
        $http['timeout'] = (int) $options['timeout'];
    }
    if ($data) {
        if (is_array($data)) {
            $head .= "Content-type: application/x-www-form-urlencoded\r\n";
            $http['content'] = http_build_query($data);
        } else {
            $http['content'] = (string) $data;
        }
    }
    if ($head !== '') {
        $http['header'] = $head;
    }
    $body = file_get_contents($url, false, stream_context_create(['http' => $http]));
    if (!$body) {
        throw new Exception(error_get_last()['message'] ?? 'request failed');
    }
    // The stream driver reports no status, headers or cookies (as Swoole's).
    return new ClientProxy($body, 200, [], []);
}

/** @throws Exception */
function post(string $url, mixed $data, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy
{
    return request($url, 'POST', $data, $options, $headers, $cookies);
}

/** @throws Exception */
function get(string $url, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy
{
    return request($url, 'GET', null, $options, $headers, $cookies);
}
