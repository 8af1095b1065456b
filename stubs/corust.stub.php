<?php
/**
 * IDE stubs for the corust extension (the API as built).
 * Swoole names (Swoole\Coroutine, Co, Swoole\Timer, Swoole\Event, Swoole\Error,
 * Swoole\Exception, Swoole\Coroutine\Channel, Co\Channel, Swoole\Coroutine\WaitGroup,
 * Co\WaitGroup, Swoole\Coroutine\Barrier, Co\Barrier, Swoole\Coroutine\Context,
 * Swoole\Runtime, Swoole\Server, Swoole\Http\Server, Swoole\Http\Request,
 * Swoole\Http\Response, Swoole\Coroutine\Iterator, Swoole\Timer\Iterator, Swoole\Coroutine\run,
 * Co\run, swoole_cpu_num) are aliases of these. Where Swoole has the method, its
 * declaration is Swoole 6.2.2's (parameter names, types, defaults, return type).
 *
 * Written by hand; `make test` fails when it and the built extension's reflection
 * disagree (scripts/stubcheck.sh).
 */

namespace Corust {
    /**
     * Creates a coroutine running $callback(...$args) and runs it at once until it
     * first waits. Returns its id, or false (with a warning) past max_coroutine.
     */
    function go(callable $func, mixed ...$params): int|false {}

    /** Runs $callback when the current coroutine ends (LIFO). Throws Corust\Error outside one. */
    function defer(callable $callback): void {}

    /**
     * Starts the scheduler, runs $callback in a coroutine and returns once every
     * coroutine and timer has ended. False (with a warning) if a scheduler already runs.
     */
    function run(callable $fn, mixed ...$args): bool {}

    /** Number of online CPUs. */
    function cpu_num(): int {}

    /** The autoloader of the library files compiled on first use. */
    function library_autoload(string $class): void {}

    /**
     * Runs each callable in its own coroutine (at most $concurrency at once when > 0),
     * waits for all and returns their results under the same keys (input order).
     * Must be called in a coroutine.
     *
     * @throws ParallelExecutionException if any callable threw
     */
    function parallel(array $callables, int $concurrency = 0): array {}

    /** Thrown by parallel() when callables threw: carries the results and the throwables, keyed. */
    class ParallelExecutionException extends \RuntimeException
    {
        protected $results = [];
        protected $throwables = [];
        public function getResults(): array {}
        public function getThrowables(): array {}
        public function setResults(array $results): void {}
        public function setThrowables(array $throwables): void {}
    }




    /** Hyperf-style context of the current coroutine (process-wide outside coroutines). */
    class Context
    {
        public static function set(string $id, mixed $value, ?int $cid = null): mixed {}
        public static function get(string $id, mixed $default = null, ?int $cid = null): mixed {}
        public static function has(string $id, ?int $cid = null): bool {}
        public static function destroy(string $id, ?int $cid = null): void {}
        /** Stores $callback(current value or null) and returns it. */
        public static function override(string $id, callable $callback, ?int $cid = null): mixed {}
        /** Returns the value, storing $value first if absent (a Closure is called to make it). */
        public static function getOrSet(string $id, mixed $value, ?int $cid = null): mixed {}
        /** Replaces the current context with (the given keys of) coroutine $fromCid's. */
        public static function copy(int $fromCid, array $keys = []): void {}
    }






}

namespace {
    // Swoole's library helpers (src/php/library/functions.php; the _* ones
    // only with the short names on).
    function _string(string $string = ''): Swoole\StringObject {}
    function _mbstring(string $string = ''): Swoole\MultibyteStringObject {}
    function _array(array $array = []): Swoole\ArrayObject {}
    function swoole_string(string $string = ''): Swoole\StringObject {}
    function swoole_mbstring(string $string = ''): Swoole\MultibyteStringObject {}
    function swoole_array(array $array = []): Swoole\ArrayObject {}
    function swoole_array_list(...$arrray): Swoole\ArrayObject {}
    function swoole_table(int $size, string $fields): Swoole\Table {}
    function swoole_array_default_value(array $array, $key, $default_value = null) {}
    function swoole_is_in_container(): bool {}
    function swoole_container_cpu_num(): int {}
    function swoole_substr_json_decode(string $str, int $offset, int $length = 0, ?bool $associative = null, int $depth = 512, int $flags = 0): mixed {}
    function swoole_substr_unserialize(string $str, int $offset, int $length = 0, array $options = []): mixed {}
    // Library: coroutine versions of the blocking exec and net functions.
    function swoole_exec(string $command, &$output = null, &$returnVar = null) {}
    function swoole_shell_exec(string $cmd) {}
    function swoole_gethostbynamel(string $domain) {}
    function swoole_mail(string $to, string $subject, string $message, array $headers = []): bool {}
    function swoole_checkdnsrr(string $hostname, string $type = 'MX'): bool {}
    function swoole_dns_check_record(string $hostname, string $type = 'MX'): bool {}
    function swoole_getmxrr(string $hostname, array &$hosts, ?array &$weights = null): bool {}
    function swoole_dns_get_mx(string $hostname, array &$hosts, ?array &$weights = null): bool {}
    function swoole_dns_get_record(string $hostname, int $type = DNS_ANY, ?array &$authoritative_name_servers = null, ?array &$additional_records = null, bool $raw = false): array|false {}
    function swoole_gethostbyaddr(string $ip): string {}

    const SWOOLE_CHANNEL_OK = 0;
    const SWOOLE_CHANNEL_TIMEOUT = -1;
    const SWOOLE_CHANNEL_CLOSED = -2;
    const SWOOLE_CHANNEL_CANCELED = -3;
    /** SWOOLE_HOOK_* constants mirror Corust\Runtime::HOOK_*. */
    const SWOOLE_HOOK_ALL = 2143287295;
    const SWOOLE_BASE = 1;
    const SWOOLE_PROCESS = 2;
    const SWOOLE_SOCK_TCP = 1;
    const SWOOLE_SOCK_UDP = 2;
    const SWOOLE_SOCK_TCP6 = 3;
    const SWOOLE_SOCK_UDP6 = 4;
    const SWOOLE_SOCK_UNIX_STREAM = 5;
    const SWOOLE_SOCK_UNIX_DGRAM = 6;
    const SWOOLE_SOCK_SYNC = false;
    const SWOOLE_SOCK_ASYNC = true;
    const SWOOLE_KEEP = 4096;
    /** Swoole 6.2.2's settings, flags and protocol numbers (php/global_constants.rs). */
    const SWOOLE_ASYNC = 1024;
    const SWOOLE_DEFAULT_MAX_CORO_NUM = 100000;
    const SWOOLE_DISPATCH_CONCURRENT_LB = 10;
    const SWOOLE_DISPATCH_CO_CONN_LB = 8;
    const SWOOLE_DISPATCH_CO_REQ_LB = 9;
    const SWOOLE_DISPATCH_FDMOD = 2;
    const SWOOLE_DISPATCH_IDLE_WORKER = 3;
    const SWOOLE_DISPATCH_IPMOD = 4;
    const SWOOLE_DISPATCH_RESULT_CLOSE_CONNECTION = -2;
    const SWOOLE_DISPATCH_RESULT_DISCARD_PACKET = -1;
    const SWOOLE_DISPATCH_RESULT_USERFUNC_FALLBACK = -3;
    const SWOOLE_DISPATCH_ROUND = 1;
    const SWOOLE_DISPATCH_STREAM = 7;
    const SWOOLE_DISPATCH_UIDMOD = 5;
    const SWOOLE_DISPATCH_USERFUNC = 6;
    const SWOOLE_HTTP2_ERROR_CANCEL = 8;
    const SWOOLE_HTTP2_ERROR_COMPRESSION_ERROR = 9;
    const SWOOLE_HTTP2_ERROR_CONNECT_ERROR = 10;
    const SWOOLE_HTTP2_ERROR_ENHANCE_YOUR_CALM = 11;
    const SWOOLE_HTTP2_ERROR_FLOW_CONTROL_ERROR = 3;
    const SWOOLE_HTTP2_ERROR_FRAME_SIZE_ERROR = 6;
    const SWOOLE_HTTP2_ERROR_HTTP_1_1_REQUIRED = 13;
    const SWOOLE_HTTP2_ERROR_INADEQUATE_SECURITY = 12;
    const SWOOLE_HTTP2_ERROR_INTERNAL_ERROR = 2;
    const SWOOLE_HTTP2_ERROR_NO_ERROR = 0;
    const SWOOLE_HTTP2_ERROR_PROTOCOL_ERROR = 1;
    const SWOOLE_HTTP2_ERROR_REFUSED_STREAM = 7;
    const SWOOLE_HTTP2_ERROR_SETTINGS_TIMEOUT = 4;
    const SWOOLE_HTTP2_ERROR_STREAM_CLOSED = 5;
    const SWOOLE_HTTP2_TYPE_CONTINUATION = 9;
    const SWOOLE_HTTP2_TYPE_DATA = 0;
    const SWOOLE_HTTP2_TYPE_GOAWAY = 7;
    const SWOOLE_HTTP2_TYPE_HEADERS = 1;
    const SWOOLE_HTTP2_TYPE_PING = 6;
    const SWOOLE_HTTP2_TYPE_PRIORITY = 2;
    const SWOOLE_HTTP2_TYPE_PUSH_PROMISE = 5;
    const SWOOLE_HTTP2_TYPE_RST_STREAM = 3;
    const SWOOLE_HTTP2_TYPE_SETTINGS = 4;
    const SWOOLE_HTTP2_TYPE_WINDOW_UPDATE = 8;
    const SWOOLE_IPC_MSGQUEUE = 2;
    const SWOOLE_IPC_NONE = 0;
    const SWOOLE_IPC_PREEMPTIVE = 3;
    const SWOOLE_IPC_SOCKET = 3;
    const SWOOLE_IPC_UNIXSOCK = 1;
    const SWOOLE_IPC_UNSOCK = 1;
    const SWOOLE_LOG_ROTATION_DAILY = 2;
    const SWOOLE_LOG_ROTATION_EVERY_MINUTE = 4;
    const SWOOLE_LOG_ROTATION_HOURLY = 3;
    const SWOOLE_LOG_ROTATION_MONTHLY = 1;
    const SWOOLE_LOG_ROTATION_SINGLE = 0;
    const SWOOLE_MSGQUEUE_BALANCE = 2;
    const SWOOLE_MSGQUEUE_ORIENT = 1;
    const SWOOLE_RAW = 7;
    const SWOOLE_RAW6 = 8;
    const SWOOLE_SERVER_COMMAND_EVENT_WORKER = 8;
    const SWOOLE_SERVER_COMMAND_MANAGER = 32;
    const SWOOLE_SERVER_COMMAND_MASTER = 2;
    const SWOOLE_SERVER_COMMAND_REACTOR_THREAD = 4;
    const SWOOLE_SERVER_COMMAND_TASK_WORKER = 16;
    const SWOOLE_SERVER_COMMAND_WORKER = 8;
    const SWOOLE_SYNC = 2048;
    const SWOOLE_TASK_CALLBACK = 8;
    const SWOOLE_TASK_COROUTINE = 32;
    const SWOOLE_TASK_NONBLOCK = 4;
    const SWOOLE_TASK_NOREPLY = 128;
    const SWOOLE_TASK_PEEK = 64;
    const SWOOLE_TASK_SERIALIZE = 2;
    const SWOOLE_TASK_TMPFILE = 1;
    const SWOOLE_TASK_WAITALL = 16;
    const SWOOLE_TIMER_MAX_MS = 9223372036854775807;
    const SWOOLE_TIMER_MIN_MS = 1;
    const SWOOLE_TRACE_AIO = 524288;
    const SWOOLE_TRACE_ALL = 9223372036854775807;
    const SWOOLE_TRACE_BUFFER = 8;
    const SWOOLE_TRACE_CARES = 1073741824;
    const SWOOLE_TRACE_CHANNEL = 4194304;
    const SWOOLE_TRACE_CLIENT = 4;
    const SWOOLE_TRACE_CLOSE = 16384;
    const SWOOLE_TRACE_CONN = 16;
    const SWOOLE_TRACE_CONTEXT = 67108864;
    const SWOOLE_TRACE_COROUTINE = 33554432;
    const SWOOLE_TRACE_CO_CURL = 536870912;
    const SWOOLE_TRACE_CO_FIREBIRD = 68719476736;
    const SWOOLE_TRACE_CO_HTTP_SERVER = 134217728;
    const SWOOLE_TRACE_CO_ODBC = 8589934592;
    const SWOOLE_TRACE_CO_ORACLE = 17179869184;
    const SWOOLE_TRACE_CO_PGSQL = 4294967296;
    const SWOOLE_TRACE_CO_SQLITE = 34359738368;
    const SWOOLE_TRACE_CO_SSH2 = 137438953472;
    const SWOOLE_TRACE_EOF_PROTOCOL = 4096;
    const SWOOLE_TRACE_EVENT = 32;
    const SWOOLE_TRACE_HTTP = 1024;
    const SWOOLE_TRACE_HTTP2 = 2048;
    const SWOOLE_TRACE_HTTP_CLIENT = 262144;
    const SWOOLE_TRACE_LENGTH_PROTOCOL = 8192;
    const SWOOLE_TRACE_MEMORY = 128;
    const SWOOLE_TRACE_MYSQL_CLIENT = 131072;
    const SWOOLE_TRACE_NORMAL = 2097152;
    const SWOOLE_TRACE_PHP = 512;
    const SWOOLE_TRACE_REACTOR = 256;
    const SWOOLE_TRACE_REDIS_CLIENT = 65536;
    const SWOOLE_TRACE_SERVER = 2;
    const SWOOLE_TRACE_SSL = 1048576;
    const SWOOLE_TRACE_SOCKET = 16777216;
    const SWOOLE_TRACE_TABLE = 268435456;
    const SWOOLE_TRACE_THREAD = 1099511627776;
    const SWOOLE_TRACE_TIMER = 8388608;
    const SWOOLE_TRACE_WEBSOCKET = 32768;
    const SWOOLE_TRACE_WORKER = 64;
    const SWOOLE_TRACE_ZLIB = 2147483648;
    const SWOOLE_DEBUG = false;
    const SWOOLE_HAVE_BROTLI = true;
    const SWOOLE_HAVE_COMPRESSION = true;
    const SWOOLE_HAVE_ZLIB = true;
    const SWOOLE_LIBRARY = true;
    const SWOOLE_TIMER_MAX_SEC = 9223372036854776.0;
    const SWOOLE_TIMER_MIN_SEC = 0.001;
    const SOCKET_ECANCELED = 125;
    const TCP_INFO = 11;
    const SWOOLE_EVENT_READ = 512;
    const SWOOLE_EVENT_WRITE = 1024;

    function go(callable $func, mixed ...$params): int|false {}
    function co(callable $func, mixed ...$params): int|false {}
    function defer(callable $callback): void {}
    function swoole_cpu_num(): int {}

    /**
     * Swoole identity (corust.swoole_identity, on by default; off by itself
     * when the real swoole extension is loaded): the module is also visible
     * as "swoole", claiming the Swoole version whose API corust implements.
     */
    const SWOOLE_VERSION = '6.2.2';
    const SWOOLE_VERSION_ID = 60202;
    const SWOOLE_MAJOR_VERSION = 6;
    const SWOOLE_MINOR_VERSION = 2;
    const SWOOLE_RELEASE_VERSION = 2;
    const SWOOLE_EXTRA_VERSION = '';
    function swoole_version(): string {}

    /**
     * Swoole's error API (with corust.swoole_aliases): SWOOLE_ERROR_* codes
     * (Swoole 6.2.2's values), SWOOLE_STRERROR_SYSTEM/GAI/DNS/SWOOLE.
     * swoole_last_error() is set where Swoole sets it (a failed or
     * successful cancel(), a canceled wait).
     */
    const SWOOLE_ERROR_CO_CANCELED = 10017;
    const SWOOLE_STRERROR_SYSTEM = 0;
    const SWOOLE_STRERROR_GAI = 1;
    const SWOOLE_STRERROR_DNS = 2;
    const SWOOLE_STRERROR_SWOOLE = 9;
    function swoole_last_error(): int {}
    function swoole_errno(): int {}
    function swoole_strerror(int $errno, int $error_type = SWOOLE_STRERROR_SYSTEM): string {}
    function swoole_clear_error(): void {}

    /** Swoole's helper functions (with corust.swoole_aliases). */
    function swoole_timer_after(int $ms, callable $callback, mixed ...$params): false|int {}
    function swoole_timer_tick(int $ms, callable $callback, mixed ...$params): false|int {}
    function swoole_timer_clear(int $timer_id): bool {}
    function swoole_timer_clear_all(): bool {}
    function swoole_timer_exists(int $timer_id): bool {}
    function swoole_timer_list(): \Swoole\Timer\Iterator {}
    function swoole_timer_info(int $timer_id): ?array {}
    function swoole_timer_stats(): array {}
    function swoole_event_wait(): void {}
    function swoole_event_add(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = SWOOLE_EVENT_READ): false|int {}
    function swoole_event_set(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = 0): bool {}
    function swoole_event_del(mixed $fd): bool {}
    function swoole_event_write(mixed $fd, string $data): bool {}
    function swoole_event_exit(): void {}
    function swoole_event_defer(callable $callback): bool {}
    function swoole_event_cycle(?callable $callback, bool $before = false): bool {}
    function swoole_event_dispatch(): bool {}
    function swoole_event_isset(mixed $fd, int $events = SWOOLE_EVENT_READ | SWOOLE_EVENT_WRITE): bool {}
    function swoole_coroutine_create(callable $func, mixed ...$params): int|false {}
    function swoole_coroutine_defer(callable $callback): void {}
    /** Coroutine::set()'s options take effect; the rest are accepted. */
    function swoole_async_set(array $settings): bool {}
    function swoole_set_process_name(string $process_name): bool {}
    /** Interface name => address, loopback left out. */
    function swoole_get_local_ip(int $family = 2): array {}
    function swoole_get_local_mac(): array {}
    function swoole_async_dns_lookup_coro(string $domain_name, float $timeout = 60, int $type = AF_INET): string|false {}
    function swoole_clear_dns_cache(): void {}
    function swoole_error_log(int $level, string $msg): void {}
    function swoole_error_log_ex(int $level, int $error, string $msg): void {}
    function swoole_hashcode(string $data, int $type = 0): false|int {}
    function swoole_get_objects(): false|array {}
    function swoole_get_object_by_handle(int $handle): false|object {}
    function swoole_get_vm_status(): array {}
    function swoole_mime_type_get(string $filename): string {}
    function swoole_mime_type_exists(string $filename): bool {}
    /** False when the suffix already has a type. */
    function swoole_mime_type_add(string $suffix, string $mime_type): bool {}
    function swoole_mime_type_set(string $suffix, string $mime_type): void {}
    /** False when the suffix had no type. */
    function swoole_mime_type_delete(string $suffix): bool {}
    /** The types (a list): the common web ones and the application's additions. */
    function swoole_mime_type_list(): array {}
    /** The server's log lines for that error code are dropped from now on. */
    function swoole_ignore_error(int $error): void {}
    function swoole_coroutine_socketpair(int $domain, int $type, int $protocol): array|false {}
    /**
     * The address of $name from the registered name resolvers (then DNS): "ip", or
     * "ip:port" with a Context made with $withPort; '' when it cannot be resolved.
     * Successive calls with one Context take the nodes of a cluster one by one.
     */
    function swoole_name_resolver_lookup(string $name, Swoole\NameResolver\Context $ctx): string {}
    /** Registers a resolver (also Coroutine::set(['name_resolver' => [...]])); coroutine clients ask it for host names. */
    function swoole_name_resolver_add(Swoole\NameResolver $ns): bool {}
    /** False when that resolver was not registered. */
    function swoole_name_resolver_remove(Swoole\NameResolver $ns): bool {}
    /** The library's options store (library). */
    function swoole_library_get_option(string $key): mixed {}
    function swoole_library_get_options(): array {}
    function swoole_library_set_option(string $key, mixed $value): void {}
    function swoole_library_set_options(array $options): void {}
}

namespace Co {
    function run(callable $fn, mixed ...$args): bool {}
    /** Same as go() (short names on). */
    function go(callable $fn, mixed ...$args): int|false {}
    /** Same as defer() (short names on). */
    function defer(callable $fn): void {}
}

namespace Swoole\Coroutine {
    /** Each task in its own coroutine; waits for all (at most $timeout s): results by key, null for unfinished. (library) */
    function batch(array $tasks, float $timeout = -1): array {}

    /** $fn in $n coroutines at once; waits for all. (library) */
    function parallel(int $n, callable $fn): void {}

    /** $fn($value, $key) per element, each in its own coroutine; results by key. (library) */
    function map(array $list, callable $fn, float $timeout = -1): array {}

    /** Prints Swoole's "all coroutines are asleep - deadlock!" report with each coroutine's backtrace. (library) */
    function deadlock_check(): void {}

    /** Same as Coroutine::create(). */
    function go(callable $fn, mixed ...$args): int|false {}

    /** Same as Coroutine::defer(). */
    function defer(callable $fn): void {}

    /** Thrown in a coroutine by Coroutine::cancel($cid, true). */
    final class CanceledException extends \Exception {}

    /** Thrown in a coroutine when its Coroutine::setTimeLimit() passes. */
    final class TimeoutException extends \Exception {}

    function run(callable $fn, mixed ...$args): bool {}
}

namespace Swoole {
    /** Misuse of the coroutine API (e.g. a waiting call outside a coroutine). */
    class Error extends \Error {}

    class Exception extends \Exception {}

    /**
     * A child process running $callback($process), with a unix socket pair as its pipe to
     * the parent, and a System V message queue (useQueue/push/pop). Not yet: affinity.
     */
    class Process
    {
        public const IPC_NOWAIT = 256;
        public const PIPE_MASTER = 1;
        public const PIPE_WORKER = 2;
        public const PIPE_READ = 3;
        public const PIPE_WRITE = 4;
        public const PIPE_TYPE_NONE = 0;
        public const PIPE_TYPE_STREAM = 1;
        public const PIPE_TYPE_DGRAM = 2;
        public $pipe;
        public $msgQueueId;
        public $msgQueueKey;
        public $pid;
        public $id;
        private $callback;
        public function __construct(callable $callback, bool $redirect_stdin_and_stdout = false, int $pipe_type = SOCK_DGRAM, bool $enable_coroutine = false) {}
        public function __destruct() {}
        /** Forks (outside coroutines only): the child's pid in the parent; the child runs the callable, then exits. */
        public function start(): bool|int {}
        /** One read of the pipe (in a coroutine the wait is in the reactor). */
        public function read(int $size = 8192): false|string {}
        public function write(string $data): false|int {}
        public function close(int $which = 0): bool {}
        /** Ends the child (only there). */
        public function exit(int $exit_code = 0): void {}
        public function exec(string $exec_file, array $args): bool {}
        public function name(string $process_name): bool {}
        public function setBlocking(bool $blocking): bool {}
        public function setTimeout(float $seconds): bool {}
        public function setPriority(int $which, int $priority, ?int $who = null): bool {}
        public function getPriority(int $which, ?int $who = null): int|false {}
        public function set(array $settings): void {}
        /** The pipe as a Coroutine\Socket (the same object each call; its own copy of the fd). */
        public function exportSocket(): \Swoole\Coroutine\Socket|false {}
        public function useQueue(int $key = 0, int $mode = 2, int $capacity = -1): bool {}
        public function statQueue(): array|false {}
        public function freeQueue(): bool {}
        public function pop(int $size = 65536): string|false {}
        public function push(string $data): bool {}
        public static function kill(int $pid, int $signal_no = SIGTERM): bool {}
        /** Reaps a child: ['pid' => …, 'code' => …, 'signal' => …]. */
        public static function wait(bool $blocking = true): array|false {}
        /** $callback($signal_no) in a coroutine each time the signal comes; null removes it. Does not keep the loop running. */
        public static function signal(int $signal_no, ?callable $callback = null): bool {}
        public static function alarm(int $usec, int $type = 0): bool {}
        public static function daemon(bool $nochdir = true, bool $noclose = true, array $pipes = []): bool {}
        public static function setAffinity(array $cpu_settings): bool {}
        public static function getAffinity(): array {}
    }

    /**
     * A 32-bit unsigned value in memory shared with the processes forked after it was
     * made; wait()/wakeup() are Swoole's futex protocol (they block the process).
     */
    class Atomic
    {
        public function __construct(int $value = 0) {}
        /** The new value (wraps at 2^32). */
        public function add(int $add_value = 1): int {}
        public function sub(int $sub_value = 1): int {}
        public function get(): int {}
        public function set(int $value): void {}
        public function cmpset(int $cmp_value, int $new_value): bool {}
        /** True at once if the value is 1 (then 0); else sleeps while 0 until wakeup() or $timeout (<= 0: none). */
        public function wait(float $timeout = 1.0): bool {}
        /** If the value is 0: sets 1 and wakes up to $count waiters. */
        public function wakeup(int $count = 1): bool {}
    }

    /**
     * What exit()/die() throws inside a coroutine or a server worker (as Swoole before
     * PHP 8.4): uncaught, it is the coroutine's fatal error.
     */
    class ExitException extends \Swoole\Exception
    {
        private $flags = 0;
        private $status = 0;
        /** SWOOLE_EXIT_IN_COROUTINE | SWOOLE_EXIT_IN_SERVER */
        public function getFlags(): int {}
        /** The value given to exit (null for none). */
        public function getStatus(): mixed {}
    }

    class Coroutine
    {
        /** Same as go(). */
        public static function create(callable $func, mixed ...$param): int|false {}

        /** Same as defer(). */
        public static function defer(callable $callback): void {}

        /** Id of the running coroutine, -1 outside any. */
        public static function id(): int {}

        /** Same as id(). */
        public static function getCid(): int {}

        /**
         * Id of the coroutine that created $cid (default: the current one); -1 if it
         * was created outside any coroutine; false if $cid does not exist.
         */
        public static function getPcid(int $cid = 0): int|false {}

        public static function inCoroutine(): bool {}

        /** Milliseconds since the coroutine started (a request's: since it arrived); -1 outside coroutines or for an unknown id. */
        public static function getElapsed(int $cid = 0): int {}

        /** Same as getCid(). */
        public static function getuid(): int {}

        /** Bytes of PHP VM stack pages the coroutine holds (Swoole's measure); false for an unknown id. */
        public static function getStackUsage(int $cid = 0): false|int {}

        /** Swoole's preemptive-scheduler switch: corust has no preemption and only records it (true when it changed). */
        public static function enableScheduler(): bool {}
        public static function disableScheduler(): bool {}

        /** After $timeout seconds a TimeoutException is thrown in this coroutine where it waits then. */
        public static function setTimeLimit(float $timeout): bool {}

        public static function exists(int $cid): bool {}

        /** ids of live coroutines (Swoole\Coroutine\Iterator is an ArrayIterator) */
        public static function list(): \Swoole\Coroutine\Iterator {}

        /** @return \ArrayIterator<int, int> */
        public static function listCoroutines(): \Swoole\Coroutine\Iterator {}

        /**
         * @return array{event_num: int, signal_listener_num: int, aio_task_num: int,
         *   aio_worker_num: int, aio_queue_size: int, c_stack_size: int, coroutine_num: int,
         *   coroutine_peak_num: int, coroutine_last_cid: int}
         */
        public static function stats(): array {}

        /** Suspends the current coroutine for $seconds; others run meanwhile. */
        public static function sleep(float $seconds): bool {}

        /** Suspends the current coroutine until resume() is called with its id. */
        public static function yield(): bool {}

        /** Same as yield(). */
        public static function suspend(): bool {}

        /** Switches to a coroutine suspended by yield(); false (warning) otherwise. */
        public static function resume(int $cid): bool {}

        /** @param array{max_coroutine?: int, hook_flags?: int, c_stack_size?: int} $options */
        public static function set(array $options): void {}

        public static function getOptions(): ?array {}

        /**
         * Wakes coroutine $cid blocked in sleep, a Channel or a WaitGroup at once: its wait
         * returns false (errCode CANCELED). False (warning) if it is not in such a wait.
         */
        public static function cancel(int $cid, bool $throw_exception = false): bool {}

        /** True when the current coroutine's last wait was canceled. */
        public static function isCanceled(): bool {}

        /** The per-coroutine context (null for an unknown $cid), freed when the coroutine ends. */
        public static function getContext(int $cid = 0): ?\Swoole\Coroutine\Context {}

        /** debug_backtrace() of coroutine $cid (0: current); false if it does not exist. */
        public static function getBackTrace(int $cid = 0, int $options = DEBUG_BACKTRACE_PROVIDE_OBJECT, int $limit = 0): array|false {}
        public static function printBackTrace(int $cid = 0, int $options = 0, int $limit = 0): void {}
        /** Waits until every listed coroutine has ended; false on timeout or cancel. */
        public static function join(array $cid_array, float $timeout = -1): bool {}
        /** The Coroutine\System calls, also here as in Swoole. @see \Corust\Coroutine\System */
        public static function exec(string $command, bool $get_error_stream = false): array|false {}
        public static function wait(float $timeout = -1): array|false {}
        public static function waitPid(int $pid, float $timeout = -1): array|false {}
        public static function waitEvent(mixed $socket, int $events = SWOOLE_EVENT_READ, float $timeout = -1): int|false {}
        /** Waits (in the reactor) for one of the signals; the signal, or false on timeout or cancel. */
        public static function waitSignal(int|array $signals, float $timeout = -1): int|false {}
        public static function readFile(string $filename, int $flag = 0): string|false {}
        public static function writeFile(string $filename, string $fileContent, int $flags = 0): int|false {}
        public static function statvfs(string $path): array|false {}
        /** getaddrinfo(3) on the blocking pool: every address, or false. */
        public static function getaddrinfo(string $domain, int $family = AF_INET, int $socktype = SOCK_STREAM, int $protocol = STREAM_IPPROTO_TCP, ?string $service = null, float $timeout = -1): array|bool {}
        public static function gethostbyname(string $domain_name, int $type = AF_INET, float $timeout = -1): string|false {}
        public static function dnsLookup(string $domain_name, float $timeout = 60, int $type = AF_INET): string|false {}
    }

    class Timer
    {
        /** Runs $callback(...$args) once after $ms milliseconds, in a new coroutine. */
        public static function after(int $ms, callable $callback, mixed ...$params): int|false {}

        /** Runs $callback($timerId, ...$args) every $ms milliseconds until cleared. */
        public static function tick(int $ms, callable $callback, mixed ...$params): int|false {}

        public static function clear(int $timer_id): bool {}

        public static function clearAll(): bool {}

        public static function exists(int $timer_id): bool {}

        /** @return \Swoole\Timer\Iterator ids of armed timers (an ArrayIterator) */
        public static function list(): \Swoole\Timer\Iterator {}

        /** exec_msec (next firing, ms since the first timer), exec_count, interval, round, removed; null if unknown. */
        public static function info(int $timer_id): ?array {}

        /** initialized, num (armed timers, the runtime's own included), round. */
        public static function stats(): array {}
    }

    /** Runtime hooks: blocking PHP code yields inside coroutines (Swoole's flag values). */
    class Runtime
    {
        public const HOOK_TCP = 2;
        public const HOOK_UDP = 4;
        public const HOOK_UNIX = 8;
        public const HOOK_UDG = 16;
        public const HOOK_SSL = 32;
        public const HOOK_TLS = 64;
        public const HOOK_STREAM_FUNCTION = 128;
        public const HOOK_STREAM_SELECT = 128;
        public const HOOK_FILE = 256;
        public const HOOK_SLEEP = 512;
        public const HOOK_PROC = 1024;
        public const HOOK_CURL = 2048;
        public const HOOK_NATIVE_CURL = 4096;
        public const HOOK_BLOCKING_FUNCTION = 8192;
        public const HOOK_SOCKETS = 16384;
        public const HOOK_STDIO = 32768;
        public const HOOK_PDO_PGSQL = 65536;
        public const HOOK_PDO_ODBC = 131072;
        public const HOOK_PDO_ORACLE = 262144;
        public const HOOK_PDO_SQLITE = 524288;
        public const HOOK_PDO_FIREBIRD = 1048576;
        public const HOOK_NET_FUNCTION = 2097152;
        public const HOOK_MONGODB = 4194304;
        public const HOOK_NONE = 0;
        public const HOOK_ALL = 2143287295;

        /** Turns hooks on (true or flags; default HOOK_ALL) or all off (false). */
        public static function enableCoroutine(int $flags = SWOOLE_HOOK_ALL): bool {}

        /** Exactly these hooks on, every other original restored. */
        public static function setHookFlags(int $flags): bool {}

        public static function getHookFlags(): int {}
    }

    /** A multi-process server (SWOOLE_BASE model): a manager forks and supervises workers. */
    class Server
    {
        public $host = null;
        public $port = null;
        public $mode = null;
        public $type = null;
        public $setting = null;
        public $master_pid = null;
        public $manager_pid = null;
        /** -1 in the manager, 0..worker_num-1 in workers. */
        public $worker_id = null;
        public $worker_pid = null;
        public $taskworker = null;
        /** Its listening ports: the primary one (a Server\Port). */
        public $ports = null;
        public $connections = null;
        /** The library's Server\Helper keeps its stats_file timer here. */
        public $stats_timer = null;
        /** The library's Server\Admin keeps its Coroutine\Http\Server here (worker 0). */
        public $admin_server = null;

        /** Binds the listening socket (SO_REUSEADDR) at once; port 0 picks a free port. */
        public function __construct(string $host = '0.0.0.0', int $port = 0, int $mode = SWOOLE_BASE, int $sock_type = SWOOLE_SOCK_TCP) {}

        /** worker_num, task_worker_num, max_request, max_wait_time, package_max_length, max_coroutine … */
        public function set(array $settings): bool {}

        /** start, managerStart, workerStart, workerStop, connect, receive, close, request, task, finish, shutdown. */
        public function on(string $event_name, callable $callback): bool {}

        public function getCallback(string $event_name): \Closure|string|null|array {}

        /** More ports are not built yet: warns and returns false. */
        public function listen(string $host, int $port, int $sock_type): false|\Swoole\Server\Port {}
        public function addlistener(string $host, int $port, int $sock_type): false|\Swoole\Server\Port {}

        /** Runs until stopped (returns true in the manager); workers end their process. */
        public function start(): bool {}

        /** Graceful stop of the whole server (SIGTERM to the manager). */
        public function shutdown(): bool {}

        /** Replaces the workers one at a time (SIGUSR1 to the manager). */
        public function reload(bool $only_reload_taskworker = false): bool {}

        /** Swoole's keys; totals over the server's processes, worker_* this one's. */
        public function stats(): array {}

        /** A message to another worker or task worker: its pipeMessage($server, $src_worker_id, $message). */
        public function sendMessage(mixed $message, int $dst_worker_id): bool {}

        /** A user process forked (and re-forked) by the manager with the workers; returns its index. */
        public function addProcess(\Swoole\Process $process): int|false {}

        /** Before start(): a named handler ($server, string $json): string for the process types given (not reactor threads). */
        public function addCommand(string $name, int $accepted_process_types, callable $callback): bool {}

        /** From worker 0, in a coroutine: runs a command in the master (worker 0 itself), the manager, a worker or a task worker; its reply, JSON-decoded unless $json_decode is false. */
        public function command(string $name, int $process_id, int $process_type, mixed $data, bool $json_decode = true): false|string|array {}

        /** Asks a worker (this one by default) to stop gracefully; the manager replaces it. */
        public function stop(int $workerId = -1): bool {}

        /** Sends a task and waits (the coroutine) for its result; false on timeout. */
        public function taskwait(mixed $data, float $timeout = 0.5, int $taskWorkerIndex = -1): mixed {}

        /** Results by task position as they came; the late ones left out. */
        public function taskWaitMulti(array $tasks, float $timeout = 0.5): false|array {}

        /** Results by task position as they came, then false for the late ones. */
        public function taskCo(array $tasks, float $timeout = 0.5): array|false {}

        /** A connection of this worker. */
        public function getClientInfo(int $fd, int $reactor_id = -1, bool $ignoreError = false): false|array {}

        /** Fds of this worker's connections above $start_fd, ascending. */
        public function getClientList(int $start_fd = 0, int $find_count = 10): false|array {}
        public function connection_info(int $fd, int $reactor_id = -1, bool $ignoreError = false): false|array {}
        public function connection_list(int $start_fd = 0, int $find_count = 10): false|array {}
        public function getSocket(int $port = 0): \Socket|false {}

        public function getWorkerId(): int|false {}

        public function getWorkerPid(int $worker_id = -1): int|false {}

        /** SWOOLE_WORKER_BUSY while requests are in flight, SWOOLE_WORKER_IDLE, SWOOLE_WORKER_EXIT. */
        public function getWorkerStatus(int $worker_id = -1): int|false {}

        public function getManagerPid(): int {}

        /** In BASE mode: worker 0 (Swoole's). */
        public function getMasterPid(): int {}

        /** Sends data to a client of this worker. */
        public function send(int|string $fd, string $send_data, int $serverSocket = -1): bool {}

        /** Closes a client connection: onClose runs now, the socket closes once what was sent is out ($reset: at once). */
        public function close(int $fd, bool $reset = false): bool {}

        public function exists(int $fd): bool {}

        public function exist(int $fd): bool {}

        /** The connections silent past their port's heartbeat_idle_time (closed when $ifCloseConnection). */
        public function heartbeat(bool $ifCloseConnection = true): false|array {}

        /** The file (or its part) queued behind what was sent before, written with sendfile(2). */
        public function sendfile(int $conn_fd, string $filename, int $offset = 0, int $length = 0): bool {}

        /** Ties a uid to a connection, once (getClientInfo()['uid']). */
        public function bind(int $fd, int $uid): bool {}

        /** Sends and returns once the bytes are written. */
        public function sendwait(int $conn_fd, string $send_data): bool {}

        /** A protected connection is never closed by the heartbeat. */
        public function protect(int $fd, bool $is_protected = true): bool {}

        /** No receive events for the connection until resume(). */
        public function pause(int $fd): bool {}

        public function resume(int $fd): bool {}

        /** resume(). */
        public function confirm(int $fd): bool {}

        /** swoole_last_error(). */
        public function getLastError(): int {}

        /** A datagram from one of the server's UDP ports. */
        public function sendto(string $ip, int $port, string $send_data, int $server_socket = -1): bool {}

        /** Sends $data (serialized) to a task worker; the task id, or false. */
        public function task(mixed $data, int $taskWorkerIndex = -1, ?callable $finishCallback = null): int|false {}

        /** In onTask: sends the result back to the worker that asked. */
        public function finish(mixed $data): bool {}
    }

    /** Swoole\Constant: Swoole 6.2.2's event and option names. */
    class Constant
    {
        public const EVENT_START = 'start';
        public const EVENT_BEFORE_SHUTDOWN = 'beforeShutdown';
        public const EVENT_SHUTDOWN = 'shutdown';
        public const EVENT_WORKER_START = 'workerStart';
        public const EVENT_WORKER_STOP = 'workerStop';
        public const EVENT_BEFORE_RELOAD = 'beforeReload';
        public const EVENT_AFTER_RELOAD = 'afterReload';
        public const EVENT_TASK = 'task';
        public const EVENT_FINISH = 'finish';
        public const EVENT_WORKER_EXIT = 'workerExit';
        public const EVENT_WORKER_ERROR = 'workerError';
        public const EVENT_MANAGER_START = 'managerStart';
        public const EVENT_MANAGER_STOP = 'managerStop';
        public const EVENT_PIPE_MESSAGE = 'pipeMessage';
        public const EVENT_CONNECT = 'connect';
        public const EVENT_RECEIVE = 'receive';
        public const EVENT_CLOSE = 'close';
        public const EVENT_PACKET = 'packet';
        public const EVENT_BUFFER_FULL = 'bufferFull';
        public const EVENT_BUFFER_EMPTY = 'bufferEmpty';
        public const EVENT_REQUEST = 'request';
        public const EVENT_HANDSHAKE = 'handshake';
        public const EVENT_BEFORE_HANDSHAKE_RESPONSE = 'beforeHandshakeResponse';
        public const EVENT_OPEN = 'open';
        public const EVENT_MESSAGE = 'message';
        public const EVENT_DISCONNECT = 'disconnect';
        public const EVENT_ERROR = 'error';
        public const OPTION_DEBUG_MODE = 'debug_mode';
        public const OPTION_TRACE_FLAGS = 'trace_flags';
        public const OPTION_LOG_FILE = 'log_file';
        public const OPTION_LOG_LEVEL = 'log_level';
        public const OPTION_LOG_DATE_FORMAT = 'log_date_format';
        public const OPTION_LOG_DATE_WITH_MICROSECONDS = 'log_date_with_microseconds';
        public const OPTION_LOG_ROTATION = 'log_rotation';
        public const OPTION_DISPLAY_ERRORS = 'display_errors';
        public const OPTION_DNS_SERVER = 'dns_server';
        public const OPTION_SOCKET_DNS_TIMEOUT = 'socket_dns_timeout';
        public const OPTION_SOCKET_CONNECT_TIMEOUT = 'socket_connect_timeout';
        public const OPTION_SOCKET_WRITE_TIMEOUT = 'socket_write_timeout';
        public const OPTION_SOCKET_SEND_TIMEOUT = 'socket_send_timeout';
        public const OPTION_SOCKET_READ_TIMEOUT = 'socket_read_timeout';
        public const OPTION_SOCKET_RECV_TIMEOUT = 'socket_recv_timeout';
        public const OPTION_SOCKET_TIMEOUT = 'socket_timeout';
        public const OPTION_SOCKET_BUFFER_SIZE = 'socket_buffer_size';
        public const OPTION_HTTP2_HEADER_TABLE_SIZE = 'http2_header_table_size';
        public const OPTION_HTTP2_ENABLE_PUSH = 'http2_enable_push';
        public const OPTION_HTTP2_MAX_CONCURRENT_STREAMS = 'http2_max_concurrent_streams';
        public const OPTION_HTTP2_INIT_WINDOW_SIZE = 'http2_init_window_size';
        public const OPTION_HTTP2_MAX_FRAME_SIZE = 'http2_max_frame_size';
        public const OPTION_HTTP2_MAX_HEADER_LIST_SIZE = 'http2_max_header_list_size';
        public const OPTION_AIO_CORE_WORKER_NUM = 'aio_core_worker_num';
        public const OPTION_AIO_WORKER_NUM = 'aio_worker_num';
        public const OPTION_AIO_MAX_WAIT_TIME = 'aio_max_wait_time';
        public const OPTION_AIO_MAX_IDLE_TIME = 'aio_max_idle_time';
        public const OPTION_IOURING_ENTRIES = 'iouring_entries';
        public const OPTION_IOURING_WORKERS = 'iouring_workers';
        public const OPTION_IOURING_FLAG = 'iouring_flag';
        public const OPTION_ENABLE_SIGNALFD = 'enable_signalfd';
        public const OPTION_ENABLE_KQUEUE = 'enable_kqueue';
        public const OPTION_WAIT_SIGNAL = 'wait_signal';
        public const OPTION_DNS_CACHE_REFRESH_TIME = 'dns_cache_refresh_time';
        public const OPTION_THREAD_NUM = 'thread_num';
        public const OPTION_MIN_THREAD_NUM = 'min_thread_num';
        public const OPTION_MAX_THREAD_NUM = 'max_thread_num';
        public const OPTION_SOCKET_DONTWAIT = 'socket_dontwait';
        public const OPTION_DNS_LOOKUP_RANDOM = 'dns_lookup_random';
        public const OPTION_USE_ASYNC_RESOLVER = 'use_async_resolver';
        public const OPTION_ENABLE_COROUTINE = 'enable_coroutine';
        public const OPTION_SSL_PROTOCOLS = 'ssl_protocols';
        public const OPTION_SSL_COMPRESS = 'ssl_compress';
        public const OPTION_SSL_CERT_FILE = 'ssl_cert_file';
        public const OPTION_SSL_KEY_FILE = 'ssl_key_file';
        public const OPTION_SSL_PASSPHRASE = 'ssl_passphrase';
        public const OPTION_SSL_HOST_NAME = 'ssl_host_name';
        public const OPTION_SSL_VERIFY_PEER = 'ssl_verify_peer';
        public const OPTION_SSL_ALLOW_SELF_SIGNED = 'ssl_allow_self_signed';
        public const OPTION_SSL_CAFILE = 'ssl_cafile';
        public const OPTION_SSL_CAPATH = 'ssl_capath';
        public const OPTION_SSL_VERIFY_DEPTH = 'ssl_verify_depth';
        public const OPTION_SSL_CIPHERS = 'ssl_ciphers';
        public const OPTION_OPEN_EOF_CHECK = 'open_eof_check';
        public const OPTION_OPEN_EOF_SPLIT = 'open_eof_split';
        public const OPTION_PACKAGE_EOF = 'package_eof';
        public const OPTION_OPEN_MQTT_PROTOCOL = 'open_mqtt_protocol';
        public const OPTION_OPEN_LENGTH_CHECK = 'open_length_check';
        public const OPTION_PACKAGE_LENGTH_TYPE = 'package_length_type';
        public const OPTION_PACKAGE_LENGTH_OFFSET = 'package_length_offset';
        public const OPTION_PACKAGE_BODY_OFFSET = 'package_body_offset';
        public const OPTION_PACKAGE_LENGTH_FUNC = 'package_length_func';
        public const OPTION_PACKAGE_MAX_LENGTH = 'package_max_length';
        public const OPTION_BUFFER_HIGH_WATERMARK = 'buffer_high_watermark';
        public const OPTION_BUFFER_LOW_WATERMARK = 'buffer_low_watermark';
        public const OPTION_BIND_PORT = 'bind_port';
        public const OPTION_BIND_ADDRESS = 'bind_address';
        public const OPTION_OPEN_TCP_NODELAY = 'open_tcp_nodelay';
        public const OPTION_SOCKS5_HOST = 'socks5_host';
        public const OPTION_SOCKS5_PORT = 'socks5_port';
        public const OPTION_SOCKS5_USERNAME = 'socks5_username';
        public const OPTION_SOCKS5_PASSWORD = 'socks5_password';
        public const OPTION_HTTP_PROXY_HOST = 'http_proxy_host';
        public const OPTION_HTTP_PROXY_PORT = 'http_proxy_port';
        public const OPTION_HTTP_PROXY_USERNAME = 'http_proxy_username';
        public const OPTION_HTTP_PROXY_USER = 'http_proxy_user';
        public const OPTION_HTTP_PROXY_PASSWORD = 'http_proxy_password';
        public const OPTION_MAX_CORO_NUM = 'max_coro_num';
        public const OPTION_MAX_COROUTINE = 'max_coroutine';
        public const OPTION_ENABLE_DEADLOCK_CHECK = 'enable_deadlock_check';
        public const OPTION_HOOK_FLAGS = 'hook_flags';
        public const OPTION_ENABLE_PREEMPTIVE_SCHEDULER = 'enable_preemptive_scheduler';
        public const OPTION_C_STACK_SIZE = 'c_stack_size';
        public const OPTION_STACK_SIZE = 'stack_size';
        public const OPTION_NAME_RESOLVER = 'name_resolver';
        public const OPTION_DNS_CACHE_EXPIRE = 'dns_cache_expire';
        public const OPTION_DNS_CACHE_CAPACITY = 'dns_cache_capacity';
        public const OPTION_CONNECT_TIMEOUT = 'connect_timeout';
        public const OPTION_TIMEOUT = 'timeout';
        public const OPTION_MAX_RETRIES = 'max_retries';
        public const OPTION_DEFER = 'defer';
        public const OPTION_LOWERCASE_HEADER = 'lowercase_header';
        public const OPTION_KEEP_ALIVE = 'keep_alive';
        public const OPTION_WEBSOCKET_MASK = 'websocket_mask';
        public const OPTION_HTTP_COMPRESSION = 'http_compression';
        public const OPTION_BODY_DECOMPRESSION = 'body_decompression';
        public const OPTION_WEBSOCKET_COMPRESSION = 'websocket_compression';
        public const OPTION_WRITE_FUNC = 'write_func';
        public const OPTION_HTTP_PARSE_COOKIE = 'http_parse_cookie';
        public const OPTION_HTTP_PARSE_POST = 'http_parse_post';
        public const OPTION_HTTP_PARSE_FILES = 'http_parse_files';
        public const OPTION_HTTP_COMPRESSION_LEVEL = 'http_compression_level';
        public const OPTION_COMPRESSION_LEVEL = 'compression_level';
        public const OPTION_HTTP_GZIP_LEVEL = 'http_gzip_level';
        public const OPTION_HTTP_COMPRESSION_MIN_LENGTH = 'http_compression_min_length';
        public const OPTION_COMPRESSION_MIN_LENGTH = 'compression_min_length';
        public const OPTION_HTTP_COMPRESSION_TYPES = 'http_compression_types';
        public const OPTION_COMPRESSION_TYPES = 'compression_types';
        public const OPTION_UPLOAD_TMP_DIR = 'upload_tmp_dir';
        public const OPTION_ENABLE_MESSAGE_BUS = 'enable_message_bus';
        public const OPTION_MAX_PACKAGE_SIZE = 'max_package_size';
        public const OPTION_SSL = 'ssl';
        public const OPTION_CHROOT = 'chroot';
        public const OPTION_USER = 'user';
        public const OPTION_GROUP = 'group';
        public const OPTION_DAEMONIZE = 'daemonize';
        public const OPTION_PID_FILE = 'pid_file';
        public const OPTION_REACTOR_NUM = 'reactor_num';
        public const OPTION_SINGLE_THREAD = 'single_thread';
        public const OPTION_WORKER_NUM = 'worker_num';
        public const OPTION_MAX_WAIT_TIME = 'max_wait_time';
        public const OPTION_MAX_QUEUED_BYTES = 'max_queued_bytes';
        public const OPTION_MAX_CONCURRENCY = 'max_concurrency';
        public const OPTION_WORKER_MAX_CONCURRENCY = 'worker_max_concurrency';
        public const OPTION_SEND_TIMEOUT = 'send_timeout';
        public const OPTION_DISPATCH_MODE = 'dispatch_mode';
        public const OPTION_SEND_YIELD = 'send_yield';
        public const OPTION_DISPATCH_FUNC = 'dispatch_func';
        public const OPTION_DISCARD_TIMEOUT_REQUEST = 'discard_timeout_request';
        public const OPTION_ENABLE_UNSAFE_EVENT = 'enable_unsafe_event';
        public const OPTION_ENABLE_DELAY_RECEIVE = 'enable_delay_receive';
        public const OPTION_ENABLE_REUSE_PORT = 'enable_reuse_port';
        public const OPTION_TASK_USE_OBJECT = 'task_use_object';
        public const OPTION_TASK_OBJECT = 'task_object';
        public const OPTION_EVENT_OBJECT = 'event_object';
        public const OPTION_TASK_ENABLE_COROUTINE = 'task_enable_coroutine';
        public const OPTION_TASK_WORKER_NUM = 'task_worker_num';
        public const OPTION_TASK_IPC_MODE = 'task_ipc_mode';
        public const OPTION_TASK_TMPDIR = 'task_tmpdir';
        public const OPTION_TASK_MAX_REQUEST = 'task_max_request';
        public const OPTION_TASK_MAX_REQUEST_GRACE = 'task_max_request_grace';
        public const OPTION_MAX_CONNECTION = 'max_connection';
        public const OPTION_MAX_CONN = 'max_conn';
        public const OPTION_START_SESSION_ID = 'start_session_id';
        public const OPTION_HEARTBEAT_CHECK_INTERVAL = 'heartbeat_check_interval';
        public const OPTION_HEARTBEAT_IDLE_TIME = 'heartbeat_idle_time';
        public const OPTION_MAX_REQUEST = 'max_request';
        public const OPTION_MAX_REQUEST_GRACE = 'max_request_grace';
        public const OPTION_RELOAD_ASYNC = 'reload_async';
        public const OPTION_OPEN_CPU_AFFINITY = 'open_cpu_affinity';
        public const OPTION_CPU_AFFINITY_IGNORE = 'cpu_affinity_ignore';
        public const OPTION_UPLOAD_MAX_FILESIZE = 'upload_max_filesize';
        public const OPTION_ENABLE_STATIC_HANDLER = 'enable_static_handler';
        public const OPTION_DOCUMENT_ROOT = 'document_root';
        public const OPTION_HTTP_AUTOINDEX = 'http_autoindex';
        public const OPTION_HTTP_INDEX_FILES = 'http_index_files';
        public const OPTION_STATIC_HANDLER_LOCATIONS = 'static_handler_locations';
        public const OPTION_URL_REWRITE_RULES = 'url_rewrite_rules';
        public const OPTION_INPUT_BUFFER_SIZE = 'input_buffer_size';
        public const OPTION_BUFFER_INPUT_SIZE = 'buffer_input_size';
        public const OPTION_OUTPUT_BUFFER_SIZE = 'output_buffer_size';
        public const OPTION_BUFFER_OUTPUT_SIZE = 'buffer_output_size';
        public const OPTION_MESSAGE_QUEUE_KEY = 'message_queue_key';
        public const OPTION_BOOTSTRAP = 'bootstrap';
        public const OPTION_INIT_ARGUMENTS = 'init_arguments';
        public const OPTION_BACKLOG = 'backlog';
        public const OPTION_KERNEL_SOCKET_RECV_BUFFER_SIZE = 'kernel_socket_recv_buffer_size';
        public const OPTION_KERNEL_SOCKET_SEND_BUFFER_SIZE = 'kernel_socket_send_buffer_size';
        public const OPTION_TCP_DEFER_ACCEPT = 'tcp_defer_accept';
        public const OPTION_OPEN_TCP_KEEPALIVE = 'open_tcp_keepalive';
        public const OPTION_OPEN_HTTP_PROTOCOL = 'open_http_protocol';
        public const OPTION_OPEN_WEBSOCKET_PROTOCOL = 'open_websocket_protocol';
        public const OPTION_WEBSOCKET_SUBPROTOCOL = 'websocket_subprotocol';
        public const OPTION_OPEN_WEBSOCKET_CLOSE_FRAME = 'open_websocket_close_frame';
        public const OPTION_OPEN_WEBSOCKET_PING_FRAME = 'open_websocket_ping_frame';
        public const OPTION_OPEN_WEBSOCKET_PONG_FRAME = 'open_websocket_pong_frame';
        public const OPTION_OPEN_HTTP2_PROTOCOL = 'open_http2_protocol';
        public const OPTION_OPEN_REDIS_PROTOCOL = 'open_redis_protocol';
        public const OPTION_MAX_IDLE_TIME = 'max_idle_time';
        public const OPTION_TCP_KEEPIDLE = 'tcp_keepidle';
        public const OPTION_TCP_KEEPINTERVAL = 'tcp_keepinterval';
        public const OPTION_TCP_KEEPCOUNT = 'tcp_keepcount';
        public const OPTION_TCP_USER_TIMEOUT = 'tcp_user_timeout';
        public const OPTION_TCP_FASTOPEN = 'tcp_fastopen';
        public const OPTION_PACKAGE_BODY_START = 'package_body_start';
        public const OPTION_SSL_CLIENT_CERT_FILE = 'ssl_client_cert_file';
        public const OPTION_SSL_PREFER_SERVER_CIPHERS = 'ssl_prefer_server_ciphers';
        public const OPTION_SSL_ECDH_CURVE = 'ssl_ecdh_curve';
        public const OPTION_SSL_DHPARAM = 'ssl_dhparam';
        public const OPTION_SSL_SNI_CERTS = 'ssl_sni_certs';
        public const OPTION_OPEN_SSL = 'open_ssl';
        public const OPTION_OPEN_FASTCGI_PROTOCOL = 'open_fastcgi_protocol';
        public const OPTION_READ_TIMEOUT = 'read_timeout';
        public const OPTION_WRITE_TIMEOUT = 'write_timeout';
        public const OPTION_SSL_DISABLE_COMPRESSION = 'ssl_disable_compression';
        public const OPTION_SSL_GREASE = 'ssl_grease';
        public const OPTION_EXIT_CONDITION = 'exit_condition';
        public const OPTION_DEADLOCK_CHECK_DISABLE_TRACE = 'deadlock_check_disable_trace';
        public const OPTION_DEADLOCK_CHECK_LIMIT = 'deadlock_check_limit';
        public const OPTION_DEADLOCK_CHECK_DEPTH = 'deadlock_check_depth';
        public const OPTION_STATS_FILE = 'stats_file';
        public const OPTION_STATS_TIMER_INTERVAL = 'stats_timer_interval';
        public const OPTION_ADMIN_SERVER = 'admin_server';
        public const OPTION_HTTP_CLIENT_DRIVER = 'http_client_driver';
    }

    /**
     * The event loop: fds watched with callbacks (each call in a coroutine of its own,
     * given the value passed to add()), callbacks at fixed points of each turn.
     * Also as the swoole_event_* functions.
     */
    class Event
    {
        /** Watches $fd (int, stream, Socket, or an object with $fd); the fd number, or false (warning). */
        public static function add(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = SWOOLE_EVENT_READ): false|int {}
        public static function del(mixed $fd): bool {}
        /** Replaces callbacks (null keeps one) and the events watched. */
        public static function set(mixed $fd, ?callable $read_callback = null, ?callable $write_callback = null, int $events = 0): bool {}
        public static function isset(mixed $fd, int $events = SWOOLE_EVENT_READ | SWOOLE_EVENT_WRITE): bool {}
        /** One turn of the loop. */
        public static function dispatch(): bool {}
        /** Runs $callback at the end of the loop's current turn. */
        public static function defer(callable $callback): bool {}
        /** Runs $callback on every turn (before each wait with $before); null removes it. */
        public static function cycle(?callable $callback, bool $before = false): bool {}
        /** Sends $data to a watched fd: now what it takes, the rest as it becomes writable. */
        public static function write(mixed $fd, string $data): bool {}
        /** Runs the loop until nothing is left (registered as a shutdown function by go()). */
        public static function wait(): void {}
        /** Stops the loop and clears the timers. */
        public static function exit(): void {}
    }
}

namespace Swoole\Coroutine {
    /** Bounded FIFO channel between coroutines. Subclassable. */
    class Channel
    {
        public const OK = 0;
        public const TIMEOUT = -1;
        public const CLOSED = -2;
        public const CANCELED = -3;

        public $capacity = 0;
        /** Result of the last push()/pop(): one of the constants above. */
        public $errCode = 0;

        /** $capacity < 1 is taken as 1. */
        public function __construct(int $size = 1) {}

        /** Waits while full ($timeout seconds; <= 0 = forever). False on timeout, close or cancel. */
        public function push(mixed $data, float $timeout = -1): bool {}

        /** Waits while empty. False on timeout, on a closed empty channel, or cancel (see errCode). */
        public function pop(float $timeout = -1): mixed {}

        /** Wakes every waiter; queued values stay poppable. False if already closed. */
        public function close(): bool {}

        public function length(): int {}
        public function isEmpty(): bool {}
        public function isFull(): bool {}

        /** @return array{consumer_num: int, producer_num: int, queue_num: int} */
        public function stats(): array {}
    }

    /** Waits until a counter drops to zero. Misuse throws Corust\Error ("WaitGroup misuse: …"). */
    class WaitGroup
    {
        public function __construct(int $delta = 0) {}
        public function add(int $delta = 1): void {}
        public function done(): void {}
        /** False on timeout or cancel. */
        public function wait(float $timeout = -1): bool {}
        public function count(): int {}
    }

    final class Barrier
    {
        public static function make(): self {}

        /** Waits until every other holder of $barrier has dropped it; sets $barrier to null. */
        public static function wait(\Swoole\Coroutine\Barrier &$barrier, float $timeout = -1): void {}
    }

    /** Swoole\Coroutine\Lock: a coroutine mutex; `shared: true` spans the processes forked after it. */
    class Lock
    {
        public $errCode = 0;

        public function __construct(bool $shared = false) {}
        /** With LOCK_NB in $operation, fails at once (errCode EBUSY) if another coroutine holds it. */
        public function lock(int $operation = LOCK_EX): bool {}
        public function unlock(): bool {}
    }

    /** Swoole\Coroutine\Scheduler: queue coroutines, then start() runs them and the event loop to the end. */
    class Scheduler
    {
        public function add(callable $func, mixed ...$param): void {}
        public function parallel(int $n, callable $func, mixed ...$param): void {}
        public function set(array $settings): void {}
        public function getOptions(): ?array {}
        public function start(): bool {}
    }

    /** What Coroutine::list() returns (Swoole\Coroutine\Iterator). */
    class Iterator extends \ArrayIterator {}

    class Context extends \ArrayObject {}

    /** Also Swoole\Coroutine\System and Co\System. Calls that wait need a coroutine. */
    class System
    {
        public static function sleep(float $seconds): bool {}
        /** @return array{code: int, signal: int, output: string}|false */
        public static function exec(string $command, bool $get_error_stream = false): array|false {}
        /** @return array{pid: int, code: int, signal: int}|false */
        public static function wait(float $timeout = -1): array|false {}
        /** @return array{pid: int, code: int, signal: int}|false */
        public static function waitPid(int $pid, float $timeout = -1): array|false {}
        /** @param resource|int $socket */
        public static function waitEvent(mixed $socket, int $events = SWOOLE_EVENT_READ, float $timeout = -1): int|false {}
        /** Waits (in the reactor) for one of the signals; the signal, or false on timeout or cancel. */
        public static function waitSignal(int|array $signals, float $timeout = -1): int|false {}
        public static function readFile(string $filename, int $flag = 0): string|false {}
        public static function writeFile(string $filename, string $fileContent, int $flags = 0): int|false {}
        public static function statvfs(string $path): array|false {}
        /** getaddrinfo(3) on the blocking pool: every address, or false. */
        public static function getaddrinfo(string $domain, int $family = AF_INET, int $socktype = SOCK_STREAM, int $protocol = STREAM_IPPROTO_TCP, ?string $service = null, float $timeout = -1): array|bool {}
        public static function gethostbyname(string $domain_name, int $type = AF_INET, float $timeout = -1): string|false {}
        public static function dnsLookup(string $domain_name, float $timeout = 60, int $type = AF_INET): string|false {}
    }
}

namespace Swoole {
    /**
     * A lock shared with the processes forked after it; it blocks the whole process.
     * A holder that died is taken over (with a warning) instead of wedging the others.
     */
    class Lock
    {
        public const MUTEX = 3;
        public const RWLOCK = 1;
        public const SPINLOCK = 5;
        public $errCode = 0;
        public function __construct(int $type = SWOOLE_MUTEX) {}
        /** LOCK_SH: a read lock of the rwlock; LOCK_NB: fail at once (errCode EBUSY). */
        public function lock(int $operation = LOCK_EX, float $timeout = -1): bool {}
        public function unlock(): bool {}
    }
}

namespace Swoole\Coroutine {
    /**
     * A socket whose waits yield the coroutine (rt::net). A call's timeout of 0 uses the
     * socket's own (connect 10 s, read/write 60 s, or Coroutine::set's socket_*_timeout;
     * SO_RCVTIMEO/SO_SNDTIMEO set them), a negative one waits forever. Reads give '' at the
     * peer's end and false with errCode/errMsg on an error. setProtocol() takes Swoole's
     * open_length_check / package_length_type / package_length_offset / package_body_offset
     * / open_eof_check / package_eof / package_max_length; recvPacket() returns one packet.
     * recvLine/recvWithBuffer/recvPacket share a read buffer that recv() drains first.
     * sslHandshake() is not built yet (false, EOPNOTSUPP); import() takes a duplicate of
     * the stream's fd.
     */
    class Socket
    {
        public $fd = null;
        public $domain = null;
        public $type = null;
        public $protocol = null;
        public $errCode = null;
        public $errMsg = null;
        public function __construct(int $domain, int $type, int $protocol = IPPROTO_IP) {}
        public function bind(string $address, int $port = 0): bool {}
        public function listen(int $backlog = 512): bool {}
        public function accept(float $timeout = 0): Socket|false {}
        public function connect(string $host, int $port = 0, float $timeout = 0): bool {}
        public function checkLiveness(): bool {}
        public function getBoundCid(int $event): int {}
        public function peek(int $length = 65536): string|false {}
        public function recv(int $length = 65536, float $timeout = 0): string|false {}
        public function send(string $data, float $timeout = 0): int|false {}
        public function readVector(array $io_vector, float $timeout = 0): false|array {}
        public function readVectorAll(array $io_vector, float $timeout = 0): false|array {}
        public function writeVector(array $io_vector, float $timeout = 0): false|int {}
        public function writeVectorAll(array $io_vector, float $timeout = 0): false|int {}
        public function sendFile(string $file, int $offset = 0, int $length = 0): bool {}
        public function recvAll(int $length = 65536, float $timeout = 0): false|string {}
        public function sendAll(string $data, float $timeout = 0): int|false {}
        public function recvPacket(float $timeout = 0): false|string {}
        public function recvLine(int $length = 65536, float $timeout = 0): string|false {}
        public function recvWithBuffer(int $length = 65536, float $timeout = 0): string|false {}
        public function recvfrom(mixed &$peername, float $timeout = 0): string|false {}
        public function sendto(string $addr, int $port, string $data): int|false {}
        public function getOption(int $level, int $opt_name): mixed {}
        public function setOption(int $level, int $opt_name, mixed $opt_value): bool {}
        public function setProtocol(array $settings): bool {}
        public function sslHandshake(): bool {}
        public function shutdown(int $how = 2): bool {}
        public function close(): bool {}
        public function cancel(int $event = SWOOLE_EVENT_READ): bool {}
        public function getsockname(): false|array {}
        public function getpeername(): false|array {}
        public function isClosed(): bool {}
        /** @param resource $stream */
        public static function import($stream): Socket|false {}
    }

    /**
     * A TCP/UDP/unix client on a Coroutine\Socket made at connect (exportSocket() returns
     * it). set(): timeout, connect_timeout, read_timeout, write_timeout, bind_address,
     * bind_port, socket_buffer_size, open_tcp_nodelay and setProtocol's framing (recv()
     * then returns one packet). A connect timeout also becomes the read/write timeout.
     * No TLS yet: enableSSL/getPeerCert/verifyPeerCert give false.
     */
    class Client
    {
        public const MSG_OOB = 1;
        public const MSG_PEEK = 2;
        public const MSG_DONTWAIT = 64;
        public const MSG_WAITALL = 256;
        public $errCode = null;
        public $errMsg = null;
        public $fd = null;
        public $socket = null;
        public $type = null;
        public $setting = null;
        public $connected = null;
        public function __construct(int $type) {}
        public function __destruct() {}
        public function set(array $settings): bool {}
        public function connect(string $host, int $port = 0, float $timeout = 0, int $sock_flag = 0): bool {}
        public function recv(float $timeout = 0): string|false {}
        public function peek(int $length = 65535): string|false {}
        public function send(string $data, float $timeout = 0): int|false {}
        public function sendfile(string $filename, int $offset = 0, int $length = 0): bool {}
        public function sendto(string $address, int $port, string $data): bool {}
        public function recvfrom(int $length, mixed &$address, mixed &$port = 0): false|string {}
        public function enableSSL(): bool {}
        public function getPeerCert(): false|string {}
        public function verifyPeerCert(bool $allow_self_signed = false): bool {}
        public function exportSocket(): \Swoole\Coroutine\Socket|false {}
        public function isConnected(): bool {}
        public function getsockname(): array|false {}
        public function getpeername(): array|false {}
        public function close(): bool {}
    }
}

namespace Swoole\Coroutine\Http {
    /**
     * HTTP/1.1 client whose waits yield the coroutine (Swoole's API and
     * properties): keep-alive, defer, gzip/deflate/br bodies, cookies,
     * multipart uploads, download(), write_func, WebSocket after
     * upgrade(), and https ($ssl, the ssl_* settings).
     */
    class Client
    {
        public $socket = null;
        public $errCode = 0;
        public $errMsg = '';
        public $connected = false;
        public $host = '';
        public $port = 0;
        public $ssl = false;
        public $setting = null;
        public $requestMethod = null;
        public $requestHeaders = null;
        public $requestBody = null;
        public $uploadFiles = null;
        public $downloadFile = null;
        public $downloadOffset = 0;
        public $statusCode = 0;
        public $headers = null;
        public $set_cookie_headers = null;
        public $cookies = null;
        public $body = '';
        public function __construct(string $host, int $port = 0, bool $ssl = false) {}
        public function __destruct() {}
        public function set(array $settings): bool {}
        public function getDefer(): bool {}
        public function setDefer(bool $defer = true): bool {}
        public function setMethod(string $method): bool {}
        public function setHeaders(array $headers): bool {}
        public function setBasicAuth(string $username, string $password): void {}
        public function setCookies(array $cookies): bool {}
        public function setData(array|string $data): bool {}
        public function addFile(string $path, string $name, ?string $type = null, ?string $filename = null, int $offset = 0, int $length = 0): bool {}
        public function addData(string $path, string $name, ?string $type = null, ?string $filename = null): bool {}
        public function execute(string $path): bool {}
        public function getsockname(): array|false {}
        public function getpeername(): array|false {}
        public function get(string $path): bool {}
        public function post(string $path, mixed $data): bool {}
        public function download(string $path, string $file, int $offset = 0): bool {}
        public function getBody(): false|string {}
        public function getHeaders(): null|array|false {}
        public function getCookies(): null|array|false {}
        public function getStatusCode(): false|int {}
        public function getHeaderOut(): false|string {}
        public function getPeerCert(): false|string {}
        public function upgrade(string $path): bool {}
        public function push(mixed $data, int $opcode = SWOOLE_WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool {}
        public function recv(float $timeout = 0): \Swoole\WebSocket\Frame|string|bool {}
        public function close(): bool {}
        public function ping(string $data = ""): bool {}
        public function disconnect(int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ""): bool {}
    }
}

namespace Swoole\Coroutine\Http\Client {
    class Exception extends \Swoole\Exception {}
}

namespace Swoole\Coroutine\Socket {
    class Exception extends \Swoole\Exception {}
}

namespace Swoole\Http {
    class Server extends \Swoole\Server
    {
        public function __construct(string $host = '0.0.0.0', int $port = 0, int $mode = SWOOLE_BASE, int $sock_type = SWOOLE_SOCK_TCP) {}
    }

    class Request
    {
        public $fd = null;
        /** @var array<string, string>|null lower-case names */
        public $header = null;
        /** request_method, request_uri, path_info, query_string, server_protocol, remote_addr, remote_port, request_time, request_time_float … */
        public $server = null;
        public $cookie = null;
        public $get = null;
        public $files = null;
        public $post = null;
        public $tmpfiles = null;

        public function getContent(): string|false {}
        public function rawContent(): string|false {}
        public function getMethod(): string|false {}
        public static function create(array $options = []): Request {}
        public function parse(string $data): int|false {}
        public function isCompleted(): bool {}
        public function getData(): string|false {}
    }

    class Response
    {
        public $fd = null;
        public $socket = null;
        /** Headers set here (name => value or list of values) are sent too, as in Swoole. */
        public $header = null;
        public $cookie = null;
        public $trailer = null;

        public function status(int $http_code, string $reason = ''): bool {}
        public function header(string $key, string|array $value, bool $format = true): bool {}
        public function cookie(\Swoole\Http\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool {}
        /** As cookie(), the value sent as given (refused if it holds , ; space or controls). */
        public function rawcookie(\Swoole\Http\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool {}
        public function setCookie(\Swoole\Http\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool {}
        public function setRawCookie(\Swoole\Http\Cookie|string $name_or_object, string $value = '', int $expires = 0, string $path = '/', string $domain = '', bool $secure = false, bool $httponly = false, string $samesite = '', string $priority = '', bool $partitioned = false): bool {}
        public function setStatusCode(int $http_code, string $reason = ''): bool {}
        public function setHeader(string $key, string|array $value, bool $format = true): bool {}
        /** Sent after the last chunk of a chunked (write()) response; the name in lower case. */
        public function trailer(string $key, string $value): bool {}
        /** Sends a chunk (Transfer-Encoding: chunked). */
        public function write(string $content): bool {}
        public function end(?string $content = null): bool {}
        /** The file as the whole body (sendfile(2)); Content-Type from its extension unless set. */
        public function sendfile(string $filename, int $offset = 0, int $length = 0): bool {}
        public function redirect(string $location, int $http_code = 302): bool {}
        public function isWritable(): bool {}
        public function detach(): bool {}
        public static function create(object|array|int $server = -1, int $fd = -1): Response|false {}

        /** Coroutine\Http\Server: answers the WebSocket handshake (101); recv()/push() then talk on the connection. */
        public function upgrade(): bool {}

        /** The next message as a WebSocket\Frame ('' once the peer closed, false on timeout). */
        public function recv(float $timeout = 0): \Swoole\WebSocket\Frame|false|string {}

        public function push(\Swoole\WebSocket\Frame|string $data, int $opcode = SWOOLE_WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool {}

        public function ping(string $data = ''): bool {}

        /** Closes the connection. */
        public function close(): bool {}

        /** A close frame, then the connection is closed. */
        public function disconnect(int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ''): bool {}
    }
}

namespace Swoole\Connection {
    /** $server->connections: this worker's connections (BASE mode), in fd order as at rewind(). */
    class Iterator implements \Iterator, \Countable, \ArrayAccess
    {
        public function __construct() {}
        public function rewind(): void {}
        public function next(): void {}
        public function current(): mixed {}
        public function key(): mixed {}
        public function valid(): bool {}
        public function count(): int {}
        public function offsetExists(mixed $fd): bool {}
        /** The connection's getClientInfo(). */
        public function offsetGet(mixed $fd): mixed {}
        public function offsetSet(mixed $fd, mixed $value): void {}
        public function offsetUnset(mixed $fd): void {}
    }
}

namespace Swoole\WebSocket {
    /**
     * An Http\Server that upgrades (RFC 6455): handshake (or the handshake event), open,
     * message (each in a coroutine), close/disconnect; pings answered and closes echoed
     * unless open_websocket_*_frame; permessage-deflate with websocket_compression.
     * BASE mode: push() reaches the connections of the calling worker.
     */
    class Server extends \Swoole\Http\Server
    {
        public function __construct(string $host = '0.0.0.0', int $port = 0, int $mode = SWOOLE_BASE, int $sock_type = SWOOLE_SOCK_TCP) {}
        /** Queued behind earlier frames of the connection (buffer_output_size). */
        public function push(int $fd, \Swoole\WebSocket\Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): bool {}
        public function isEstablished(int $fd): bool {}
        public static function pack(\Swoole\WebSocket\Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): string {}
        public static function unpack(string $data): \Swoole\WebSocket\Frame {}
        /** A close frame, then the connection is closed. */
        public function disconnect(int $fd, int $code = SWOOLE_WEBSOCKET_CLOSE_NORMAL, string $reason = ''): bool {}
        public function ping(int $fd, string $data = ''): bool {}
    }

    class Frame implements \Stringable
    {
        public $fd = 0;
        public $data = '';
        public $opcode = 1;
        public $flags = 1;
        public $finish = null;
        public function __toString(): string {}
        public static function pack(\Swoole\WebSocket\Frame|string $data, int $opcode = WEBSOCKET_OPCODE_TEXT, int $flags = SWOOLE_WEBSOCKET_FLAG_FIN): string {}
        public static function unpack(string $data): \Swoole\WebSocket\Frame {}
    }

    class CloseFrame extends Frame
    {
        public $opcode = 8;
        public $code = 1000;
        public $reason = '';
    }
}

namespace Swoole {
    /**
     * Fixed-schema rows in memory shared with the processes forked after create()
     * (a server's workers). A bucket's lock taken by a process that died is taken over
     * (with a warning), so a killed writer never wedges the others.
     */
    final class Table implements \Iterator, \Countable
    {
        public const TYPE_INT = 1;
        public const TYPE_STRING = 3;
        public const TYPE_FLOAT = 2;
        public $size = null;
        public $memorySize = null;
        public function __construct(int $table_size, float $conflict_proportion = 0.2) {}
        public function column(string $name, int $type, int $size = 0): bool {}
        public function create(): bool {}
        public function set(string $key, array $value): bool {}
        public function get(string $key, ?string $field = null): array|false|string|float|int {}
        public function del(string $key): bool {}
        public function delete(string $key): bool {}
        public function exists(string $key): bool {}
        public function exist(string $key): bool {}
        public function incr(string $key, string $column, int|float $incrby = 1): float|int {}
        public function decr(string $key, string $column, int|float $incrby = 1): float|int {}
        public function count(): int {}
        public function destroy(): bool {}
        public function getSize(): int {}
        public function getMemorySize(): int {}
        public function stats(): false|array {}
        public function rewind(): void {}
        public function next(): void {}
        public function current(): mixed {}
        public function key(): mixed {}
        public function valid(): bool {}
    }
}

namespace Swoole\Server {
    /** A listening port (Swoole\Server\Port); the primary port's set() and on() act on the server. */
    class Port
    {
        public $host = null;
        public $port = null;
        public $type = null;
        public $sock = null;
        public $setting = null;

        public function set(array $settings): void {}
        public function on(string $event_name, callable $callback): bool {}
        public function getCallback(string $event_name): ?\Closure {}
        public function getSocket(): \Socket|false {}
    }
}

namespace Swoole\Timer {
    /** What Timer::list() returns (Swoole\Timer\Iterator). */
    class Iterator extends \ArrayIterator {}
}

namespace Swoole\NameResolver {
    /** What a lookup remembers: the family, whether answers carry the port, the cluster being used. */
    class Context
    {
        public function __construct(int $family = AF_INET, bool $withPort = false) {}
    }
}

namespace Swoole\Atomic {
    /** A 64-bit signed value in memory shared with the processes forked after it was made. */
    class Long
    {
        public function __construct(int $value = 0) {}
        public function add(int $add_value = 1): int {}
        public function sub(int $sub_value = 1): int {}
        public function get(): int {}
        public function set(int $value): void {}
        public function cmpset(int $cmp_value, int $new_value): bool {}
    }
}

namespace Swoole {
    /** A blocking TCP/UDP/unix client: every wait blocks the process, inside a coroutine too. */
    class Client
    {
        public const MSG_OOB = 1;
        public const MSG_PEEK = 2;
        public const MSG_DONTWAIT = 64;
        public const MSG_WAITALL = 256;
        public const SHUT_RDWR = 2;
        public const SHUT_RD = 0;
        public const SHUT_WR = 1;

        public $errCode = null;
        public $sock = null;
        public $reuse = null;
        public $reuseCount = null;
        public $type = null;
        public $id = null;
        public $setting = null;

        public function __construct(int $type, bool $async = SWOOLE_SOCK_SYNC, string $id = '') {}
        public function __destruct() {}
        /** Merged into $setting, used at the next connect(). */
        public function set(array $settings): bool {}
        /** $timeout (0.5 s) is also the read and write timeout. */
        public function connect(string $host, int $port = 0, float $timeout = 0.5, int $sock_flag = 0): bool {}
        /** One packet with framing set, else one read (at most 64 KiB) or $size bytes with MSG_WAITALL; '' once the peer closed. */
        public function recv(int $size = 65536, int $flag = 0): string|false {}
        public function send(string $data, int $flag = 0): false|int {}
        public function sendfile(string $filename, int $offset = 0, int $length = 0): bool {}
        public function sendto(string $ip, int $port, string $data): bool {}
        /** No TLS yet: false. */
        public function enableSSL(?callable $onSslReady = null): bool {}
        public function getPeerCert(): string|bool {}
        public function verifyPeerCert(): bool {}
        public function isConnected(): bool {}
        public function getSocket(): \Socket|false {}
        public function getsockname(): array|false {}
        public function getpeername(): array|false {}
        public function close(bool $force = false): bool {}
        public function shutdown(int $how): bool {}
    }
}

namespace Swoole\Coroutine\Http {
    /** One-shot request (library): Coroutine\Http\Client, or curl / PHP's stream by the http_client_driver option. */
    function request(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy {}

    function request_with_http_client(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy {}

    function request_with_curl(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy {}

    function request_with_stream(string $url, string $method, mixed $data = null, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy {}

    function post(string $url, mixed $data, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy {}

    function get(string $url, ?array $options = null, ?array $headers = null, ?array $cookies = null): ClientProxy {}
}

namespace Swoole\Process {
    /**
     * A master that forks worker_num workers and re-forks each that ends, until shutdown()
     * or SIGTERM: workerStart/workerStop/start/shutdown/workerExit events, and with
     * SWOOLE_IPC_UNIXSOCK sendMessage() to a worker's message callback, SWOOLE_IPC_SOCKET
     * listen()/write(), SWOOLE_IPC_MSGQUEUE. Not yet: the message bus, detach().
     */
    class Pool
    {
        public $master_pid = null;
        public $workerPid = null;
        public $workerId = null;
        public $workers = null;
        public $workerRunning = null;
        public $running = null;

        public function __construct(int $worker_num, int $ipc_type = SWOOLE_IPC_NONE, int $msgqueue_key = 0, bool $enable_coroutine = false) {}
        public function __destruct() {}
        public function set(array $settings): void {}
        public function on(string $name, callable $callback): bool {}
        public function getProcess(int $work_id = -1): \Swoole\Process|false {}
        public function listen(string $host, int $port = 0, int $backlog = 2048): bool {}
        public function write(string $data): bool {}
        public function sendMessage(string $data, int $dst_worker_id): bool {}
        public function detach(): bool {}
        public function start(): null|false {}
        public function stop(): void {}
        public function shutdown(): bool {}
    }
}

namespace Swoole\Coroutine\Http {
    /** An HTTP/1.1 server inside a coroutine: handle() routes by path prefix, each connection is served in a coroutine of its own. */
    final class Server
    {
        public $fd = null;
        public $host = null;
        public $port = null;
        public $ssl = null;
        public $settings = null;
        public $errCode = null;
        public $errMsg = null;

        /** Binds and listens now (Swoole\Exception when it cannot); no TLS yet. */
        public function __construct(string $host, int $port = 0, bool $ssl = false, bool $reuse_port = false) {}
        public function __destruct() {}
        /** Merged into $settings, read by start(). */
        public function set(array $settings): bool {}
        /** The callback for paths starting with $pattern (the longest wins; '/' takes the rest, else 404). */
        public function handle(string $pattern, callable $callback): bool {}
        /** Accepts until shutdown(); in a coroutine. */
        public function start(): bool {}
        /** Stops accepting and closes connections waiting for their next request. */
        public function shutdown(): void {}
        private function onAccept(\Swoole\Coroutine\Socket $conn): void {}
    }
}

namespace Swoole\Server {
    /** What onTask gets with task_enable_coroutine (or task_object). */
    final class Task
    {
        public $data = null;
        public $dispatch_time = null;
        public $id = null;
        public $worker_id = null;
        public $flags = null;

        /** Answers this task (taskwait(), task()'s callback, onFinish). */
        public function finish(mixed $data): bool {}
        public static function pack(mixed $data): string|false {}
        public static function unpack(string $data): mixed {}
    }
}

namespace Swoole\Http {
    /** A cookie built with with*() calls, for Response::cookie()/rawcookie() or toString(). */
    class Cookie
    {
        public function __construct(bool $encode = true) {}
        public function withName(string $name): \Swoole\Http\Cookie {}
        public function withValue(string $value = ''): \Swoole\Http\Cookie {}
        public function withExpires(int $expires = 0): \Swoole\Http\Cookie {}
        public function withPath(string $path = '/'): \Swoole\Http\Cookie {}
        public function withDomain(string $domain = ''): \Swoole\Http\Cookie {}
        public function withSecure(bool $secure = false): \Swoole\Http\Cookie {}
        public function withHttpOnly(bool $httpOnly = false): \Swoole\Http\Cookie {}
        public function withSameSite(string $sameSite = ''): \Swoole\Http\Cookie {}
        public function withPriority(string $priority = ''): \Swoole\Http\Cookie {}
        public function withPartitioned(bool $partitioned = false): \Swoole\Http\Cookie {}
        /** The fields, Swoole's keys. */
        public function toArray(): array {}
        /** The Set-Cookie value; an invalid cookie warns, is reset and gives false. */
        public function toString(): string|false {}
        public function reset(): void {}
    }
}
