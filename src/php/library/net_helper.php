<?php
// HOOK_NET_FUNCTION's helper processes: `dns_get_record`, `checkdnsrr`,
// `getmxrr` (and their aliases) and `mail` block inside libc (res_search,
// the sendmail pipe) where no hook can reach, so a coroutine hands the call
// to a plain PHP process (no extensions: `php -n`) over a unix socket and
// waits for the answer in the reactor; the helper runs PHP's own function,
// so results, by-reference outputs and warnings are plain PHP's. Up to four
// helpers per process, started on first use; a forked worker starts its
// own. Swoole routes these calls through its remote-object server instead.

namespace Corust\Library;

use Swoole\Coroutine\Channel;
use Swoole\Coroutine\Socket;

final class NetHelper
{
    private const MAX_HELPERS = 4;

    /** The helper's loop: length-prefixed serialize() requests and answers. */
    private const HELPER = <<<'PHP'
        $read = function (int $n) {
            $buf = '';
            while (strlen($buf) < $n) {
                $chunk = fread(STDIN, $n - strlen($buf));
                if ($chunk === false || $chunk === '') {
                    exit(0);
                }
                $buf .= $chunk;
            }
            return $buf;
        };
        while (true) {
            [$fn, $args] = unserialize($read(unpack('N', $read(4))[1]));
            $warnings = [];
            set_error_handler(function (int $level, string $msg) use (&$warnings, $fn) {
                $prefix = "$fn(): ";
                $warnings[] = [$level, str_starts_with($msg, $prefix) ? substr($msg, strlen($prefix)) : $msg];
                return true;
            });
            try {
                $result = $fn(...$args);
                $out = ['result' => $result, 'args' => $args, 'warnings' => $warnings];
            } catch (\Throwable $e) {
                $out = ['error' => [get_class($e), $e->getMessage()], 'warnings' => $warnings];
            }
            restore_error_handler();
            $payload = serialize($out);
            fwrite(STDOUT, pack('N', strlen($payload)) . $payload);
        }
        PHP;

    private static ?Channel $idle = null;
    private static int $started = 0;
    private static int $owner = 0;

    /**
     * Runs `$fn(...$args)` in a helper: ['result' => …, 'args' => the
     * arguments after the call (by-reference outputs), 'warnings' =>
     * [[level, message], …]], or ['error' => [class, message]] when the
     * function threw, or null when no helper could serve it (the caller then
     * runs the function itself).
     */
    public static function call(string $fn, array $args): ?array
    {
        if (self::$owner !== getmypid()) {
            // A forked child must not share its parent's helpers.
            self::$idle = new Channel(self::MAX_HELPERS);
            self::$started = 0;
            self::$owner = getmypid();
        }
        $helper = self::$idle->isEmpty() && self::$started < self::MAX_HELPERS
            ? self::spawn()
            : self::$idle->pop();
        if (!$helper instanceof Socket) {
            return null;
        }
        $request = serialize([$fn, $args]);
        $head = $helper->sendAll(pack('N', strlen($request)) . $request) !== false ? $helper->recvAll(4) : false;
        $body = is_string($head) && strlen($head) === 4 ? $helper->recvAll(unpack('N', $head)[1]) : false;
        $answer = is_string($body) ? @unserialize($body, ['allowed_classes' => false]) : false;
        if (!is_array($answer)) {
            // The helper died or broke the protocol: drop it; the next call starts another.
            $helper->close();
            self::$started--;
            return null;
        }
        self::$idle->push($helper);
        return $answer;
    }

    private static function spawn(): Socket|false
    {
        self::$started++;
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        if ($pair === false) {
            self::$started--;
            return false;
        }
        [$ours, $theirs] = $pair;
        // mail()'s settings are the caller's (the helper has no php.ini).
        $cmd = [PHP_BINARY, '-n', '-d', 'display_errors=0', '-d', 'log_errors=0'];
        foreach (['sendmail_path', 'sendmail_from', 'mail.add_x_header', 'mail.force_extra_parameters', 'mail.log', 'mail.mixed_lf_and_crlf'] as $ini) {
            $value = ini_get($ini);
            if ($value !== false) {
                // Quoted: a ';' would start an ini comment, '$' a variable.
                array_push($cmd, '-d', $ini . '="' . addcslashes($value, '"\\$') . '"');
            }
        }
        array_push($cmd, '-r', self::HELPER);
        $proc = @proc_open(
            $cmd,
            [0 => $theirs, 1 => $theirs, 2 => ['file', '/dev/null', 'w']],
            $pipes
        );
        fclose($theirs);
        $socket = is_resource($proc) ? Socket::import($ours) : false;
        if ($socket === false) {
            self::$started--;
            return false;
        }
        return $socket;
    }
}
