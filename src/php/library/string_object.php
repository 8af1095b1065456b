<?php
// Swoole\StringObject, Swoole\MultibyteStringObject, Swoole\ArrayObject and
// Swoole\Exception\ArrayKeyNotExists: the small object wrappers around PHP's
// string and array functions that Swoole 6.2.2 ships in its PHP library
// (swoole_string(), swoole_mbstring(), swoole_array() hand them out). This is
// corust's own code with the same public API (names, parameters, return
// types, as Reflection shows them) and the same behaviour, quirks included
// where a script could notice them (each such place says so).
// library/mod.rs compiles this file the first time a script names one of
// its classes (the opening tag above is skipped).
//
// Strict types as in Swoole's library: it decides how the internal calls
// made from here coerce their arguments (e.g. ArrayObject::get() of a
// missing int key ends in a TypeError from the exception's constructor, as
// in Swoole).
declare(strict_types=1);

namespace Swoole\Exception {
    /** Thrown by ArrayObject::get() (and first()/last()) for a missing key. */
    class ArrayKeyNotExists extends \RuntimeException
    {
    }
}

namespace Swoole {
    use Swoole\Exception\ArrayKeyNotExists;

    /**
     * An immutable-looking byte string: every transforming method returns a
     * new object of the same class (`static`), so subclasses keep their
     * flavour through chains like `->trim()->lower()`.
     */
    class StringObject implements \Stringable
    {
        public function __construct(protected string $string = '')
        {
        }

        public function __toString(): string
        {
            return $this->string;
        }

        public static function from(string $string = ''): static
        {
            return new static($string);
        }

        public function length(): int
        {
            return \strlen($this->string);
        }

        public function indexOf(string $needle, int $offset = 0): false|int
        {
            return \strpos($this->string, $needle, $offset);
        }

        public function lastIndexOf(string $needle, int $offset = 0): false|int
        {
            return \strrpos($this->string, $needle, $offset);
        }

        /** Same as indexOf() (Swoole has both names). */
        public function pos(string $needle, int $offset = 0): false|int
        {
            return \strpos($this->string, $needle, $offset);
        }

        /** Same as lastIndexOf(). */
        public function rpos(string $needle, int $offset = 0): false|int
        {
            return \strrpos($this->string, $needle, $offset);
        }

        public function reverse(): static
        {
            return new static(\strrev($this->string));
        }

        /**
         * Case-insensitive position (no offset here; the multibyte subclass
         * has one). No declared return type, as in Swoole.
         * @return false|int
         */
        public function ipos(string $needle)
        {
            return \stripos($this->string, $needle);
        }

        public function lower(): static
        {
            return new static(\strtolower($this->string));
        }

        public function upper(): static
        {
            return new static(\strtoupper($this->string));
        }

        /**
         * Trims $characters, or PHP's default whitespace set when it is
         * falsy — "0" included, as in Swoole (it tests truthiness).
         */
        public function trim(string $characters = ''): static
        {
            return new static($characters ? \trim($this->string, $characters) : \trim($this->string));
        }

        /** Default whitespace only; declared `self` as in Swoole. */
        public function ltrim(): self
        {
            return new static(\ltrim($this->string));
        }

        public function rtrim(): self
        {
            return new static(\rtrim($this->string));
        }

        /** @return static (undeclared in Swoole, so subclasses may widen it) */
        public function substr(int $offset, ?int $length = null)
        {
            return new static(\substr($this->string, $offset, $length));
        }

        public function repeat(int $times): static
        {
            return new static(\str_repeat($this->string, $times));
        }

        /**
         * Swoole's append() both changes this object and returns a new one
         * holding the result; scripts can see the former, so we do the same.
         */
        public function append(mixed $str): static
        {
            $this->string .= $str;
            return new static($this->string);
        }

        /** @param int|null $count set to the number of replacements */
        public function replace(string $search, string $replace, &$count = null): static
        {
            return new static(\str_replace($search, $replace, $this->string, $count));
        }

        public function startsWith(string $needle): bool
        {
            return \str_starts_with($this->string, $needle);
        }

        /**
         * Swoole compares the last occurrence's position with the place the
         * needle would start at the end; that is exactly str_ends_with()
         * (the empty needle included).
         */
        public function endsWith(string $needle): bool
        {
            return \str_ends_with($this->string, $needle);
        }

        /** Loose (==) or strict (===) comparison with a string or another StringObject. */
        public function equals($str, bool $strict = false): bool
        {
            if ($str instanceof StringObject) {
                $str = (string) $str;
            }
            return $strict ? $this->string === $str : $this->string == $str;
        }

        public function contains(string $subString): bool
        {
            return \str_contains($this->string, $subString);
        }

        public function split(string $delimiter, int $limit = PHP_INT_MAX): ArrayObject
        {
            return static::detectArrayType(\explode($delimiter, $this->string, $limit));
        }

        /**
         * The byte at $index ('' past the end). An index equal to the length
         * or too far negative reads PHP's own string offset, warning
         * "Uninitialized string offset" as Swoole's does.
         */
        public function char(int $index): string
        {
            return $index > \strlen($this->string) ? '' : $this->string[$index];
        }

        /** @see https://www.php.net/chunk_split */
        public function chunkSplit(int $length = 76, string $separator = "\r\n"): static
        {
            return new static(\chunk_split($this->string, $length, $separator));
        }

        /** Pieces of $length bytes, as an ArrayObject. @see https://www.php.net/str_split */
        public function chunk(int $length = 1): ArrayObject
        {
            return static::detectArrayType(\str_split($this->string, $length));
        }

        public function toString(): string
        {
            return $this->string;
        }

        /** The array class split()/chunk() return (a hook for subclasses). */
        protected static function detectArrayType(array $value): ArrayObject
        {
            return new ArrayObject($value);
        }
    }

    /**
     * StringObject counted in characters (mbstring): the length, positions,
     * substr() and chunk() overrides; the rest stays byte-wise as in Swoole.
     */
    class MultibyteStringObject extends StringObject
    {
        public function length(): int
        {
            return \mb_strlen($this->string);
        }

        public function indexOf(string $needle, int $offset = 0, ?string $encoding = null): false|int
        {
            return \mb_strpos($this->string, $needle, $offset, $encoding);
        }

        public function lastIndexOf(string $needle, int $offset = 0, ?string $encoding = null): false|int
        {
            return \mb_strrpos($this->string, $needle, $offset, $encoding);
        }

        public function pos(string $needle, int $offset = 0, ?string $encoding = null): false|int
        {
            return \mb_strpos($this->string, $needle, $offset, $encoding);
        }

        public function rpos(string $needle, int $offset = 0, ?string $encoding = null): false|int
        {
            return \mb_strrpos($this->string, $needle, $offset, $encoding);
        }

        public function ipos(string $needle, int $offset = 0, ?string $encoding = null): int|false
        {
            return \mb_stripos($this->string, $needle, $offset, $encoding);
        }

        /** @see https://www.php.net/mb_substr */
        public function substr(int $start, ?int $length = null, ?string $encoding = null): static
        {
            return new static(\mb_substr($this->string, $start, $length, $encoding));
        }

        /** @see https://www.php.net/mb_str_split */
        public function chunk(int $length = 1): ArrayObject
        {
            return static::detectArrayType(\mb_str_split($this->string, $length));
        }
    }

    /**
     * A mutable array with a method for most of PHP's array functions.
     * Methods that change the array in place return $this; those that
     * compute a new array return a new object (`static`). get() and friends
     * wrap string and array values in StringObject/ArrayObject.
     */
    class ArrayObject implements \ArrayAccess, \Serializable, \Countable, \Iterator
    {
        /** @var array untyped, as in Swoole */
        protected $array;

        public function __construct(array $array = [])
        {
            $this->array = $array;
        }

        public function __toArray(): array
        {
            return $this->array;
        }

        /** serialize() stores just the array (and __unserialize() takes it back). */
        public function __serialize(): array
        {
            return $this->array;
        }

        public function __unserialize(array $data): void
        {
            $this->array = $data;
        }

        public static function from(array $array = []): static
        {
            return new static($array);
        }

        public function toArray(): array
        {
            return $this->array;
        }

        public function isEmpty(): bool
        {
            return !$this->array;
        }

        public function count(): int
        {
            return \count($this->array);
        }

        // Iterator: the array's own internal pointer, so a foreach over the
        // object sees raw values (not wrapped) and the pointer functions'
        // return values, as in Swoole. Untyped returns need the attribute to
        // stay silent on PHP 8.1+.

        #[\ReturnTypeWillChange]
        public function current()
        {
            return \current($this->array);
        }

        #[\ReturnTypeWillChange]
        public function key()
        {
            return \key($this->array);
        }

        public function valid(): bool
        {
            return $this->key() !== null;
        }

        #[\ReturnTypeWillChange]
        public function rewind()
        {
            return \reset($this->array);
        }

        #[\ReturnTypeWillChange]
        public function next()
        {
            return \next($this->array);
        }

        /**
         * The value under $key, wrapped (see detectType()).
         * @throws ArrayKeyNotExists with the key as message
         * @return ArrayObject|StringObject|mixed
         */
        public function get(mixed $key)
        {
            if (!$this->exists($key)) {
                throw new ArrayKeyNotExists($key);
            }
            return static::detectType($this->array[$key]);
        }

        /** Like get(), but $default (unwrapped) for a missing key. */
        public function getOr(mixed $key, mixed $default = null)
        {
            return $this->exists($key) ? static::detectType($this->array[$key]) : $default;
        }

        /** The last value, wrapped; null when empty. */
        public function last()
        {
            $key = \array_key_last($this->array);
            return $key === null ? null : $this->get($key);
        }

        /** @return int|string|null */
        public function firstKey()
        {
            return \array_key_first($this->array);
        }

        /** @return int|string|null */
        public function lastKey()
        {
            return \array_key_last($this->array);
        }

        /** The first value, wrapped; null when empty. */
        public function first()
        {
            $key = \array_key_first($this->array);
            return $key === null ? null : $this->get($key);
        }

        public function set(mixed $key, mixed $value): self
        {
            $this->array[$key] = $value;
            return $this;
        }

        public function delete(mixed $key): self
        {
            unset($this->array[$key]);
            return $this;
        }

        /** Removes the first element equal to $value, or every one with $loop. */
        public function remove(mixed $value, bool $strict = true, bool $loop = false): self
        {
            do {
                $key = $this->search($value, $strict);
                if ($key === false) {
                    break;
                }
                unset($this->array[$key]);
            } while ($loop);
            return $this;
        }

        public function clear(): self
        {
            $this->array = [];
            return $this;
        }

        // ArrayAccess: raw values. offsetExists() is isset() (so a null value
        // does not "exist" for isset($obj[$k])) while exists() is
        // array_key_exists(), as in Swoole.

        #[\ReturnTypeWillChange]
        public function offsetGet(mixed $key)
        {
            return \array_key_exists($key, $this->array) ? $this->array[$key] : null;
        }

        public function offsetSet(mixed $key, mixed $value): void
        {
            // $obj[] = $v arrives with a null key; PHP's `$a[null]` would
            // write under '' — Swoole does exactly that, and so do we.
            $this->array[$key] = $value;
        }

        public function offsetUnset(mixed $key): void
        {
            unset($this->array[$key]);
        }

        #[\ReturnTypeWillChange]
        public function offsetExists(mixed $key)
        {
            return isset($this->array[$key]);
        }

        public function exists(mixed $key): bool
        {
            return \array_key_exists($key, $this->array);
        }

        public function contains(mixed $value, bool $strict = true): bool
        {
            return \in_array($value, $this->array, $strict);
        }

        /** The first key holding $value, or false. */
        public function indexOf(mixed $value, bool $strict = true)
        {
            return $this->search($value, $strict);
        }

        /** The last key holding $value, or null (not false) when none does — as in Swoole. */
        public function lastIndexOf(mixed $value, bool $strict = true)
        {
            foreach (\array_reverse($this->array, true) as $key => $item) {
                if ($strict ? $item === $value : $item == $value) {
                    return $key;
                }
            }
            return null;
        }

        public function search(mixed $needle, bool $strict = true)
        {
            return \array_search($needle, $this->array, $strict);
        }

        /** The values glued into a StringObject (always the base class: Swoole calls it via self::). */
        public function join(string $glue = ''): StringObject
        {
            return self::detectStringType(\implode($glue, $this->array));
        }

        public function serialize(): string
        {
            return \serialize($this->array);
        }

        /** Replaces the array with the unserialized $string (cast to array). */
        public function unserialize(string|\Stringable|StringObject $string): self
        {
            $this->array = (array) \unserialize((string) $string);
            return $this;
        }

        /** @return float|int */
        public function sum()
        {
            return \array_sum($this->array);
        }

        /** @return float|int */
        public function product()
        {
            return \array_product($this->array);
        }

        /** Appends; returns the new count. */
        public function push(mixed $value)
        {
            return $this->pushBack($value);
        }

        /** Prepends (renumbering int keys); returns the new count. */
        public function pushFront(mixed $value)
        {
            return \array_unshift($this->array, $value);
        }

        /** Appends every argument; returns $this, unlike push(). */
        public function append(...$values): ArrayObject
        {
            \array_push($this->array, ...$values);
            return $this;
        }

        public function pushBack(mixed $value)
        {
            return \array_push($this->array, $value);
        }

        /**
         * Inserts $value before position $offset. Always one element: Swoole
         * wraps arrays, objects and null, and array_splice() wraps the other
         * scalars itself, so wrapping everything is the same.
         */
        public function insert(int $offset, mixed $value): self
        {
            \array_splice($this->array, $offset, 0, [$value]);
            return $this;
        }

        public function pop()
        {
            return $this->popBack();
        }

        public function popFront()
        {
            return \array_shift($this->array);
        }

        public function popBack()
        {
            return \array_pop($this->array);
        }

        public function slice(int $offset, ?int $length = null, bool $preserve_keys = false): static
        {
            return new static(\array_slice($this->array, $offset, $length, $preserve_keys));
        }

        /** A random value, wrapped (array_rand()'s ValueError when empty). */
        public function randomGet()
        {
            return static::detectType($this->array[\array_rand($this->array, 1)]);
        }

        /** Calls $fn(&$value, $key) on each element (array_walk()). */
        public function each(callable $fn): self
        {
            \array_walk($this->array, $fn);
            return $this;
        }

        /** array_map() with this array first; further arrays in $args. */
        public function map(callable $fn, ...$args): static
        {
            return new static(\array_map($fn, $this->array, ...$args));
        }

        public function reduce(callable $fn, $initial = null)
        {
            return \array_reduce($this->array, $fn, $initial);
        }

        /** array_keys(), with its optional search value and strictness in $args. */
        public function keys(...$args): static
        {
            return new static(\array_keys($this->array, ...$args));
        }

        public function values(): static
        {
            return new static(\array_values($this->array));
        }

        public function column(mixed $column_key, mixed $index = null): static
        {
            return new static(\array_column($this->array, $column_key, $index));
        }

        public function unique(int $sort_flags = SORT_STRING): static
        {
            return new static(\array_unique($this->array, $sort_flags));
        }

        public function reverse(bool $preserve_keys = false): static
        {
            return new static(\array_reverse($this->array, $preserve_keys));
        }

        public function chunk(int $size, bool $preserve_keys = false): static
        {
            return new static(\array_chunk($this->array, $size, $preserve_keys));
        }

        /** Swaps keys and values. */
        public function flip(): static
        {
            return new static(\array_flip($this->array));
        }

        public function filter(callable $fn, int $flag = 0): static
        {
            return new static(\array_filter($this->array, $fn, $flag));
        }

        // Sorting, in place: PHP's sort functions of the same names. (They
        // cannot fail on PHP 8, so Swoole's "...() failed" exceptions for
        // natcasesort/natsort/rsort never fire and are left out.)

        public function asort(int $sort_flags = SORT_REGULAR): self
        {
            \asort($this->array, $sort_flags);
            return $this;
        }

        public function arsort(int $sort_flags = SORT_REGULAR): self
        {
            \arsort($this->array, $sort_flags);
            return $this;
        }

        public function krsort(int $sort_flags = SORT_REGULAR): self
        {
            \krsort($this->array, $sort_flags);
            return $this;
        }

        public function ksort(int $sort_flags = SORT_REGULAR): self
        {
            \ksort($this->array, $sort_flags);
            return $this;
        }

        public function natcasesort(): self
        {
            \natcasesort($this->array);
            return $this;
        }

        public function natsort(): self
        {
            \natsort($this->array);
            return $this;
        }

        public function rsort(int $sort_flags = SORT_REGULAR): self
        {
            \rsort($this->array, $sort_flags);
            return $this;
        }

        public function shuffle(): self
        {
            \shuffle($this->array);
            return $this;
        }

        public function sort(int $sort_flags = SORT_REGULAR): self
        {
            \sort($this->array, $sort_flags);
            return $this;
        }

        public function uasort(callable $value_compare_func): self
        {
            \uasort($this->array, $value_compare_func);
            return $this;
        }

        public function uksort(callable $value_compare_func): self
        {
            \uksort($this->array, $value_compare_func);
            return $this;
        }

        public function usort(callable $value_compare_func): self
        {
            \usort($this->array, $value_compare_func);
            return $this;
        }

        /** Strings → StringObject, arrays → this class, anything else as is. */
        protected static function detectType(mixed $value)
        {
            if (\is_string($value)) {
                return static::detectStringType($value);
            }
            if (\is_array($value)) {
                return static::detectArrayType($value);
            }
            return $value;
        }

        protected static function detectStringType(string $value): StringObject
        {
            return new StringObject($value);
        }

        protected static function detectArrayType(array $value): static
        {
            return new static($value);
        }
    }
}
