# Builds corust on the official PHP 8.2 CLI image and runs the demo app
# (docker run --rm -p 9501:9501 corust, then: curl http://127.0.0.1:9501/).
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
ENV DEMO_HOST=0.0.0.0
EXPOSE 9501
CMD ["sh", "-c", "php examples/demo.php && php examples/http-app.php 9501"]
