<?php
// Swoole\Coroutine's helper functions (Swoole 6.2.2 ships them in its PHP
// library; these are corust's own code with the same behaviour). Compiled
// once per request by library/mod.rs: the opening tag above is skipped.

namespace Swoole\Coroutine;

use Swoole\Coroutine;

/**
 * Runs every task in a coroutine of its own and waits for all of them (at
 * most $timeout seconds when positive): the results under the tasks' keys;
 * a task still running when the wait ends leaves null.
 */
function batch(array $tasks, float $timeout = -1): array
{
    $results = [];
    $wg = new WaitGroup(\count($tasks));
    foreach ($tasks as $key => $task) {
        $results[$key] = null;
        Coroutine::create(static function () use ($wg, &$results, $key, $task): void {
            $results[$key] = $task();
            $wg->done();
        });
    }
    $wg->wait($timeout);
    return $results;
}

/** Runs $fn in $n coroutines at once and waits until all have returned. */
function parallel(int $n, callable $fn): void
{
    $wg = new WaitGroup($n);
    for ($i = 0; $i < $n; $i++) {
        Coroutine::create(static function () use ($wg, $fn): void {
            $fn();
            $wg->done();
        });
    }
    $wg->wait();
}

/**
 * $fn($value, $key) for each element, each in a coroutine of its own; waits
 * for all (at most $timeout seconds when positive) and returns the results
 * under the list's keys (null where a call had not returned yet).
 */
function map(array $list, callable $fn, float $timeout = -1): array
{
    $results = [];
    $wg = new WaitGroup(\count($list));
    foreach ($list as $key => $value) {
        $results[$key] = null;
        Coroutine::create(static function () use ($wg, &$results, $key, $value, $fn): void {
            $results[$key] = $fn($value, $key);
            $wg->done();
        });
    }
    $wg->wait($timeout);
    return $results;
}

/**
 * Prints Swoole's "all coroutines are asleep - deadlock!" report: a banner,
 * then each coroutine's backtrace (options deadlock_check_disable_trace,
 * deadlock_check_limit and deadlock_check_depth of Coroutine::set apply).
 */
function deadlock_check(): void
{
    $count = Coroutine::stats()['coroutine_num'];
    $width = 64 + \strlen((string) $count);
    $line = \str_repeat('=', $width);
    $thin = \str_repeat('-', $width);
    echo "\n {$line}\n  [FATAL ERROR]: all coroutines (count: {$count}) are asleep - deadlock!\n {$line}\n";
    $options = Coroutine::getOptions() ?? [];
    if (empty($options['deadlock_check_disable_trace'])) {
        $limit = empty($options['deadlock_check_limit']) ? 32 : (int) $options['deadlock_check_limit'];
        $depth = empty($options['deadlock_check_depth']) ? 32 : (int) $options['deadlock_check_depth'];
        $shown = 0;
        foreach (Coroutine::listCoroutines() as $cid) {
            if ($shown++ >= $limit) {
                break;
            }
            echo "\n  [Coroutine-{$cid}]\n {$thin}\n";
            Coroutine::printBackTrace($cid, DEBUG_BACKTRACE_IGNORE_ARGS, $depth);
        }
    }
    echo "\n {$line}\n";
}

// The bigger library files are compiled when first used (library/mod.rs).
\spl_autoload_register('Corust\\library_autoload');
