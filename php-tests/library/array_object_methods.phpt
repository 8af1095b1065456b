--TEST--
Swoole\ArrayObject (swoole_array(), swoole_array_list()): get/getOr/first/last wrapping values, ArrayKeyNotExists (and the TypeError for a missing int key, as in Swoole), ArrayAccess, Iterator, Countable, serialize/unserialize, stack, functional and sort methods, subclasses (same output as Swoole 6.2.2)
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\ArrayObject;
use Swoole\Exception\ArrayKeyNotExists;

function show(string $label, mixed $v): void
{
    if ($v instanceof ArrayObject) {
        $v = get_class($v) . json_encode($v->toArray());
    } elseif ($v instanceof Swoole\StringObject) {
        $v = get_class($v) . '(' . var_export((string) $v, true) . ')';
    } else {
        $v = str_replace("\n", '', var_export($v, true));
    }
    echo str_pad($label, 16), ' ', $v, "\n";
}
function attempt(string $label, callable $fn): void
{
    try { show($label, $fn()); } catch (Throwable $e) { show($label, get_class($e) . ': ' . $e->getMessage()); }
}

$a = swoole_array(['a' => 'apple', 'b' => [1, 2], 'n' => null, 'i' => 7]);
show('class', $a);
show('count', count($a));
show('count()', $a->count());
show('isEmpty', $a->isEmpty());
show('isEmpty []', swoole_array()->isEmpty());
show('get str', $a->get('a'));
show('get arr', $a->get('b'));
show('get null', $a->get('n'));
show('get int', $a->get('i'));
attempt('get missing', fn () => $a->get('zz'));
attempt('get missing int', fn () => $a->get(99));
show('getOr', $a->getOr('a', 'd'));
show('getOr missing', $a->getOr('zz', 'd'));
show('getOr null', $a->getOr('n', 'd'));
show('first', $a->first());
show('last', $a->last());
show('firstKey', $a->firstKey());
show('lastKey', $a->lastKey());
show('first empty', swoole_array()->first());
show('last empty', swoole_array()->last());
show('firstKey empty', swoole_array()->firstKey());
show('exists n', $a->exists('n'));
show('isset n', isset($a['n']));
show('isset a', isset($a['a']));
show('empty b', empty($a['b']));
show('[a]', $a['a']);
show('[missing]', $a['missing']);
show('[b][1]', $a['b'][1]);
$a['new'] = 'v';
$a[] = 'pushed';
unset($a['i']);
show('after []=', $a);
show('set', $a->set('s', 1)->set(5, 'five'));
show('delete', $a->delete('s')->delete('nope'));
show('contains', $a->contains('apple'));
show('contains loose', swoole_array([1, 2])->contains('1', false));
show('contains strict', swoole_array([1, 2])->contains('1'));
show('indexOf', $a->indexOf('v'));
show('indexOf miss', $a->indexOf('zz'));
show('search', swoole_array([1, '1', 1])->search('1'));
$d = swoole_array([1, '1', 2, 1, '1']);
show('lastIndexOf', $d->lastIndexOf(1));
show('lastIndexOf str', $d->lastIndexOf('1'));
show('lastIndexOf lse', $d->lastIndexOf(2.0, false));
show('lastIndexOf mis', $d->lastIndexOf(3));
show('remove', swoole_array([1, 2, 1, 3, 1])->remove(1));
show('remove loop', swoole_array([1, 2, 1, 3, 1])->remove(1, true, true));
show('remove strict', swoole_array([1, 2, '1'])->remove('1'));
show('remove loose', swoole_array(['1', 2, 1])->remove(1, false, true));
show('clear', swoole_array([1])->clear());

echo "-- iteration\n";
$it = swoole_array(['x' => 'X', 'y' => ['Y'], 'z' => false, 'w' => 'W']);
foreach ($it as $k => $v) {
    echo "$k => ", json_encode($v), "\n";
}
show('rewind', $it->rewind());
show('current', $it->current());
show('key', $it->key());
show('next', $it->next());
show('valid', $it->valid());
$it->next(); $it->next(); $it->next();
show('valid end', $it->valid());
show('current end', $it->current());
show('iterator_to_arr', iterator_to_array(swoole_array([3 => 'c', 'k' => 'v'])));
show('instanceof', [$it instanceof ArrayAccess, $it instanceof Countable, $it instanceof Iterator, $it instanceof Serializable, $it instanceof Traversable]);

echo "-- serialize\n";
$s = serialize(swoole_array(['a' => 1, 'b' => [2]]));
show('serialize', $s);
show('unserialize', unserialize($s));
show('->serialize', swoole_array([1, 'x'])->serialize());
show('->unserialize', swoole_array(['old'])->unserialize('a:1:{s:1:"k";i:5;}'));
show('->unser strobj', swoole_array()->unserialize(swoole_string('a:1:{i:0;s:1:"q";}')));
show('->unser scalar', swoole_array()->unserialize('i:5;'));
show('__toArray', swoole_array([1])->__toArray());
show('from', ArrayObject::from([1, 2]));
show('clone', (function () { $x = swoole_array([1]); $y = clone $x; $y->push(2); return [$x->count(), $y->count()]; })());

echo "-- stack\n";
$q = swoole_array([1, 2]);
show('push', $q->push(3));
show('pushBack', $q->pushBack(4));
show('pushFront', $q->pushFront(0));
show('append', $q->append(5, 6));
show('pop', $q->pop());
show('popBack', $q->popBack());
show('popFront', $q->popFront());
show('state', $q);
show('insert', swoole_array([1, 2, 3])->insert(1, 'x'));
show('insert arr', swoole_array([1, 2, 3])->insert(1, ['a', 'b']));
show('insert null', swoole_array([1, 2, 3])->insert(-1, null));
show('insert keys', swoole_array(['a' => 1, 'b' => 2])->insert(1, 9));
show('pop empty', swoole_array()->pop());
show('popFront empty', swoole_array()->popFront());

echo "-- functional\n";
$n = swoole_array([3, 1, 2, 4]);
show('sum', $n->sum());
show('product', $n->product());
show('sum floats', swoole_array([1.5, 2])->sum());
show('join', $n->join(','));
show('join default', $n->join());
show('slice', $n->slice(1, 2));
show('slice keys', $n->slice(1, 2, true));
show('slice neg', $n->slice(-1));
show('map', $n->map(fn ($x) => $x * 10));
show('map args', $n->map(fn ($x, $y) => $x + $y, [10, 20, 30, 40]));
show('map keys', swoole_array(['a' => 1])->map(fn ($x) => $x));
show('reduce', $n->reduce(fn ($c, $x) => $c + $x, 100));
show('reduce null', swoole_array()->reduce(fn ($c, $x) => $c + $x));
show('each', $n->each(function (&$v, $k) { $v = "$k:$v"; }));
show('keys', swoole_array(['a' => 1, 'b' => 2, 'c' => 1])->keys());
show('keys search', swoole_array(['a' => 1, 'b' => 2, 'c' => 1])->keys(1));
show('keys strict', swoole_array(['a' => 1, 'b' => '1'])->keys('1', true));
show('values', swoole_array(['a' => 1, 'b' => 2])->values());
$rows = [['id' => 1, 'n' => 'a'], ['id' => 2, 'n' => 'b']];
show('column', swoole_array($rows)->column('n'));
show('column idx', swoole_array($rows)->column('n', 'id'));
show('column null', swoole_array($rows)->column(null, 'n'));
show('unique', swoole_array([1, '1', 2, 2.0, 'a', 'a'])->unique());
show('unique reg', swoole_array([4, '4', '3', 4, 3, '3'])->unique(SORT_REGULAR));
show('reverse', swoole_array(['x' => 1, 2, 3])->reverse());
show('reverse keys', swoole_array([1, 2, 3])->reverse(true));
show('chunk', swoole_array([1, 2, 3])->chunk(2));
show('chunk keys', swoole_array(['a' => 1, 'b' => 2, 'c' => 3])->chunk(2, true));
show('flip', swoole_array(['a' => 1, 'b' => 2])->flip());
show('filter', swoole_array([1, 0, 2, null, 3])->filter(fn ($v) => (bool) $v));
show('filter key', swoole_array(['a' => 1, 'b' => 2])->filter(fn ($k) => $k === 'b', ARRAY_FILTER_USE_KEY));
show('filter both', swoole_array(['a' => 1, 'b' => 2])->filter(fn ($v, $k) => $v === 1 || $k === 'b', ARRAY_FILTER_USE_BOTH));
show('randomGet', in_array(swoole_array([5, 6])->randomGet(), [5, 6], true));
show('randomGet str', swoole_array(['s'])->randomGet());
attempt('randomGet empty', fn () => swoole_array()->randomGet());
attempt('chunk 0', fn () => swoole_array([1])->chunk(0));

echo "-- sort\n";
$s = ['b' => 3, 'a' => 1, 'c' => 2];
show('asort', swoole_array($s)->asort());
show('arsort', swoole_array($s)->arsort());
show('ksort', swoole_array($s)->ksort());
show('krsort', swoole_array($s)->krsort());
show('sort', swoole_array($s)->sort());
show('rsort', swoole_array($s)->rsort());
show('sort string', swoole_array(['10', '9', '2'])->sort(SORT_STRING));
show('natsort', swoole_array(['img12', 'img10', 'IMG2', 'img1'])->natsort());
show('natcasesort', swoole_array(['img12', 'img10', 'IMG2', 'img1'])->natcasesort());
show('usort', swoole_array([3, 1, 2])->usort(fn ($x, $y) => $y <=> $x));
show('uasort', swoole_array($s)->uasort(fn ($x, $y) => $x <=> $y));
show('uksort', swoole_array($s)->uksort(fn ($x, $y) => strcmp($y, $x)));
show('shuffle', swoole_array([1, 2, 3])->shuffle()->sort());

echo "-- subclass\n";
class Bag extends ArrayObject {}
$b = Bag::from(['k' => ['x' => 'y'], 's' => 'str']);
show('get arr', $b->get('k'));
show('get str', $b->get('s'));
show('slice', $b->slice(0, 1));
show('join', Bag::from(['a', 'b'])->join('-'));
show('exception', new ArrayKeyNotExists('m') instanceof RuntimeException);
attempt('first of list', fn () => swoole_array_list('a', ['b'])->last()->first());
--EXPECT--
class            Swoole\ArrayObject{"a":"apple","b":[1,2],"n":null,"i":7}
count            4
count()          4
isEmpty          false
isEmpty []       true
get str          Swoole\StringObject('apple')
get arr          Swoole\ArrayObject[1,2]
get null         NULL
get int          7
get missing      'Swoole\\Exception\\ArrayKeyNotExists: zz'
get missing int  'TypeError: Exception::__construct(): Argument #1 ($message) must be of type string, int given'
getOr            Swoole\StringObject('apple')
getOr missing    'd'
getOr null       NULL
first            Swoole\StringObject('apple')
last             7
firstKey         'a'
lastKey          'i'
first empty      NULL
last empty       NULL
firstKey empty   NULL
exists n         true
isset n          false
isset a          true
empty b          false
[a]              'apple'
[missing]        NULL
[b][1]           2
after []=        Swoole\ArrayObject{"a":"apple","b":[1,2],"n":null,"new":"v","":"pushed"}
set              Swoole\ArrayObject{"a":"apple","b":[1,2],"n":null,"new":"v","":"pushed","s":1,"5":"five"}
delete           Swoole\ArrayObject{"a":"apple","b":[1,2],"n":null,"new":"v","":"pushed","5":"five"}
contains         true
contains loose   true
contains strict  false
indexOf          'new'
indexOf miss     false
search           1
lastIndexOf      3
lastIndexOf str  4
lastIndexOf lse  2
lastIndexOf mis  NULL
remove           Swoole\ArrayObject{"1":2,"2":1,"3":3,"4":1}
remove loop      Swoole\ArrayObject{"1":2,"3":3}
remove strict    Swoole\ArrayObject[1,2]
remove loose     Swoole\ArrayObject{"1":2}
clear            Swoole\ArrayObject[]
-- iteration
x => "X"
y => ["Y"]
z => false
w => "W"
rewind           'X'
current          'X'
key              'x'
next             array (  0 => 'Y',)
valid            true
valid end        false
current end      false
iterator_to_arr  array (  3 => 'c',  'k' => 'v',)
instanceof       array (  0 => true,  1 => true,  2 => true,  3 => true,  4 => true,)
-- serialize
serialize        'O:18:"Swoole\\ArrayObject":2:{s:1:"a";i:1;s:1:"b";a:1:{i:0;i:2;}}'
unserialize      Swoole\ArrayObject{"a":1,"b":[2]}
->serialize      'a:2:{i:0;i:1;i:1;s:1:"x";}'
->unserialize    Swoole\ArrayObject{"k":5}
->unser strobj   Swoole\ArrayObject["q"]
->unser scalar   Swoole\ArrayObject[5]
__toArray        array (  0 => 1,)
from             Swoole\ArrayObject[1,2]
clone            array (  0 => 1,  1 => 2,)
-- stack
push             3
pushBack         4
pushFront        5
append           Swoole\ArrayObject[0,1,2,3,4,5,6]
pop              6
popBack          5
popFront         0
state            Swoole\ArrayObject[1,2,3,4]
insert           Swoole\ArrayObject[1,"x",2,3]
insert arr       Swoole\ArrayObject[1,["a","b"],2,3]
insert null      Swoole\ArrayObject[1,2,null,3]
insert keys      Swoole\ArrayObject{"a":1,"0":9,"b":2}
pop empty        NULL
popFront empty   NULL
-- functional
sum              10
product          24
sum floats       3.5
join             Swoole\StringObject('3,1,2,4')
join default     Swoole\StringObject('3124')
slice            Swoole\ArrayObject[1,2]
slice keys       Swoole\ArrayObject{"1":1,"2":2}
slice neg        Swoole\ArrayObject[4]
map              Swoole\ArrayObject[30,10,20,40]
map args         Swoole\ArrayObject[13,21,32,44]
map keys         Swoole\ArrayObject{"a":1}
reduce           110
reduce null      NULL
each             Swoole\ArrayObject["0:3","1:1","2:2","3:4"]
keys             Swoole\ArrayObject["a","b","c"]
keys search      Swoole\ArrayObject["a","c"]
keys strict      Swoole\ArrayObject["b"]
values           Swoole\ArrayObject[1,2]
column           Swoole\ArrayObject["a","b"]
column idx       Swoole\ArrayObject{"1":"a","2":"b"}
column null      Swoole\ArrayObject{"a":{"id":1,"n":"a"},"b":{"id":2,"n":"b"}}
unique           Swoole\ArrayObject{"0":1,"2":2,"4":"a"}
unique reg       Swoole\ArrayObject{"0":4,"2":"3"}
reverse          Swoole\ArrayObject{"0":3,"1":2,"x":1}
reverse keys     Swoole\ArrayObject{"2":3,"1":2,"0":1}
chunk            Swoole\ArrayObject[[1,2],[3]]
chunk keys       Swoole\ArrayObject[{"a":1,"b":2},{"c":3}]
flip             Swoole\ArrayObject{"1":"a","2":"b"}
filter           Swoole\ArrayObject{"0":1,"2":2,"4":3}
filter key       Swoole\ArrayObject{"b":2}
filter both      Swoole\ArrayObject{"a":1,"b":2}
randomGet        true
randomGet str    Swoole\StringObject('s')
randomGet empty  'ValueError: array_rand(): Argument #1 ($array) cannot be empty'
chunk 0          'ValueError: array_chunk(): Argument #2 ($length) must be greater than 0'
-- sort
asort            Swoole\ArrayObject{"a":1,"c":2,"b":3}
arsort           Swoole\ArrayObject{"b":3,"c":2,"a":1}
ksort            Swoole\ArrayObject{"a":1,"b":3,"c":2}
krsort           Swoole\ArrayObject{"c":2,"b":3,"a":1}
sort             Swoole\ArrayObject[1,2,3]
rsort            Swoole\ArrayObject[3,2,1]
sort string      Swoole\ArrayObject["10","2","9"]
natsort          Swoole\ArrayObject{"2":"IMG2","3":"img1","1":"img10","0":"img12"}
natcasesort      Swoole\ArrayObject{"3":"img1","2":"IMG2","1":"img10","0":"img12"}
usort            Swoole\ArrayObject[3,2,1]
uasort           Swoole\ArrayObject{"a":1,"c":2,"b":3}
uksort           Swoole\ArrayObject{"c":2,"b":3,"a":1}
shuffle          Swoole\ArrayObject[1,2,3]
-- subclass
get arr          Bag{"x":"y"}
get str          Swoole\StringObject('str')
slice            Bag{"k":{"x":"y"}}
join             Swoole\StringObject('a-b')
exception        true
first of list    Swoole\StringObject('b')
