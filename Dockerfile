# Builds corust on the official PHP 8.2 CLI image and runs the demo.
FROM php:8.2-cli
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang libclang-dev curl ca-certificates build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
ENV PATH=/root/.cargo/bin:$PATH
WORKDIR /src
COPY . .
RUN cargo build --release \
 && cp target/release/libcorust.so "$(php-config --extension-dir)/corust.so" \
 && echo "extension=corust" > /usr/local/etc/php/conf.d/corust.ini
CMD ["php", "examples/demo.php"]
