--TEST--
Swoole\Table: int/float/string columns (a string column needs a size, none after create), set() of a new row clears the columns not given and of an existing row changes only those given, get() of a row or a field, incr/decr (making the row; refused on a string column), exists/del/count (Countable), a too-long string is cut, foreach over every row, stats() counters, keys cut at 63 bytes, a full table refuses with Swoole's warning, destroy() leaves the object as if never constructed
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
$t = new Swoole\Table(100);
var_dump($t instanceof Iterator, $t instanceof Countable);
var_dump($t->column('id', Swoole\Table::TYPE_INT), $t->column('name', Swoole\Table::TYPE_STRING, 10), $t->column('score', Swoole\Table::TYPE_FLOAT));
var_dump(@$t->column('bad', Swoole\Table::TYPE_STRING), error_get_last()['message']);
var_dump($t->create(), $t->size, $t->getSize(), $t->getMemorySize() > 0, $t->memorySize === $t->getMemorySize());
var_dump(@$t->column('late', Swoole\Table::TYPE_INT), error_get_last()['message']);
var_dump($t->set('a', ['id' => 1, 'name' => 'alice', 'score' => 1.5, 'nope' => 3]), $t->set('b', ['id' => '2']));
echo json_encode([$t->get('a'), $t->get('b'), $t->get('a', 'name'), $t->get('zz')]), "\n";
$t->set('a', ['score' => 9.25]);
echo json_encode($t->get('a')), "\n";
var_dump($t->incr('a', 'id', 5), $t->decr('a', 'score', 0.25), $t->incr('c', 'id'), @$t->incr('a', 'name'), error_get_last()['message']);
var_dump(count($t), $t->exists('a'), $t->del('a'), $t->del('a'), $t->exists('a'));
$t->set('x', ['name' => str_repeat('y', 40)]);
var_dump($t->get('x', 'name'));
$rows = [];
foreach ($t as $k => $row) { $rows[$k] = $row; }
ksort($rows);
echo json_encode($rows), "\n";
echo json_encode($t->stats()), "\n";
var_dump(@$t->set(str_repeat('k', 70), ['id' => 9]), error_get_last()['message'] === 'Swoole\Table::set(): key[' . str_repeat('k', 70) . '] is too long');
$full = new Swoole\Table(64);
$full->column('v', Swoole\Table::TYPE_INT);
$full->create();
$n = 0;
for ($i = 0; $i < 200; $i++) { if (@$full->set("k$i", ['v' => $i])) $n++; }
var_dump($n >= 64 && $n <= 76, $n === count($full), preg_replace('/k\d+/', 'kN', error_get_last()['message']));
$t->destroy();
try { $t->get('b'); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
string(81) "Swoole\Table::column(): the length of string type values has to be more than zero"
bool(true)
int(128)
int(128)
bool(true)
bool(true)
bool(false)
string(73) "Swoole\Table::column(): unable to add column after table has been created"
bool(true)
bool(true)
[{"id":1,"name":"alice","score":1.5},{"id":2,"name":"","score":0},"alice",false]
{"id":1,"name":"alice","score":9.25}
int(6)
float(9)
int(1)
bool(false)
string(66) "Swoole\Table::incr(): can't execute 'incr' on a string type column"
int(3)
bool(true)
bool(true)
bool(false)
bool(false)
corust: WARNING Table: [key=x,field=name]string value is too long
string(16) "yyyyyyyyyyyyyyyy"
{"b":{"id":2,"name":"","score":0},"c":{"id":1,"name":"","score":0},"x":{"id":0,"name":"yyyyyyyyyyyyyyyy","score":0}}
{"num":3,"conflict_count":0,"conflict_max_level":0,"insert_count":4,"update_count":4,"delete_count":1,"available_slice_num":25,"total_slice_num":25}
bool(true)
bool(true)
bool(true)
bool(true)
string(67) "Swoole\Table::set(): failed to set('kN'), unable to allocate memory"
Swoole\Error: must call constructor first
