<?php
if (!extension_loaded('corust')) {
    die('skip corust not loaded');
}
if (!empty($heavy) && getenv('USE_ZEND_ALLOC') === '0') {
    die("skip too heavy or too timing-sensitive under valgrind");
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
