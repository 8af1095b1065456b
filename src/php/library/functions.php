<?php
// Swoole 6.2.2's global helpers from its PHP library, plus the two it writes
// in C (swoole_substr_*). Functions cannot be autoloaded, so library/mod.rs
// compiles this file at every request start: it stays one-liners. The
// classes they return (string_object.php) and the longer bodies (helpers.php,
// Corust\Library\Helpers, documented there) compile on first use. Not here:
// swoole_init_default_remote_object_server() and
// swoole_get_default_remote_object_client() (corust has no RemoteObject).
declare(strict_types=1);

// SWOOLE_USE_SHORTNAME is the swoole identity's (corust.swoole_identity=0
// has none): then the short names' own switch decides, through go().
if (\defined('SWOOLE_USE_SHORTNAME') ? \constant('SWOOLE_USE_SHORTNAME') : \function_exists('go')) {
    function _string(string $string = ''): Swoole\StringObject
    {
        return new Swoole\StringObject($string);
    }

    function _mbstring(string $string = ''): Swoole\MultibyteStringObject
    {
        return new Swoole\MultibyteStringObject($string);
    }

    function _array(array $array = []): Swoole\ArrayObject
    {
        return new Swoole\ArrayObject($array);
    }
}

function swoole_string(string $string = ''): Swoole\StringObject
{
    return new Swoole\StringObject($string);
}

function swoole_mbstring(string $string = ''): Swoole\MultibyteStringObject
{
    return new Swoole\MultibyteStringObject($string);
}

function swoole_array(array $array = []): Swoole\ArrayObject
{
    return new Swoole\ArrayObject($array);
}

// The parameter's name is Swoole's, typo included (Reflection shows it).
function swoole_array_list(...$arrray): Swoole\ArrayObject
{
    return new Swoole\ArrayObject($arrray);
}

function swoole_table(int $size, string $fields): Swoole\Table
{
    return Corust\Library\Helpers::table($size, $fields);
}

function swoole_array_default_value(array $array, $key, $default_value = null)
{
    return array_key_exists($key, $array) ? $array[$key] : $default_value;
}

// Whether a Docker or Kubernetes mount shows in /proc/self/mountinfo.
function swoole_is_in_container(): bool
{
    $mounts = (string) file_get_contents('/proc/self/mountinfo');
    return strpos($mounts, 'kubepods') > 0 || strpos($mounts, 'docker') > 0;
}

function swoole_container_cpu_num(): int
{
    return Corust\Library\Helpers::containerCpuNum();
}

function swoole_substr_unserialize(string $str, int $offset, int $length = 0, array $options = []): mixed
{
    return Corust\Library\Helpers::substrUnserialize($str, $offset, $length, $options);
}

// $associative is nullable, unlike Swoole's arginfo, because Swoole's C code
// accepts null (and a null leaves $flags' JSON_OBJECT_AS_ARRAY alone).
function swoole_substr_json_decode(string $str, int $offset, int $length = 0, ?bool $associative = null, int $depth = 512, int $flags = 0): mixed
{
    return Corust\Library\Helpers::substrJsonDecode($str, $offset, $length, $associative, $depth, $flags);
}

// Swoole's coroutine versions of the blocking net and exec functions (its
// library's ext/standard.php and std/exec.php): in a coroutine they use the
// helper processes of HOOK_NET_FUNCTION (Swoole: its remote-object server)
// or System::exec; elsewhere they are the plain functions.
function swoole_gethostbynamel(string $domain)
{
    return Swoole\Coroutine\System::getaddrinfo($domain);
}

function swoole_mail(string $to, string $subject, string $message, array $headers = []): bool
{
    return Corust\Library\Helpers::net('mail', [$to, $subject, $message, $headers]);
}

function swoole_checkdnsrr(string $hostname, string $type = 'MX'): bool
{
    return Corust\Library\Helpers::net('checkdnsrr', [$hostname, $type]);
}

function swoole_dns_check_record(string $hostname, string $type = 'MX'): bool
{
    return Corust\Library\Helpers::net('checkdnsrr', [$hostname, $type]);
}

function swoole_getmxrr(string $hostname, array &$hosts, ?array &$weights = null): bool
{
    return Corust\Library\Helpers::net('getmxrr', [$hostname, &$hosts, &$weights]);
}

function swoole_dns_get_mx(string $hostname, array &$hosts, ?array &$weights = null): bool
{
    return Corust\Library\Helpers::net('getmxrr', [$hostname, &$hosts, &$weights]);
}

function swoole_dns_get_record(string $hostname, int $type = DNS_ANY, ?array &$authoritative_name_servers = null, ?array &$additional_records = null, bool $raw = false): array|false
{
    return Corust\Library\Helpers::net('dns_get_record', [$hostname, $type, &$authoritative_name_servers, &$additional_records, $raw]);
}

function swoole_gethostbyaddr(string $ip): string
{
    return (string) Corust\Library\Helpers::net('gethostbyaddr', [$ip]);
}

function swoole_exec(string $command, &$output = null, &$returnVar = null)
{
    return Corust\Library\Helpers::exec($command, $output, $returnVar);
}

function swoole_shell_exec(string $cmd)
{
    return Corust\Library\Helpers::shellExec($cmd);
}
