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

// One turn: the timer due in 5 ms fires within it.
Timer::after(5, fn() => print("timer in dispatch\n"));
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
timer in dispatch
bool(true)
after dispatch
exit
int(0)
