<?php
// Swoole's connection pools and database proxies (placeholder).
namespace Swoole;

class ConnectionPool
{
}
