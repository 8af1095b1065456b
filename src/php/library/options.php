<?php
// Swoole's library options (swoole_library_get/set_option[s]): a plain
// key → value store that the library's components read, as Swoole 6.2.2
// keeps them. corust's own code; compiled once per request by library/mod.rs.

namespace Corust\Library {
    /** @internal the store behind swoole_library_*_option[s]() */
    final class Options
    {
        /** @var array<string, mixed> */
        public static array $all = [];
    }
}

namespace {
    function swoole_library_set_options(array $options): void
    {
        \Corust\Library\Options::$all = $options;
    }

    function swoole_library_get_options(): array
    {
        return \Corust\Library\Options::$all;
    }

    function swoole_library_set_option(string $key, mixed $value): void
    {
        \Corust\Library\Options::$all[$key] = $value;
    }

    function swoole_library_get_option(string $key): mixed
    {
        return \Corust\Library\Options::$all[$key] ?? null;
    }
}
