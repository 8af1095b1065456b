<?php
// Swoole\Process\Manager (alias Swoole\Process\ProcessManager): a
// Process\Pool whose members each run a function of their own. Swoole 6.2.2
// ships it in its PHP library; this is corust's own code with the same
// public API (constructor, add/addBatch/start, the IPC type and message
// queue key accessors, the protected properties a subclass may use).
// library/mod.rs compiles this file the first time a script names the class.
declare(strict_types=1);

namespace Swoole\Process;

class Manager
{
    /** The pool start() runs (null before). */
    protected $pool;

    protected $ipcType = SWOOLE_IPC_NONE;

    protected $msgQueueKey = 0;

    /** One [callable, bool $enableCoroutine] per member, by worker id. */
    protected $startFuncMap = [];

    public function __construct(int $ipcType = SWOOLE_IPC_NONE, int $msgQueueKey = 0)
    {
        $this->setIPCType($ipcType);
        $this->setMsgQueueKey($msgQueueKey);
    }

    /** One member running $func($pool, $workerId). */
    public function add(callable $func, bool $enableCoroutine = false): self
    {
        return $this->addBatch(1, $func, $enableCoroutine);
    }

    /** $workerNum members running the same $func. */
    public function addBatch(int $workerNum, callable $func, bool $enableCoroutine = false): self
    {
        for ($n = 0; $n < $workerNum; $n++) {
            $this->startFuncMap[] = [$func, $enableCoroutine];
        }
        return $this;
    }

    /**
     * Forks the members and supervises them (a member that exits is started
     * again) until the pool is shut down; returns in the master then.
     */
    public function start(): void
    {
        $members = $this->startFuncMap;
        $this->pool = new Pool(count($members), $this->ipcType, $this->msgQueueKey, false);
        $this->pool->on('workerStart', static function (Pool $pool, int $workerId) use ($members): void {
            [$func, $inCoroutine] = $members[$workerId];
            if ($inCoroutine) {
                \Swoole\Coroutine\run($func, $pool, $workerId);
            } else {
                $func($pool, $workerId);
            }
        });
        $this->pool->start();
    }

    public function setIPCType(int $ipcType): self
    {
        $this->ipcType = $ipcType;
        return $this;
    }

    public function getIPCType(): int
    {
        return $this->ipcType;
    }

    public function setMsgQueueKey(int $msgQueueKey): self
    {
        $this->msgQueueKey = $msgQueueKey;
        return $this;
    }

    public function getMsgQueueKey(): int
    {
        return $this->msgQueueKey;
    }
}

class_alias(Manager::class, ProcessManager::class, true);
