# corust — see README.md. Every target installs its own prerequisites first.
EXT       := $(CURDIR)/target/release/libcorust.so
PHP       := php
PHPX      := $(PHP) -d extension=$(EXT)

.PHONY: all setup build test test-rust test-php test-fuzz fuzz services-start services-stop demo install valgrind bench clippy fmt clean

all: build

setup:
	@scripts/setup.sh

build: setup
	cargo build --release

test-rust: setup
	cargo test --no-default-features

# MariaDB and Redis (throwaway, 127.0.0.1) run for the duration of the suite.
test-php: build
	scripts/stubcheck.sh
	@scripts/services.sh install
	@scripts/services.sh start
	@eval "$$(scripts/services.sh env)"; scripts/phpt.sh; rc=$$?; scripts/services.sh stop; exit $$rc

services-start:
	@scripts/services.sh install
	@scripts/services.sh start
	@scripts/services.sh env

services-stop:
	@scripts/services.sh stop

# Every wire parser's fuzz target, briefly (FUZZ_SECONDS each).
FUZZ_SECONDS ?= 60
test-fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

# The same targets for longer, on demand (make fuzz FUZZ_LONG_SECONDS=3600).
FUZZ_LONG_SECONDS ?= 600
fuzz: setup
	scripts/fuzz.sh $(FUZZ_LONG_SECONDS)

test: test-rust test-php test-fuzz

DEMO_PORT ?= 9501

# Coroutines interleaving, then the Hyperf-style HTTP app (Ctrl+C stops it).
demo: build
	$(PHPX) examples/demo.php
	@echo
	$(PHPX) examples/http-app.php $(DEMO_PORT)

install: build
	install -m 0644 $(EXT) "$$(php-config --extension-dir)/corust.so"
	@echo "installed: php -d extension=corust.so …"

# The switch-path tests under valgrind memcheck (Zend allocator off), then a
# live HTTP server under memcheck (requests, keep-alive, chunked, uploads,
# hostile input).
valgrind: build
	@scripts/setup.sh valgrind
	VALGRIND=1 scripts/phpt.sh php-tests/coroutine php-tests/defer php-tests/timer php-tests/run php-tests/channel php-tests/wait_group php-tests/barrier php-tests/context php-tests/parallel php-tests/cancel php-tests/guide php-tests/hook_stream php-tests/hook_sleep php-tests/hook_proc php-tests/hook_tls php-tests/hook_curl php-tests/hook_file php-tests/hook_sockets
	scripts/valgrind_http.sh

bench: build
	bench/run.sh

clippy: setup
	cargo clippy --release -- -D warnings
	cargo clippy --no-default-features --tests -- -D warnings

fmt:
	cargo fmt

clean:
	cargo clean
