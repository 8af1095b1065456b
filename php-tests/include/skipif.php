<?php
if (!extension_loaded('corust')) {
    die('skip corust not loaded');
}
if (!empty($heavy) && getenv('USE_ZEND_ALLOC') === '0') {
    die("skip too heavy or too timing-sensitive under valgrind");
}
// $curl: needs ext/curl; $guzzle: needs Debian's php-guzzlehttp-guzzle (make
// test installs both; under CI=true a missing one is a failure, not a skip).
if (getenv('CI') !== 'true') {
    if (!empty($curl) && !extension_loaded('curl')) {
        die('skip curl extension missing (make test installs it)');
    }
    if (!empty($guzzle) && !is_file('/usr/share/php/GuzzleHttp/autoload.php')) {
        die('skip php-guzzlehttp-guzzle missing (make test installs it)');
    }
    // $fpm: needs Debian's php8.2-fpm (the FastCGI tests start their own).
    if (!empty($fpm) && !is_executable('/usr/sbin/php-fpm8.2')) {
        die('skip php8.2-fpm missing (make test installs it)');
    }
}
// $service: 'mysql' or 'redis'. Under CI=true a missing service is a failure, not a skip.
if (!empty($service) && getenv('CI') !== 'true') {
    $ext = ['mysql' => 'pdo_mysql', 'redis' => 'redis'][$service];
    $port = $service === 'mysql' ? (getenv('CORUST_MYSQL_PORT') ?: 33061) : (getenv('CORUST_REDIS_PORT') ?: 63791);
    if (!extension_loaded($ext)) {
        die("skip $ext extension missing (make test installs it)");
    }
    $s = @fsockopen('127.0.0.1', (int) $port, $errno, $errstr, 1);
    if (!$s) {
        die("skip $service not running on 127.0.0.1:$port (make test starts it)");
    }
    fclose($s);
}
