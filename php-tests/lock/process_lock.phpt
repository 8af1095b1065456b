--TEST--
Swoole\Lock (mutex, rwlock, spinlock) as Swoole 6.2's: lock(LOCK_EX|LOCK_NB) fails with errCode EBUSY, a timed lock with ETIMEDOUT, readers share the rwlock and exclude a writer; the lock is shared with forked processes (a child's hold makes the parent wait); a holder that died without unlocking is taken over with a warning instead of wedging the others; an unknown type throws Swoole\Exception
--SKIPIF--
<?php require __DIR__ . '/../include/skipif.php'; if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
var_dump([SWOOLE_MUTEX, SWOOLE_RWLOCK, SWOOLE_SPINLOCK] === [Swoole\Lock::MUTEX, Swoole\Lock::RWLOCK, Swoole\Lock::SPINLOCK]);
$l = new Swoole\Lock();
var_dump($l->lock(), $l->lock(LOCK_EX | LOCK_NB), $l->errCode === SOCKET_EBUSY, $l->lock(LOCK_EX, 0.05), $l->errCode === SOCKET_ETIMEDOUT, $l->unlock());
$rw = new Swoole\Lock(SWOOLE_RWLOCK);
var_dump($rw->lock(LOCK_SH), $rw->lock(LOCK_SH), $rw->lock(LOCK_EX | LOCK_NB), $rw->unlock(), $rw->unlock(), $rw->lock(), $rw->lock(LOCK_SH | LOCK_NB), $rw->unlock());
foreach ([SWOOLE_MUTEX, SWOOLE_SPINLOCK] as $type) {
    $k = new Swoole\Lock($type);
    $pid = pcntl_fork();
    if ($pid === 0) { $k->lock(); usleep(300000); $k->unlock(); exit(0); }
    usleep(100000);
    $t = microtime(true);
    $k->lock();
    echo "type $type: waited for the child: ", json_encode(microtime(true) - $t > 0.1), "\n";
    $k->unlock();
    pcntl_waitpid($pid, $st);
}
// A child that dies holding the lock.
$d = new Swoole\Lock();
$pid = pcntl_fork();
if ($pid === 0) { $d->lock(); posix_kill(getmypid(), SIGKILL); }
pcntl_waitpid($pid, $st);
var_dump($d->lock(LOCK_EX, 2));
$d->unlock();
try { new Swoole\Lock(99); } catch (Swoole\Exception $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
?>
--EXPECTF--
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
type 3: waited for the child: true
type 5: waited for the child: true
corust: WARNING Lock: holder process[%d] not exists, lock taken over
bool(true)
Swoole\Exception: lock type[99] is not support
