<?php
// Swoole\Server\Helper and Swoole\Server\Admin: Swoole 6.2.2 ships them in
// its PHP library; this is corust's own code with the same public API (the
// option tables, the server hooks, the admin commands and handlers).
// The server calls the Helper's hooks (server/helper.rs) only when one of
// its options (stats_file, admin_server) is set; library/mod.rs compiles
// this file the first time a script names one of the two classes.
declare(strict_types=1);

namespace Swoole\Server;

use Swoole\Coroutine;
use Swoole\Http\Request;
use Swoole\Http\Response;
use Swoole\Server;
use Swoole\Timer;

class Helper
{
    public const STATS_TIMER_INTERVAL_TIME = 1000;

    // The option names Swoole knows, by where they apply (checkOptions()).
    public const GLOBAL_OPTIONS = [
        'debug_mode' => true, 'trace_flags' => true, 'log_file' => true, 'log_level' => true,
        'log_date_format' => true, 'log_date_with_microseconds' => true, 'log_rotation' => true,
        'display_errors' => true, 'dns_server' => true, 'socket_dns_timeout' => true,
        'socket_connect_timeout' => true, 'socket_write_timeout' => true, 'socket_send_timeout' => true,
        'socket_read_timeout' => true, 'socket_recv_timeout' => true, 'socket_buffer_size' => true,
        'socket_timeout' => true, 'http2_header_table_size' => true, 'http2_enable_push' => true,
        'http2_max_concurrent_streams' => true, 'http2_init_window_size' => true,
        'http2_max_frame_size' => true, 'http2_max_header_list_size' => true,
    ];

    public const SERVER_OPTIONS = [
        'chroot' => true, 'user' => true, 'group' => true, 'daemonize' => true, 'pid_file' => true,
        'reactor_num' => true, 'single_thread' => true, 'worker_num' => true, 'max_wait_time' => true,
        'max_queued_bytes' => true, 'max_concurrency' => true, 'worker_max_concurrency' => true,
        'enable_coroutine' => true, 'send_timeout' => true, 'dispatch_mode' => true, 'send_yield' => true,
        'dispatch_func' => true, 'discard_timeout_request' => true, 'enable_unsafe_event' => true,
        'enable_delay_receive' => true, 'enable_reuse_port' => true, 'task_use_object' => true,
        'task_object' => true, 'event_object' => true, 'task_enable_coroutine' => true,
        'task_worker_num' => true, 'task_ipc_mode' => true, 'task_tmpdir' => true,
        'task_max_request' => true, 'task_max_request_grace' => true, 'max_connection' => true,
        'max_conn' => true, 'start_session_id' => true, 'heartbeat_check_interval' => true,
        'heartbeat_idle_time' => true, 'max_request' => true, 'max_request_grace' => true,
        'reload_async' => true, 'open_cpu_affinity' => true, 'cpu_affinity_ignore' => true,
        'http_parse_cookie' => true, 'http_parse_post' => true, 'http_parse_files' => true,
        'http_compression' => true, 'http_compression_level' => true, 'compression_level' => true,
        'http_gzip_level' => true, 'http_compression_min_length' => true, 'compression_min_length' => true,
        'websocket_compression' => true, 'upload_tmp_dir' => true, 'upload_max_filesize' => true,
        'enable_static_handler' => true, 'document_root' => true, 'http_autoindex' => true,
        'http_index_files' => true, 'http_compression_types' => true, 'compression_types' => true,
        'static_handler_locations' => true, 'input_buffer_size' => true, 'buffer_input_size' => true,
        'output_buffer_size' => true, 'buffer_output_size' => true, 'message_queue_key' => true,
        'bootstrap' => true, 'init_arguments' => true, 'url_rewrite_rules' => true,
    ];

    public const PORT_OPTIONS = [
        'ssl_cert_file' => true, 'ssl_key_file' => true, 'backlog' => true, 'socket_buffer_size' => true,
        'kernel_socket_recv_buffer_size' => true, 'kernel_socket_send_buffer_size' => true,
        'heartbeat_idle_time' => true, 'buffer_high_watermark' => true, 'buffer_low_watermark' => true,
        'open_tcp_nodelay' => true, 'tcp_defer_accept' => true, 'open_tcp_keepalive' => true,
        'open_eof_check' => true, 'open_eof_split' => true, 'package_eof' => true,
        'open_http_protocol' => true, 'open_websocket_protocol' => true, 'websocket_subprotocol' => true,
        'open_websocket_close_frame' => true, 'open_websocket_ping_frame' => true,
        'open_websocket_pong_frame' => true, 'open_http2_protocol' => true, 'open_mqtt_protocol' => true,
        'open_redis_protocol' => true, 'max_idle_time' => true, 'tcp_keepidle' => true,
        'tcp_keepinterval' => true, 'tcp_keepcount' => true, 'tcp_user_timeout' => true,
        'tcp_fastopen' => true, 'open_length_check' => true, 'package_length_type' => true,
        'package_length_offset' => true, 'package_body_offset' => true, 'package_body_start' => true,
        'package_length_func' => true, 'package_max_length' => true, 'ssl_compress' => true,
        'ssl_protocols' => true, 'ssl_verify_peer' => true, 'ssl_allow_self_signed' => true,
        'ssl_client_cert_file' => true, 'ssl_cafile' => true, 'ssl_capath' => true,
        'ssl_verify_depth' => true, 'ssl_prefer_server_ciphers' => true, 'ssl_ciphers' => true,
        'ssl_ecdh_curve' => true, 'ssl_dhparam' => true, 'ssl_sni_certs' => true,
    ];

    public const AIO_OPTIONS = [
        'aio_core_worker_num' => true, 'aio_worker_num' => true, 'aio_max_wait_time' => true,
        'aio_max_idle_time' => true, 'iouring_entries' => true, 'iouring_workers' => true,
        'iouring_flag' => true, 'enable_signalfd' => true, 'wait_signal' => true,
        'dns_cache_refresh_time' => true, 'thread_num' => true, 'min_thread_num' => true,
        'max_thread_num' => true, 'socket_dontwait' => true, 'dns_lookup_random' => true,
        'use_async_resolver' => true, 'enable_coroutine' => true,
    ];

    public const COROUTINE_OPTIONS = [
        'max_coro_num' => true, 'max_coroutine' => true, 'enable_deadlock_check' => true,
        'hook_flags' => true, 'enable_preemptive_scheduler' => true, 'c_stack_size' => true,
        'stack_size' => true, 'name_resolver' => true, 'dns_cache_expire' => true,
        'dns_cache_capacity' => true,
    ];

    public const HELPER_OPTIONS = [
        'stats_file' => true, 'stats_timer_interval' => true, 'admin_server' => true,
    ];

    /** Warns (with a backtrace) about each option name no table knows. */
    public static function checkOptions(array $input_options): void
    {
        $known = self::GLOBAL_OPTIONS + self::SERVER_OPTIONS + self::PORT_OPTIONS
            + self::AIO_OPTIONS + self::COROUTINE_OPTIONS + self::HELPER_OPTIONS;
        foreach (array_keys($input_options) as $name) {
            if (!isset($known[strtolower((string) $name)])) {
                trigger_error("unsupported option [{$name}]", E_USER_WARNING);
                debug_print_backtrace(DEBUG_BACKTRACE_IGNORE_ARGS);
            }
        }
    }

    public static function onBeforeStart(Server $server): void
    {
        if (!empty($server->setting['admin_server'])) {
            Admin::init($server);
        }
    }

    public static function onBeforeShutdown(Server $server): void
    {
        if ($server->admin_server !== null) {
            $server->admin_server->shutdown();
            $server->admin_server = null;
        }
    }

    /** Worker 0 writes stats() to `stats_file` every `stats_timer_interval` ms. */
    public static function onWorkerStart(Server $server, int $workerId): void
    {
        $file = $server->setting['stats_file'] ?? '';
        if ($workerId !== 0 || empty($file)) {
            return;
        }
        $every = (int) ($server->setting['stats_timer_interval'] ?? 0);
        if ($every <= 0) {
            $every = self::STATS_TIMER_INTERVAL_TIME;
        }
        $server->stats_timer = Timer::tick($every, static function () use ($server, $file): void {
            file_put_contents($file, self::formatStats($server->stats(), (string) $file));
        });
    }

    public static function onWorkerExit(Server $server, int $workerId): void
    {
        if ($server->stats_timer) {
            Timer::clear($server->stats_timer);
            $server->stats_timer = null;
        }
    }

    public static function onWorkerStop(Server $server, int $workerId)
    {
    }

    public static function onStart(Server $server): void
    {
        if (!empty($server->setting['admin_server'])) {
            Coroutine::create(static fn () => Admin::start($server));
        }
    }

    public static function onShutdown(Server $server)
    {
    }

    public static function onBeforeReload(Server $server)
    {
    }

    public static function onAfterReload(Server $server)
    {
    }

    public static function onManagerStart(Server $server)
    {
    }

    public static function onManagerStop(Server $server)
    {
    }

    public static function onWorkerError(Server $server)
    {
    }

    /** The stats file's text: JSON for *.json, a PHP file for *.php, else "key: value" lines. */
    private static function formatStats(array $stats, string $file): string
    {
        if (str_ends_with($file, '.json')) {
            return json_encode($stats, JSON_THROW_ON_ERROR);
        }
        if (str_ends_with($file, '.php')) {
            return "<?php\nreturn " . var_export($stats, true) . ";\n";
        }
        $lines = [];
        foreach ($stats as $k => $v) {
            $lines[] = "{$k}: {$v}";
        }
        return implode("\n", $lines);
    }
}

class Admin
{
    // Sizes of the engine's structures (64-bit PHP 8), for the memory
    // estimates get_objects gives.
    public const SIZE_OF_ZVAL = 16;

    public const SIZE_OF_ZEND_STRING = 32;

    public const SIZE_OF_ZEND_OBJECT = 56;

    public const SIZE_OF_ZEND_ARRAY = 56;

    /** Process names in a URL ("worker-1") → command process types. */
    private static array $map = [
        'reactor'        => SWOOLE_SERVER_COMMAND_REACTOR_THREAD,
        'reactor_thread' => SWOOLE_SERVER_COMMAND_REACTOR_THREAD,
        'worker'         => SWOOLE_SERVER_COMMAND_EVENT_WORKER,
        'event_worker'   => SWOOLE_SERVER_COMMAND_EVENT_WORKER,
        'task'           => SWOOLE_SERVER_COMMAND_TASK_WORKER,
        'task_worker'    => SWOOLE_SERVER_COMMAND_TASK_WORKER,
    ];

    /** The group names a URL may give instead of one process. */
    private static array $allList = [
        'all', 'all_reactor', 'all_reactor_thread', 'all_worker', 'all_event_worker',
        'all_task', 'all_task_worker', 'specific',
    ];

    /** Commands that change the server: POST only. */
    private static array $postMethodList = ['server_reload', 'server_shutdown', 'close_session'];

    private static string $accessToken = '';

    /** Registers the admin commands (before start; every process type but reactor threads). */
    public static function init(Server $server): void
    {
        $types = SWOOLE_SERVER_COMMAND_MASTER | SWOOLE_SERVER_COMMAND_MANAGER
            | SWOOLE_SERVER_COMMAND_EVENT_WORKER | SWOOLE_SERVER_COMMAND_TASK_WORKER;
        $simple = [
            'server_reload' => static function (Server $server, string $msg) {
                $server->reload();
                return self::json('Operation succeeded');
            },
            'server_shutdown' => static function (Server $server, string $msg): void {
                $server->shutdown();
            },
            'coroutine_stats' => static fn (Server $server, string $msg) => self::json(Coroutine::stats()),
            'coroutine_list'  => static fn (Server $server, string $msg) => self::json(iterator_to_array(Coroutine::list())),
            'coroutine_bt'    => static function (Server $server, string $msg) {
                $args = json_decode($msg, null, 512, JSON_THROW_ON_ERROR);
                $cid  = empty($args->cid) ? 0 : (int) $args->cid;
                $bt   = Coroutine::getBackTrace($cid);
                return $bt === false ? self::json("Coroutine#{$cid} not exists", 4004) : self::json($bt);
            },
            'server_stats'   => static fn (Server $server, string $msg) => self::json($server->stats()),
            'server_setting' => static function (Server $server, string $msg) {
                $setting = $server->setting;
                foreach (['mode', 'host', 'port', 'master_pid', 'manager_pid'] as $k) {
                    $setting[$k] = $server->{$k};
                }
                return self::json($setting);
            },
            'get_client_info' => static function (Server $server, string $msg) {
                $args = self::args($msg);
                if (empty($args['session_id'])) {
                    return self::json('require session_id', 4003);
                }
                return self::json($server->getClientInfo((int) $args['session_id']));
            },
        ];
        foreach ($simple as $name => $fn) {
            $server->addCommand($name, $types, $fn);
        }
        $handlers = [
            'close_session' => 'handlerCloseSession', 'get_version_info' => 'handlerGetVersionInfo',
            'get_worker_info' => 'handlerGetWorkerInfo', 'get_timer_list' => 'handlerGetTimerList',
            'get_coroutine_list' => 'handlerGetCoroutineList', 'get_objects' => 'handlerGetObjects',
            'get_class_info' => 'handlerGetClassInfo', 'get_function_info' => 'handlerGetFunctionInfo',
            'get_object_by_handle' => 'handlerGetObjectByHandle',
            'get_server_cpu_usage' => 'handlerGetServerCpuUsage',
            'get_server_memory_usage' => 'handlerGetServerMemoryUsage',
            'get_static_property_value' => 'handlerGetStaticPropertyValue',
            'get_defined_functions' => 'handlerGetDefinedFunctions',
            'get_declared_classes' => 'handlerGetDeclaredClasses',
        ];
        foreach ($handlers as $name => $method) {
            $server->addCommand($name, $types, [self::class, $method]);
        }
        $more = [
            'gc_status' => static fn (Server $server, string $msg) => self::json(gc_status()),
        ];
        if (extension_loaded('opcache')) {
            $more['opcache_status'] = static fn (Server $server, string $msg) => self::json(opcache_get_status(true));
        }
        $more += [
            'getpid'       => static fn (Server $server, string $msg) => self::json(['pid' => getmypid()]),
            'memory_usage' => static fn (Server $server, string $msg) => self::json([
                'usage' => memory_get_usage(), 'real_usage' => memory_get_usage(true),
            ]),
            'get_included_files' => static fn (Server $server, string $msg) => self::json(['files' => get_included_files()]),
            'get_resources'      => [self::class, 'handlerGetResources'],
            'get_defined_constants' => static function (Server $server, string $msg) {
                return self::json(self::plainConstants(get_defined_constants()));
            },
            'get_loaded_extensions' => static function (Server $server, string $msg) {
                $list = [];
                foreach (get_loaded_extensions() as $i => $name) {
                    $list[$i] = [
                        'id' => $i + 1, 'name' => $name,
                        'version' => (string) (new \ReflectionExtension($name))->getVersion(),
                    ];
                }
                return self::json($list);
            },
            'get_declared_interfaces' => static fn (Server $server, string $msg) => self::json(get_declared_interfaces()),
            'get_declared_traits'     => static fn (Server $server, string $msg) => self::json(get_declared_traits()),
            'get_included_file_contents' => static function (Server $server, string $msg) {
                $file = self::args($msg)['filename'] ?? '';
                if (empty($file)) {
                    return self::json('require filename', 4003);
                }
                if (!file_exists($file)) {
                    return self::json("{$file} not exist", 4004);
                }
                // Only what the application itself loaded may be read.
                if (!in_array($file, get_included_files(), true)) {
                    return self::json('no permission', 4003);
                }
                return self::json(file_get_contents($file));
            },
            'get_globals' => static function (Server $server, string $msg) {
                $list = [];
                foreach ($GLOBALS as $key => $value) {
                    if ($key === 'GLOBALS') {
                        continue;
                    }
                    $type  = gettype($value);
                    $other = [];
                    if (is_object($value)) {
                        $other = [
                            'class_name' => $value::class, 'object_id' => spl_object_id($value),
                            'object_hash' => spl_object_hash($value),
                        ];
                    } elseif ($type === 'resource' || $type === 'resource (closed)') {
                        $value = '';
                    }
                    $list[] = ['key' => $key, 'value' => $value, 'type' => $type, 'other' => $other];
                }
                return self::json($list);
            },
            'get_extension_info' => static function (Server $server, string $msg) {
                $name = self::args($msg)['extension_name'] ?? '';
                if (empty($name) || !extension_loaded($name)) {
                    return self::json('require extension_name', 4004);
                }
                $ext = new \ReflectionExtension($name);
                ob_start();
                $ext->info();
                $info = (string) ob_get_clean();
                return self::json([
                    'classes'      => $ext->getClassNames(),
                    'version'      => $ext->getVersion(),
                    'constants'    => self::plainConstants($ext->getConstants()),
                    'ini_entries'  => $ext->getINIEntries(),
                    'dependencies' => $ext->getDependencies(),
                    'functions'    => array_keys($ext->getFunctions()),
                    'info'         => trim($info),
                ]);
            },
            'get_composer_packages' => static function (Server $server, string $msg) {
                $iv = '\Composer\InstalledVersions';
                if (!class_exists($iv)) {
                    return self::json('require composer 2.0', 4003);
                }
                if (method_exists($iv, 'getAllRawData')) {
                    $sets = $iv::getAllRawData();
                    array_shift($sets);
                } else {
                    $sets = [$iv::getRawData()];
                }
                $list = [];
                foreach ($sets as $i => $package) {
                    $key = $package['root']['name'];
                    if ($key === '__root__' && isset($list['__root__'])) {
                        $key = "__root__{$i}";
                    }
                    $path = $package['root']['install_path'] ?? '';
                    $package['root']['install_path'] = $path ? realpath($path) : '';
                    $list[$key] = $package;
                }
                return self::json($list);
            },
        ];
        foreach ($more as $name => $fn) {
            $server->addCommand($name, $types, $fn);
        }
    }

    public static function getAccessToken(): string
    {
        return self::$accessToken;
    }

    /**
     * Serves the commands over HTTP on `admin_server` ("[user:password@]host:port"):
     * `/api/<command>[/<process>]`, the access token (sha1 of user and
     * password) in X-Admin-Server-Access-Token.
     */
    public static function start(Server $server): void
    {
        $uri = (string) $server->setting['admin_server'];
        if (str_starts_with($uri, 'unix:/')) {
            swoole_error_log(SWOOLE_LOG_ERROR, "admin_server[{$uri}] is not supported");
            return;
        }
        $address = $uri;
        if (str_contains($uri, '@')) {
            [$credentials, $address] = explode('@', $uri, 2);
            $pair              = explode(':', $credentials, 2);
            self::$accessToken = sha1($pair[0] . ($pair[1] ?? ''));
        }
        $parts = explode(':', $address, 2);
        $http  = new Coroutine\Http\Server($parts[0], (int) ($parts[1] ?? 0));
        $http->handle('/api', static function (Request $req, Response $resp) use ($server): void {
            self::serveApi($server, $req, $resp);
        });
        $http->handle('/', static function (Request $req, Response $resp): void {
            $resp->status(404);
        });
        $server->admin_server = $http;
        $http->start();
    }

    /** @return false|string */
    public static function handlerGetResources(Server $server, string $msg)
    {
        $list = [];
        foreach (get_resources() as $r) {
            $info = ['id' => get_resource_id($r), 'type' => get_resource_type($r)];
            if ($info['type'] === 'stream') {
                $info['info'] = stream_get_meta_data($r);
            }
            $list[] = $info;
        }
        return self::json($list);
    }

    /** @return false|string */
    public static function handlerGetWorkerInfo(Server $server, string $msg)
    {
        return self::json([
            'id'                => $server->getWorkerId(),
            'pid'               => $server->getWorkerPid(),
            'gc_status'         => gc_status(),
            'memory_usage'      => memory_get_usage(),
            'memory_real_usage' => memory_get_usage(true),
            'process_status'    => self::getProcessStatus(),
            'coroutine_stats'   => Coroutine::stats(),
            'timer_stats'       => Timer::stats(),
            'vm_status'         => swoole_get_vm_status(),
        ]);
    }

    /** @return false|string */
    public static function handlerCloseSession(Server $server, string $msg)
    {
        $args = self::args($msg);
        if (empty($args['session_id'])) {
            return self::json('require session_id', 4003);
        }
        if ($server->close((int) $args['session_id'], !empty($args['force']))) {
            return self::json([]);
        }
        return self::json(['error' => swoole_last_error()], 4004);
    }

    /** @return false|string */
    public static function handlerGetTimerList(Server $server, string $msg)
    {
        $list = [];
        foreach (Timer::list() as $id) {
            $list[] = ['id' => $id, 'info' => Timer::info($id)];
        }
        return self::json($list);
    }

    /** @return false|string */
    public static function handlerGetCoroutineList(Server $server, string $msg)
    {
        $list = [];
        foreach (Coroutine::list() as $cid) {
            $list[] = [
                'id'          => $cid,
                'elapsed'     => Coroutine::getElapsed($cid),
                'stack_usage' => Coroutine::getStackUsage($cid),
                'backTrace'   => Coroutine::getBackTrace($cid, DEBUG_BACKTRACE_IGNORE_ARGS, 1),
            ];
        }
        return self::json($list);
    }

    public static function handlerGetObjects(Server $server, string $msg)
    {
        $list = [];
        foreach (swoole_get_objects() ?: [] as $object) {
            $class  = new \ReflectionClass($object);
            $list[] = [
                'id'          => spl_object_id($object),
                'hash'        => spl_object_hash($object),
                'class'       => $class->getName(),
                'filename'    => $class->getFileName() ?: '',
                'line'        => $class->getStartLine() ?: '',
                'memory_size' => self::getObjectMemorySize($object),
            ];
        }
        return self::json($list);
    }

    public static function handlerGetClassInfo(Server $server, string $msg)
    {
        $args = self::args($msg);
        if (!empty($args['class_name'])) {
            $name = $args['class_name'];
            if (!class_exists($name, false) && !interface_exists($name, false)) {
                return self::json("{$name} not exists", 4003);
            }
        } elseif (!empty($args['interface_name'])) {
            $name = $args['interface_name'];
            if (!interface_exists($name, false)) {
                return self::json("{$name} not exists", 4003);
            }
        } else {
            return self::json(['error' => 'require class_name or interface_name'], 4004);
        }

        $class    = new \ReflectionClass($name);
        $defaults = $class->getDefaultProperties();
        $constants = [];
        foreach ($class->getConstants() as $k => $v) {
            $constants[] = [
                'name'  => $k,
                'value' => is_array($v) ? var_export($v, true) : $v,
                'type'  => is_array($v) ? 'detail' : 'default',
            ];
        }
        $props = ['static' => [], 'no_static' => []];
        foreach ($class->getProperties() as $p) {
            $props[$p->isStatic() ? 'static' : 'no_static'][] = [
                'name'      => $p->getName(),
                'value'     => $defaults[$p->getName()] ?? null,
                'modifiers' => implode(' ', \Reflection::getModifierNames($p->getModifiers())),
            ];
        }
        $methods = ['static' => [], 'no_static' => []];
        foreach ($class->getMethods() as $m) {
            $methods[$m->isStatic() ? 'static' : 'no_static'][] = [
                'name'      => $m->getName(),
                'line'      => $m->getStartLine() ?: '',
                'modifiers' => implode(' ', \Reflection::getModifierNames($m->getModifiers())),
            ];
        }
        $parent = $class->getParentClass();
        return self::json([
            'filename'         => $class->getFileName(),
            'constants'        => $constants,
            'staticProperties' => $props['static'],
            'properties'       => $props['no_static'],
            'staticMethods'    => $methods['static'],
            'methods'          => $methods['no_static'],
            'parentClass'      => $parent ? $parent->getName() : '',
            'interface'        => $class->getInterfaceNames(),
        ]);
    }

    public static function handlerGetFunctionInfo(Server $server, string $msg)
    {
        $args     = self::args($msg);
        $class    = $args['class_name'] ?? '';
        $function = $args['function_name'] ?? '';
        if (empty($args) || empty($function)) {
            return self::json('require function_name', 4004);
        }
        $isStatic = false;
        if (!empty($class)) {
            if (!class_exists($class) && !interface_exists($class)) {
                return self::json("{$class} not exists", 4004);
            }
            if (!method_exists($class, $function)) {
                return self::json("{$class}->{$function} not exists", 4004);
            }
            $ref      = new \ReflectionMethod($class, $function);
            $isStatic = $ref->isStatic();
        } else {
            if (!function_exists($function)) {
                return self::json("{$function} not exists", 4004);
            }
            $ref = new \ReflectionFunction($function);
        }
        $params = [];
        foreach ($ref->getParameters() as $param) {
            $params[] = self::describeParameter($param);
        }
        return self::json([
            'filename'     => $ref->getFileName(),
            'line'         => $ref->getStartLine() ?: '',
            'num'          => $ref->getNumberOfParameters(),
            'user_defined' => $ref->isUserDefined(),
            'extension'    => $ref->getExtensionName(),
            'is_static'    => $isStatic,
            'params'       => $params,
        ]);
    }

    public static function handlerGetObjectByHandle(Server $server, string $msg)
    {
        $args = self::args($msg);
        if (empty($args['object_id']) || empty($args['object_hash'])) {
            return self::json(['error' => 'Params Error!'], 4004);
        }
        $object = swoole_get_object_by_handle((int) $args['object_id']);
        // The handle may have been reused by another object since: the hash tells.
        if (!$object || spl_object_hash($object) !== $args['object_hash']) {
            return self::json(['error' => 'Object destroyed!'], 4004);
        }
        return self::json(var_export($object, true));
    }

    public static function handlerGetVersionInfo(Server $server, string $msg)
    {
        $public = $private = [];
        foreach (swoole_get_local_ip() as $ip) {
            if (filter_var($ip, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE)) {
                $public[] = $ip;
            } else {
                $private[] = $ip;
            }
        }
        return self::json([
            'os'     => php_uname('s') . '-' . php_uname('r'),
            'swoole' => swoole_version(),
            'php'    => phpversion(),
            'ip'     => $public[0] ?? $private[0] ?? '',
        ]);
    }

    public static function handlerGetDefinedFunctions(Server $server, string $msg)
    {
        $functions = get_defined_functions();
        $result    = ['internal' => $functions['internal']];
        foreach ($functions['user'] as $name) {
            $ref              = new \ReflectionFunction($name);
            $result['user'][] = ['function' => $name, 'filename' => $ref->getFileName(), 'line' => $ref->getStartLine()];
        }
        return self::json($result);
    }

    public static function handlerGetDeclaredClasses(Server $server, string $msg)
    {
        $list = [];
        foreach (get_declared_classes() as $name) {
            $ref    = new \ReflectionClass($name);
            $list[] = ['class' => $name, 'filename' => $ref->getFileName() ?: '', 'line' => $ref->getStartLine() ?: ''];
        }
        return self::json($list);
    }

    public static function handlerGetServerMemoryUsage(Server $server, string $msg)
    {
        $result = [
            'master'  => self::haveMasterProcess($server) ? self::getProcessMemoryRealUsage($server->master_pid) : 0,
            'manager' => self::haveManagerProcess($server) ? self::getProcessMemoryRealUsage($server->manager_pid) : 0,
        ];
        $total = $result['master'] + $result['manager'];
        $n     = $server->setting['worker_num'] + $server->setting['task_worker_num'];
        for ($i = 0; $i < $n; $i++) {
            $result["worker-{$i}"] = self::getProcessMemoryRealUsage($server->getWorkerPid($i));
            $total += $result["worker-{$i}"];
        }
        $result['total']       = $total;
        $result['memory_size'] = 0;
        $meminfo               = PHP_OS_FAMILY === 'Linux' ? @file_get_contents('/proc/meminfo') : false;
        if ($meminfo && preg_match('/MemTotal:\s+(\d+) kB/i', $meminfo, $m)) {
            $result['memory_size'] = (int) $m[1] * 1024;
        }
        return self::json($result);
    }

    public static function handlerGetServerCpuUsage(Server $server, string $msg)
    {
        $result = [
            'master'  => self::haveMasterProcess($server) ? self::getProcessCpuUsage($server->master_pid) : 0,
            'manager' => self::haveManagerProcess($server) ? self::getProcessCpuUsage($server->manager_pid) : 0,
        ];
        $total = ($result['master'][1] ?? 0) + ($result['manager'][1] ?? 0);
        $n     = $server->setting['worker_num'] + $server->setting['task_worker_num'];
        for ($i = 0; $i < $n; $i++) {
            $result["worker-{$i}"] = self::getProcessCpuUsage($server->getWorkerPid($i))[1] ?? 0;
            $total += $result["worker-{$i}"];
        }
        $result['total']   = $total;
        $result['cpu_num'] = swoole_cpu_num();
        return self::json($result);
    }

    public static function handlerGetStaticPropertyValue(Server $server, string $msg)
    {
        $args = self::args($msg);
        if (empty($args['class_name'])) {
            return self::json(['error' => 'require class_name!'], 4004);
        }
        if (empty($args['property_name'])) {
            return self::json(['error' => 'require property_name!'], 4004);
        }
        if (!class_exists($args['class_name'])) {
            return self::json("class[{$args['class_name']}] not exists", 4004);
        }
        $value = (new \ReflectionClass($args['class_name']))->getStaticPropertyValue($args['property_name'], []);
        return self::json(['value' => var_export($value, true)]);
    }

    /** One `/api/...` request. */
    private static function serveApi(Server $server, Request $req, Response $resp): void
    {
        $path = explode('/', trim((string) ($req->server['request_uri'] ?? ''), '/'));
        if (count($path) < 2 || count($path) > 3) {
            $resp->status(403);
            $resp->end(self::json('Bad API path', 4003));
            return;
        }
        $resp->header('Server', 'swoole-admin-server');
        $resp->header('Access-Control-Allow-Origin', '*');
        $resp->header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        $resp->header('Access-Control-Allow-Headers', 'X-ACCESS-TOKEN, X-ADMIN-SERVER-ACCESS-TOKEN');
        $method = $req->getMethod();
        if ($method === 'OPTIONS') {
            $resp->end();
            return;
        }
        $token = self::getAccessToken();
        if ($token !== '' && ($req->header['x-admin-server-access-token'] ?? '') !== $token) {
            $resp->status(403);
            $resp->end(self::json('Bad access token', 4003));
            return;
        }
        $cmd = $path[1];
        if (in_array($cmd, self::$postMethodList, true) && $method !== 'POST') {
            $resp->status(403);
            $resp->end(self::json('Bad request method', 4003));
            return;
        }
        $data = $method === 'GET' ? $req->get : $req->post;
        if ($cmd === 'multi') {
            $body = $method === 'POST' ? json_decode((string) $req->getContent(), true) : null;
            if (empty($body) || !is_array($body)) {
                self::badProcess($resp);
                return;
            }
            $resp->end(json_encode(self::handlerMulti($server, $body), JSON_INVALID_UTF8_IGNORE));
            return;
        }
        $process = $path[2] ?? 'master';
        if (str_starts_with($process, 'all') || $process === 'specific') {
            if (!in_array($process, self::$allList, true)) {
                self::badProcess($resp);
                return;
            }
            $resp->end(self::json(self::handlerGetAll($server, $process, $cmd, $data)));
            return;
        }
        $target = self::target($process);
        if ($target === null) {
            self::badProcess($resp);
            return;
        }
        $result = $server->command($cmd, $target[1], $target[0], $data, false);
        if ($result === false || $result === '' || $result === '0') {
            $code = swoole_last_error();
            $resp->end(json_encode(['code' => $code, 'data' => swoole_strerror($code)], JSON_THROW_ON_ERROR));
            return;
        }
        $resp->end($result);
    }

    private static function badProcess(Response $resp): void
    {
        $resp->status(403);
        $resp->end(self::json('Bad process', 4003));
    }

    /** "master…", "manager…" or "<type>-<id>" → [process type, id]; null if unknown. */
    private static function target(string $process): ?array
    {
        if (str_starts_with($process, 'master')) {
            return [SWOOLE_SERVER_COMMAND_MASTER, 0];
        }
        if (str_starts_with($process, 'manager')) {
            return [SWOOLE_SERVER_COMMAND_MANAGER, 0];
        }
        $parts = explode('-', $process);
        if (count($parts) !== 2 || !isset(self::$map[$parts[0]])) {
            return null;
        }
        return [self::$map[$parts[0]], (int) $parts[1]];
    }

    /** POST /api/multi: [{path, post}, …] → the replies, decoded, by key. */
    private static function handlerMulti(Server $server, array $list)
    {
        $replies = [];
        foreach ($list as $key => $item) {
            $path    = explode('/', trim((string) ($item['path'] ?? ''), '/'));
            $cmd     = $path[1] ?? '';
            $process = $path[2] ?? 'master';
            $data    = [];
            $query   = parse_url($process, PHP_URL_QUERY);
            if (!empty($query)) {
                parse_str($query, $data);
            }
            $data = array_merge($data, $item['post'] ?? []);
            if (str_starts_with($process, 'all') || str_starts_with($process, 'specific')) {
                if (!in_array($process, self::$allList, true) && !str_starts_with($process, 'specific')) {
                    $replies[$key] = new \stdClass();
                    continue;
                }
                $replies[$key] = ['code' => 0, 'data' => self::handlerGetAll($server, $process, $cmd, $data)];
                continue;
            }
            $target = self::target($process);
            $replies[$key] = $target === null ? new \stdClass() : $server->command($cmd, $target[1], $target[0], $data, true);
        }
        return $replies;
    }

    /** A group ("all", "all_worker", "specific" with `workers`, …): each process's reply by name. */
    private static function handlerGetAll(Server $server, string $process, $cmd, $data, bool $json_decode = true)
    {
        if ($process === 'all') {
            return self::handlerGetMaster($cmd, $data, $server, $json_decode)
                + self::handlerGetManager($cmd, $data, $server, $json_decode)
                + self::handlerGetAllWorker($cmd, $data, $server, $json_decode)
                + self::handlerGetAllTaskWorker($cmd, $data, $server, $json_decode);
        }
        if (str_starts_with($process, 'all_reactor')) {
            return self::handlerGetAllReactor($cmd, $data, $server, $json_decode);
        }
        if ($process === 'all_worker' || $process === 'all_event_worker') {
            return self::handlerGetAllWorker($cmd, $data, $server, $json_decode);
        }
        if (str_starts_with($process, 'all_task')) {
            return self::handlerGetAllTaskWorker($cmd, $data, $server, $json_decode);
        }
        $result = [];
        foreach ((is_array($data['workers'] ?? null) ? $data['workers'] : []) as $name) {
            $name = (string) $name;
            if (str_starts_with($name, 'master')) {
                $result += self::handlerGetMaster($cmd, $data, $server, $json_decode);
            } elseif (str_starts_with($name, 'manager')) {
                $result += self::handlerGetManager($cmd, $data, $server, $json_decode);
            } elseif (($target = self::target($name)) !== null) {
                $result[$name] = $server->command($cmd, $target[1], $target[0], $data, $json_decode);
            } else {
                $result[$name] = $json_decode ? new \stdClass() : false;
            }
        }
        return $result;
    }

    private static function handlerGetMaster($cmd, $data, Server $server, bool $json_decode = false)
    {
        return ['master' => $server->command($cmd, 0, SWOOLE_SERVER_COMMAND_MASTER, $data, $json_decode)];
    }

    private static function handlerGetManager($cmd, $data, Server $server, bool $json_decode = false)
    {
        return ['manager' => $server->command($cmd, 0, SWOOLE_SERVER_COMMAND_MANAGER, $data, $json_decode)];
    }

    private static function handlerGetAllReactor($cmd, $data, Server $server, bool $json_decode = false)
    {
        // A BASE-mode server (corust's only kind) has no reactor threads.
        if ($server->mode === SWOOLE_BASE) {
            return [];
        }
        $n    = (int) ($server->setting['reactor_num'] ?? 0) ?: (int) $server->setting['worker_num'];
        $list = [];
        for ($i = 0; $i < $n; $i++) {
            $list["reactor-{$i}"] = $server->command($cmd, $i, SWOOLE_SERVER_COMMAND_REACTOR_THREAD, $data, $json_decode);
        }
        return $list;
    }

    private static function handlerGetAllWorker($cmd, $data, Server $server, bool $json_decode = false)
    {
        $list = [];
        for ($i = 0; $i < $server->setting['worker_num']; $i++) {
            $list["worker-{$i}"] = $server->command($cmd, $i, SWOOLE_SERVER_COMMAND_EVENT_WORKER, $data, $json_decode);
        }
        return $list;
    }

    private static function handlerGetAllTaskWorker($cmd, $data, Server $server, bool $json_decode = false)
    {
        $list = [];
        for ($i = 0; $i < (int) ($server->setting['task_worker_num'] ?? 0); $i++) {
            $list["task_worker-{$i}"] = $server->command($cmd, $i, SWOOLE_SERVER_COMMAND_TASK_WORKER, $data, $json_decode);
        }
        return $list;
    }

    /** [total CPU jiffies, the process's user+system jiffies] (Linux /proc). */
    private static function getProcessCpuUsage($pid)
    {
        $all  = PHP_OS_FAMILY === 'Linux' ? @file_get_contents('/proc/stat') : false;
        $proc = $all ? @file_get_contents("/proc/{$pid}/stat") : false;
        if (!$all || !$proc) {
            return [0];
        }
        $cpu   = preg_split('/[ \t]+/', $all, 6);
        $total = (int) $cpu[1] + (int) $cpu[2] + (int) $cpu[3] + (int) $cpu[4];
        // Fields after the command name (which may hold spaces): utime is the 14th.
        $fields = preg_split('/[ \t]+/', $proc, 15);
        if (isset($fields[13], $fields[14])) {
            return [$total, (int) $fields[13] + (int) $fields[14]];
        }
        return [$total];
    }

    private static function getProcessMemoryRealUsage($pid = 'self')
    {
        $status = self::getProcessStatus($pid);
        return isset($status['VmRSS']) ? (int) $status['VmRSS'] * 1024 : 0;
    }

    /** /proc/<pid>/status as key => value. */
    private static function getProcessStatus($pid = 'self')
    {
        $text = PHP_OS_FAMILY === 'Linux' ? @file_get_contents("/proc/{$pid}/status") : false;
        $status = [];
        foreach ($text ? explode("\n", trim($text)) : [] as $line) {
            if ($line === '') {
                continue;
            }
            $kv = explode(':', $line, 2);
            $status[$kv[0]] = trim($kv[1] ?? '');
        }
        return $status;
    }

    private static function getArrayMemorySize(array $a): int
    {
        $size = self::SIZE_OF_ZVAL + self::SIZE_OF_ZEND_ARRAY;
        foreach ($a as $k => $v) {
            $size += is_string($k) ? self::getStringMemorySize($k) : self::SIZE_OF_ZVAL;
            $size += self::valueSize($v);
        }
        return $size;
    }

    private static function getStringMemorySize(string $s): int
    {
        return self::SIZE_OF_ZVAL + self::SIZE_OF_ZEND_STRING + strlen($s);
    }

    private static function getObjectMemorySize(object $o): int
    {
        $size = self::SIZE_OF_ZEND_OBJECT;
        foreach (get_object_vars($o) as $v) {
            $size += self::valueSize($v);
        }
        return $size;
    }

    private static function valueSize($v): int
    {
        if (is_array($v)) {
            return self::getArrayMemorySize($v);
        }
        return is_string($v) ? self::getStringMemorySize($v) : self::SIZE_OF_ZVAL;
    }

    private static function haveMasterProcess(Server $server): bool
    {
        return $server->mode !== SWOOLE_BASE;
    }

    private static function haveManagerProcess(Server $server): bool
    {
        return $server->mode !== SWOOLE_BASE || $server->getManagerPid() !== 0;
    }

    /** Swoole's reply envelope: {"code": …, "data": …}. */
    private static function json($data, $code = 0)
    {
        $json = json_encode(['code' => $code, 'data' => $data], JSON_INVALID_UTF8_IGNORE);
        if (empty($json)) {
            return json_encode([
                'code' => 5010,
                'data' => ['message' => json_last_error_msg(), 'code' => json_last_error()],
            ]);
        }
        return $json;
    }

    /** A command's JSON message as an array. */
    private static function args(string $msg): array
    {
        $args = json_decode($msg, true, 512, JSON_THROW_ON_ERROR);
        return is_array($args) ? $args : [];
    }

    /** Constants without resources and without NULL/NAN/INF (JSON cannot carry them). */
    private static function plainConstants(array $constants): array
    {
        $constants = array_filter($constants, static fn ($c) => !is_resource($c));
        unset($constants['NULL'], $constants['NAN'], $constants['INF']);
        return $constants;
    }

    /** One parameter of get_function_info: its parts and its declaration as text. */
    private static function describeParameter(\ReflectionParameter $param): array
    {
        $type = '';
        if ($param->hasType()) {
            $t    = $param->getType();
            $type = $t instanceof \ReflectionUnionType
                ? implode('|', array_map(static fn ($x) => $x->getName(), $t->getTypes()))
                : $t->getName();
        }
        $optional = $default = '';
        if ($param->isOptional() && !$param->isVariadic()) {
            $optional = '?';
            if ($param->isDefaultValueAvailable()) {
                $value   = $param->getDefaultValue();
                $shown   = match (true) {
                    $value === null  => 'null',
                    $value === true  => 'true',
                    $value === false => 'false',
                    $value === ''    => "''",
                    default          => $value,
                };
                $default = " = {$shown}";
            }
        }
        $ref      = $param->isPassedByReference() ? '&' : '';
        $variadic = $param->isVariadic() ? '...' : '';
        $prefix   = "{$optional}{$type} {$ref}{$variadic}";
        $decl     = "\${$param->getName()}{$default}";
        return [
            'optional'               => $optional,
            'type'                   => $type,
            'is_passed_by_reference' => $ref,
            'is_variadic'            => $variadic,
            'name'                   => $param->getName(),
            'default'                => $default,
            'full'                   => $prefix !== ' ' ? "{$prefix}{$decl}" : $decl,
        ];
    }
}
