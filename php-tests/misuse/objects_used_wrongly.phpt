--TEST--
Objects used outside their intended life: clean errors, never a crash
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$try = function (string $what, callable $fn) {
    try {
        $r = $fn();
        echo "$what: ", var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
};
$try('clone channel', fn () => clone new Swoole\Coroutine\Channel(1));
$try('unserialized channel', fn () => unserialize(serialize(new Swoole\Coroutine\Channel(2)))->push(1));
$try('response without server', fn () => @(new Swoole\Http\Response())->end('x'));
$try('request without server', fn () => (new Swoole\Http\Request())->getContent());
$try('server send outside worker', fn () => (new Swoole\Server('127.0.0.1', 0))->send(1, 'x'));
$try('bad port', fn () => new Swoole\Server('127.0.0.1', 70000));
$try('bad host', fn () => new Swoole\Server('999.1.1.1', 0));
$try('server start in coroutine', function () {
    $s = new Swoole\Http\Server('127.0.0.1', 0);
    $s->on('request', fn () => null);
    $r = null;
    Co\run(function () use ($s, &$r) { $r = $s->start(); });
    return $r;
});
$try('http server without onRequest', fn () => (new Swoole\Http\Server('127.0.0.1', 0))->start());
$try('unknown event', fn () => @(new Swoole\Server('127.0.0.1', 0))->on('nonsense', fn () => null));
$try('task without task workers', fn () => @(new Swoole\Server('127.0.0.1', 0))->task('x'));
$try('barrier wait outside coroutine', function () { $b = Swoole\Coroutine\Barrier::make(); Swoole\Coroutine\Barrier::wait($b); });
$try('wait group done at zero', fn () => (new Swoole\Coroutine\WaitGroup())->done());
$try('context outside coroutine', fn () => Corust\Context::set('k', 1) + Corust\Context::get('k'));
?>
--EXPECTF--
clone channel: Error: Trying to clone an uncloneable object of class Swoole\Coroutine\Channel
unserialized channel: Swoole\Error: must call constructor first
response without server: false
request without server: ''
server send outside worker: false
bad port: Swoole\Error: Swoole\Server::__construct(): invalid port 70000
bad host: Swoole\Exception: failed to listen server port[999.1.1.1:0], Error: %s

Warning: Swoole\Server::start(): The event-loop has already been created, unable to start Swoole\Http\Server in %s on line %d
server start in coroutine: false
http server without onRequest: Swoole\Error: Swoole\Server::start(): require onRequest callback
unknown event: false
task without task workers: false
barrier wait outside coroutine: Swoole\Error: API must be called in the coroutine
wait group done at zero: BadMethodCallException: WaitGroup misuse: negative counter
context outside coroutine: 2
