--TEST--
Event::defer runs at the end of the loop's turn, cycle on every turn (removed with null, dropped when the loop ends), dispatch runs one turn, exit stops the loop and clears timers
--FILE--
<?php
use Swoole\Event;
use Swoole\Timer;
Event::defer(function () { echo "deferred\n"; Event::defer(fn() => print("deferred again\n")); });
$turns = 0;
var_dump(Event::cycle(function () use (&$turns) { $turns++; }));
Timer::after(20, fn() => print("timer\n"));
echo "main\n";
Event::wait();
var_dump($turns > 0, Event::cycle(null));

// One turn each: the first waits until the timer is due (5 ms); armed in
// that round, it fires in the next turn (as Swoole's).
Timer::after(5, fn() => print("timer in dispatch\n"));
$t = microtime(true);
var_dump(Event::dispatch(), microtime(true) - $t >= 0.004);
echo "first dispatch\n";
var_dump(Event::dispatch());
echo "after dispatch\n";

Timer::after(10, function () { echo "exit\n"; Event::exit(); });
Timer::after(200, fn() => print("never\n"));
Event::wait();
var_dump(count(Timer::list()));
?>
--EXPECT--
bool(true)
main
deferred
deferred again
timer
bool(true)
bool(false)
bool(true)
bool(true)
first dispatch
timer in dispatch
bool(true)
after dispatch
exit
int(0)
