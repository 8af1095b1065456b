--TEST--
API fidelity: classes extending each Swoole class and implementing a typed interface of their own (declared with Swoole 6.2.2's signatures, as Hyperf's engine does) load; named arguments with Swoole's parameter names work; by-reference and variadic parameters behave as declared
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
// Swoole 6.2.2's declarations, restated independently of the extension.
$contracts = [
    'Swoole\Coroutine\Channel' => [
        'push(mixed $data, float $timeout = -1): bool', 'pop(float $timeout = -1): mixed', 'stats(): array',
        'close(): bool', 'length(): int', 'isEmpty(): bool', 'isFull(): bool',
    ],
    'Swoole\Coroutine\WaitGroup' => [
        'add(int $delta = 1): void', 'done(): void', 'wait(float $timeout = -1): bool', 'count(): int',
    ],
    'Swoole\Http\Server' => [
        'set(array $settings): bool', 'on(string $event_name, callable $callback): bool', 'start(): bool',
        'send(int|string $fd, string $send_data, int $serverSocket = -1): bool', 'close(int $fd, bool $reset = false): bool',
        'exists(int $fd): bool', 'task(mixed $data, int $taskWorkerIndex = -1, ?callable $finishCallback = null): int|false',
        'finish(mixed $data): bool', 'reload(bool $only_reload_taskworker = false): bool', 'shutdown(): bool', 'stats(): array',
    ],
    'Swoole\Http\Request' => ['getContent(): string|false', 'getMethod(): string|false'],
    'Swoole\Http\Response' => [
        'write(string $content): bool', 'end(?string $content = null): bool',
        'sendfile(string $filename, int $offset = 0, int $length = 0): bool',
        'redirect(string $location, int $http_code = 302): bool',
        'header(string $key, string|array $value, bool $format = true): bool', 'isWritable(): bool',
        'status(int $http_code, string $reason = \'\'): bool',
    ],
    'Swoole\Coroutine' => [
        'static create(callable $func, mixed ...$param): int|false', 'static defer(callable $callback): void',
        'static set(array $options): void', 'static getOptions(): ?array', 'static exists(int $cid): bool',
        'static yield(): bool', 'static cancel(int $cid, bool $throw_exception = false): bool',
        'static join(array $cid_array, float $timeout = -1): bool', 'static isCanceled(): bool', 'static suspend(): bool',
        'static resume(int $cid): bool', 'static stats(): array', 'static getCid(): int', 'static getPcid(int $cid = 0): false|int',
        'static getContext(int $cid = 0): ?\Swoole\Coroutine\Context',
        'static getBackTrace(int $cid = 0, int $options = DEBUG_BACKTRACE_PROVIDE_OBJECT, int $limit = 0): array|false',
        'static printBackTrace(int $cid = 0, int $options = 0, int $limit = 0): void',
        'static list(): \Swoole\Coroutine\Iterator', 'static sleep(float $seconds): bool',
    ],
    'Swoole\Coroutine\System' => [
        'static exec(string $command, bool $get_error_stream = false): array|false', 'static sleep(float $seconds): bool',
        'static readFile(string $filename, int $flag = 0): false|string',
        'static writeFile(string $filename, string $fileContent, int $flags = 0): false|int',
        'static wait(float $timeout = -1): array|false', 'static waitPid(int $pid, float $timeout = -1): array|false',
        'static waitEvent(mixed $socket, int $events = SWOOLE_EVENT_READ, float $timeout = -1): int|false',
        'static dnsLookup(string $domain_name, float $timeout = 60, int $type = 2): string|false',
    ],
    'Swoole\Timer' => [
        'static after(int $ms, callable $callback, mixed ...$params): false|int',
        'static tick(int $ms, callable $callback, mixed ...$params): false|int', 'static clear(int $timer_id): bool',
        'static clearAll(): bool', 'static exists(int $timer_id): bool', 'static list(): \Swoole\Timer\Iterator',
    ],
    'Swoole\Runtime' => ['static enableCoroutine(int $flags = SWOOLE_HOOK_ALL): bool', 'static getHookFlags(): int', 'static setHookFlags(int $flags): bool'],
];
$n = 0;
foreach ($contracts as $class => $methods) {
    $n++;
    $iface = "I$n";
    $decls = implode("\n", array_map(fn ($m) => '    public ' . (str_starts_with($m, 'static ') ? 'static function ' . substr($m, 7) : "function $m") . ';', $methods));
    eval("interface $iface {\n$decls\n}\nclass Sub$n extends \\$class implements $iface {}");
    echo "$class: subclass with a typed interface loads (", count($methods), " methods)\n";
}
// Named arguments, by Swoole's parameter names.
$ch = new Swoole\Coroutine\Channel(size: 2);
echo "capacity ", $ch->capacity, "\n";
Co\run(fn: function () use ($ch) {
    var_dump($ch->push(data: 'x', timeout: 0.1), $ch->pop(timeout: 0.1));
    $wg = new Swoole\Coroutine\WaitGroup(delta: 0);
    $wg->add(delta: 2);
    $cid = Swoole\Coroutine::create(func: function (...$a) use ($wg) { Swoole\Coroutine::sleep(seconds: 0.01); $wg->done(); }, param: 1);
    go(func: fn () => $wg->done());
    var_dump($wg->wait(timeout: 1), Swoole\Coroutine::join(cid_array: [$cid], timeout: 1));
    var_dump(Swoole\Coroutine::getPcid(cid: 0), Swoole\Coroutine::exists(cid: $cid));
    var_dump(count(Swoole\Coroutine::getBackTrace(cid: 0, options: 0, limit: 1)));
    $t = Swoole\Timer::after(ms: 5, callback: fn () => print("timer\n"));
    var_dump(Swoole\Timer::exists(timer_id: $t));
    Swoole\Coroutine\System::sleep(seconds: 0.02);
    var_dump(Swoole\Coroutine\System::writeFile(filename: $f = tempnam(sys_get_temp_dir(), 'sig'), fileContent: 'abc', flags: 0));
    var_dump(Swoole\Coroutine\System::readFile(filename: $f, flag: 0));
    unlink($f);
    $b = Swoole\Coroutine\Barrier::make();
    go(function () use ($b) { Co::sleep(0.01); });
    Swoole\Coroutine\Barrier::wait(barrier: $b, timeout: 1);
    var_dump($b);
});
var_dump(Swoole\Runtime::enableCoroutine(flags: 0), Swoole\Runtime::getHookFlags());
$srv = new Swoole\Http\Server(host: '127.0.0.1', port: 0, mode: SWOOLE_BASE);
var_dump($srv->set(settings: ['worker_num' => 1]), $srv->on(event_name: 'request', callback: fn () => null));
var_dump(Swoole\Coroutine::getPcid(), get_class(Swoole\Coroutine::list()), get_class(Swoole\Timer::list()));
?>
--EXPECT--
Swoole\Coroutine\Channel: subclass with a typed interface loads (7 methods)
Swoole\Coroutine\WaitGroup: subclass with a typed interface loads (4 methods)
Swoole\Http\Server: subclass with a typed interface loads (11 methods)
Swoole\Http\Request: subclass with a typed interface loads (2 methods)
Swoole\Http\Response: subclass with a typed interface loads (7 methods)
Swoole\Coroutine: subclass with a typed interface loads (19 methods)
Swoole\Coroutine\System: subclass with a typed interface loads (8 methods)
Swoole\Timer: subclass with a typed interface loads (6 methods)
Swoole\Runtime: subclass with a typed interface loads (3 methods)
capacity 2
bool(true)
string(1) "x"
bool(true)
bool(true)
int(-1)
bool(false)
int(1)
bool(true)
timer
int(3)
string(3) "abc"
NULL
bool(true)
int(0)
bool(true)
bool(true)
bool(false)
string(25) "Swoole\Coroutine\Iterator"
string(21) "Swoole\Timer\Iterator"
