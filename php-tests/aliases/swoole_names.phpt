--TEST--
Swoole names alias corust's classes and functions
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
foreach (['Swoole\Coroutine' => 'Corust\Coroutine', 'Co' => 'Corust\Coroutine', 'Swoole\Timer' => 'Corust\Timer',
          'Swoole\Event' => 'Corust\Event', 'Swoole\Error' => 'Corust\Error', 'Swoole\Exception' => 'Corust\Exception', 'Swoole\Coroutine\Channel' => 'Corust\Channel',
          'Co\Channel' => 'Corust\Channel', 'Swoole\Coroutine\WaitGroup' => 'Corust\WaitGroup', 'Swoole\Coroutine\Barrier' => 'Corust\Barrier',
          'Swoole\Coroutine\Context' => 'Corust\Coroutine\Context'] as $alias => $real) {
    echo $alias, " -> ", (new ReflectionClass($alias))->getName(), $alias === $real ? '' : '', "\n";
}
foreach (['go', 'co', 'defer', 'Co\run', 'Swoole\Coroutine\run', 'swoole_cpu_num', 'Corust\cpu_num', 'Corust\parallel'] as $f) {
    echo $f, ": ", function_exists($f) ? "yes" : "no", "\n";
}
var_dump(swoole_cpu_num() >= 1);
?>
--EXPECT--
Swoole\Coroutine -> Corust\Coroutine
Co -> Corust\Coroutine
Swoole\Timer -> Corust\Timer
Swoole\Event -> Corust\Event
Swoole\Error -> Corust\Error
Swoole\Exception -> Corust\Exception
Swoole\Coroutine\Channel -> Corust\Channel
Co\Channel -> Corust\Channel
Swoole\Coroutine\WaitGroup -> Corust\WaitGroup
Swoole\Coroutine\Barrier -> Corust\Barrier
Swoole\Coroutine\Context -> Corust\Coroutine\Context
go: yes
co: yes
defer: yes
Co\run: yes
Swoole\Coroutine\run: yes
swoole_cpu_num: yes
Corust\cpu_num: yes
Corust\parallel: yes
bool(true)
