--TEST--
Swoole names are the classes' own (get_class, reflection), corust's names and Co\ short names still resolve to the same classes
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
foreach (['Corust\Coroutine' => 'Swoole\Coroutine', 'Co' => 'Swoole\Coroutine', 'Corust\Timer' => 'Swoole\Timer',
          'Corust\Event' => 'Swoole\Event', 'Corust\Error' => 'Swoole\Error', 'Corust\Exception' => 'Swoole\Exception', 'Corust\Channel' => 'Swoole\Coroutine\Channel',
          'Co\Channel' => 'Swoole\Coroutine\Channel', 'Corust\WaitGroup' => 'Swoole\Coroutine\WaitGroup', 'Corust\Barrier' => 'Swoole\Coroutine\Barrier',
          'Corust\Coroutine\Context' => 'Swoole\Coroutine\Context'] as $alias => $real) {
    echo $alias, " -> ", (new ReflectionClass($alias))->getName(), (new ReflectionClass($real))->getName() === $real ? '' : ' (wrong)', "\n";
}
echo get_class(new Corust\Channel(1)), "\n";
foreach (['go', 'co', 'defer', 'Co\run', 'Swoole\Coroutine\run', 'swoole_cpu_num', 'Corust\cpu_num', 'Corust\parallel'] as $f) {
    echo $f, ": ", function_exists($f) ? "yes" : "no", "\n";
}
var_dump(swoole_cpu_num() >= 1);
?>
--EXPECT--
Corust\Coroutine -> Swoole\Coroutine
Co -> Swoole\Coroutine
Corust\Timer -> Swoole\Timer
Corust\Event -> Swoole\Event
Corust\Error -> Swoole\Error
Corust\Exception -> Swoole\Exception
Corust\Channel -> Swoole\Coroutine\Channel
Co\Channel -> Swoole\Coroutine\Channel
Corust\WaitGroup -> Swoole\Coroutine\WaitGroup
Corust\Barrier -> Swoole\Coroutine\Barrier
Corust\Coroutine\Context -> Swoole\Coroutine\Context
Swoole\Coroutine\Channel
go: yes
co: yes
defer: yes
Co\run: yes
Swoole\Coroutine\run: yes
swoole_cpu_num: yes
Corust\cpu_num: yes
Corust\parallel: yes
bool(true)
