<?php
/** Shared helpers for corust's phpt suite. */

/** Path of the libcorust.so loaded into this process. */
function corust_ext_path(): string
{
    foreach (file('/proc/self/maps') as $line) {
        if (preg_match('~(/\S*libcorust\.so)\s*$~', $line, $m)) {
            return $m[1];
        }
    }
    throw new RuntimeException('libcorust.so is not loaded');
}

/**
 * Runs $code in a fresh PHP process with corust loaded.
 * Returns [exit status, combined stdout+stderr].
 */
function corust_run_php(string $code, array $ini = []): array
{
    $file = tempnam(sys_get_temp_dir(), 'corust') . '.php';
    file_put_contents($file, $code);
    $cmd = escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(corust_ext_path())
        . ' -d display_errors=1 -d log_errors=0';
    foreach ($ini as $k => $v) {
        $cmd .= ' -d ' . escapeshellarg("$k=$v");
    }
    $cmd .= ' ' . escapeshellarg($file) . ' 2>&1';
    exec($cmd, $out, $status);
    unlink($file);
    return [$status, implode("\n", $out)];
}

/** A PDO connection to the test MariaDB (see scripts/services.sh). */
function corust_pdo(): PDO
{
    $dsn = sprintf('mysql:host=%s;port=%s;dbname=%s', getenv('CORUST_MYSQL_HOST') ?: '127.0.0.1',
        getenv('CORUST_MYSQL_PORT') ?: '33061', getenv('CORUST_MYSQL_DB') ?: 'corust');
    return new PDO($dsn, getenv('CORUST_MYSQL_USER') ?: 'corust', getenv('CORUST_MYSQL_PASSWORD') ?: 'corust',
        [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}

/** A mysqli connection to the test MariaDB. */
function corust_mysqli(): mysqli
{
    return new mysqli(getenv('CORUST_MYSQL_HOST') ?: '127.0.0.1', getenv('CORUST_MYSQL_USER') ?: 'corust',
        getenv('CORUST_MYSQL_PASSWORD') ?: 'corust', getenv('CORUST_MYSQL_DB') ?: 'corust',
        (int) (getenv('CORUST_MYSQL_PORT') ?: 33061));
}

/** A phpredis connection to the test Redis. */
function corust_redis(): Redis
{
    $r = new Redis();
    $r->connect(getenv('CORUST_REDIS_HOST') ?: '127.0.0.1', (int) (getenv('CORUST_REDIS_PORT') ?: 63791), 5);
    return $r;
}

/**
 * Starts `$code` (a server script) in its own process. The script must print
 * "READY <port>" once (e.g. from onWorkerStart of worker 0). Returns
 * [process, port, stdout pipe]; stop it with corust_server_stop().
 */
function corust_server_start(string $code, array $ini = [], string $ready = '/READY (\d+)/', bool $with_corust = true): array
{
    $file = tempnam(sys_get_temp_dir(), 'corust-srv') . '.php';
    file_put_contents($file, $code);
    $cmd = [PHP_BINARY, '-n', '-d', 'display_errors=1'];
    if ($with_corust) { $cmd[] = '-d'; $cmd[] = 'extension=' . corust_ext_path(); }
    foreach ($ini as $k => $v) { $cmd[] = '-d'; $cmd[] = "$k=$v"; }
    $cmd[] = $file;
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    stream_set_blocking($pipes[1], false);
    $out = '';
    $deadline = microtime(true) + 10;
    while (microtime(true) < $deadline) {
        $r = [$pipes[1]]; $w = null; $e = null;
        if (@stream_select($r, $w, $e, 0, 100000)) {
            $out .= fread($pipes[1], 8192);
        }
        if (preg_match($ready, $out, $m, PREG_OFFSET_CAPTURE)) {
            // [4]: what the server printed up to and after its ready line.
            return [$proc, (int) $m[1][0], $pipes, $file, $out];
        }
    }
    throw new RuntimeException("server did not start: $out " . stream_get_contents($pipes[2]));
}

/** SIGTERM to the server; returns [exit status, rest of its stdout, its stderr]. */
function corust_server_stop(array $s, int $signal = 15): array
{
    [$proc, , $pipes, $file] = $s;
    proc_terminate($proc, $signal);
    stream_set_blocking($pipes[1], true);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $status = proc_close($proc);
    @unlink($file);
    return [$status, $out, $err];
}

/** One raw HTTP exchange on a fresh connection (Connection: close). */
function corust_http(int $port, string $raw, float $timeout = 5): string
{
    $c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, $timeout);
    if (!$c) return "CONNECT FAILED: $errstr";
    stream_set_timeout($c, (int) $timeout);
    fwrite($c, $raw);
    $resp = stream_get_contents($c);
    fclose($c);
    return $resp;
}

/** GET $path; returns [status code, headers (lower-case keys), body]. */
function corust_get(int $port, string $path, array $headers = []): array
{
    $h = '';
    foreach ($headers as $k => $v) $h .= "$k: $v\r\n";
    $resp = corust_http($port, "GET $path HTTP/1.1\r\nHost: x\r\n{$h}Connection: close\r\n\r\n");
    return corust_parse_response($resp);
}

function corust_parse_response(string $resp): array
{
    [$head, $body] = array_pad(explode("\r\n\r\n", $resp, 2), 2, '');
    $lines = explode("\r\n", $head);
    $code = (int) (explode(' ', $lines[0])[1] ?? 0);
    $hs = [];
    foreach (array_slice($lines, 1) as $l) {
        [$k, $v] = array_pad(explode(':', $l, 2), 2, '');
        $hs[strtolower(trim($k))][] = trim($v);
    }
    if (($hs['transfer-encoding'][0] ?? '') === 'chunked') {
        $decoded = '';
        while (preg_match('/^([0-9a-f]+)\r\n/i', $body, $m)) {
            $n = hexdec($m[1]);
            $decoded .= substr($body, strlen($m[0]), $n);
            $body = substr($body, strlen($m[0]) + $n + 2);
            if ($n === 0) break;
        }
        $body = $decoded;
    }
    return [$code, $hs, $body];
}

/** A fresh self-signed certificate + key (EC P-256, CN=localhost) in one PEM file; its path. */
function corust_test_cert(): string
{
    $key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
    $crt = openssl_csr_sign(openssl_csr_new(['commonName' => 'localhost'], $key), null, $key, 1);
    openssl_x509_export($crt, $pem);
    openssl_pkey_export($key, $k);
    $file = tempnam(sys_get_temp_dir(), 'corust-cert');
    file_put_contents($file, $pem . $k);
    register_shutdown_function(fn () => @unlink($file));
    return $file;
}

/**
 * A CA and a certificate for CN=localhost it signed, each in a PEM file
 * (the second with its key): [ca file, cert+key file].
 */
function corust_test_ca(): array
{
    $cakey = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
    $ca = openssl_csr_sign(openssl_csr_new(['commonName' => 'corust test CA'], $cakey), null, $cakey, 2, ['x509_extensions' => 'v3_ca', 'digest_alg' => 'sha256']);
    $key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
    $crt = openssl_csr_sign(openssl_csr_new(['commonName' => 'localhost'], $key), $ca, $cakey, 2, ['digest_alg' => 'sha256']);
    openssl_x509_export($ca, $capem);
    openssl_x509_export($crt, $pem);
    openssl_pkey_export($key, $k);
    $files = [tempnam(sys_get_temp_dir(), 'corust-ca'), tempnam(sys_get_temp_dir(), 'corust-cert')];
    file_put_contents($files[0], $capem);
    file_put_contents($files[1], $pem . $k);
    register_shutdown_function(function () use ($files) { foreach ($files as $f) @unlink($f); });
    return $files;
}

/**
 * An independent TLS peer: plain PHP (no corust) serving ssl:// with the
 * certificate in `$pem`. 'echo' answers each line with "echo:" and the
 * line; 'http' answers each HTTP/1.1 request (keep-alive) with its method,
 * path and body length, and a body of N bytes for /bytes/N. Returns what
 * corust_server_start() returns.
 */
function corust_tls_peer(string $pem, string $mode): array
{
    $code = <<<'PHP'
<?php
[$pem, $mode] = [$argv[1], $argv[2]];
$ctx = stream_context_create(['ssl' => ['local_cert' => $pem]]);
$s = stream_socket_server('tls://127.0.0.1:0', $e, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
echo 'READY ', parse_url('tcp://' . stream_socket_get_name($s, false), PHP_URL_PORT), "
";
while ($c = @stream_socket_accept($s, 30)) {
    if ($mode === 'echo') {
        while (($line = fgets($c)) !== false) fwrite($c, "echo:$line");
    } else {
        while (($line = fgets($c)) !== false) {
            [$m, $path] = explode(' ', $line);
            $len = 0;
            while (($h = fgets($c)) !== false && $h !== "\r\n") {
                if (stripos($h, 'content-length:') === 0) $len = (int) substr($h, 15);
            }
            $body = '';
            while (strlen($body) < $len && !feof($c)) $body .= fread($c, $len - strlen($body));
            $out = "$m $path " . strlen($body) . (str_starts_with($path, '/bytes/') ? ' ' . str_repeat('x', (int) substr($path, 7)) : '');
            fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: " . strlen($out) . "\r\n\r\n$out");
        }
    }
    fclose($c);
}
PHP;
    $file = tempnam(sys_get_temp_dir(), 'corust-peer') . '.php';
    file_put_contents($file, $code);
    register_shutdown_function(fn () => @unlink($file));
    return corust_server_start("<?php \$argv = [0, " . var_export($pem, true) . ', ' . var_export($mode, true) . "]; require " . var_export($file, true) . ';', [], '/READY (\d+)/', false);
}

/**
 * Starts the Python HTTP peer (include/http_peer.py: /sleep?ms=, /redirect/N,
 * /status/N, /echo, /bytes/N), a server that is neither PHP nor corust.
 * Returns what corust_server_start() returns; its port is [1].
 */
function corust_http_peer(): array
{
    $proc = proc_open(['/usr/bin/python3', __DIR__ . '/http_peer.py'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $line = fgets($pipes[1]);
    if (!preg_match('/READY (\d+)/', (string) $line, $m)) {
        throw new RuntimeException('http peer did not start: ' . $line . stream_get_contents($pipes[2]));
    }
    $peer = [$proc, (int) $m[1], $pipes, '', $line];
    register_shutdown_function(function () use ($proc) { @proc_terminate($proc); });
    return $peer;
}

/**
 * Starts the request-echo server of php-tests/http_hostile: one worker, the
 * settings given; each request is answered with JSON (worker pid, method,
 * uri, get/post/cookie/files/header as PHP sees them, body length, and the
 * header and get values in hex). Returns
 * what corust_server_start() returns.
 */
function corust_echo_server(array $settings = [], array $ini = []): array
{
    $set = var_export($settings + ['worker_num' => 1], true);
    return corust_server_start(<<<PHP
<?php
\$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
\$server->set($set);
\$server->on('workerStart', function (\$srv) { echo "READY {\$srv->port}\\n"; });
\$server->on('request', function (\$req, \$resp) {
    \$resp->end(json_encode([
        'pid' => getmypid(), 'method' => \$req->getMethod(), 'uri' => \$req->server['request_uri'],
        'get' => \$req->get, 'post' => \$req->post, 'cookie' => \$req->cookie, 'files' => \$req->files,
        'header' => \$req->header, 'len' => strlen(\$req->getContent()),
        // Bytes as they are (JSON would substitute invalid UTF-8).
        'header_hex' => array_map('bin2hex', \$req->header),
        'get_hex' => array_map(fn (\$v) => is_string(\$v) ? bin2hex(\$v) : null, \$req->get ?? []),
    ], JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR));
});
\$server->start();
PHP, $ini);
}

/**
 * Sends raw bytes on a fresh connection (write errors ignored: a server may
 * answer and close before reading everything) and reads until the server
 * closes or $timeout passes. Returns [status code or 0, body, seconds taken,
 * whether the server closed the connection].
 */
function corust_raw(int $port, string $raw, float $timeout = 5): array
{
    $t = microtime(true);
    $c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
    if (!$c) return [0, "CONNECT FAILED: $errstr", 0.0, true];
    stream_set_timeout($c, (int) ceil($timeout));
    for ($off = 0; $off < strlen($raw); $off += $n) {
        $n = @fwrite($c, substr($raw, $off, 65536));
        if (!$n) break;
    }
    $resp = '';
    while (!feof($c) && microtime(true) - $t < $timeout) {
        $chunk = @fread($c, 65536);
        if ($chunk === false || ($chunk === '' && stream_get_meta_data($c)['timed_out'])) break;
        $resp .= $chunk;
    }
    $closed = feof($c);
    fclose($c);
    [$code, , $body] = corust_parse_response($resp);
    return [$code, $body, microtime(true) - $t, $closed];
}

/** The echo server's answer to GET $path, decoded. */
function corust_echo(int $port, string $path = '/', string $headers = ''): array
{
    [$code, $body] = corust_raw($port, "GET $path HTTP/1.1\r\nHost: x\r\n{$headers}Connection: close\r\n\r\n");
    return ['code' => $code] + (json_decode($body, true) ?? []);
}

/** A WebSocket client on a plain socket: [stream, response head]. */
function corust_ws_connect(int $port, string $path = '/', string $headers = '', ?string $key = null): array
{
    $c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $err, 5);
    stream_set_timeout($c, 5);
    $key ??= base64_encode(random_bytes(16));
    fwrite($c, "GET $path HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: $key\r\nSec-WebSocket-Version: 13\r\n$headers\r\n");
    $head = '';
    while (!str_contains($head, "\r\n\r\n") && ($b = fread($c, 1)) !== '' && $b !== false) $head .= $b;
    return [$c, $head];
}

/** Sends one frame (masked unless told otherwise). */
function corust_ws_send($c, int $opcode, string $payload, bool $fin = true, bool $mask = true): void
{
    $n = strlen($payload);
    $h = chr(($fin ? 0x80 : 0) | $opcode);
    $m = $mask ? 0x80 : 0;
    if ($n < 126) $h .= chr($m | $n);
    elseif ($n < 65536) $h .= chr($m | 126) . pack('n', $n);
    else $h .= chr($m | 127) . pack('J', $n);
    if ($mask) {
        $k = random_bytes(4);
        $h .= $k;
        $payload = $payload ^ str_repeat($k, intdiv($n, 4) + 1);
        $payload = substr($payload, 0, $n);
    }
    fwrite($c, $h . $payload);
}

/** Reads one frame: [opcode, payload, fin], or null at the end of the connection. */
function corust_ws_read($c): ?array
{
    $read = function (int $n) use ($c): ?string {
        $s = '';
        while (strlen($s) < $n) {
            $b = fread($c, $n - strlen($s));
            if ($b === '' || $b === false) return null;
            $s .= $b;
        }
        return $s;
    };
    if (($h = $read(2)) === null) return null;
    $len = ord($h[1]) & 0x7f;
    if ($len === 126) $len = unpack('n', $read(2))[1];
    elseif ($len === 127) $len = unpack('J', $read(8))[1];
    $payload = $len ? $read($len) : '';
    return $payload === null ? null : [ord($h[0]) & 0x0f, $payload, (ord($h[0]) & 0x80) !== 0];
}

/**
 * Starts a php-fpm (Debian's php8.2-fpm) of its own, serving $docroot: one
 * pool on 127.0.0.1 (a free port) and one on a unix socket, each with
 * $children static workers. Stopped when the test ends. Returns
 * ['port' => int, 'sock' => path, 'dir' => its run directory].
 */
function corust_php_fpm(int $children = 4): array
{
    $dir = sys_get_temp_dir() . '/corust-fpm-' . getmypid() . '-' . bin2hex(random_bytes(3));
    mkdir($dir);
    $probe = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe);
    $root = posix_geteuid() === 0;
    $user = posix_getpwuid(posix_geteuid())['name'];
    $pool = function (string $name, string $listen) use ($children, $root, $user): string {
        return "[$name]\nlisten = $listen\n" . ($root ? "user = $user\n" : '')
            . "pm = static\npm.max_children = $children\n";
    };
    file_put_contents("$dir/fpm.conf", "[global]\npid = $dir/fpm.pid\nerror_log = $dir/fpm.log\ndaemonize = no\n"
        . $pool('tcp', "127.0.0.1:$port") . $pool('unix', "$dir/fpm.sock"));
    $cmd = ['/usr/sbin/php-fpm8.2', '-F', '-y', "$dir/fpm.conf", '-p', $dir];
    if ($root) {
        $cmd[] = '-R';
    }
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/stdout", 'w'], 2 => ['file', "$dir/stderr", 'w']], $pipes);
    $deadline = microtime(true) + 10;
    while (!(@fsockopen('127.0.0.1', $port) && file_exists("$dir/fpm.sock"))) {
        if (microtime(true) > $deadline) {
            throw new RuntimeException('php-fpm did not start: ' . @file_get_contents("$dir/fpm.log") . @file_get_contents("$dir/stderr"));
        }
        usleep(20000);
    }
    register_shutdown_function(function () use ($proc, $dir) {
        proc_terminate($proc);
        proc_close($proc);
        // The run directory and whatever the test put in it (a docroot).
        $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST);
        foreach ($it as $f) {
            $f->isDir() && !$f->isLink() ? @rmdir($f->getPathname()) : @unlink($f->getPathname());
        }
        @rmdir($dir);
    });
    return ['port' => $port, 'sock' => "$dir/fpm.sock", 'dir' => $dir];
}
