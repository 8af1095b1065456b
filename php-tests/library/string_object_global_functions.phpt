--TEST--
Swoole's library helpers: swoole_array_default_value(), swoole_container_cpu_num(), swoole_table() with its errors, swoole_substr_json_decode() and swoole_substr_unserialize() offsets, lengths, options and warnings (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
set_error_handler(function ($no, $msg) { if (error_reporting() & $no) echo "[warning] $msg\n"; return true; });
function attempt(string $label, callable $fn): void
{
    try { $v = $fn(); echo str_pad($label, 18), ' ', str_replace("\n", '', var_export($v, true)), "\n"; }
    catch (Throwable $e) { echo str_pad($label, 18), ' ', get_class($e), ': ', $e->getMessage(), "\n"; }
}

echo "-- helpers\n";
attempt('string', fn () => get_class(swoole_string()));
attempt('mbstring', fn () => get_class(swoole_mbstring('x')));
attempt('array', fn () => swoole_array([1])->toArray());
attempt('_array', fn () => _array(['k' => 1])->toArray());
attempt('array_list', fn () => swoole_array_list(1, 'a', [2])->toArray());
attempt('array_list none', fn () => swoole_array_list()->toArray());
attempt('default hit', fn () => swoole_array_default_value(['a' => null], 'a', 'd'));
attempt('default miss', fn () => swoole_array_default_value(['a' => 1], 'b', 'd'));
attempt('default int key', fn () => swoole_array_default_value([5 => 'five'], '5'));
attempt('default no dflt', fn () => swoole_array_default_value([], 'x'));
attempt('in container', fn () => is_bool(swoole_is_in_container()));
attempt('cpu num', fn () => swoole_container_cpu_num() >= 1);
putenv('SWOOLE_CPU_NUM=3');
attempt('cpu num env', fn () => swoole_container_cpu_num());
putenv('SWOOLE_CPU_NUM');

echo "-- swoole_table\n";
foreach (['id:int, score : f, name: string :16 ', 'a:i,b:float,c:s:4', 'a', 'a:x', 'a:s', 'a:s:0', 'a:s:-3', 'a:int,'] as $spec) {
    attempt($spec, function () use ($spec) {
        $t = swoole_table(16, $spec);
        $t->set('k', ['id' => 7, 'score' => 1.5, 'name' => 'Ann', 'a' => 1, 'b' => 2.5, 'c' => 'xyzxyz']);
        return [get_class($t), $t->getSize(), $t->get('k')];
    });
}

echo "-- swoole_substr_json_decode\n";
$json = '{"a":{"b":[1,2]}}';
$buf = pack('N', strlen($json)) . $json . "\r\n";
attempt('object', fn () => swoole_substr_json_decode($buf, 4, strlen($json)));
attempt('assoc', fn () => swoole_substr_json_decode($buf, 4, strlen($json), true));
attempt('assoc false+flag', fn () => swoole_substr_json_decode($buf, 4, strlen($json), false, 512, JSON_OBJECT_AS_ARRAY));
attempt('assoc null+flag', fn () => swoole_substr_json_decode($buf, 4, strlen($json), null, 512, JSON_OBJECT_AS_ARRAY));
attempt('negative offset', fn () => swoole_substr_json_decode($buf, -(strlen($json) + 2), strlen($json), true));
attempt('rest (len 0)', fn () => swoole_substr_json_decode("xx[1,2]", 2));
attempt('len too big', fn () => swoole_substr_json_decode("xx[1,2]", 2, 100));
attempt('len negative', fn () => swoole_substr_json_decode("xx[1,2]", 2, -1));
attempt('trailing junk', fn () => [swoole_substr_json_decode($buf, 4), json_last_error_msg()]);
attempt('depth', fn () => [swoole_substr_json_decode($buf, 4, strlen($json), true, 2), json_last_error_msg()]);
attempt('depth 0', fn () => swoole_substr_json_decode($buf, 4, 0, true, 0));
attempt('throw', fn () => swoole_substr_json_decode('x{', 1, 0, true, 512, JSON_THROW_ON_ERROR));
attempt('empty', fn () => swoole_substr_json_decode('', 0));
attempt('offset = len', fn () => swoole_substr_json_decode('[1]', 3));
attempt('offset < -len', fn () => swoole_substr_json_decode('[1]', -4));
attempt('offset = -len', fn () => swoole_substr_json_decode('[1]', -3));
attempt('scalar', fn () => swoole_substr_json_decode('ab12', 2));

echo "-- swoole_substr_unserialize\n";
$ser = serialize(['k' => 'v', 'n' => [1.5, true]]);
$buf = pack('N', strlen($ser)) . $ser . "\r\n";
attempt('exact', fn () => swoole_substr_unserialize($buf, 4, strlen($ser)));
attempt('rest', fn () => swoole_substr_unserialize($buf, 4));
attempt('negative offset', fn () => swoole_substr_unserialize($buf, -(strlen($ser) + 2), strlen($ser)));
attempt('len too big', fn () => swoole_substr_unserialize($buf, 4, 10000));
attempt('bad offset', fn () => @swoole_substr_unserialize($buf, 0));
attempt('short', fn () => @swoole_substr_unserialize($buf, 4, 10));
attempt('empty', fn () => swoole_substr_unserialize('', 0));
attempt('offset = len', fn () => swoole_substr_unserialize('i:1;', 4));
attempt('offset < -len', fn () => swoole_substr_unserialize('i:1;', -5));
attempt('offset = -len', fn () => swoole_substr_unserialize('i:1;', -4));
$obj = serialize(new ArrayObject([1]));
attempt('allowed_classes', fn () => get_class(swoole_substr_unserialize("--$obj", 2, 0, ['allowed_classes' => false])));
attempt('allowed class', fn () => get_class(swoole_substr_unserialize("--$obj", 2, 0, ['allowed_classes' => ['ArrayObject']])));
--EXPECT--
-- helpers
string             'Swoole\\StringObject'
mbstring           'Swoole\\MultibyteStringObject'
array              array (  0 => 1,)
_array             array (  'k' => 1,)
array_list         array (  0 => 1,  1 => 'a',  2 =>   array (    0 => 2,  ),)
array_list none    array ()
default hit        NULL
default miss       'd'
default int key    'five'
default no dflt    NULL
in container       true
cpu num            true
cpu num env        3
-- swoole_table
id:int, score : f, name: string :16  array (  0 => 'Swoole\\Table',  1 => 64,  2 =>   array (    'id' => 7,    'score' => 1.5,    'name' => 'Ann',  ),)
a:i,b:float,c:s:4  array (  0 => 'Swoole\\Table',  1 => 64,  2 =>   array (    'a' => 1,    'b' => 2.5,    'c' => 'xyzxyz',  ),)
a                  TypeError: Exception::__construct(): Argument #1 ($message) must be of type string, int given
a:x                RuntimeException: unknown field type[x]
a:s                RuntimeException: need to give string length
a:s:0              RuntimeException: invalid string length[0]
a:s:-3             RuntimeException: invalid string length[-3]
a:int,             TypeError: Exception::__construct(): Argument #1 ($message) must be of type string, int given
-- swoole_substr_json_decode
object             (object) array(   'a' =>   (object) array(     'b' =>     array (      0 => 1,      1 => 2,    ),  ),)
assoc              array (  'a' =>   array (    'b' =>     array (      0 => 1,      1 => 2,    ),  ),)
assoc false+flag   (object) array(   'a' =>   (object) array(     'b' =>     array (      0 => 1,      1 => 2,    ),  ),)
assoc null+flag    array (  'a' =>   array (    'b' =>     array (      0 => 1,      1 => 2,    ),  ),)
negative offset    array (  'a' =>   array (    'b' =>     array (      0 => 1,      1 => 2,    ),  ),)
rest (len 0)       array (  0 => 1,  1 => 2,)
len too big        array (  0 => 1,  1 => 2,)
len negative       array (  0 => 1,  1 => 2,)
trailing junk      array (  0 =>   (object) array(     'a' =>     (object) array(       'b' =>       array (        0 => 1,        1 => 2,      ),    ),  ),  1 => 'No error',)
depth              array (  0 => NULL,  1 => 'Maximum stack depth exceeded',)
[warning] swoole_substr_json_decode(): Depth must be greater than zero
depth 0            NULL
throw              JsonException: Syntax error
[warning] swoole_substr_json_decode(): Non-empty string required
empty              NULL
[warning] swoole_substr_json_decode(): Offset must be less than the length of the string
offset = len       NULL
[warning] swoole_substr_json_decode(): Offset must be not less than the negative length of the string
offset < -len      NULL
offset = -len      array (  0 => 1,)
scalar             12
-- swoole_substr_unserialize
exact              array (  'k' => 'v',  'n' =>   array (    0 => 1.5,    1 => true,  ),)
rest               array (  'k' => 'v',  'n' =>   array (    0 => 1.5,    1 => true,  ),)
negative offset    array (  'k' => 'v',  'n' =>   array (    0 => 1.5,    1 => true,  ),)
len too big        array (  'k' => 'v',  'n' =>   array (    0 => 1.5,    1 => true,  ),)
bad offset         false
short              false
empty              false
offset = len       false
offset < -len      false
offset = -len      1
allowed_classes    '__PHP_Incomplete_Class'
allowed class      'ArrayObject'
