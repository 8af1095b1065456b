--TEST--
Guide: Context keeps per-request state apart for two concurrent "requests"
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Corust\Context;
use Swoole\Coroutine;

function handle(string $user, float $work): string
{
    Context::set('request.user', $user);
    Coroutine::sleep($work);              // the other request runs meanwhile
    return 'handled ' . Context::get('request.user') . ' in coroutine #' . Coroutine::getCid();
}

Coroutine\run(function () {
    $out = new Swoole\Coroutine\Channel(2);
    Coroutine::create(fn () => $out->push(handle('alice', 0.02)));
    Coroutine::create(fn () => $out->push(handle('bob', 0.01)));
    echo $out->pop(), "\n", $out->pop(), "\n";
    var_dump(Context::get('request.user'));
});
?>
--EXPECTF--
handled bob in coroutine #%d
handled alice in coroutine #%d
NULL
