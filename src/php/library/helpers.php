<?php
// The bodies of Swoole 6.2.2's bigger global helpers (swoole_table(),
// swoole_container_cpu_num(), swoole_substr_unserialize(),
// swoole_substr_json_decode()). functions.php declares the functions
// themselves — functions cannot be autoloaded, so that file is compiled at
// every request start — as one-line calls into this class, which
// library/mod.rs compiles only the first time one of them runs: start-up
// does not pay for code most scripts never call. corust's own code.
declare(strict_types=1);

namespace Corust\Library;

/** @internal what the swoole_* helper functions call */
final class Helpers
{
    /**
     * A created Swoole\Table (conflict proportion 0.25) from a column list
     * such as "id:int, score:f, name:string:32" (types i/int, f/float,
     * s/string with a length). Errors are Swoole's: RuntimeException for a
     * bad type or length; a field without a type is a missing key 1, which
     * Swoole reports by constructing ArrayKeyNotExists(1) — a TypeError under
     * strict types, so the same happens here.
     */
    public static function table(int $size, string $fields): \Swoole\Table
    {
        $table = new \Swoole\Table($size, 0.25);
        foreach (\explode(',', \trim($fields)) as $field) {
            $part = \array_map('trim', \explode(':', \trim($field)));
            $type = $part[1] ?? throw new \Swoole\Exception\ArrayKeyNotExists(1);
            switch ($type) {
                case 'i':
                case 'int':
                    $table->column($part[0], \Swoole\Table::TYPE_INT);
                    break;
                case 'f':
                case 'float':
                    $table->column($part[0], \Swoole\Table::TYPE_FLOAT);
                    break;
                case 's':
                case 'string':
                    if (!isset($part[2])) {
                        throw new \RuntimeException('need to give string length');
                    }
                    $length = (int) $part[2];
                    if ($length <= 0) {
                        throw new \RuntimeException("invalid string length[{$length}]");
                    }
                    $table->column($part[0], \Swoole\Table::TYPE_STRING, $length);
                    break;
                default:
                    throw new \RuntimeException("unknown field type[{$type}]");
            }
        }
        if (!$table->create()) {
            throw new \RuntimeException('failed to create table');
        }
        return $table;
    }

    /**
     * CPUs this process may use: $SWOOLE_CPU_NUM if positive; else, in a
     * container, the cgroup CPU quota rounded down (v2 cpu.max, or v1
     * cfs_quota_us / cfs_period_us); swoole_cpu_num() without a quota,
     * outside a container, or below one CPU. Differs from Swoole 6.2.2 on
     * purpose: Swoole swaps explode()'s arguments when reading cpu.max, so
     * under cgroup v2 it always falls back to swoole_cpu_num(); this reads
     * the quota (and a missing v1 file is a fallback, not a division by 0).
     */
    public static function containerCpuNum(): int
    {
        $env = \intval(\getenv('SWOOLE_CPU_NUM'));
        if ($env > 0) {
            return $env;
        }
        if (!\swoole_is_in_container()) {
            return \swoole_cpu_num();
        }
        if (\file_exists('/sys/fs/cgroup/cpu.max')) {
            $max = \explode(' ', \trim((string) \file_get_contents('/sys/fs/cgroup/cpu.max')));
            if ($max[0] === 'max') {
                return \swoole_cpu_num();
            }
            [$quota, $period] = [$max[0], $max[1] ?? 100000];
        } else {
            $quota = @\file_get_contents('/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us');
            $period = @\file_get_contents('/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us');
        }
        $cpus = \floatval($quota) / \max(\floatval($period), 1.0);
        return $cpus < 1 ? \swoole_cpu_num() : \intval(\floor($cpus));
    }

    /**
     * unserialize() of $str's bytes from $offset ($offset < 0 counts from
     * the end), $length of them (<= 0 or too many: to the end) — so a caller
     * need not copy the substring itself. false for an empty string or an
     * offset out of range. (Swoole's is C: its notice for bad data names
     * swoole_substr_unserialize(), ours names unserialize().)
     */
    public static function substrUnserialize(string $str, int $offset, int $length, array $options): mixed
    {
        $size = \strlen($str);
        if ($offset < 0) {
            $offset += $size;
        }
        if ($size === 0 || $offset < 0 || $offset >= $size) {
            return false;
        }
        if ($length <= 0 || $length > $size - $offset) {
            $length = $size - $offset;
        }
        return \unserialize(\substr($str, $offset, $length), $options);
    }

    /**
     * json_decode() of a part of $str, chosen as in substrUnserialize(); a
     * warning and null for an empty string, an offset out of range or a
     * depth out of range (where json_decode() itself would throw). A null
     * $associative leaves JSON_OBJECT_AS_ARRAY in $flags alone, as Swoole's
     * C code does. The warnings' text is Swoole's (function name included);
     * being raised from PHP code, they point at this file, not the caller.
     */
    public static function substrJsonDecode(string $str, int $offset, int $length, ?bool $associative, int $depth, int $flags): mixed
    {
        $size = \strlen($str);
        $error = match (true) {
            $size === 0 => 'Non-empty string required',
            $offset < -$size => 'Offset must be not less than the negative length of the string',
            $offset >= $size => 'Offset must be less than the length of the string',
            $depth <= 0 => 'Depth must be greater than zero',
            $depth > 2147483647 => 'Depth must be lower than 2147483647',
            default => null,
        };
        if ($error !== null) {
            \trigger_error("swoole_substr_json_decode(): $error", E_USER_WARNING);
            return null;
        }
        if ($offset < 0) {
            $offset += $size;
        }
        if ($length <= 0 || $length > $size - $offset) {
            $length = $size - $offset;
        }
        return \json_decode(\substr($str, $offset, $length), $associative, $depth, $flags);
    }

    /**
     * `$fn(...$args)` through a HOOK_NET_FUNCTION helper process in a
     * coroutine (by-reference elements of $args take the outputs; warnings
     * come back as E_USER_* with the function's prefix), else directly.
     */
    public static function net(string $fn, array $args): mixed
    {
        $answer = \Swoole\Coroutine::getCid() > 0 ? NetHelper::call($fn, $args) : null;
        if ($answer === null || isset($answer['error'])) {
            return $fn(...$args);
        }
        foreach ($answer['warnings'] as [$level, $msg]) {
            trigger_error("{$fn}(): {$msg}", $level === E_WARNING ? E_USER_WARNING : E_USER_NOTICE);
        }
        foreach ($answer['args'] as $i => $value) {
            $args[$i] = $value;
        }
        return $answer['result'];
    }

    /**
     * swoole_exec(): System::exec's output split into lines (trailing
     * whitespace cut, a last empty line dropped) and appended to $output;
     * the last line, or false when the command could not run.
     */
    public static function exec(string $command, &$output, &$returnVar): string|false
    {
        $result = \Swoole\Coroutine\System::exec($command);
        if (!$result) {
            return false;
        }
        $lines = array_map('rtrim', explode(PHP_EOL, $result['output']));
        if (end($lines) === '') {
            array_pop($lines);
        }
        $output = $output ? array_merge($output, $lines) : $lines;
        $returnVar = $result['code'];
        return $lines === [] ? '' : end($lines);
    }

    /** swoole_shell_exec(): the command's output, null when there is none. */
    public static function shellExec(string $cmd): ?string
    {
        $result = \Swoole\Coroutine\System::exec($cmd);
        return $result && $result['output'] !== '' ? $result['output'] : null;
    }
}
