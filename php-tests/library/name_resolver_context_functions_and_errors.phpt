--TEST--
Swoole\NameResolver\Context and swoole_name_resolver_lookup/add/remove with a resolver written in the script (no registry): a string answer is final (with or without the port), false goes on to DNS, a two-node Cluster, 'localhost' by DNS with none registered and outside coroutines; an exception thrown inside lookup() surfaces from swoole_name_resolver_lookup, Http\Client::get and Client::connect; a name answered with an IP that refuses; Swoole's argument errors, no clone, no serialize. Same output as Swoole 6.2.2, plus a TypeError for a Context argument that is another object (Swoole crashes)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
// Also runs as a plain script under Swoole 6.2.2: same output except the
// TypeError for a Context that is not one (Swoole crashes on it).
var_dump(swoole_name_resolver_lookup('localhost', new Swoole\NameResolver\Context()));
class R extends Swoole\NameResolver {
    public function __construct() { parent::__construct('http://127.0.0.1:1'); }
    public function join(string $name, string $ip, int $port, array $options = []): bool { return true; }
    public function leave(string $name, string $ip, int $port): bool { return true; }
    public function getCluster(string $name): ?Swoole\NameResolver\Cluster {
        if ($name === 'boom') throw new LogicException('boom!');
        if ($name === 'str') return null;
        $c = new Swoole\NameResolver\Cluster(); $c->add('127.0.0.1', 1); $c->add('127.0.0.2', 2); return $c;
    }
    // A string is the final answer; false or null: the next resolver, then DNS.
    public function lookup(string $name) { return $name === 'str' ? '127.0.0.1' : ($name === 'false' ? false : parent::lookup($name)); }
}
$r = new R;
var_dump(swoole_name_resolver_add($r));
var_dump(swoole_name_resolver_lookup('two', new Swoole\NameResolver\Context()) !== '');
var_dump(swoole_name_resolver_lookup('str', new Swoole\NameResolver\Context()));
var_dump(swoole_name_resolver_lookup('str', new Swoole\NameResolver\Context(AF_INET, true)));
var_dump(swoole_name_resolver_lookup('false', new Swoole\NameResolver\Context()));
try { swoole_name_resolver_lookup('boom', new Swoole\NameResolver\Context()); } catch (LogicException $e) { echo "caught ", $e->getMessage(), "\n"; }
// A port nobody listens on (found outside the coroutine: hooked, Swoole's
// listening socket outlives fclose() for a moment).
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) explode(':', stream_socket_get_name($s, false))[1];
fclose($s);
Co\run(function () use ($port) {
    $c = new Swoole\Coroutine\Http\Client('boom');
    try { var_dump($c->get('/')); } catch (LogicException $e) { echo "caught in get: ", $e->getMessage(), "\n"; }
    $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
    try { var_dump($c->connect('boom', 1)); } catch (LogicException $e) { echo "caught in connect: ", $e->getMessage(), "\n"; }
    $c = new Swoole\Coroutine\Client(SWOOLE_SOCK_TCP);
    var_dump($c->connect('str', $port, 2), $c->errCode);
});
try { swoole_name_resolver_lookup('x'); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { swoole_name_resolver_lookup('x', new stdClass); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { swoole_name_resolver_add('x'); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { var_dump(swoole_name_resolver_remove(new stdClass)); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { $x = clone new Swoole\NameResolver\Context(); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { serialize(new Swoole\NameResolver\Context()); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
$rc = new ReflectionClass('Swoole\NameResolver\Context'); var_dump($rc->isFinal(), $rc->getConstructor()->getNumberOfParameters());
try { new Swoole\NameResolver\Context(2, true, 3); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; } try { swoole_name_resolver_add(1,2); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
echo "end\n";
?>
--EXPECT--
string(9) "127.0.0.1"
bool(true)
bool(true)
string(9) "127.0.0.1"
string(9) "127.0.0.1"
string(0) ""
caught boom!
caught in get: boom!
caught in connect: boom!
bool(false)
int(111)
ArgumentCountError: swoole_name_resolver_lookup() expects exactly 2 arguments, 1 given
TypeError: swoole_name_resolver_lookup(): Argument #2 ($ctx) must be of type Swoole\NameResolver\Context, object given
TypeError: swoole_name_resolver_add(): Argument #1 ($ns) must be of type object, string given
bool(false)
Error: Trying to clone an uncloneable object of class Swoole\NameResolver\Context
Exception: Serialization of 'Swoole\NameResolver\Context' is not allowed
bool(false)
int(2)
ArgumentCountError: Swoole\NameResolver\Context::__construct() expects at most 2 arguments, 3 given
ArgumentCountError: swoole_name_resolver_add() expects exactly 1 argument, 2 given
end
