--TEST--
Swoole's error API: SWOOLE_ERROR_* and SWOOLE_STRERROR_* constants, swoole_strerror() for system, getaddrinfo, resolver and Swoole codes, swoole_last_error() set by a failed cancel and by a canceled wait, swoole_clear_error(), swoole_errno()
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
var_dump(SWOOLE_ERROR_CO_CANCELED, SWOOLE_ERROR_CO_NOT_EXISTS, SWOOLE_ERROR_MALLOC_FAIL, SWOOLE_STRERROR_SWOOLE);
echo count(array_filter(array_keys(get_defined_constants()), fn ($k) => str_starts_with($k, 'SWOOLE_ERROR_'))), " error codes\n";
echo swoole_strerror(SWOOLE_ERROR_CO_CANCELED, SWOOLE_STRERROR_SWOOLE), "\n";
echo swoole_strerror(SWOOLE_ERROR_CO_CANCELED), "\n";
echo swoole_strerror(11), "\n";
echo swoole_strerror(99999, SWOOLE_STRERROR_SWOOLE), "\n";
echo swoole_strerror(-2, SWOOLE_STRERROR_GAI), "\n";
echo swoole_strerror(1, SWOOLE_STRERROR_DNS), "\n";
var_dump(swoole_last_error(), is_int(swoole_errno()));
Co\run(function () {
    $c = go(fn () => Co::sleep(10));
    Co::cancel($c);
    var_dump(swoole_last_error() === SWOOLE_ERROR_CO_CANCELED);
    swoole_clear_error();
    var_dump(swoole_last_error());
});
?>
--EXPECT--
int(10017)
int(10016)
int(501)
int(9)
130 error codes
Coroutine canceled
Coroutine canceled
Resource temporarily unavailable
Unknown error 99999
Name or service not known
Unknown host
int(0)
bool(true)
bool(true)
int(0)
