--TEST--
FastCGI records and a hostile FastCGI peer (where Swoole lets a DomainException or unpack() warnings out of execute(), corust throws Client\Exception): records round-trip (params with long names and values, GET_VALUES, BEGIN/END_REQUEST, UNKNOWN_TYPE) and FrameParser cuts a stream at record ends; a peer that answers with an unknown record type, a lying params length, the largest record FastCGI allows (65535 + 255 padding: Swoole refuses it), a truncated record, no END_REQUEST or a 300-record reply, and 300 replies of random bytes: the client throws Client\Exception (EPROTO, ECONNRESET, timeouts) or returns a Response, and the process lives on
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; ?>
--FILE--
<?php
use Swoole\FastCGI;
use Swoole\FastCGI\FrameParser;
use Swoole\FastCGI\Record;
use Swoole\FastCGI\Record\{BeginRequest, EndRequest, GetValues, Params, Stdout, Stderr, UnknownType};
use Swoole\Coroutine\FastCGI\Client;

// Round trips.
$stream = '';
$values = ['SHORT' => 'v', str_repeat('N', 300) => str_repeat('V', 1000), 'EMPTY' => ''];
foreach ([new BeginRequest(FastCGI::RESPONDER, FastCGI::KEEP_CONN), new Params($values), new GetValues(['FCGI_MAX_CONNS']),
          new Stdout('hello'), new Stderr(''), new EndRequest(FastCGI::OVERLOADED, 7), new UnknownType(99)] as $r) {
    $stream .= $r;
}
$n = strlen($stream);
var_dump(FrameParser::hasFrame(substr($stream, 0, 7)), FrameParser::hasFrame(substr($stream, 0, 15)), FrameParser::hasFrame($stream));
$out = [];
while ($stream !== '') {
    $r = FrameParser::parseFrame($stream);
    $out[] = (new ReflectionClass($r))->getShortName() . ':' . $r->getType() . ':' . $r->getContentLength() . '+' . $r->getPaddingLength();
    if ($r instanceof Params) $out[] = json_encode(array_map('strlen', $r->getValues()));
    if ($r instanceof BeginRequest) $out[] = $r->getRole() . '/' . $r->getFlags();
    if ($r instanceof EndRequest) $out[] = $r->getProtocolStatus() . '/' . $r->getAppStatus();
    if ($r instanceof UnknownType) $out[] = $r->getUnrecognizedType();
    if ($r instanceof Stdout) $out[] = $r->getContentData();
}
echo $n, "\n", implode("\n", $out), "\n";
// A body of "0" is sent (Swoole's empty() drops it).
$w = (string) (new Swoole\FastCGI\Request())->withBody('0');
$types = [];
while ($w !== '') { $r = FrameParser::parseFrame($w); $types[] = $r->getType() . ($r->getContentData() === '0' ? '(0)' : ''); }
echo implode(',', $types), "\n";
foreach (["\x01\x04\x00\x01\x00\x03\x00\x00\x05ab", "\x01\x04\x00\x01\x00\x02\x00\x00\x80\x00", "\x01\x63\x00\x01\x00\x00\x00\x00"] as $bad) {
    try { FrameParser::parseFrame($bad); echo "parsed\n"; } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}

// A hostile peer: each connection gets the reply its request's SCRIPT_FILENAME names.
$end = (string) new EndRequest();
$replies = [
    'unknown-type' => "\x01\x63\x00\x01\x00\x00\x00\x00",
    'lying-params' => "\x01\x0a\x00\x01\x00\x02\x00\x00\x85\x00" . "\0\0\0\0\0\0",
    'biggest' => "\x01\x06\x00\x01\xff\xff\xff\x00" . "\r\n\r\n" . str_repeat('b', 65531) . str_repeat("\0", 255) . $end,
    'truncated' => "\x01\x06\x00\x01\x00\x10\x00\x00short",
    'no-end' => (string) new Stdout("Status: 200\r\n\r\nbody"),
    'many' => str_repeat((string) new Stdout('x'), 300) . $end,
    'ok' => (new Stdout("Status: 404 Nope\r\nX-A: b\r\n\r\ngone")) . $end,
];
Co\run(function () use ($replies) {
    $server = new Swoole\Coroutine\Server('127.0.0.1', 0);
    $port = $server->port;
    go(function () use ($server, $replies) {
        $server->handle(function (Swoole\Coroutine\Server\Connection $conn) use ($replies) {
            $sock = $conn->exportSocket();
            $sock->setProtocol(['open_fastcgi_protocol' => true]);
            $name = null;
            while ($name === null && ($pkt = $sock->recvPacket(2))) {
                $r = FrameParser::parseFrame($pkt);
                if ($r instanceof Params && isset($r->getValues()['SCRIPT_FILENAME'])) $name = $r->getValues()['SCRIPT_FILENAME'];
            }
            if (str_starts_with((string) $name, 'random')) {
                mt_srand((int) substr($name, 6));
                $sock->sendAll(random_bytes(mt_rand(1, 64)) . str_repeat(chr(mt_rand(0, 255)), mt_rand(0, 2000)));
            } else {
                $sock->sendAll($replies[$name] ?? '');
            }
            $sock->close();
        });
        $server->start();
    });
    $client = new Client('127.0.0.1', $port);
    $req = fn (string $name) => (new Swoole\FastCGI\HttpRequest())->withScriptFilename($name);
    foreach (array_keys($replies) as $name) {
        try {
            $r = $client->execute($req($name), 1);
            echo "$name: ", get_class($r), ' ', $r->getStatusCode(), ' ', $r->getReasonPhrase(), ' ', strlen($r->getBody()), ' ', json_encode($r->getHeaders()), "\n";
        } catch (Client\Exception $e) {
            echo "$name: ", $e->getCode(), ' ', $e->getMessage(), "\n";
        }
    }
    $outcomes = [];
    for ($i = 0; $i < 300; $i++) {
        try {
            $client->execute($req("random$i"), 1);
            $outcomes['response'] = ($outcomes['response'] ?? 0) + 1;
        } catch (Client\Exception $e) {
            $outcomes[$e->getCode()] = 1;
        }
    }
    ksort($outcomes);
    echo 'random: ', implode(',', array_keys($outcomes)), "\n";
    $server->shutdown();
});
echo "alive\n";
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
1432
BeginRequest:1:8+0
1/1
Params:4:1323+5
{"SHORT":1,"%s":1000,"EMPTY":0}
GetValues:9:16+0
{"FCGI_MAX_CONNS":0}
Stdout:6:5+3
hello
Stderr:7:0+0
EndRequest:3:8+0
2/7
UnknownType:11:8+0
99
1,4,5(0),5
RuntimeException: Can not unpack data from the binary buffer
RuntimeException: Can not unpack data from the binary buffer
DomainException: Invalid FastCGI record type 99 received
unknown-type: 71 Protocol error
lying-params: 71 Protocol error
biggest: Swoole\FastCGI\HttpResponse 200 OK 65531 []
truncated: 104 Connection reset by peer
no-end: 104 Connection reset by peer
many: Swoole\FastCGI\HttpResponse 502 Invalid FastCGI Response 300 []
ok: Swoole\FastCGI\HttpResponse 404 Nope 4 {"X-A":"b"}
random: %s
alive
