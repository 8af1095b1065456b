--TEST--
Swoole\Http\Status (library): an abstract class of the 61 status-code constants, getReasonPhrase() with Swoole's wording ('Request Time-out', 'Multi-status', 'Requested range not satisfiable'; 'Unknown' for other codes), getReasonPhrases() keyed by code
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\Http\Status;
$r = new ReflectionClass(Status::class);
var_dump($r->isAbstract(), count($r->getConstants()), Status::NOT_FOUND, Status::REQUEST_TIME_OUT);
foreach ([200, 207, 226, 404, 408, 414, 416, 451, 504, 505, 511, 999] as $c) echo $c, ' ', Status::getReasonPhrase($c), "\n";
$all = Status::getReasonPhrases();
var_dump(count($all), array_key_first($all), array_key_last($all));
?>
--EXPECT--
bool(true)
int(61)
int(404)
int(408)
200 OK
207 Multi-status
226 IM Used
404 Not Found
408 Request Time-out
414 Request-URI Too Large
416 Requested range not satisfiable
451 Unavailable For Legal Reasons
504 Gateway Time-out
505 HTTP Version not supported
511 Network Authentication Required
999 Unknown
int(61)
int(100)
int(511)
