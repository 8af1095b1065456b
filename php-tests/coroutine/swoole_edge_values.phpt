--TEST--
Swoole's answers at the edges: getElapsed() of an unknown or negative id is -1; Coroutine::getContext() outside any coroutine (or for an unknown id) is null with CO_NOT_EXISTS; dnsLookup()/gethostbyname() of a name that does not resolve are false with DNSLOOKUP_RESOLVE_FAILED; a canceled System::wait() is false with CO_CANCELED; statvfs('') is a ValueError; getBackTrace() of a coroutine that resumed the running one works; c_stack_size is kept within 64K..16M
--SKIPIF--
<?php $heavy = true; require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Coroutine;
var_dump(Coroutine::getContext(), swoole_last_error() === SWOOLE_ERROR_CO_NOT_EXISTS);
$proc = new Swoole\Process(function () { sleep(10); }, false, 0);
$proc->start();
Co\run(function () {
    var_dump(Coroutine::getElapsed(1000), Coroutine::getElapsed(-1));
    Coroutine::sleep(0.001);
    var_dump(Coroutine::getElapsed() === Coroutine::getElapsed(Coroutine::getCid()));
    var_dump(Coroutine::getContext() instanceof Coroutine\Context, Coroutine::getContext(-1), Coroutine::getContext(99999));
    swoole_clear_error();
    var_dump(Coroutine::dnsLookup('no-such-host.invalid', 1), swoole_last_error() === SWOOLE_ERROR_DNSLOOKUP_RESOLVE_FAILED);
    swoole_clear_error();
    var_dump(Coroutine\System::gethostbyname('no-such-host.invalid'), swoole_last_error() === SWOOLE_ERROR_DNSLOOKUP_RESOLVE_FAILED);
    // System::wait() canceled: false with CO_CANCELED.
    global $proc;
    $me = Coroutine::getCid();
    go(function () use ($me) { Coroutine::sleep(0.01); Coroutine::cancel($me); });
    var_dump(Coroutine\System::wait(), swoole_last_error() === SWOOLE_ERROR_CO_CANCELED);
    Swoole\Process::kill($proc->pid, SIGKILL);
    var_dump(Coroutine\System::wait()['pid'] === $proc->pid);
    try { Coroutine\System::statvfs(''); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
    // A coroutine below the running one on the resume chain has a backtrace.
    $outer = Coroutine::getCid();
    go(function () use ($outer) {
        $bt = Coroutine::getBackTrace($outer);
        echo "outer coroutine's frame: ", $bt[0]['function'] ?? 'none', "\n";
    });
});
// c_stack_size: Swoole's bounds (64K..16M, whole pages; negative = largest).
foreach ([1024, 511 * 1024, 1 << 30, -1, 2 << 20] as $size) {
    Coroutine::set(['c_stack_size' => $size]);
    echo Coroutine::stats()['c_stack_size'] >> 10, "K\n";
}
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
bool(false)
bool(true)
bool(true)
Path cannot be empty
outer coroutine's frame: go
64K
512K
16384K
16384K
2048K
