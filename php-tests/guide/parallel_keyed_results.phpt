--TEST--
Guide: parallel() returns each callable's result under its key
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
namespace App\Controller;

use function Corust\parallel;
use Swoole\Coroutine;

final class IndexController
{
    public function index(): array
    {
        return parallel([
            'user' => function () { Coroutine::sleep(0.02); return ['id' => 1, 'name' => 'alice']; },
            'orders' => function () { Coroutine::sleep(0.01); return [101, 102]; },
            'coroutine' => fn () => Coroutine::getCid() > 0,
        ]);
    }
}

Coroutine\run(function () {
    $result = (new IndexController())->index();
    echo json_encode($result), "\n";
});
?>
--EXPECT--
{"user":{"id":1,"name":"alice"},"orders":[101,102],"coroutine":true}
