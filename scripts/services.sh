#!/usr/bin/env bash
# Throwaway MariaDB and Redis for the hook tests (and the packages the curl
# hook tests use), bound to 127.0.0.1, with their
# data under target/services (deleted on stop).
# Usage: scripts/services.sh install|start|stop|env
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="$PWD/target/services"
MYSQL_PORT="${CORUST_MYSQL_PORT:-33061}"
REDIS_PORT="${CORUST_REDIS_PORT:-63791}"
ME="$(id -un)"

install() {
    local need=()
    command -v mariadbd >/dev/null 2>&1 || need+=(mariadb-server)
    command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
    php -m 2>/dev/null | grep -qx pdo_mysql || need+=(php8.2-mysql)
    php -m 2>/dev/null | grep -qx redis || need+=(php8.2-redis)
    # ext/curl and Guzzle for php-tests/hook_curl (the HTTP peer is Python).
    [ -f "$(php-config --extension-dir)/curl.so" ] || php -m 2>/dev/null | grep -qx curl || need+=(php8.2-curl)
    [ -f /usr/share/php/GuzzleHttp/autoload.php ] || need+=(php-guzzlehttp-guzzle)
    [ -x /usr/bin/python3 ] || need+=(python3)
    # php-fpm: the peer of php-tests/library's FastCGI client and proxy tests.
    [ -x /usr/sbin/php-fpm8.2 ] || need+=(php8.2-fpm)
    if [ ${#need[@]} -gt 0 ]; then
        echo "services: installing ${need[*]}"
        SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
    # The Debian packages start their own daemons; ours run on other ports.
}

mysql_up() { mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$MYSQL_PORT" -ucorust -pcorust ping >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start() {
    mkdir -p "$RUN"
    if command -v mariadbd >/dev/null 2>&1 && ! mysql_up; then
        rm -rf "$RUN/mysql" && mkdir -p "$RUN/mysql"
        mariadb-install-db --no-defaults --datadir="$RUN/mysql/data" --user="$ME" \
            --auth-root-authentication-method=normal --skip-test-db >"$RUN/mysql-install.log" 2>&1
        mariadbd --no-defaults --datadir="$RUN/mysql/data" --user="$ME" \
            --port="$MYSQL_PORT" --bind-address=127.0.0.1 --socket="$RUN/mysql/mysql.sock" \
            --pid-file="$RUN/mysql/mysql.pid" --skip-name-resolve --max-connections=1000 \
            --innodb-buffer-pool-size=32M --skip-log-bin >"$RUN/mysql.log" 2>&1 &
        for _ in $(seq 1 60); do
            mariadb --no-defaults --socket="$RUN/mysql/mysql.sock" -uroot -e "SELECT 1" >/dev/null 2>&1 && break
            sleep 0.5
        done
        mariadb --no-defaults --socket="$RUN/mysql/mysql.sock" -uroot -e \
            "CREATE USER IF NOT EXISTS 'corust'@'%' IDENTIFIED BY 'corust'; GRANT ALL ON *.* TO 'corust'@'%'; CREATE DATABASE IF NOT EXISTS corust;"
        mysql_up && echo "services: MariaDB on 127.0.0.1:$MYSQL_PORT"
    fi
    if command -v redis-server >/dev/null 2>&1 && ! redis_up; then
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN" --save '' --appendonly no \
            --daemonize yes --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log"
        for _ in $(seq 1 40); do redis_up && break; sleep 0.25; done
        redis_up && echo "services: Redis on 127.0.0.1:$REDIS_PORT"
    fi
}

stop() {
    if [ -f "$RUN/mysql/mysql.pid" ]; then
        kill "$(cat "$RUN/mysql/mysql.pid")" 2>/dev/null || true
        for _ in $(seq 1 40); do [ -f "$RUN/mysql/mysql.pid" ] || break; sleep 0.25; done
    fi
    if [ -f "$RUN/redis.pid" ]; then
        kill "$(cat "$RUN/redis.pid")" 2>/dev/null || true
    fi
    sleep 0.5
    rm -rf "$RUN"
}

env() {
    echo "export CORUST_MYSQL_HOST=127.0.0.1 CORUST_MYSQL_PORT=$MYSQL_PORT CORUST_MYSQL_USER=corust CORUST_MYSQL_PASSWORD=corust CORUST_MYSQL_DB=corust"
    echo "export CORUST_REDIS_HOST=127.0.0.1 CORUST_REDIS_PORT=$REDIS_PORT"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    env) env ;;
    *) echo "usage: $0 install|start|stop|env" >&2; exit 2 ;;
esac
