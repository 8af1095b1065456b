--TEST--
Swoole\Constant carries Swoole 6.2.2's event and option names, so a Hyperf-style server config written with them (options corust does not implement included) is accepted by set() without a notice
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Constant;
$r = new ReflectionClass(Constant::class);
echo count($r->getConstants()), " constants\n";
var_dump(Constant::EVENT_REQUEST, Constant::EVENT_WORKER_EXIT, Constant::OPTION_ENABLE_COROUTINE, Constant::OPTION_MAX_REQUEST, Constant::OPTION_OPEN_HTTP2_PROTOCOL);
$server = new Swoole\Http\Server('127.0.0.1', 0, SWOOLE_BASE);
set_error_handler(function ($no, $str) { echo "unexpected: $str\n"; return true; });
var_dump($server->set([
    Constant::OPTION_ENABLE_COROUTINE => true,
    Constant::OPTION_WORKER_NUM => 1,
    Constant::OPTION_OPEN_TCP_NODELAY => true,
    Constant::OPTION_MAX_COROUTINE => 100000,
    Constant::OPTION_OPEN_HTTP2_PROTOCOL => true,
    Constant::OPTION_MAX_REQUEST => 100000,
    Constant::OPTION_SOCKET_BUFFER_SIZE => 2 * 1024 * 1024,
    Constant::OPTION_BUFFER_OUTPUT_SIZE => 2 * 1024 * 1024,
]));
foreach ([Constant::EVENT_REQUEST, Constant::EVENT_WORKER_START, Constant::EVENT_PIPE_MESSAGE, Constant::EVENT_WORKER_EXIT] as $e) {
    $server->on($e, function () {});
}
echo "events registered\n";
?>
--EXPECT--
231 constants
string(7) "request"
string(10) "workerExit"
string(16) "enable_coroutine"
string(11) "max_request"
string(19) "open_http2_protocol"
bool(true)
events registered
