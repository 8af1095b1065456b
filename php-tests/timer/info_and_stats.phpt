--TEST--
Timer::info reports as Swoole's timer node: interval (0 for after), firings before this one, next due time, removed (true once cleared inside its own callback; null after); Timer::stats reports initialization and the armed count; the swoole_timer_* functions are the same
--FILE--
<?php
use Swoole\Timer;
var_dump(Timer::stats()['initialized']);
$fires = 0;
$tick = Timer::tick(20, function ($id) use (&$fires) {
    $fires++;
    $i = Timer::info($id);
    echo "tick $fires: exec_count {$i['exec_count']}, interval {$i['interval']}\n";
    if ($fires == 2) {
        Timer::clear($id);
        var_dump(Timer::info($id)['removed']);
        Swoole\Timer::after(5, fn () => var_dump(Timer::info($id)));
    }
});
$after = Timer::after(500, fn () => 1);
$i = swoole_timer_info($after);
var_dump(array_keys($i), $i['interval'], $i['exec_msec'] >= 500, $i['removed']);
$s = swoole_timer_stats();
var_dump($s['initialized'], $s['num'] >= 2);
Timer::clear($after);
var_dump(Timer::info($after), Timer::info(-5));
?>
--EXPECT--
bool(false)
array(5) {
  [0]=>
  string(9) "exec_msec"
  [1]=>
  string(10) "exec_count"
  [2]=>
  string(8) "interval"
  [3]=>
  string(5) "round"
  [4]=>
  string(7) "removed"
}
int(0)
bool(true)
bool(false)
bool(true)
bool(true)
NULL
NULL
tick 1: exec_count 0, interval 20
tick 2: exec_count 1, interval 20
bool(true)
NULL
