--TEST--
Swoole\StringObject and Swoole\MultibyteStringObject (swoole_string(), swoole_mbstring(), _string(), _mbstring()): every method, append() changing the object too, the errors PHP's functions raise, subclasses keeping their class (same output as Swoole 6.2.2)
--EXTENSIONS--
mbstring
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\StringObject;
use Swoole\MultibyteStringObject;

function show(string $label, mixed $v): void
{
    echo str_pad($label, 16), ' ', $v instanceof StringObject ? get_class($v) . '(' . var_export((string) $v, true) . ')'
        : ($v instanceof Swoole\ArrayObject ? get_class($v) . json_encode($v->toArray(), JSON_UNESCAPED_UNICODE) : var_export($v, true)), "\n";
}
set_error_handler(function ($no, $msg) { echo "[warning] $msg\n"; return true; });

$s = swoole_string('  Hello, World  ');
show('class', $s);
show('length', $s->length());
show('trim', $t = $s->trim());
show('trim chars', $s->trim(' H'));
show('trim "0"', swoole_string('0ab0')->trim('0'));
show('ltrim', $s->ltrim());
show('rtrim', $s->rtrim());
show('lower', $t->lower());
show('upper', $t->upper());
show('reverse', $t->reverse());
show('indexOf', $t->indexOf('o'));
show('indexOf off', $t->indexOf('o', 5));
show('indexOf miss', $t->indexOf('z'));
show('lastIndexOf', $t->lastIndexOf('o'));
show('pos', $t->pos('l'));
show('rpos', $t->rpos('l'));
show('ipos', $t->ipos('WORLD'));
show('substr', $t->substr(7));
show('substr len', $t->substr(-5, 3));
show('repeat', swoole_string('ab')->repeat(3));
show('replace', $t->replace('o', '0', $n));
show('replace count', $n);
show('startsWith', $t->startsWith('Hello'));
show('startsWith no', $t->startsWith('World'));
show('endsWith', $t->endsWith('World'));
show('endsWith ""', $t->endsWith(''));
show('endsWith long', swoole_string('ld')->endsWith('World'));
show('endsWith no', $t->endsWith('Hello'));
show('contains', $t->contains('lo, W'));
show('contains no', $t->contains('xyz'));
show('equals', $t->equals('Hello, World'));
show('equals obj', $t->equals(swoole_string('Hello, World'), true));
show('equals loose', swoole_string('1e1')->equals('10'));
show('equals strict', swoole_string('1e1')->equals('10', true));
show('split', $t->split(', '));
show('split limit', swoole_string('a,b,c,d')->split(',', 2));
show('split neg', swoole_string('a,b,c,d')->split(',', -1));
show('char', $t->char(4));
show('char neg', $t->char(-1));
show('char past', $t->char(100));
show('char at len', $t->char(12));
show('chunkSplit', swoole_string('abcdefg')->chunkSplit(3, '|'));
show('chunkSplit def', swoole_string('abc')->chunkSplit());
show('chunk', swoole_string('abcdefg')->chunk(3));
show('chunk 1', swoole_string('abc')->chunk());
show('toString', $t->toString());
show('__toString', "<$t>");
show('from', StringObject::from('x'));
show('from default', StringObject::from());
show('Stringable', $t instanceof Stringable);
$a = swoole_string('foo');
show('append', $b = $a->append('bar'));
show('append mutates', $a);
show('append int', $a->append(42));
show('same object', $a === $b);
try { $t->split(''); } catch (Throwable $e) { show(get_class($e), $e->getMessage()); }
try { $t->chunk(0); } catch (Throwable $e) { show(get_class($e), $e->getMessage()); }
try { $t->indexOf('o', 100); } catch (Throwable $e) { show(get_class($e), $e->getMessage()); }
try { $t->repeat(-1); } catch (Throwable $e) { show(get_class($e), $e->getMessage()); }

// a subclass keeps its class through the chain, and split() goes through detectArrayType()
class MyString extends StringObject
{
    protected static function detectArrayType(array $value): Swoole\ArrayObject
    {
        return new MyArray($value);
    }
}
class MyArray extends Swoole\ArrayObject {}
show('subclass', MyString::from(' x ')->trim()->upper());
show('subclass split', MyString::from('a b')->split(' '));
show('serialize', serialize(swoole_string('s')));
show('unserialize', unserialize(serialize(swoole_string('s'))));

echo "-- multibyte\n";
$m = swoole_mbstring('héllo wörld, 你好世界');
show('class', $m);
show('length', $m->length());
show('byte length', strlen((string) $m));
show('indexOf', $m->indexOf('ö'));
show('indexOf off', $m->indexOf('l', 4));
show('lastIndexOf', $m->lastIndexOf('l'));
show('pos', $m->pos('你'));
show('rpos', $m->rpos('世'));
show('ipos', $m->ipos('WÖRLD'));
show('ipos off', $m->ipos('L', 4));
show('substr', $m->substr(13));
show('substr len', $m->substr(1, 4));
show('substr enc', bin2hex((string) $m->substr(0, 3, 'ISO-8859-1')));
show('chunk', $m->substr(13)->chunk(2));
show('chunk 1', swoole_mbstring('äöü')->chunk());
show('upper (bytes)', $m->substr(0, 5)->upper());
show('trim', swoole_mbstring(' 你 ')->trim());
show('split', $m->split(', '));
show('from', MultibyteStringObject::from('ü'));
show('_mbstring', _mbstring('ö')->length());
show('_string', _string('ö')->length());
try { $m->indexOf('x', 100); } catch (Throwable $e) { show(get_class($e), $e->getMessage()); }
try { $m->pos('x', 0, 'no-such'); } catch (Throwable $e) { show(get_class($e), $e->getMessage()); }
--EXPECT--
class            Swoole\StringObject('  Hello, World  ')
length           16
trim             Swoole\StringObject('Hello, World')
trim chars       Swoole\StringObject('ello, World')
trim "0"         Swoole\StringObject('0ab0')
ltrim            Swoole\StringObject('Hello, World  ')
rtrim            Swoole\StringObject('  Hello, World')
lower            Swoole\StringObject('hello, world')
upper            Swoole\StringObject('HELLO, WORLD')
reverse          Swoole\StringObject('dlroW ,olleH')
indexOf          4
indexOf off      8
indexOf miss     false
lastIndexOf      8
pos              2
rpos             10
ipos             7
substr           Swoole\StringObject('World')
substr len       Swoole\StringObject('Wor')
repeat           Swoole\StringObject('ababab')
replace          Swoole\StringObject('Hell0, W0rld')
replace count    2
startsWith       true
startsWith no    false
endsWith         true
endsWith ""      true
endsWith long    false
endsWith no      false
contains         true
contains no      false
equals           true
equals obj       true
equals loose     true
equals strict    false
split            Swoole\ArrayObject["Hello","World"]
split limit      Swoole\ArrayObject["a","b,c,d"]
split neg        Swoole\ArrayObject["a","b","c"]
char             'o'
char neg         'd'
char past        ''
[warning] Uninitialized string offset 12
char at len      ''
chunkSplit       Swoole\StringObject('abc|def|g|')
chunkSplit def   Swoole\StringObject('abc
')
chunk            Swoole\ArrayObject["abc","def","g"]
chunk 1          Swoole\ArrayObject["a","b","c"]
toString         'Hello, World'
__toString       '<Hello, World>'
from             Swoole\StringObject('x')
from default     Swoole\StringObject('')
Stringable       true
append           Swoole\StringObject('foobar')
append mutates   Swoole\StringObject('foobar')
append int       Swoole\StringObject('foobar42')
same object      false
ValueError       'explode(): Argument #1 ($separator) cannot be empty'
ValueError       'str_split(): Argument #2 ($length) must be greater than 0'
ValueError       'strpos(): Argument #3 ($offset) must be contained in argument #1 ($haystack)'
ValueError       'str_repeat(): Argument #2 ($times) must be greater than or equal to 0'
subclass         MyString('X')
subclass split   MyArray["a","b"]
serialize        'O:19:"Swoole\\StringObject":1:{s:9:"' . "\0" . '*' . "\0" . 'string";s:1:"s";}'
unserialize      Swoole\StringObject('s')
-- multibyte
class            Swoole\MultibyteStringObject('héllo wörld, 你好世界')
length           17
byte length      27
indexOf          7
indexOf off      9
lastIndexOf      9
pos              13
rpos             15
ipos             6
ipos off         9
substr           Swoole\MultibyteStringObject('你好世界')
substr len       Swoole\MultibyteStringObject('éllo')
substr enc       '68c3a9'
chunk            Swoole\ArrayObject["你好","世界"]
chunk 1          Swoole\ArrayObject["ä","ö","ü"]
upper (bytes)    Swoole\MultibyteStringObject('HéLLO')
trim             Swoole\MultibyteStringObject('你')
split            Swoole\ArrayObject["héllo wörld","你好世界"]
from             Swoole\MultibyteStringObject('ü')
_mbstring        1
_string          2
ValueError       'mb_strpos(): Argument #3 ($offset) must be contained in argument #1 ($haystack)'
ValueError       'mb_strpos(): Argument #4 ($encoding) must be a valid encoding, "no-such" given'
