--TEST--
Swoole's answers at the edges: getElapsed() of an unknown or negative id is -1; Coroutine::getContext() outside any coroutine (or for an unknown id) is null with CO_NOT_EXISTS; dnsLookup()/gethostbyname() of a name that does not resolve are false with DNSLOOKUP_RESOLVE_FAILED
--FILE--
<?php
use Swoole\Coroutine;
var_dump(Coroutine::getContext(), swoole_last_error() === SWOOLE_ERROR_CO_NOT_EXISTS);
Co\run(function () {
    var_dump(Coroutine::getElapsed(1000), Coroutine::getElapsed(-1));
    Coroutine::sleep(0.001);
    var_dump(Coroutine::getElapsed() === Coroutine::getElapsed(Coroutine::getCid()));
    var_dump(Coroutine::getContext() instanceof Coroutine\Context, Coroutine::getContext(-1), Coroutine::getContext(99999));
    swoole_clear_error();
    var_dump(Coroutine::dnsLookup('no-such-host.invalid', 1), swoole_last_error() === SWOOLE_ERROR_DNSLOOKUP_RESOLVE_FAILED);
    swoole_clear_error();
    var_dump(Coroutine\System::gethostbyname('no-such-host.invalid'), swoole_last_error() === SWOOLE_ERROR_DNSLOOKUP_RESOLVE_FAILED);
});
?>
--EXPECT--
NULL
bool(true)
int(-1)
int(-1)
bool(true)
bool(true)
NULL
NULL
bool(false)
bool(true)
bool(false)
bool(true)
