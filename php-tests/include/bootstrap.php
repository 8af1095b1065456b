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
